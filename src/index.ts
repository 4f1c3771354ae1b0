/**
 * The public library API of the `raftctl` package: what library users import by the package's
 * name (package.json `exports`: `.` is this module; there are no other entry points).
 *
 * **Public and stable** (covered by semver: removed or changed incompatibly only in a new major
 * version, and while the version is 0.x only in a new minor version) is exactly what this module
 * exports, with the contracts stated in docs/transport.md:
 *
 * - the transport client: {@link GrpcTransport} (the {@link Transport} interface plus
 *   `retainMembers`), its options and result types, and {@link EndpointClient}, the
 *   address-keyed client of the CLI's commands;
 * - the wire message types those methods take and return (plain objects) and the enum values
 *   they carry;
 * - retry policies ({@link DEFAULT_RETRY}, {@link validateRetryPolicy}, {@link isRetryable}),
 *   membership helpers ({@link membershipFromClusterMetadata}, {@link chooseLeader}), the
 *   injectable {@link Clock};
 * - every error class a call can fail with, the exit-code table {@link EXIT} and
 *   {@link exitCodeOf}.
 *
 * Within those classes, {@link ChannelPool} is public only to be constructed and passed as the
 * `pool` option of several clients (and closed by its creator), its other methods are internal;
 * EndpointClient's `etcdPut` / `etcdRange` (bench only) are internal.
 *
 * **Internal** (no compatibility promise; the package's `exports` map does not expose their
 * files): everything else in the package: the Raft core, storage, the KV state machine, the
 * node runtime (`NodeHost`, `RaftNode`), the gRPC server adapter and service definitions, the
 * use-case functions behind the CLI (src/app) and the CLI itself. The CLI's stable contract is
 * its commands, flags, JSON output and exit codes (README, "Command reference"), not its modules.
 *
 * This module only re-exports named symbols of src/transport and src/errors (enforced by
 * test/unit/architecture.test.ts); the set of names is pinned by
 * test/integration/package/entry-point.test.ts.
 */

// The transport client.
export { GrpcTransport, DEFAULT_REPLICATION_RESPONSE_TIMEOUT_MS, type GrpcTransportOptions } from './transport/grpc-transport.js';
export { EndpointClient, type EndpointClientOptions } from './transport/endpoint-client.js';
export type { CallOptions } from './transport/call.js';
export { ChannelPool, type ChannelPoolOptions, type ConnectionClass } from './transport/channels.js';
export type { Clock, RandomSource } from './transport/clock.js';
export type {
  DiscoveryView,
  FanOutOptions,
  FanOutResult,
  Member,
  Membership,
  PeerCallOptions,
  PeerResult,
  PulledChunk,
  PulledSnapshotInfo,
  ReplicationStream,
  SnapshotPull,
  SnapshotPushConfig,
  SnapshotPushMetadata,
  SnapshotSource,
  Transport,
} from './transport/types.js';
export { StreamBrokenError } from './transport/replication-stream.js';

// Retry policies and membership helpers.
export { DEFAULT_RETRY, validateRetryPolicy, type RetryPolicy } from './transport/retry.js';
export { isRetryable } from './transport/status.js';
export { chooseLeader, membershipFromClusterMetadata, type LeaderChoice } from './transport/membership.js';

// Wire messages as plain objects, and the enum values they carry.
export { ChunkStatus, ConfErrorCode, ErrorCode, NodeRoleValue, NodeStatusValue, ReadPolicy } from './transport/messages.js';
export type {
  AppendEntriesRequest,
  AppendEntriesResponse,
  ClientReadRequest,
  ClientResponse,
  ClientWriteRequest,
  ClusterConfChangeRequest,
  ClusterConfUpdateResponse,
  ClusterMembership,
  Configuration,
  DengineEntry,
  Entry,
  ErrorMetadata,
  HealthCheckRequest,
  HealthCheckResponse,
  JoinRequest,
  JoinResponse,
  LeaderDiscoveryRequest,
  LeaderDiscoveryResponse,
  LogId,
  MembershipChange,
  NodeMeta,
  NodeStatus,
  PeerStatus,
  ReadIndexRequest,
  ReadIndexResponse,
  ScanRequest,
  ScanResponse,
  ServerInfo,
  SnapshotAck,
  SnapshotChunk,
  SnapshotInfo,
  SnapshotMetadata,
  SnapshotResponse,
  TimeoutNowRequest,
  VoteRequest,
  VoteResponse,
  WatchRequest,
  WatchResponse,
  WriteCommand,
} from './transport/messages.js';

// Errors.
export {
  AmbiguousClusterError,
  ConfigError,
  EXIT,
  exitCodeOf,
  IntegrityError,
  InternalError,
  NoLeaderError,
  NotReadyError,
  OutcomeUnknownError,
  ProtocolError,
  RaftCtlError,
  RejectedError,
  TimeoutError,
  UnhealthyError,
  UnreachableError,
  UsageError,
  type ErrorDetails,
  type ExitCode,
  type RaftCtlErrorOptions,
} from './errors.js';
