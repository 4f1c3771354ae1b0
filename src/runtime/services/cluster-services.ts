/**
 * ClusterManagementService (reference §3.5–§3.8) on a raftctl node.
 *
 * - UpdateClusterConf: refused as PROTOCOL.md says: `success: false, ERROR_CODE_INVALID_CHANGE`,
 *   nothing changes (raftctl changes membership only through log entries).
 * - GetClusterMetadata: `{version: configuration index, nodes (voters role 1 status ACTIVE,
 *   learners role 4 status PROMOTABLE or READ_ONLY, sorted by id), current_leader_id}`; a leader
 *   reports itself only once an entry of its term (its noop) committed; a follower reports the
 *   leader it follows; a learner answers PERMISSION_DENIED (as d-engine).
 * - JoinCluster: leader only (others PERMISSION_DENIED); an id outside 1..2^32−1 or an address
 *   that is not host:port (port 1..65535, host at most 253 characters) → INVALID_ARGUMENT; an id
 *   already in the configuration → FAILED_PRECONDITION "node N already exists", an address another
 *   member has → FAILED_PRECONDITION; node_role ≠ 4 → FAILED_PRECONDITION; otherwise a
 *   configuration entry adds the learner and the answer leaves after it committed:
 *   `{success, config, config_version, snapshot_metadata (latest snapshot), leader_id}`.
 * - DiscoverLeader: leader → itself; follower with a known leader → that leader; the leader not
 *   in the configuration → NOT_FOUND; no leader → UNAVAILABLE "Leader not discovered";
 *   candidate or learner → PERMISSION_DENIED.
 */
import { isLearner, isNodeId, isVoter, type Configuration } from '../../core/index.js';
import { NoLeaderError, RejectedError } from '../../errors.js';
import type {
  ClusterConfChangeRequest,
  ClusterConfUpdateResponse,
  ClusterMembership,
  JoinRequest,
  JoinResponse,
  LeaderDiscoveryRequest,
  LeaderDiscoveryResponse,
  NodeMeta,
} from '../../transport/messages.js';
import { isHostPort } from '../../transport/address.js';
import { canonicalAddress } from '../../transport/address-identity.js';
import { normalizeAddress } from '../../transport/membership.js';
import { ConfErrorCode, NodeRoleValue, NodeStatusValue } from '../../transport/messages.js';
import { ClusterManagementService, SERVICE_NAMES, tolerantSingleRequestMethods } from '../../transport/services.js';
import { unaryHandler, type GrpcServer } from '../../transport/server.js';
import type { RaftNode } from '../raft-node.js';
import { checkClusterId, Code, statusError, type MetadataLike } from './grpc-shapes.js';

/** The configuration as d-engine's ClusterMembership nodes, sorted by id. */
export function nodesOf(c: Configuration): NodeMeta[] {
  const ids = new Set<number>([...c.voters, ...c.votersOutgoing, ...c.learners.map((l) => l.id)]);
  return [...ids]
    .sort((a, b) => a - b)
    .map((id) => {
      const learner = c.learners.find((l) => l.id === id);
      return {
        id,
        address: c.addresses[id] ?? '',
        role: learner ? NodeRoleValue.LEARNER : NodeRoleValue.FOLLOWER,
        status: learner ? (learner.readOnly ? NodeStatusValue.READ_ONLY : NodeStatusValue.PROMOTABLE) : NodeStatusValue.ACTIVE,
      };
    });
}

/** ClusterMembership as this node sees it (see the module contract for current_leader_id). */
export function clusterMembershipOf(node: RaftNode): ClusterMembership {
  const st = node.status();
  let leader = 0;
  if (node.role === 'leader') leader = node.leaderReady ? node.id : 0;
  else leader = node.leaderId;
  return { version: st.configIndex, nodes: nodesOf(st.configuration), ...(leader ? { currentLeaderId: leader } : {}) };
}

async function join(node: RaftNode, req: JoinRequest): Promise<JoinResponse> {
  if (node.stopped) throw statusError(Code.UNAVAILABLE, 'the node is shutting down');
  if (node.role !== 'leader') throw statusError(Code.PERMISSION_DENIED, `node ${node.id} is not the leader and should not receive JoinCluster event.`);
  const id = Number(req.nodeId ?? 0);
  const address = normalizeAddress(req.address ?? '');
  if (!isNodeId(id)) throw statusError(Code.INVALID_ARGUMENT, `invalid node id ${id} (1 to 2^32-1)`);
  if (!isHostPort(address)) throw statusError(Code.INVALID_ARGUMENT, `invalid address "${address.length > 80 ? `${address.slice(0, 80)}...` : address}" (expected host:port, port 1-65535)`);
  const c = node.configuration;
  if (isVoter(c, id) || isLearner(c, id)) throw statusError(Code.FAILED_PRECONDITION, `node ${id} already exists`);
  // Spellings of one address (127.1:P, 127.0.0.1:0P, an uppercase name) are one address; names
  // are not resolved here (a name and its IP still pass: the leader does no DNS on its apply path).
  const holder = Object.entries(c.addresses).find(([, a]) => canonicalAddress(a) === canonicalAddress(address));
  if (holder) throw statusError(Code.FAILED_PRECONDITION, `address ${address} is already node ${holder[0]}'s: two members cannot share one address`);
  if ((req.nodeRole ?? 0) !== NodeRoleValue.LEARNER) throw statusError(Code.FAILED_PRECONDITION, `node ${id} cannot rejoin: must be learner (node_role 4)`);
  let index: number;
  try {
    ({ index } = await node.proposeConfChange({ addLearners: [{ id, address, readOnly: req.status === NodeStatusValue.READ_ONLY }] }));
  } catch (err) {
    if (err instanceof NoLeaderError) throw statusError(Code.PERMISSION_DENIED, err.message);
    if (err instanceof RejectedError) throw statusError(Code.FAILED_PRECONDITION, err.message, { 'raftctl-error': err.code });
    throw err;
  }
  const config = clusterMembershipOf(node);
  const snap = node.latestSnapshot;
  return {
    success: true,
    error: '',
    config,
    configVersion: index,
    ...(snap ? { snapshotMetadata: { lastIncluded: { index: snap.index, term: snap.term }, checksum: Buffer.from(snap.sha256, 'hex') } } : {}),
    leaderId: node.id,
  };
}

function discover(node: RaftNode): LeaderDiscoveryResponse {
  if (node.stopped) throw statusError(Code.UNAVAILABLE, 'the node is shutting down');
  if (node.role === 'candidate') throw statusError(Code.PERMISSION_DENIED, 'a candidate does not answer DiscoverLeader');
  if (isLearner(node.configuration, node.id)) throw statusError(Code.PERMISSION_DENIED, 'a learner does not answer DiscoverLeader');
  if (node.role === 'leader') return { leaderId: node.id, leaderAddress: node.addressOf(node.id) ?? '', term: node.term };
  const leader = node.leaderId;
  if (!leader) throw statusError(Code.UNAVAILABLE, 'Leader not discovered');
  const address = node.addressOf(leader);
  if (address === undefined) throw statusError(Code.NOT_FOUND, `leader ${leader} is not in this node's configuration`);
  return { leaderId: leader, leaderAddress: address, term: node.term };
}

/**
 * Registers ClusterManagementService on `server`. Like the peer services, every method refuses a
 * caller whose `raftctl-cluster-id` names another cluster (FAILED_PRECONDITION); callers that
 * send none (d-engine, the CLI) are served.
 */
export function addClusterService(server: GrpcServer, node: RaftNode, clusterId: string): void {
  const check = (call: { metadata: unknown }): void => checkClusterId(call.metadata as MetadataLike, clusterId);
  server.addService(SERVICE_NAMES.cluster, tolerantSingleRequestMethods(ClusterManagementService), {
    UpdateClusterConf: unaryHandler<ClusterConfChangeRequest, ClusterConfUpdateResponse>((_req, call) => {
      check(call);
      return { id: node.id, term: node.term, version: node.status().configIndex, success: false, errorCode: ConfErrorCode.INVALID_CHANGE };
    }),
    GetClusterMetadata: unaryHandler<Record<string, never>, ClusterMembership>((_req, call) => {
      check(call);
      if (node.stopped) throw statusError(Code.UNAVAILABLE, 'the node is shutting down');
      if (isLearner(node.configuration, node.id)) throw statusError(Code.PERMISSION_DENIED, 'learners cannot answer metadata requests');
      return clusterMembershipOf(node);
    }),
    JoinCluster: unaryHandler<JoinRequest, JoinResponse>((req, call) => {
      check(call);
      return join(node, req);
    }),
    DiscoverLeader: unaryHandler<LeaderDiscoveryRequest, LeaderDiscoveryResponse>((_req, call) => {
      check(call);
      return discover(node);
    }),
  });
}
