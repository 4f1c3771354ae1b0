/**
 * Wire message types, as plain objects (the generated `$Properties` interfaces). Encoders take
 * these; decoders return class instances that satisfy them, with proto3 defaults on the
 * prototype (so an absent uint64 reads 0 and an absent `optional` reads null).
 */
import type { d_engine, grpc, raftctl } from '../proto/raftctl.js';


export type LogId = d_engine.common.LogId.$Properties;
export type DengineEntry = d_engine.common.Entry.$Properties;
export type MembershipChange = d_engine.common.MembershipChange.$Properties;
export type ErrorMetadata = d_engine.error.ErrorMetadata.$Properties;

/** Superset VoteRequest (adds `leadershipTransfer`, field 100). */
export type VoteRequest = raftctl.raft.v1.VoteRequest.$Properties;
export type VoteResponse = d_engine.server.election.VoteResponse.$Properties;
/** Superset AppendEntriesRequest (entries are superset Entries). */
export type AppendEntriesRequest = raftctl.raft.v1.AppendEntriesRequest.$Properties;
export type AppendEntriesResponse = d_engine.server.replication.AppendEntriesResponse.$Properties;
/** Superset Entry (adds `proposedAtUnixMs`, field 100, and the `configuration` payload). */
export type Entry = raftctl.raft.v1.Entry.$Properties;
export type Configuration = raftctl.raft.v1.Configuration.$Properties;

export type SnapshotChunk = d_engine.server.storage.SnapshotChunk.$Properties;
export type SnapshotMetadata = d_engine.server.storage.SnapshotMetadata.$Properties;
export type SnapshotResponse = d_engine.server.storage.SnapshotResponse.$Properties;
export type SnapshotAck = d_engine.server.storage.SnapshotAck.$Properties;
export const ChunkStatus = {
  UNSPECIFIED: 0,
  ACCEPTED: 1,
  CHECKSUM_MISMATCH: 2,
  OUT_OF_ORDER: 3,
  REQUESTED: 4,
  FAILED: 5,
} as const;

export type ClusterConfChangeRequest = d_engine.server.cluster.ClusterConfChangeRequest.$Properties;
export type ClusterConfUpdateResponse = d_engine.server.cluster.ClusterConfUpdateResponse.$Properties;
export type ClusterMembership = d_engine.server.cluster.ClusterMembership.$Properties;
export type NodeMeta = d_engine.server.cluster.NodeMeta.$Properties;
export type JoinRequest = d_engine.server.cluster.JoinRequest.$Properties;
export type JoinResponse = d_engine.server.cluster.JoinResponse.$Properties;
export type LeaderDiscoveryRequest = d_engine.server.cluster.LeaderDiscoveryRequest.$Properties;
export type LeaderDiscoveryResponse = d_engine.server.cluster.LeaderDiscoveryResponse.$Properties;

export type ClientWriteRequest = d_engine.client.ClientWriteRequest.$Properties;
/** The `command` of a ClientWriteRequest: one of insert, delete, cas, ... (d-engine's client WriteCommand). */
export type WriteCommand = d_engine.client.WriteCommand.$Properties;
export type ClientReadRequest = d_engine.client.ClientReadRequest.$Properties;
export type ClientResponse = d_engine.client.ClientResponse.$Properties;
export type ScanRequest = d_engine.client.ScanRequest.$Properties;
export type ScanResponse = d_engine.client.ScanResponse.$Properties;
export type WatchRequest = d_engine.client.WatchRequest.$Properties;
export type WatchResponse = d_engine.client.WatchResponse.$Properties;
export type WatchMembershipRequest = d_engine.client.WatchMembershipRequest.$Properties;
export type MembershipSnapshot = d_engine.client.MembershipSnapshot.$Properties;

export type TimeoutNowRequest = raftctl.raft.v1.TimeoutNowRequest.$Properties;
/** A follower's ReadIndex to the leader (dissertation §6.4, followers). */
export type ReadIndexRequest = raftctl.raft.v1.ReadIndexRequest.$Properties;
/** The leader's answer to a ReadIndexRequest (`index` absent when rejected). */
export type ReadIndexResponse = raftctl.raft.v1.ReadIndexResponse.$Properties;
export type HealthCheckRequest = grpc.health.v1.HealthCheckRequest.$Properties;
export type HealthCheckResponse = grpc.health.v1.HealthCheckResponse.$Properties;

export type ServerInfo = raftctl.admin.v1.ServerInfo.$Properties;
export type NodeStatus = raftctl.admin.v1.NodeStatus.$Properties;
export type PeerStatus = raftctl.admin.v1.PeerStatus.$Properties;
export type SnapshotInfo = raftctl.admin.v1.SnapshotInfo.$Properties;
export type ChangeMembershipRequest = raftctl.admin.v1.ChangeMembershipRequest.$Properties;
export type ChangeMembershipResponse = raftctl.admin.v1.ChangeMembershipResponse.$Properties;
export type TransferLeadershipRequest = raftctl.admin.v1.TransferLeadershipRequest.$Properties;
export type TransferLeadershipResponse = raftctl.admin.v1.TransferLeadershipResponse.$Properties;
export type SendSnapshotRequest = raftctl.admin.v1.SendSnapshotRequest.$Properties;
export type SendSnapshotResponse = raftctl.admin.v1.SendSnapshotResponse.$Properties;
export type TailEntriesRequest = raftctl.admin.v1.TailEntriesRequest.$Properties;
export type TailEntriesResponse = raftctl.admin.v1.TailEntriesResponse.$Properties;
export type ReplicationEvent = raftctl.admin.v1.ReplicationEvent.$Properties;

/** d_engine.common.NodeStatus values. */
export const NodeStatusValue = { UNSPECIFIED: 0, PROMOTABLE: 1, READ_ONLY: 2, ACTIVE: 3 } as const;
/** d_engine.common.NodeRole values (NodeMeta.role, JoinRequest.node_role). */
export const NodeRoleValue = { UNSPECIFIED: 0, FOLLOWER: 1, CANDIDATE: 2, LEADER: 3, LEARNER: 4 } as const;
/** d_engine.client.ReadConsistencyPolicy values. */
export const ReadPolicy = { LEASE: 0, LINEARIZABLE: 1, EVENTUAL: 2 } as const;
/** d_engine.error.ErrorCode values raftctl produces or interprets. */
export const ErrorCode = { SUCCESS: 0, NOT_LEADER: 4001, INVALID_REQUEST: 4003, RATE_LIMITED: 4004, CLUSTER_UNAVAILABLE: 4005, PROPOSE_FAILED: 4006, TERM_OUTDATED: 4007, WATCH_BUFFER_OVERFLOW: 5001 } as const;
/** ClusterConfUpdateResponse.ErrorCode values. */
export const ConfErrorCode = { UNSPECIFIED: 0, NOT_LEADER: 1, VERSION_CONFLICT: 2, TERM_OUTDATED: 3, INVALID_CHANGE: 4, INTERNAL_ERROR: 5 } as const;
