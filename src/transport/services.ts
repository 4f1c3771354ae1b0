/**
 * grpc-js service definitions for every service raftctl speaks, built from the generated
 * protobufjs encode/decode functions (no proto-loader). Full method paths are d-engine's.
 *
 * raftctl encodes and decodes the superset messages of `raftctl.raft.v1` on d-engine's own paths
 * (VoteRequest and AppendEntriesRequest with fields ≥ 100): a superset decoder reads d-engine's
 * messages unchanged, and d-engine's decoders skip the added fields (PROTOCOL.md).
 */
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { d_engine, grpc as grpcProto, raftctl } from '../proto/raftctl.js';

/** The static shape every generated message class has. */
export interface MessageType<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** One method: path, streaming flags, and serializers from the generated codec. */
function method<Req, Res>(
  service: string,
  name: string,
  requestType: MessageType<Req>,
  responseType: MessageType<Res>,
  requestStream = false,
  responseStream = false,
): MethodDefinition<Req, Res> {
  return {
    path: `/${service}/${name}`,
    originalName: name,
    requestStream,
    responseStream,
    requestSerialize: (m: Req) => toBuffer(requestType.encode(m).finish()),
    requestDeserialize: (b: Buffer) => requestType.decode(b),
    responseSerialize: (m: Res) => toBuffer(responseType.encode(m).finish()),
    responseDeserialize: (b: Buffer) => responseType.decode(b),
  };
}

/**
 * A request message that did not decode, or that a guard refused before decoding: what a
 * deserializer made by {@link tolerantRequests} returns instead of throwing, for the handler to
 * refuse with INVALID_ARGUMENT ({@link describe} says why).
 */
export class MalformedMessage {
  constructor(readonly error: Error) {}

  get message(): string {
    return this.error.message;
  }

  /** Why the message is refused: the guard's reason, or "not a valid `what` (decoder error)". */
  describe(what: string): string {
    return this.error instanceof RequestGuardError ? this.error.message : `not a valid ${what} (${this.error.message})`;
  }
}

/** A guard's refusal of a request before it is decoded (see {@link tolerantRequests}). */
export class RequestGuardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestGuardError';
  }
}

/**
 * `def` with a request deserializer that returns a {@link MalformedMessage} instead of throwing,
 * and that first runs `guard` over the raw bytes (it throws a {@link RequestGuardError} to refuse
 * them undecoded). Servers use it where grpc-js's own handling of a deserializer that throws falls
 * short: grpc-js answers INTERNAL on its own, ending the call without telling the handler, which
 * went on writing into the ended stream (a StreamSnapshot puller then waited for a status until its
 * deadline, a StreamAppendEntries caller lost the answers to the requests before the bad one);
 * and where a small request decodes into a huge number of objects (see {@link limitRepeated}).
 * The handler refuses the marker itself, in order, with INVALID_ARGUMENT; {@link unaryHandler}
 * in server.ts does so for unary methods.
 */
export function tolerantRequests<Req, Res>(def: MethodDefinition<Req, Res>, guard?: (bytes: Buffer) => void): MethodDefinition<Req | MalformedMessage, Res> {
  return {
    ...def,
    requestDeserialize: (bytes: Buffer): Req | MalformedMessage => {
      try {
        guard?.(bytes);
        return def.requestDeserialize(bytes);
      } catch (err) {
        return new MalformedMessage(err instanceof Error ? err : new Error(String(err)));
      }
    },
  } as MethodDefinition<Req | MalformedMessage, Res>;
}

/**
 * `def` with every method that takes a single request (unary and server-streaming) served
 * through {@link tolerantRequests} (no guard), so that {@link unaryHandler} answers a request that does not decode INVALID_ARGUMENT with the
 * decoder's reason (a uint64 above 2^53−1, a truncated varint) instead of grpc-js's bare INTERNAL
 * "Error deserializing request"; so does a server-streaming method's handler registered through
 * GrpcServer.addService (server.ts). Methods that stream requests are left as they are.
 */
export function tolerantSingleRequestMethods<T extends ServiceDefinition>(def: T): T {
  const out: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const [name, m] of Object.entries(def) as Array<[string, MethodDefinition<unknown, unknown>]>) {
    out[name] = m.requestStream ? m : (tolerantRequests(m) as MethodDefinition<unknown, unknown>);
  }
  return out as T;
}

/**
 * Occurrences of top-level field `field` in the protobuf message `bytes`, counted up to
 * `limit + 1` (the walk stops there). Reads tags and skips values without decoding or allocating;
 * malformed wire data ends the count early (the decoder then reports it). Values are skipped as
 * protobufjs skips unknown fields, so that whatever it decodes is counted. A group (wire types 3
 * and 4, proto2's) is skipped whole, as the decoder skips it, and the count goes on after it: the
 * decoder accepts one as an unknown field and goes on decoding what follows, so a count that
 * stopped there would let any number of elements through behind a 4-byte empty group.
 */
export function countTopLevelField(bytes: Uint8Array, field: number, limit: number): number {
  let pos = 0;
  let count = 0;
  /** Groups open around `pos` (fields inside one are not top-level). */
  let depth = 0;
  const end = bytes.length;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= end || shift > 63) return -1;
      const b = bytes[pos++]!;
      // Values past 2^53 lose precision here; only lengths and tags are used, which are small.
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  };
  while (pos < end) {
    const tag = varint();
    if (tag < 0) break;
    if (depth === 0 && Math.floor(tag / 8) === field && ++count > limit) break;
    switch (tag % 8) {
      case 0: {
        // Skipped as the decoder skips an unknown varint: up to the first byte below 0x80, however
        // many bytes come before it (it refuses only one that runs past the end).
        let b: number;
        do {
          if (pos >= end) return count;
          b = bytes[pos++]!;
        } while (b & 0x80);
        break;
      }
      case 1:
        pos += 8;
        break;
      case 2: {
        const len = varint();
        if (len < 0) return count;
        pos += len;
        break;
      }
      case 3:
        depth++;
        break;
      case 4:
        // An end-group tag outside any group: the decoder refuses it.
        if (depth === 0) return count;
        depth--;
        break;
      case 5:
        pos += 4;
        break;
      default:
        return count; // invalid wire types: the decoder refuses them
    }
  }
  return count;
}

/**
 * A guard for {@link tolerantRequests}: refuses a message holding more than `limit` top-level
 * fields numbered `field`. protobufjs builds one object per element, a few hundred bytes of heap
 * for each few bytes on the wire: one 64 MiB request of 33 million empty read keys took 3.4 GB of
 * heap and stalled the node's event loop for 10 s; one of 4 million bare AppendEntries entries
 * 2.5 GB and 20 s.
 */
export function limitRepeated(field: number, limit: number, what: string): (bytes: Buffer) => void {
  return (bytes) => {
    if (countTopLevelField(bytes, field, limit) > limit) throw new RequestGuardError(`more than ${limit} ${what} in one request`);
  };
}

const election = d_engine.server.election;
const replication = d_engine.server.replication;
const storage = d_engine.server.storage;
const cluster = d_engine.server.cluster;
const client = d_engine.client;
const peer = raftctl.raft.v1;
const admin = raftctl.admin.v1;
const health = grpcProto.health.v1;

export const SERVICE_NAMES = {
  election: 'd_engine.server.election.RaftElectionService',
  replication: 'd_engine.server.replication.RaftReplicationService',
  snapshot: 'd_engine.server.storage.SnapshotService',
  cluster: 'd_engine.server.cluster.ClusterManagementService',
  client: 'd_engine.client.RaftClientService',
  peerExt: 'raftctl.raft.v1.RaftPeerExt',
  admin: 'raftctl.admin.v1.Admin',
  health: 'grpc.health.v1.Health',
} as const;

export const ElectionService = {
  RequestVote: method(SERVICE_NAMES.election, 'RequestVote', peer.VoteRequest, election.VoteResponse),
} satisfies ServiceDefinition;

export const ReplicationService = {
  AppendEntries: method(SERVICE_NAMES.replication, 'AppendEntries', peer.AppendEntriesRequest, replication.AppendEntriesResponse),
  StreamAppendEntries: method(SERVICE_NAMES.replication, 'StreamAppendEntries', peer.AppendEntriesRequest, replication.AppendEntriesResponse, true, true),
} satisfies ServiceDefinition;

/**
 * `def` for a client that encodes its requests itself (to refuse one that does not encode on its
 * own, without the call): a Buffer is written as it is, anything else encoded as `def` would.
 */
export function acceptingEncoded<Req, Res>(def: MethodDefinition<Req, Res>): MethodDefinition<Req | Buffer, Res> {
  return { ...def, requestSerialize: (m: Req | Buffer) => (Buffer.isBuffer(m) ? m : def.requestSerialize(m)) };
}

export const SnapshotService = {
  InstallSnapshot: method(SERVICE_NAMES.snapshot, 'InstallSnapshot', storage.SnapshotChunk, storage.SnapshotResponse, true, false),
  StreamSnapshot: method(SERVICE_NAMES.snapshot, 'StreamSnapshot', storage.SnapshotAck, storage.SnapshotChunk, true, true),
} satisfies ServiceDefinition;

export const ClusterManagementService = {
  UpdateClusterConf: method(SERVICE_NAMES.cluster, 'UpdateClusterConf', cluster.ClusterConfChangeRequest, cluster.ClusterConfUpdateResponse),
  GetClusterMetadata: method(SERVICE_NAMES.cluster, 'GetClusterMetadata', cluster.MetadataRequest, cluster.ClusterMembership),
  JoinCluster: method(SERVICE_NAMES.cluster, 'JoinCluster', cluster.JoinRequest, cluster.JoinResponse),
  DiscoverLeader: method(SERVICE_NAMES.cluster, 'DiscoverLeader', cluster.LeaderDiscoveryRequest, cluster.LeaderDiscoveryResponse),
} satisfies ServiceDefinition;

export const RaftClientService = {
  HandleClientWrite: method(SERVICE_NAMES.client, 'HandleClientWrite', client.ClientWriteRequest, client.ClientResponse),
  HandleClientRead: method(SERVICE_NAMES.client, 'HandleClientRead', client.ClientReadRequest, client.ClientResponse),
  HandleClientScan: method(SERVICE_NAMES.client, 'HandleClientScan', client.ScanRequest, client.ScanResponse),
  Watch: method(SERVICE_NAMES.client, 'Watch', client.WatchRequest, client.WatchResponse, false, true),
  WatchMembership: method(SERVICE_NAMES.client, 'WatchMembership', client.WatchMembershipRequest, client.MembershipSnapshot, false, true),
} satisfies ServiceDefinition;

export const RaftPeerExtService = {
  PreVote: method(SERVICE_NAMES.peerExt, 'PreVote', peer.VoteRequest, election.VoteResponse),
  TimeoutNow: method(SERVICE_NAMES.peerExt, 'TimeoutNow', peer.TimeoutNowRequest, peer.Empty),
  /** A follower's ReadIndex to the leader (dissertation §6.4, followers). */
  ReadIndex: method(SERVICE_NAMES.peerExt, 'ReadIndex', peer.ReadIndexRequest, peer.ReadIndexResponse),
} satisfies ServiceDefinition;

export const AdminService = {
  GetServerInfo: method(SERVICE_NAMES.admin, 'GetServerInfo', admin.GetServerInfoRequest, admin.ServerInfo),
  GetNodeStatus: method(SERVICE_NAMES.admin, 'GetNodeStatus', admin.GetNodeStatusRequest, admin.NodeStatus),
  ChangeMembership: method(SERVICE_NAMES.admin, 'ChangeMembership', admin.ChangeMembershipRequest, admin.ChangeMembershipResponse),
  TransferLeadership: method(SERVICE_NAMES.admin, 'TransferLeadership', admin.TransferLeadershipRequest, admin.TransferLeadershipResponse),
  TriggerSnapshot: method(SERVICE_NAMES.admin, 'TriggerSnapshot', admin.TriggerSnapshotRequest, admin.SnapshotInfo),
  SendSnapshot: method(SERVICE_NAMES.admin, 'SendSnapshot', admin.SendSnapshotRequest, admin.SendSnapshotResponse),
  TailEntries: method(SERVICE_NAMES.admin, 'TailEntries', admin.TailEntriesRequest, admin.TailEntriesResponse, false, true),
  WatchReplication: method(SERVICE_NAMES.admin, 'WatchReplication', admin.WatchReplicationRequest, admin.ReplicationEvent, false, true),
} satisfies ServiceDefinition;

export const HealthService = {
  Check: method(SERVICE_NAMES.health, 'Check', health.HealthCheckRequest, health.HealthCheckResponse),
  Watch: method(SERVICE_NAMES.health, 'Watch', health.HealthCheckRequest, health.HealthCheckResponse, false, true),
} satisfies ServiceDefinition;

/** Every service definition by its fully qualified name. */
export const SERVICES = {
  [SERVICE_NAMES.election]: ElectionService,
  [SERVICE_NAMES.replication]: ReplicationService,
  [SERVICE_NAMES.snapshot]: SnapshotService,
  [SERVICE_NAMES.cluster]: ClusterManagementService,
  [SERVICE_NAMES.client]: RaftClientService,
  [SERVICE_NAMES.peerExt]: RaftPeerExtService,
  [SERVICE_NAMES.admin]: AdminService,
  [SERVICE_NAMES.health]: HealthService,
} as const;

/** The d-engine services a d-engine voter probes and health reports SERVING (reference §1.2). */
export const DENGINE_SERVICE_NAMES = [
  SERVICE_NAMES.client,
  SERVICE_NAMES.election,
  SERVICE_NAMES.replication,
  SERVICE_NAMES.cluster,
  SERVICE_NAMES.snapshot,
] as const;
