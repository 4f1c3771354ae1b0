/**
 * Reading a cluster of raftctl nodes for `cluster status`: GetNodeStatus (admin service,
 * PROTOCOL.md) on every member, and the leader's `peers[]` for each member's match index, lag
 * and time since last contact. Members the endpoints did not cover are read at their
 * configured addresses (from the statuses, the learners' entries, or GetClusterMetadata, which
 * raftctl nodes answer like d-engine nodes).
 */
import { AmbiguousClusterError, RejectedError } from '../errors.js';
import type { NodeStatus, PeerStatus } from '../transport/messages.js';
import { addressBookOf, type OperatorContext } from './operator.js';
import { settle, settledBy, STRAGGLER_GRACE_MS, stragglerGraceMs, StragglerTimeoutError, withoutStragglers } from './verdict.js';
import {
  sortedIds,
  unknownMember,
  type ClusterMember,
  type ClusterStatus,
  type ClusterStatusRead,
  type MemberRole,
  type MemberState,
  type ReadOutcome,
} from './cluster-status-types.js';

/** raftctl.admin.v1.Role values. */
const ROLE = { FOLLOWER: 1, CANDIDATE: 2, LEADER: 3, LEARNER: 4, PRE_CANDIDATE: 5 } as const;

/** raftctl.admin.v1.Role → CLI.md's `role` (a pre-candidate shows as a candidate). */
export function raftctlRole(value: number | null | undefined): MemberRole {
  switch (value) {
    case ROLE.LEADER: return 'leader';
    case ROLE.FOLLOWER: return 'follower';
    case ROLE.CANDIDATE:
    case ROLE.PRE_CANDIDATE: return 'candidate';
    case ROLE.LEARNER: return 'learner';
    default: return 'unknown';
  }
}

interface Answered {
  readonly endpoint: string;
  readonly status: NodeStatus & { nodeId: number };
  /** The node's cluster id (GetServerInfo); null when it could not be read. */
  readonly clusterId: string | null;
}

const n0 = (v: number | null | undefined): number => v ?? 0;

/** How long a member's cluster id may lag behind its status answer before it counts as unknown. */
const CLUSTER_ID_GRACE_MS = 200;

/** One status read: the answer (null when the node failed or answered as another node) or the failure. */
export interface StatusRead {
  readonly answered: Answered | null;
  readonly error: unknown;
}

/**
 * Reads one node's status (GetNodeStatus) and, unless `knownClusterId` is given, its cluster id
 * (GetServerInfo, which may lag the status by {@link CLUSTER_ID_GRACE_MS}). With `expectId`, an
 * answer from another node id is a WRONG_NODE refusal. Never rejects.
 */
export async function readStatus(ctx: OperatorContext, endpoint: string, expectId?: number, knownClusterId?: string | null): Promise<StatusRead> {
  const statusRead = settle(ctx.budget, endpoint, (options) => ctx.client.getNodeStatus(endpoint, options));
  const infoRead: Promise<{ value?: { clusterId?: string | null } | null }> =
    knownClusterId !== undefined
      ? Promise.resolve({ value: { clusterId: knownClusterId } })
      : new Promise((resolve) => {
          // A GetServerInfo slower than the status by the grace period counts as unknown: it
          // must not hold the whole round for --timeout. The grace timer only starts (and is
          // cleared) when needed, so a fast answer leaves no timer delaying the command's exit.
          let timer: ReturnType<typeof setTimeout> | undefined;
          let answered = false;
          void settle(ctx.budget, endpoint, (options) => ctx.client.getServerInfo(endpoint, options)).then((info) => {
            answered = true;
            clearTimeout(timer);
            resolve(info);
          });
          void statusRead.then(() => {
            if (!answered) timer = setTimeout(() => resolve({ value: null }), CLUSTER_ID_GRACE_MS);
          });
        });
  const [{ value: status, error }, info] = await Promise.all([statusRead, infoRead]);
  if (!status) return { answered: null, error };
  const id = n0(status.nodeId);
  if (expectId !== undefined && id !== expectId) {
    return { answered: null, error: new RejectedError('WRONG_NODE', `${endpoint} answers as node ${id}, not member ${expectId}`) };
  }
  return { answered: id > 0 ? { endpoint, status: { ...status, nodeId: id }, clusterId: info.value?.clusterId || null } : null, error: null };
}

/** The keys with the highest score, when it is above 0. */
function most(scores: ReadonlyMap<string, number>): string[] {
  const top = Math.max(0, ...scores.values());
  return [...scores].filter(([, n]) => n === top && n > 0).map(([id]) => id);
}

/** The cluster ids the most answering nodes report (several on a tie; none when no id is known). */
function mostAnswered(answered: readonly Answered[]): string[] {
  const count = new Map<string, number>();
  for (const a of answered) if (a.clusterId) count.set(a.clusterId, (count.get(a.clusterId) ?? 0) + 1);
  return most(count);
}

/** Whether a node's own configuration names it (a removed node's does not). */
function namesItself(a: Answered): boolean {
  const conf = a.status.configuration;
  const id = a.status.nodeId;
  return (conf?.voters ?? []).includes(id) || (conf?.votersOutgoing ?? []).includes(id) || (conf?.learners ?? []).some((l) => n0(l.id) === id);
}

/**
 * The member addresses a cluster's configuration names, as far as its answering nodes tell:
 * `metadata` (GetClusterMetadata of one of them: every member's address), their learners'
 * addresses, and their own addresses when their configuration names them. An answering node's
 * advertised address is written as the endpoint it was reached at (`alias`), so `localhost:P`
 * given for a node advertising `127.0.0.1:P` still counts.
 */
function namedAddresses(mine: readonly Answered[], metadata: readonly string[], alias: ReadonlyMap<string, string>): Set<string> {
  const addresses = [
    ...metadata,
    ...mine.flatMap((a) => (a.status.configuration?.learners ?? []).map((l) => l.address ?? '')),
    ...mine.filter(namesItself).map((a) => a.status.address || a.endpoint),
  ];
  return new Set(addresses.filter((x) => x !== '').map((x) => alias.get(x) ?? x));
}

/** The leader: a node that says it leads (highest term wins); null when none does. */
function pickLeader(answered: readonly Answered[]): Answered | null {
  let best: Answered | null = null;
  for (const a of answered) {
    if (a.status.role !== ROLE.LEADER) continue;
    if (best === null || n0(a.status.term) > n0(best.status.term)) best = a;
  }
  return best;
}

/** Whose configuration to show: the leader's, else the most recent one (config index, then term). */
function pickConfigSource(answered: readonly Answered[], leader: Answered | null): Answered | null {
  if (leader) return leader;
  let best: Answered | null = null;
  for (const a of answered) {
    const newer = best === null
      || n0(a.status.configIndex) > n0(best.status.configIndex)
      || (n0(a.status.configIndex) === n0(best.status.configIndex) && n0(a.status.term) > n0(best.status.term));
    if (newer) best = a;
  }
  return best;
}

/** The configuration to show, from whom, and the member ids it names. */
function configView(byId: ReadonlyMap<number, Answered>) {
  const answered = [...byId.values()];
  const leader = pickLeader(answered);
  const source = pickConfigSource(answered, leader);
  const conf = source?.status.configuration;
  const voters = sortedIds((conf?.voters ?? []).filter((id) => id > 0));
  const votersOutgoing = sortedIds((conf?.votersOutgoing ?? []).filter((id) => id > 0));
  const learners = [...(conf?.learners ?? [])].filter((l) => n0(l.id) > 0);
  const learnerIds = sortedIds(learners.map((l) => n0(l.id)));
  return { leader, source, voters, votersOutgoing, learners, learnerIds, memberIds: sortedIds([...voters, ...votersOutgoing, ...learnerIds]) };
}

/** An endpoint given to the command: its status read, or null once it proves not to be a raftctl node. */
export interface RaftctlEndpoint {
  readonly endpoint: string;
  /** Never rejects; null when GetServerInfo did not answer as a raftctl node (the caller keeps that outcome). */
  readonly read: Promise<StatusRead | null>;
}

/**
 * Reads a raftctl cluster starting from `endpoints`. Returns the status and every outcome seen,
 * for the verdict. Never rejects: a failed call (one that `--wait-timeout` cut off included)
 * leaves its member unread.
 *
 * Each round waits for its reads only as {@link withoutStragglers} says: a node still silent
 * {@link STRAGGLER_GRACE_MS} after another answered (a hung one) does not hold back the next
 * round; its answer, when it comes, is merged before the result is built (by
 * `stragglersUntil` when given: later ones are left out). A member is asked at
 * most once per address, and never at an address given as an endpoint (already asked), in
 * whatever spelling it was given (the command's AddressBook decides).
 * The cluster read is the one most given endpoints answer for; on a tie, the one whose
 * configuration's member addresses name the most of the given endpoints (GetClusterMetadata of
 * one node per tied cluster, asked only then: a node started from another cluster's data on a
 * member's address leads a one-node cluster of its own that names only that address, while the
 * real members' configuration names it too). Answers from a node of another cluster (say, that
 * one) are dropped: that member is listed unreachable and its outcome is a WRONG_CLUSTER
 * refusal. Still tied, no cluster is read: the result is empty and `error` an
 * AmbiguousClusterError naming the clusters (exit 2: give endpoints of one cluster).
 */
export async function readRaftctlCluster(ctx: OperatorContext, endpoints: readonly RaftctlEndpoint[], options: { stragglersUntil?: number } = {}): Promise<ClusterStatusRead> {
  const stragglersUntil = options.stragglersUntil ?? Infinity;
  const book = addressBookOf(ctx);
  /** Every status read that came back, in arrival order; `given` marks the given endpoints' ones. */
  const answers: { endpoint: string; given: boolean; read: StatusRead }[] = [];
  let outcomes: ReadOutcome[] = [];
  let byId = new Map<number, Answered>();
  const tried = new Set<string>(endpoints.map((e) => e.endpoint));
  const given = new Set(tried);
  let clusterId: string | null = null;
  /** Set when the given endpoints answer for several clusters equally (see above). */
  let ambiguity: AmbiguousClusterError | null = null;
  /** Per cluster id, the member addresses its GetClusterMetadata names (asked once, only to break a tie). */
  const metadataAddresses = new Map<string, Promise<string[]>>();
  /** Reads still running after their round went on without them. */
  const late: { endpoint: string; settled: Promise<boolean> }[] = [];
  /** Reads that `stragglersUntil` left out (their outcome is a StragglerTimeoutError). */
  let leftOut: string[] = [];
  /** A node of another cluster (started from its data, on a member's address) is not a member: its answer is dropped. */
  const foreign = (a: Answered): RejectedError | null =>
    clusterId !== null && a.clusterId !== null && a.clusterId !== clusterId
      ? new RejectedError('WRONG_CLUSTER', `${a.endpoint} answers for another cluster (${a.clusterId}), not ${clusterId}`, {
          hint: 'a node started from another cluster\'s data directory, or an endpoint of another cluster',
          details: { endpoint: a.endpoint, clusterId: a.clusterId, expectedClusterId: clusterId },
        })
      : null;
  /**
   * Decides the cluster id over the given endpoints' answers (late ones included, so a foreign
   * node that happens to answer first cannot win): see the function comment.
   */
  const decideCluster = async (): Promise<void> => {
    const answered = answers.flatMap((a) => (a.given && a.read.answered ? [a.read.answered] : []));
    const tied = mostAnswered(answered);
    ambiguity = null;
    if (tied.length <= 1) {
      clusterId = tied[0] ?? null;
      return;
    }
    const alias = new Map(answered.filter((a) => a.status.address).map((a) => [a.status.address!, a.endpoint]));
    const of = (id: string): Answered[] => answered.filter((a) => a.clusterId === id);
    for (const id of tied) {
      if (metadataAddresses.has(id)) continue;
      const mine = of(id);
      const source = pickConfigSource(mine, pickLeader(mine))!.endpoint;
      metadataAddresses.set(id, settle(ctx.budget, source, (o) => ctx.client.getClusterMetadata(source, o)).then(({ value }) => (value?.nodes ?? []).map((n) => n.address ?? '')));
    }
    const named = new Map<string, number>();
    for (const id of tied) {
      const addresses = namedAddresses(of(id), await metadataAddresses.get(id)!, alias);
      let count = 0;
      for (const e of given) if ((await book.find(e, addresses)) !== undefined) count++;
      named.set(id, count);
    }
    const best = most(named);
    if (best.length === 1) {
      clusterId = best[0]!;
      return;
    }
    clusterId = null;
    const clusters = (best.length > 0 ? best : tied).sort().map((id) => `cluster ${id} at ${of(id).map((a) => a.endpoint).join(', ')}`);
    ambiguity = new AmbiguousClusterError(
      `the endpoints answer for ${clusters.length} clusters equally: ${clusters.join('; ')} (as many endpoints answer for each, and each one's configuration names as many of the endpoints given)`,
      { hint: 'give endpoints of one cluster only (--endpoints or RAFTCTL_ENDPOINTS); a node started from another cluster\'s data directory on a member\'s address answers for that other cluster' },
    );
  };
  /** The cluster id, outcomes and members from every answer so far: foreign answers are dropped. */
  const rebuild = async (): Promise<void> => {
    await decideCluster();
    outcomes = [];
    byId = new Map();
    for (const { endpoint, read: r } of answers) {
      const wrong = r.answered ? foreign(r.answered) : null;
      outcomes.push({ endpoint, error: wrong ?? r.error });
      if (r.answered && !wrong && !byId.has(r.answered.status.nodeId)) byId.set(r.answered.status.nodeId, r.answered);
    }
    for (const endpoint of leftOut) outcomes.push({ endpoint, error: new StragglerTimeoutError(endpoint) });
  };
  const record = (endpoint: string, r: StatusRead | null): void => {
    if (r !== null) answers.push({ endpoint, given: given.has(endpoint), read: r }); // null: not a raftctl node, the caller has its outcome
  };
  const read = async (targets: readonly RaftctlEndpoint[]): Promise<void> => {
    const early = await withoutStragglers(targets.map((t) => t.read), (r) => r?.answered != null, stragglerGraceMs(ctx.budget));
    early.forEach((r, i) => {
      const { endpoint, read: pending } = targets[i]!;
      if (r !== undefined) record(endpoint, r);
      else late.push({ endpoint, settled: pending.then((v) => (record(endpoint, v), true)) });
    });
    await rebuild();
  };
  /** Merges the stragglers' answers: those in by `stragglersUntil` (recorded as they arrive). */
  const mergeLate = async (): Promise<void> => {
    const waiting = late.splice(0);
    const done = await settledBy(waiting.map((l) => l.settled), stragglersUntil);
    waiting.forEach((l, i) => {
      if (done[i] === undefined) leftOut.push(l.endpoint);
    });
    await rebuild();
  };
  await read(endpoints);

  // Each round reads the members the configuration names and nobody has asked yet. A newly
  // read leader's configuration may name more members, hence a bounded number of rounds. The
  // rounds follow the cluster id decided so far: if late answers change it (a foreign node
  // answered first), the members read under the old id are forgotten and the rounds run again
  // under the final one (decided once every given endpoint's read is in, so at most once).
  // While the endpoints answer for clusters equally (no cluster chosen), no member is read.
  let address = new Map<number, string>();
  let view = configView(byId);
  for (let attempt = 0; attempt < 2; attempt++) {
    const idAtStart: string | null = clusterId;
    address = new Map();
    let metadataAsked = false;
    view = configView(byId);
    for (let round = 0; round < 4 && clusterId === idAtStart && ambiguity === null; round++) {
      for (const a of byId.values()) if (!address.has(a.status.nodeId)) address.set(a.status.nodeId, a.status.address || a.endpoint);
      for (const l of view.learners) if (l.address && !address.has(n0(l.id))) address.set(n0(l.id), l.address);
      if (view.source && !metadataAsked && view.memberIds.some((id) => !address.has(id))) {
        metadataAsked = true;
        // On failure the addresses stay unknown (null); the members are still listed from the configuration.
        const source = view.source.endpoint;
        const { value: meta } = await settle(ctx.budget, source, (options) => ctx.client.getClusterMetadata(source, options));
        for (const node of meta?.nodes ?? []) if (n0(node.id) > 0 && node.address && !address.has(n0(node.id))) address.set(n0(node.id), node.address);
      }
      // A member asked already, at its address or as an endpoint given in another spelling
      // (`localhost:P` for `127.0.0.1:P`), is not asked again: a hung one would cost another --timeout.
      const missing: number[] = [];
      for (const id of view.memberIds) if (!byId.has(id) && address.has(id) && (await book.find(address.get(id)!, tried)) === undefined) missing.push(id);
      if (missing.length === 0) {
        if (late.length === 0) break;
        await mergeLate(); // a straggler's configuration may name members nobody has asked yet
      } else {
        for (const id of missing) tried.add(address.get(id)!);
        await read(missing.map((id) => ({ endpoint: address.get(id)!, read: readStatus(ctx, address.get(id)!, id) })));
      }
      view = configView(byId);
    }
    if (late.length > 0) {
      await mergeLate();
      view = configView(byId);
    }
    if (clusterId === idAtStart) break;
    answers.splice(0, answers.length, ...answers.filter((a) => a.given));
    leftOut = leftOut.filter((e) => given.has(e));
    tried.clear();
    for (const e of given) tried.add(e);
    await rebuild();
  }
  if (ambiguity !== null) {
    const status: ClusterStatus = { source: 'raftctl', leaderId: null, term: null, configIndex: null, joint: null, config: null, members: [] };
    return { status, outcomes: outcomes.filter((o) => given.has(o.endpoint)), error: ambiguity };
  }
  const { leader, source, voters, votersOutgoing, learners, learnerIds, memberIds } = view;

  const leaderId = leader?.status.nodeId ?? reportedLeader([...byId.values()]);
  const peers = new Map<number, PeerStatus>();
  for (const p of leader?.status.peers ?? []) if (n0(p.id) > 0) peers.set(n0(p.id), p);
  const maxTerm = Math.max(0, ...[...byId.values()].map((a) => n0(a.status.term)));
  const term = leader ? n0(leader.status.term) : maxTerm > 0 ? maxTerm : null;

  const learnerById = new Map(learners.map((l) => [n0(l.id), l]));
  const members: ClusterMember[] = memberIds.map((id) => {
    const learner = learnerById.get(id);
    const state: MemberState = learner ? (learner.readOnly ? 'read-only' : 'promotable') : 'active';
    const answered = byId.get(id);
    const fallbackRole: MemberRole = learner ? 'learner' : id === leaderId ? 'leader' : 'unknown';
    const base = unknownMember(id, address.get(id) ?? null, answered ? raftctlRole(answered.status.role) : fallbackRole, state);
    const s = answered?.status;
    const fromLeader = leaderView(id, leader, peers);
    return {
      ...base,
      ...fromLeader,
      ...(s
        ? {
            term: n0(s.term) > 0 ? n0(s.term) : null,
            commitIndex: n0(s.commitIndex),
            appliedIndex: n0(s.appliedIndex),
            lastLogIndex: n0(s.lastLogIndex),
            reachable: true,
          }
        : {}),
    };
  });

  const status: ClusterStatus = {
    source: 'raftctl',
    leaderId,
    term,
    configIndex: source ? n0(source.status.configIndex) : null,
    joint: source ? votersOutgoing.length > 0 : null,
    config: source ? { voters, votersOutgoing, learners: learnerIds } : null,
    members,
  };
  return { status, outcomes };
}

/**
 * The leader the nodes report when none of them leads: the report with the highest term. A
 * report naming a node that was read at that term or a later one and does not lead (a leader
 * that stepped down, say on losing its quorum, while a follower's election timer has not fired
 * yet) is not a leader: it is skipped. A named node read at an older term may have been read
 * just before it won the election, and so may a candidate read at the report's own term: those
 * reports stand (a node that led a term never campaigns in it again).
 */
function reportedLeader(answered: readonly Answered[]): number | null {
  const byId = new Map(answered.map((a) => [a.status.nodeId, a]));
  let best: Answered | null = null;
  for (const a of answered) {
    if (n0(a.status.leaderId) <= 0) continue;
    const named = byId.get(n0(a.status.leaderId));
    if (named && named.status.role !== ROLE.LEADER) {
      const readTerm = n0(named.status.term);
      const reportTerm = n0(a.status.term);
      if (named.status.role === ROLE.CANDIDATE ? readTerm > reportTerm : readTerm >= reportTerm) continue;
    }
    if (best === null || n0(a.status.term) > n0(best.status.term)) best = a;
  }
  return best ? n0(best.status.leaderId) : null;
}

/**
 * matchIndex, lag and lagMs of member `id` as the leader sees it (all null without a leader).
 * A peer whose matchIndex is 0 has not acknowledged anything to this leader yet (say, it died
 * before the election): its position is unknown, so all three are null, not 0 and a lag of the
 * whole log (CLI.md: unknown values are null, never 0).
 */
function leaderView(id: number, leader: Answered | null, peers: ReadonlyMap<number, PeerStatus>): Pick<ClusterMember, 'matchIndex' | 'lag' | 'lagMs'> {
  if (!leader) return { matchIndex: null, lag: null, lagMs: null };
  const peer = peers.get(id);
  if (peer && n0(peer.matchIndex) === 0) return { matchIndex: null, lag: null, lagMs: null };
  if (peer) return { matchIndex: n0(peer.matchIndex), lag: n0(peer.lagEntries), lagMs: peer.lastContactMs ?? null };
  if (id === leader.status.nodeId) return { matchIndex: n0(leader.status.lastLogIndex), lag: 0, lagMs: 0 };
  return { matchIndex: null, lag: null, lagMs: null };
}
