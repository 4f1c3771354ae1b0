/**
 * `raftctl.admin.v1.Admin` (PROTOCOL.md "Admin service") on a raftctl node.
 *
 * - GetServerInfo → `{version, node_id, cluster_id, api_version: 1, features}`.
 * - GetNodeStatus → every field of NodeStatus from the core's status and the snapshot store:
 *   role (ROLE_LEARNER when this node is a learner of its configuration), term, voted_for and
 *   leader_id (absent when none), commit/applied/first/last indexes, last log term, the latest
 *   snapshot `{index, term, bytes, sha256}`, the configuration with learners' addresses, the
 *   configuration index, `peers` on the leader only (sorted by id; `last_contact_ms` = ticks
 *   since contact × tick, absent when the peer was not heard from in this term;
 *   `lag_entries` = last log index − match index), and this node's address.
 * - TriggerSnapshot → takes a snapshot now, answers its `{index, term, bytes, sha256}`.
 * - ChangeMembership, TransferLeadership, SendSnapshot, TailEntries, WatchReplication →
 *   UNIMPLEMENTED until the issues that bring their commands.
 */
import { isLearner, type PeerStatus as CorePeerStatus, type Role } from '../../core/index.js';
import { raftctl } from '../../proto/raftctl.js';
import type { NodeStatus, ServerInfo, SnapshotInfo } from '../../transport/messages.js';
import { AdminService, SERVICE_NAMES, tolerantSingleRequestMethods } from '../../transport/services.js';
import { unaryHandler, type GrpcServer } from '../../transport/server.js';
import type { RaftNode } from '../raft-node.js';
import { Code, statusError, type ServiceImplementation } from './grpc-shapes.js';


/** raftctl's version, reported by GetServerInfo. */
export const RAFTCTL_VERSION = '0.1.0';
/** Features this node implements (GetServerInfo.features). */
export const FEATURES = ['prevote', 'read-index', 'lease-read', 'ttl', 'watch', 'snapshot', 'install-snapshot', 'stream-snapshot', 'join'];

const RoleValue = raftctl.admin.v1.Role;
const PeerStateValue = raftctl.admin.v1.PeerState;

function roleOf(role: Role, learner: boolean): raftctl.admin.v1.Role {
  if (learner) return RoleValue.ROLE_LEARNER;
  switch (role) {
    case 'leader':
      return RoleValue.ROLE_LEADER;
    case 'candidate':
      return RoleValue.ROLE_CANDIDATE;
    case 'pre-candidate':
      return RoleValue.ROLE_PRE_CANDIDATE;
    default:
      return RoleValue.ROLE_FOLLOWER;
  }
}

/** NodeStatus of `node` (see the module contract). */
export function nodeStatusOf(node: RaftNode, tickMs: number): NodeStatus {
  const st = node.status();
  const c = st.configuration;
  const snap = node.latestSnapshot;
  const peers = st.peers.map((p: CorePeerStatus) => ({
    id: p.id,
    matchIndex: p.matchIndex,
    nextIndex: p.nextIndex,
    state: p.state === 'PROBE' ? PeerStateValue.PEER_STATE_PROBE : p.state === 'REPLICATE' ? PeerStateValue.PEER_STATE_REPLICATE : PeerStateValue.PEER_STATE_SNAPSHOT,
    inflight: p.inflight,
    ...(p.matchIndex > 0 ? { lastContactMs: p.ticksSinceContact * tickMs } : {}),
    lagEntries: Math.max(0, st.lastLogIndex - p.matchIndex),
  }));
  return {
    nodeId: st.id,
    role: roleOf(st.role, isLearner(c, st.id)),
    term: st.term,
    ...(st.votedFor ? { votedFor: st.votedFor } : {}),
    ...(st.leaderId ? { leaderId: st.leaderId } : {}),
    commitIndex: st.commitIndex,
    appliedIndex: Math.max(st.appliedIndex, node.sm.appliedIndex),
    firstLogIndex: st.firstLogIndex,
    lastLogIndex: st.lastLogIndex,
    lastLogTerm: st.lastLogTerm,
    snapshot: snap ? { index: snap.index, term: snap.term, bytes: snap.bytes, sha256: snap.sha256 } : { index: 0, term: 0, bytes: 0, sha256: '' },
    configuration: {
      voters: [...c.voters],
      votersOutgoing: [...c.votersOutgoing],
      learners: c.learners.map((l) => ({ id: l.id, address: c.addresses[l.id] ?? '', readOnly: l.readOnly })),
    },
    configIndex: st.configIndex,
    peers,
    address: c.addresses[st.id] ?? '',
  };
}

/** What the Admin handlers read: the node, its cluster id and tick length (for last_contact_ms). */
export interface AdminContext {
  readonly node: RaftNode;
  readonly clusterId: string;
  readonly tickMs: number;
}

function unimplemented(method: string, issue: string) {
  return unaryHandler<unknown, unknown>(() => {
    throw statusError(Code.UNIMPLEMENTED, `${method} is not served by this raftctl version yet (${issue})`);
  });
}

/** Registers the Admin service on `server`. */
export function addAdminService(server: GrpcServer, ctx: AdminContext): void {
  const { node } = ctx;
  server.addService(SERVICE_NAMES.admin, tolerantSingleRequestMethods(AdminService), {
    GetServerInfo: unaryHandler<unknown, ServerInfo>(() => ({
      version: RAFTCTL_VERSION,
      nodeId: node.id,
      clusterId: ctx.clusterId,
      apiVersion: 1,
      features: FEATURES,
    })),
    GetNodeStatus: unaryHandler<unknown, NodeStatus>(() => nodeStatusOf(node, ctx.tickMs)),
    TriggerSnapshot: unaryHandler<unknown, SnapshotInfo>(async () => {
      if (node.stopped) throw statusError(Code.UNAVAILABLE, 'the node is shutting down');
      const w = await node.snapshot();
      const s = node.latestSnapshot;
      return { index: w.index, term: w.term, bytes: w.bytes, sha256: s && s.index === w.index ? s.sha256 : '' };
    }),
    ChangeMembership: unimplemented('ChangeMembership', 'arrives with the membership commands'),
    TransferLeadership: unimplemented('TransferLeadership', 'arrives with `leader transfer`'),
    SendSnapshot: unimplemented('SendSnapshot', 'arrives with `snapshot push`'),
    TailEntries: (call: { emit(e: 'error', err: unknown): void }) => call.emit('error', { code: Code.UNIMPLEMENTED, details: 'TailEntries is not served by this raftctl version yet (arrives with `replication tail`)' }),
    WatchReplication: (call: { emit(e: 'error', err: unknown): void }) => call.emit('error', { code: Code.UNIMPLEMENTED, details: 'WatchReplication is not served by this raftctl version yet (arrives with `replication watch`)' }),
  } as unknown as ServiceImplementation);
}
