/**
 * Fake cluster nodes for the command tests: real gRPC servers (src/transport/server.ts) on
 * 127.0.0.1 with OS-chosen ports, answering from a mutable in-memory state.
 *
 * - A fake **d-engine** node serves GetClusterMetadata, DiscoverLeader, RequestVote and
 *   HandleClientScan, and no admin service (so GetServerInfo is UNIMPLEMENTED). It answers like
 *   d-engine (reference §3.1, §3.6, §3.8): metadata names `current_leader_id` only when a leader
 *   is known; DiscoverLeader without a leader is UNAVAILABLE "Leader not discovered"; the vote
 *   probe is denied with the node's term and last log; Scan only on the leader.
 * - A fake **raftctl** node serves GetServerInfo, GetNodeStatus, GetClusterMetadata and
 *   DiscoverLeader from a NodeStatus-shaped state.
 */
import { createServer } from 'node:net';
import { status } from '@grpc/grpc-js';
import { GrpcServer, GrpcStatusError, unaryHandler } from '../../../src/transport/server.js';
import { AdminService, ClusterManagementService, ElectionService, RaftClientService, SERVICE_NAMES } from '../../../src/transport/services.js';
import type {
  ClusterMembership,
  LeaderDiscoveryResponse,
  NodeStatus,
  ScanResponse,
  ServerInfo,
  VoteResponse,
} from '../../../src/transport/messages.js';

export interface FakeNode {
  readonly server: GrpcServer;
  readonly address: string;
  /** Calls received, by method name, in order. */
  readonly calls: string[];
  close(): Promise<void>;
}

async function start(server: GrpcServer, calls: string[], host = '127.0.0.1'): Promise<FakeNode> {
  await server.listen(`${host}:0`);
  return { server, address: server.address, calls, close: () => server.shutdown(200) };
}

/** What a fake d-engine node knows about itself and the cluster. */
export interface DengineNodeState {
  id: number;
  /** 1 voter, 4 learner (NodeMeta.role). */
  role: 1 | 4;
  /** d_engine.common.NodeStatus value. */
  status: number;
  term: number;
  lastLogIndex: number;
  lastLogTerm: number;
  appliedIndex: number;
  leaderId: number | null;
  /**
   * Whether GetClusterMetadata names the leader (default true). A d-engine leader names itself
   * only after its Noop committed (reference §3.6), so a fresh leader's metadata does not.
   */
  metadataNamesLeader?: boolean;
  /**
   * A candidate (reference §3.6, §3.8): its metadata still names whatever leader it last had
   * (`leaderId`, possibly stale), and it refuses DiscoverLeader with PERMISSION_DENIED.
   */
  candidate?: boolean;
  /**
   * A voter still waiting for the other voters' health checks at startup (reference §3.0): every
   * handler answers UNAVAILABLE "Service is not ready".
   */
  notReady?: boolean;
  /**
   * The ids of the cluster's nodes this node's GetClusterMetadata lists (default: all). A node
   * that has not applied a membership change yet (a lagging or cut-off follower) lists fewer: d-engine
   * applies changes at commit, and an AddNode or a promotion does not bump `version` (reference §4).
   */
  knows?: number[];
  /** This node's NodeMeta.role for other node ids (default: each node's own `role`): a promotion it has not applied yet. */
  rolesSeen?: Record<number, 1 | 4>;
  /** Milliseconds DiscoverLeader waits before it answers (a slow or overloaded node; default 0). */
  discoverDelayMs?: number;
}

/** A fake d-engine cluster: every node shares the membership (ids, addresses, roles). */
export interface FakeDengineCluster {
  readonly nodes: FakeNode[];
  readonly states: DengineNodeState[];
  readonly endpoints: string[];
  close(): Promise<void>;
}

/** Options of {@link startDengineCluster}. */
export interface DengineClusterOptions {
  /**
   * Put before every address the nodes report (NodeMeta.address, DiscoverLeader's
   * leader_address), e.g. `http://`: d-engine reports addresses as configured and strips a
   * scheme itself (reference §1.6). Default none.
   */
  readonly addressPrefix?: string;
  /** The loopback address the nodes listen on (default 127.0.0.1). */
  readonly host?: string;
  /**
   * The host the nodes report instead of their own (NodeMeta.address, DiscoverLeader's
   * leader_address), e.g. `0.0.0.0` as d-engine's example configurations have it (reference
   * §1.6: such an address is not routable from other hosts). Default: their own.
   */
  readonly reportedHost?: string;
}

/** d-engine's readiness gate (reference §3.0): every handler but Watch refuses until the node is ready. */
function notReady(state: DengineNodeState): void {
  if (state.notReady) throw new GrpcStatusError(status.UNAVAILABLE, 'Service is not ready');
}

/** Starts `states.length` fake d-engine nodes that know each other's addresses. */
export async function startDengineCluster(states: DengineNodeState[], options: DengineClusterOptions = {}): Promise<FakeDengineCluster> {
  const nodes: FakeNode[] = [];
  const asReported = (address: string): string => (options.reportedHost === undefined ? address : `${options.reportedHost}:${address.slice(address.lastIndexOf(':') + 1)}`);
  const reported = (i: number): string => (nodes[i]?.address ? `${options.addressPrefix ?? ''}${asReported(nodes[i]!.address)}` : '');
  const membership = (seenBy: DengineNodeState): ClusterMembership['nodes'] =>
    states.flatMap((s, i) => (seenBy.knows === undefined || seenBy.knows.includes(s.id) ? [{ id: s.id, address: reported(i), role: seenBy.rolesSeen?.[s.id] ?? s.role, status: s.status }] : []));
  for (const state of states) {
    const calls: string[] = [];
    const server = new GrpcServer();
    server.addService(SERVICE_NAMES.cluster, ClusterManagementService, {
      GetClusterMetadata: unaryHandler(async (): Promise<ClusterMembership> => {
        calls.push('GetClusterMetadata');
        notReady(state);
        if (state.role === 4) throw new GrpcStatusError(status.PERMISSION_DENIED, 'learners cannot answer metadata requests');
        return { version: 7, nodes: membership(state), currentLeaderId: state.metadataNamesLeader === false ? null : (state.leaderId ?? null) };
      }),
      DiscoverLeader: unaryHandler(async (): Promise<LeaderDiscoveryResponse> => {
        calls.push('DiscoverLeader');
        notReady(state);
        if (state.discoverDelayMs) await new Promise((resolve) => setTimeout(resolve, state.discoverDelayMs));
        // Reference §3.8: learners and candidates refuse; a follower without a leader answers
        // UNAVAILABLE, one whose leader is not in its membership NOT_FOUND.
        if (state.role === 4 || state.candidate) throw new GrpcStatusError(status.PERMISSION_DENIED, 'learner or candidate');
        if (state.leaderId === null) throw new GrpcStatusError(status.UNAVAILABLE, 'Leader not discovered');
        const leaderIndex = states.findIndex((s) => s.id === state.leaderId);
        if (leaderIndex < 0) throw new GrpcStatusError(status.NOT_FOUND, 'leader not in membership');
        return { leaderId: state.leaderId, leaderAddress: reported(leaderIndex), term: state.term };
      }),
    });
    server.addService(SERVICE_NAMES.election, ElectionService, {
      RequestVote: unaryHandler(async (): Promise<VoteResponse> => {
        calls.push('RequestVote');
        notReady(state);
        return { term: state.term, voteGranted: false, lastLogIndex: state.lastLogIndex, lastLogTerm: state.lastLogTerm };
      }),
    });
    server.addService(SERVICE_NAMES.client, RaftClientService, {
      HandleClientScan: unaryHandler(async (): Promise<ScanResponse> => {
        calls.push('HandleClientScan');
        notReady(state);
        if (state.leaderId !== state.id) throw new GrpcStatusError(status.FAILED_PRECONDITION, 'Not leader');
        return { entries: [], revision: state.appliedIndex };
      }),
    });
    nodes.push(await start(server, calls, options.host));
  }
  return {
    nodes,
    states,
    endpoints: nodes.map((n) => n.address),
    close: async () => {
      await Promise.all(nodes.map((n) => n.close()));
    },
  };
}

/** A raftctl node's state: its NodeStatus (address is filled in once listening). */
export type RaftctlNodeState = NodeStatus & { nodeId: number };

export interface FakeRaftctlCluster {
  readonly nodes: FakeNode[];
  readonly states: RaftctlNodeState[];
  readonly endpoints: string[];
  close(): Promise<void>;
}

/** Starts fake raftctl nodes; each state's `address` is set to the node's real address. */
export async function startRaftctlCluster(states: RaftctlNodeState[]): Promise<FakeRaftctlCluster> {
  const nodes: FakeNode[] = [];
  for (const state of states) {
    const calls: string[] = [];
    const server = new GrpcServer();
    server.addService(SERVICE_NAMES.admin, AdminService, {
      GetServerInfo: unaryHandler(async (): Promise<ServerInfo> => {
        calls.push('GetServerInfo');
        return { version: '0.1.0', nodeId: state.nodeId, clusterId: 'test', apiVersion: 1, features: [] };
      }),
      GetNodeStatus: unaryHandler(async (): Promise<NodeStatus> => {
        calls.push('GetNodeStatus');
        return state;
      }),
    });
    server.addService(SERVICE_NAMES.cluster, ClusterManagementService, {
      GetClusterMetadata: unaryHandler(async (): Promise<ClusterMembership> => {
        calls.push('GetClusterMetadata');
        return {
          version: 1,
          nodes: states.map((s, i) => ({ id: s.nodeId, address: nodes[i]?.address ?? '', role: 1, status: 3 })),
          currentLeaderId: state.leaderId ?? null,
        };
      }),
    });
    nodes.push(await start(server, calls));
    state.address = nodes[nodes.length - 1]!.address;
  }
  return {
    nodes,
    states,
    endpoints: nodes.map((n) => n.address),
    close: async () => {
      await Promise.all(nodes.map((n) => n.close()));
    },
  };
}

/** A 127.0.0.1 port that was free a moment ago and has nothing listening now. */
export async function closedPort(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return `127.0.0.1:${port}`;
}
