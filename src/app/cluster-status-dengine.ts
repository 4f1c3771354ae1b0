/**
 * Reading a d-engine cluster for `cluster status` (PROTOCOL.md, "Reading a d-engine node"):
 * - membership, addresses (a scheme such as `http://` stripped), status: GetClusterMetadata
 *   (learners refuse it; a voter answers), the answer with the latest configuration;
 * - leader: `current_leader_id` when the answers agree, the leader's own metadata names itself
 *   and no member's vote probe answers at a newer term than the leader's, else DiscoverLeader
 *   (highest term) asked of the endpoints and the voters;
 * - term and last log index: a RequestVote at term 0 (denied by any node past its first
 *   election; see EndpointClient.probeVote for a d-engine node still at term 0);
 * - applied index: on the leader only, the `revision` of a Scan with an improbable prefix;
 * - role: leader, learner (metadata), follower (a voter at the leader's term), candidate (a voter
 *   at another term that refuses DiscoverLeader with PERMISSION_DENIED), else unknown;
 * - commit index, match index, lag: unknown (null).
 * Never probes with AppendEntries: it resets a d-engine follower's election timer.
 */
import type { ClusterMembership, NodeMeta, VoteResponse } from '../transport/messages.js';
import { NodeRoleValue, NodeStatusValue } from '../transport/messages.js';
import { dialableAddress, normalizeAddress } from '../transport/membership.js';
import { discoverLeader } from './discover-leader.js';
import { addressBookOf, type OperatorContext } from './operator.js';
import { RejectedError } from '../errors.js';
import { errorText, GRPC_CODE, grpcCodeOf, LEARNER_HINT, settle, settledBy, stragglerGraceMs, StragglerTimeoutError, withoutStragglers } from './verdict.js';
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

/** A prefix no real key has: the Scan returns nothing and only its `revision` is read. */
export const IMPROBABLE_SCAN_PREFIX = new TextEncoder().encode('/\u0000raftctl-status-probe\u0000/');

/** d_engine.common.NodeStatus → CLI.md's `status`. */
export function dengineStatus(value: number | null | undefined): MemberState {
  switch (value) {
    case NodeStatusValue.ACTIVE: return 'active';
    case NodeStatusValue.PROMOTABLE: return 'promotable';
    case NodeStatusValue.READ_ONLY: return 'read-only';
    default: return 'unspecified';
  }
}

function isLearner(meta: NodeMeta): boolean {
  return meta.role === NodeRoleValue.LEARNER;
}

/**
 * How far a membership answer has got, compared in order: `version`, then the number of members,
 * then the number of voters, then whether it names a leader. d-engine applies membership changes
 * at commit, so a lagging follower answers an older configuration, and only removals bump
 * `version` (reference §4): within one version the changes only add learners and promote them, so
 * more members, then more voters, is the later configuration.
 */
function progressOf(m: ClusterMembership): number[] {
  const nodes = (m.nodes ?? []).filter((n) => (n.id ?? 0) > 0);
  return [m.version ?? 0, nodes.length, nodes.filter((n) => !isLearner(n)).length, m.currentLeaderId != null ? 1 : 0];
}

/** The membership answer that has got furthest ({@link progressOf}); the first among equals. */
function pickMembership(answers: readonly { endpoint: string; membership: ClusterMembership }[]): { endpoint: string; membership: ClusterMembership } | null {
  let best: { endpoint: string; membership: ClusterMembership; progress: number[] } | null = null;
  for (const a of answers) {
    const progress = progressOf(a.membership);
    const i = best === null ? -1 : progress.findIndex((x, k) => x !== best!.progress[k]);
    if (best === null || (i >= 0 && progress[i]! > best.progress[i]!)) best = { ...a, progress };
  }
  return best && { endpoint: best.endpoint, membership: best.membership };
}

/**
 * The leader GetClusterMetadata's `current_leader_id` names, when it can be trusted; null sends
 * the caller to DiscoverLeader (highest term). A d-engine node names the leader it last knew: a
 * candidate's (reference §3.6), a follower's cut off from a newer leader, or an old leader's cut
 * off from its followers (d-engine leaders have no check-quorum step-down) may be stale. So the
 * answers that name a leader must agree, and that node's own metadata (asked when it was not among
 * the endpoints) must name itself, as a d-engine leader does once its Noop committed. A leader
 * whose metadata could not be read is kept: whether it is down is judged later; one among the
 * endpoints `asked` already is not asked again.
 */
async function confirmedLeader(ctx: OperatorContext, answers: readonly { endpoint: string; membership: ClusterMembership }[], nodes: readonly (NodeMeta & { id: number; address: string })[], asked: readonly string[]): Promise<number | null> {
  const namedIds = new Set(answers.flatMap((a) => (a.membership.currentLeaderId != null && a.membership.currentLeaderId > 0 ? [a.membership.currentLeaderId] : [])));
  if (namedIds.size !== 1) return null;
  const [named] = [...namedIds] as [number];
  const leader = nodes.find((n) => n.id === named);
  if (!leader) return null;
  const book = addressBookOf(ctx);
  const ownEndpoint = await book.find(leader.address, answers.map((a) => a.endpoint));
  let own = answers.find((a) => a.endpoint === ownEndpoint)?.membership;
  // Asked already without an answer (down, or hung): not asked again (whether it is down is judged later).
  if (own === undefined && leader.address && (await book.find(leader.address, asked)) === undefined) {
    const read = await settle(ctx.budget, leader.address, (callOptions) => ctx.client.getClusterMetadata(leader.address, callOptions));
    if (read.value == null) return named;
    own = read.value;
  }
  return own === undefined || own.currentLeaderId === named ? named : null;
}

/**
 * Reads a d-engine cluster through `live` (endpoints that answered GetServerInfo with
 * UNIMPLEMENTED or were otherwise connected). Returns the status and every outcome seen, for
 * the verdict. Never rejects: a failed call (one that `--wait-timeout` cut off included)
 * leaves what it would have told null.
 */
export async function readDengineCluster(ctx: OperatorContext, live: readonly string[], options: { stragglersUntil?: number } = {}): Promise<ClusterStatusRead> {
  const outcomes: ReadOutcome[] = [];
  // A hung node (accepting connections, answering nothing until --timeout) holds back neither
  // the metadata nor the probes of the others (withoutStragglers); its probe's outcome is
  // waited for at the end, up to `stragglersUntil`.
  const grace = stragglerGraceMs(ctx.budget);
  const metaReads = live.map((ep) => settle(ctx.budget, ep, (callOptions) => ctx.client.getClusterMetadata(ep, callOptions)));
  const metas = await withoutStragglers(metaReads, (m) => m.value != null, grace);
  const answers = metas.flatMap((m) => (m?.value ? [{ endpoint: m.endpoint, membership: m.value }] : []));
  const picked = pickMembership(answers);
  const membership = picked?.membership ?? null;
  // No configuration could be read: why each endpoint could not tell it is the verdict's reason.
  const unread: string[] = [];
  if (membership === null) {
    for (const m of metas) {
      if (m == null || m.error == null) continue;
      unread.push(m.endpoint);
      outcomes.push({ endpoint: m.endpoint, error: metadataFailure(m.endpoint, m.error) });
    }
  }
  // Addresses as d-engine configures them may carry a scheme it strips itself, or be 0.0.0.0:P
  // as in its examples, which is dialled at the host of the endpoint that answered (reference §1.6).
  const nodes = [...(membership?.nodes ?? [])]
    .filter((n): n is NodeMeta & { id: number } => (n.id ?? 0) > 0)
    .map((n) => ({ ...n, address: picked ? dialableAddress(n.address ?? '', picked.endpoint) : normalizeAddress(n.address ?? '') }))
    .sort((a, b) => a.id - b.id);

  let leaderId: number | null = null;
  let discoveredTerm: number | null = null;
  // Every member is asked too, not only the endpoints: the endpoint given may be a candidate or
  // a learner (both refuse DiscoverLeader), or a node cut off from the current leader.
  const discover = async (): Promise<{ leaderId: number | null; term: number | null }> => {
    const endpoints = await addressBookOf(ctx).distinct([...live, ...nodes.flatMap((n) => (n.address && !isLearner(n) ? [n.address] : []))]);
    return (await discoverLeader({ ...ctx, endpoints })).result;
  };
  const named = await confirmedLeader(ctx, answers, nodes, live);
  if (named !== null) {
    leaderId = named;
  } else {
    ({ leaderId, term: discoveredTerm } = await discover());
  }

  // A member given as an endpoint is dialled as given (its connection reused, its outcomes under
  // one name); it is shown at the address the cluster names it by.
  const dial = await Promise.all(nodes.map(async (n) => (n.address ? ((await addressBookOf(ctx).find(n.address, live)) ?? n.address) : '')));
  const probeReads = nodes.map((n, i) => (dial[i] ? settle(ctx.budget, dial[i], (callOptions) => ctx.client.probeVote(dial[i]!, callOptions)) : Promise.resolve(null)));
  /** The applied revision (a Scan) of member `id`, asked once its own probe answered. */
  const appliedOf = (id: number | null): Promise<number | null> => {
    const i = nodes.findIndex((n) => n.id === id);
    const address = i >= 0 ? dial[i] : undefined;
    if (!address) return Promise.resolve(null);
    return probeReads[i]!.then(async (p) => {
      if (!p?.value) return null;
      const scan = await settle(ctx.budget, address, (callOptions) => ctx.client.scan(address, { clientId: 0, prefix: IMPROBABLE_SCAN_PREFIX }, callOptions));
      return scan.value ? (scan.value.revision ?? 0) : null;
    });
  };
  const until = options.stragglersUntil ?? Infinity;
  const [probes, [scanned]] = await Promise.all([settledBy(probeReads, until), settledBy([appliedOf(leaderId)], until)]);
  let leaderApplied = scanned ?? null;
  const probeOf = new Map<number, VoteResponse>();
  nodes.forEach((n, i) => {
    const p = probes[i];
    // A probe `stragglersUntil` left out is a timeout, not a node seen down.
    if (p === undefined && dial[i]) outcomes.push({ endpoint: dial[i], error: new StragglerTimeoutError(dial[i]) });
    if (!p) return;
    outcomes.push({ endpoint: p.endpoint, error: p.error });
    if (p.value) probeOf.set(n.id, p.value);
  });

  // A leader the metadata named and confirmed, while a member answers at a newer term: a deposed
  // leader (d-engine leaders have no check-quorum step-down, reference §3.6) still naming itself,
  // with a follower cut off along with it, while a majority elected a newer one; or a member
  // campaigning. DiscoverLeader over the members (highest term) decides, as when no leader is named.
  const namedTerm = named !== null ? (probeOf.get(named)?.term ?? null) : null;
  if (namedTerm !== null && [...probeOf.values()].some((p) => (p.term ?? 0) > namedTerm)) {
    // Within the same cut-off as the probes (cluster health's --wait-timeout): past it, the
    // leader the metadata named stands.
    const [found] = await settledBy([discover()], until);
    if (found && found.leaderId !== null && found.leaderId !== named) {
      leaderId = found.leaderId;
      discoveredTerm = found.term;
      [leaderApplied = null] = await settledBy([appliedOf(leaderId)], until);
    }
  }

  const leaderTerm = leaderId != null ? (probeOf.get(leaderId)?.term ?? discoveredTerm) : null;
  const maxTerm = Math.max(0, ...[...probeOf.values()].map((p) => p.term ?? 0));
  const term = leaderTerm ?? (maxTerm > 0 ? maxTerm : null);

  const roleOf = (n: (typeof nodes)[number]): MemberRole => {
    const probe = probeOf.get(n.id);
    return n.id === leaderId ? 'leader'
      : isLearner(n) ? 'learner'
      : probe && term !== null && leaderId !== null && probe.term === term ? 'follower'
      : 'unknown';
  };
  // A voter that answered its probe but not at the leader's term: d-engine reports no role, but
  // a voter refuses DiscoverLeader with PERMISSION_DENIED only while it is a candidate (reference
  // §3.8: a follower answers it, with or without a leader; learners refuse it too, but they are
  // known from the metadata). Asked only of such voters, within the probes' cut-off.
  const campaigning = new Set<number>();
  const offTerm = nodes.flatMap((n, i) => (roleOf(n) === 'unknown' && probeOf.has(n.id) && dial[i] ? [{ id: n.id, address: dial[i] }] : []));
  const refusals = await settledBy(offTerm.map((m) => settle(ctx.budget, m.address, (callOptions) => ctx.client.discoverLeader(m.address, { nodeId: 0, requesterAddress: '' }, callOptions))), until);
  offTerm.forEach((m, i) => {
    if (grpcCodeOf(refusals[i]?.error) === GRPC_CODE.PERMISSION_DENIED) campaigning.add(m.id);
  });

  const members: ClusterMember[] = nodes.map((n) => {
    const probe = probeOf.get(n.id);
    const role: MemberRole = campaigning.has(n.id) ? 'candidate' : roleOf(n);
    const base = unknownMember(n.id, n.address || null, role, dengineStatus(n.status));
    if (!probe) return base;
    return {
      ...base,
      term: (probe.term ?? 0) > 0 ? (probe.term as number) : null,
      lastLogIndex: probe.lastLogIndex ?? 0,
      appliedIndex: n.id === leaderId ? leaderApplied : null,
      reachable: true,
    };
  });

  const status: ClusterStatus = {
    source: 'd-engine',
    leaderId,
    term,
    // d-engine's membership `version` is not a log index, so there is no configuration index.
    configIndex: null,
    // d-engine applies one membership change at a time and has no joint configuration.
    joint: membership ? false : null,
    config: membership
      ? {
          voters: sortedIds(nodes.filter((n) => !isLearner(n)).map((n) => n.id)),
          votersOutgoing: [],
          learners: sortedIds(nodes.filter(isLearner).map((n) => n.id)),
        }
      : null,
    members,
  };
  return { status, outcomes, unread };
}

/**
 * A GetClusterMetadata failure as the verdict reports it: a PERMISSION_DENIED is a d-engine
 * learner's answer (reference §3.6; learners refuse DiscoverLeader too, §3.8), which no retry
 * changes, so it says to give a voter's address (code LEARNER_ENDPOINT, exit 3 class).
 */
function metadataFailure(endpoint: string, error: unknown): unknown {
  if (grpcCodeOf(error) !== GRPC_CODE.PERMISSION_DENIED) return error;
  return new RejectedError('LEARNER_ENDPOINT', `${endpoint} is a d-engine learner (${errorText(error)}): learners refuse GetClusterMetadata and DiscoverLeader`, {
    cause: error,
    details: { endpoint, grpcCode: GRPC_CODE.PERMISSION_DENIED, sent: true },
    hint: LEARNER_HINT,
  });
}
