/**
 * Linearizable reads without log writes (Raft dissertation §6.4) and leader leases (§6.4.1).
 *
 * ReadIndex on the leader: once an entry of its term is committed, a read records
 * readIndex = commitIndex and joins the next confirmation round: an Append (entries or
 * heartbeat) to every peer; when a joint quorum has answered an Append of that round or a
 * later one in the current term, leadership at read time is proven and the read may be
 * served once readIndex is applied. Reads registered between two Ready calls share one round.
 *
 * Followers forward the read to the leader (`ReadIndex` message) and hold the granted index
 * until their own commit index reaches it. Both waits are bounded: a read not served within an
 * election timeout of being forwarded is refused TIMEOUT (counted in ticks, also if the node
 * became leader meanwhile), and every forwarded or held read is refused NOT_LEADER the moment
 * the node loses the leader it asked (a new term or leader, its own candidacy): the answer of a
 * deposed leader would be dropped as stale, and a follower without a leader may not see its
 * commit index move for a long time.
 *
 * Lease: each round records the time (`nowMs` of tick, the runtime's lease clock) of the tick
 * before it was sent; a confirmed
 * round starts a lease of (electionTimeoutMin - 1) * tickMs - leaseDriftMs. Followers refuse
 * votes for electionTimeoutMin ticks after hearing from the leader (counted from restart for
 * a restarted node), whatever message raised their term (election.ts handleVote checks the
 * lease for every Vote, not only for one that raises the term), and a tick can fire up to
 * one tick early, hence the "- 1". Leases need
 * CheckQuorum, and are never used again in a term once a leadership transfer started
 * (TimeoutNow lets a candidate bypass the followers' lease check). A new configuration
 * entry drops the lease: only rounds acknowledged by a quorum of the configuration now in
 * force may start a new one (a quorum of the old voters says nothing about the new ones).
 */
import type { ReadIndexMsg, ReadIndexResponseMsg } from './messages.js';
import { hasJointQuorum } from './quorum.js';
import { sendAppend, sendHeartbeat } from './replication.js';
import type { CoreState, HeldRead, PendingRead, Round } from './state.js';

/** Rounds kept unconfirmed at most; older ones merge their reads into the next. */
const MAX_ROUNDS = 64;

/** How a read should be served. */
export type ReadPolicy = 'linearizable' | 'lease';

/** True once the leader committed an entry of its own term (dissertation §6.4 step 1). */
export function committedInTerm(s: CoreState): boolean {
  return s.log.term(s.log.commitIndex) === s.term;
}

/** Lease length in ms (see module comment). */
export function leaseMs(s: CoreState): number {
  return (s.cfg.electionTimeoutMinTicks - 1) * s.cfg.tickMs - s.cfg.leaseDriftMs;
}

/** True if a lease read at `nowMs` (the clock of `RaftCore.tick`'s `nowMs`) is safe. */
export function leaseValid(s: CoreState, nowMs: number): boolean {
  return (
    s.role === 'leader' &&
    s.cfg.checkQuorum &&
    !s.transferStartedInTerm &&
    committedInTerm(s) &&
    nowMs < s.leaseStartMs + leaseMs(s)
  );
}

/** Entry point for `RaftCore.readIndex`. */
export function readIndex(s: CoreState, ctx: number, policy: ReadPolicy, nowMs: number): void {
  if (s.role === 'leader') {
    if (policy === 'lease' && leaseValid(s, nowMs)) {
      s.readStates.push({ ctx, status: 'ready', index: s.log.commitIndex });
      return;
    }
    registerRead(s, ctx, s.id);
    return;
  }
  if (s.leaderId !== 0) {
    s.forwardedReads.set(ctx, 0);
    s.send({ type: 'ReadIndex', from: s.id, to: s.leaderId, term: s.term, ctx });
    return;
  }
  s.readStates.push({ ctx, status: 'rejected', reason: 'NOT_LEADER' });
}

function registerRead(s: CoreState, ctx: number, from: number): void {
  if (!committedInTerm(s)) {
    s.readsAwaitingTermCommit.push({ ctx, from, index: 0 });
    return;
  }
  s.openReads.push({ ctx, from, index: s.log.commitIndex });
}

/** Leader side of a follower's ReadIndex (same term). */
export function handleReadIndex(s: CoreState, m: ReadIndexMsg): void {
  if (s.role !== 'leader') {
    s.send(readRejection(s, m));
    return;
  }
  registerRead(s, m.ctx, m.from);
}

/** The answer to a ReadIndex this node cannot serve. */
export function readRejection(s: CoreState, m: ReadIndexMsg): ReadIndexResponseMsg {
  return { type: 'ReadIndexResponse', from: s.id, to: m.from, term: s.term, ctx: m.ctx, rejected: 'NOT_LEADER', leaderHint: s.leaderId };
}

/** Follower side: the leader granted or refused a forwarded read. */
export function handleReadIndexResponse(s: CoreState, m: ReadIndexResponseMsg): void {
  const age = s.forwardedReads.get(m.ctx);
  if (age === undefined) return;
  s.forwardedReads.delete(m.ctx);
  if (m.index !== undefined) s.heldReads.push({ ctx: m.ctx, index: m.index, age });
  else s.readStates.push({ ctx: m.ctx, status: 'rejected', reason: 'NOT_LEADER', leaderHint: m.leaderHint || s.leaderId || undefined });
}

/** Called on every commit advance of the leader: reads that waited for a current-term commit join the next round. */
export function onTermCommitted(s: CoreState): void {
  if (s.readsAwaitingTermCommit.length === 0 || !committedInTerm(s)) return;
  for (const r of s.readsAwaitingTermCommit) s.openReads.push({ ctx: r.ctx, from: r.from, index: s.log.commitIndex });
  s.readsAwaitingTermCommit = [];
}

/**
 * Sends one confirmation round: every peer gets an Append (entries if it can take them,
 * else a heartbeat), and the round remembers the first seq it used per peer.
 */
export function startRound(s: CoreState, reads: PendingRead[]): void {
  const seqAt = new Map<number, number>();
  for (const pr of s.progress.values()) {
    seqAt.set(pr.id, pr.nextSeq);
    const before = pr.nextSeq;
    while (sendAppend(s, pr));
    if (pr.nextSeq === before) sendHeartbeat(s, pr);
  }
  const round: Round = { seqAt, startMs: s.lastTickNowMs, configIndex: s.log.configIndex(), reads };
  if (roundConfirmed(s, round)) {
    confirm(s, round);
    return;
  }
  s.rounds.push(round);
  if (s.rounds.length > MAX_ROUNDS) {
    const old = s.rounds.shift()!;
    s.rounds[0]!.reads.unshift(...old.reads);
  }
}

/** Flushes reads registered since the last Ready into a round (leader) or releases held ones (follower). */
export function flushReads(s: CoreState): void {
  if (s.role === 'leader' && s.openReads.length > 0) {
    const reads = s.openReads;
    s.openReads = [];
    startRound(s, reads);
  }
  if (s.heldReads.length > 0) {
    const keep: HeldRead[] = [];
    for (const r of s.heldReads) {
      if (r.index <= s.log.commitIndex) s.readStates.push({ ctx: r.ctx, status: 'ready', index: r.index });
      else keep.push(r);
    }
    s.heldReads = keep;
  }
}

/** True if something in the read machinery needs a Ready. */
export function readsPending(s: CoreState): boolean {
  if (s.openReads.length > 0 && s.role === 'leader') return true;
  for (const r of s.heldReads) if (r.index <= s.log.commitIndex) return true;
  return false;
}

/** After an AppendResponse raised some peer's ackedSeq: confirm the newest round a quorum acknowledged, and all older ones. */
export function checkRounds(s: CoreState): void {
  for (let i = s.rounds.length - 1; i >= 0; i--) {
    if (!roundConfirmed(s, s.rounds[i]!)) continue;
    const done = s.rounds.splice(0, i + 1);
    for (const r of done) confirm(s, r);
    return;
  }
}

function roundConfirmed(s: CoreState, round: Round): boolean {
  return hasJointQuorum(s.config(), (id) => {
    if (id === s.id) return true;
    const at = round.seqAt.get(id);
    const pr = s.progress.get(id);
    return at !== undefined && pr !== undefined && pr.ackedSeq >= at;
  });
}

function confirm(s: CoreState, round: Round): void {
  if (s.cfg.checkQuorum && !s.transferStartedInTerm && round.configIndex === s.log.configIndex() && round.startMs > s.leaseStartMs) {
    s.leaseStartMs = round.startMs;
  }
  for (const r of round.reads) releaseRead(s, r);
}

function releaseRead(s: CoreState, r: PendingRead): void {
  if (r.from === s.id) s.readStates.push({ ctx: r.ctx, status: 'ready', index: r.index });
  else s.send({ type: 'ReadIndexResponse', from: s.id, to: r.from, term: s.term, ctx: r.ctx, index: r.index });
}

/** On losing leadership: every read it held is refused (followers' reads through a response). */
export function failLeaderReads(s: CoreState): void {
  const all = [...s.readsAwaitingTermCommit, ...s.openReads, ...s.rounds.flatMap((r) => r.reads)];
  s.readsAwaitingTermCommit = [];
  s.openReads = [];
  s.rounds = [];
  for (const r of all) {
    if (r.from === s.id) s.readStates.push({ ctx: r.ctx, status: 'rejected', reason: 'NOT_LEADER' });
    else s.send({ type: 'ReadIndexResponse', from: s.id, to: r.from, term: s.term, ctx: r.ctx, rejected: 'NOT_LEADER' });
  }
}

/**
 * Follower reads not served within an election timeout of being forwarded are refused
 * (TIMEOUT): those still waiting for the leader's answer and those granted but still waiting
 * for the local commit index (a held read whose index is committed is left to `flushReads`).
 */
export function tickFollowerReads(s: CoreState): void {
  for (const [ctx, age] of s.forwardedReads) {
    if (age + 1 >= s.electionTimeout) {
      s.forwardedReads.delete(ctx);
      s.readStates.push({ ctx, status: 'rejected', reason: 'TIMEOUT' });
    } else {
      s.forwardedReads.set(ctx, age + 1);
    }
  }
  if (s.heldReads.length === 0) return;
  const keep: HeldRead[] = [];
  for (const r of s.heldReads) {
    r.age++;
    if (r.age >= s.electionTimeout && r.index > s.log.commitIndex) s.readStates.push({ ctx: r.ctx, status: 'rejected', reason: 'TIMEOUT' });
    else keep.push(r);
  }
  s.heldReads = keep;
}

/**
 * The node lost the leader its reads were forwarded to (called before `leaderId` changes):
 * every forwarded and held read is refused NOT_LEADER, with `newLeader` as the hint when known.
 */
export function failFollowerReads(s: CoreState, newLeader: number): void {
  failForwardedReads(s, newLeader);
  const hint = newLeader || undefined;
  for (const r of s.heldReads) s.readStates.push({ ctx: r.ctx, status: 'rejected', reason: 'NOT_LEADER', ...(hint ? { leaderHint: hint } : {}) });
  s.heldReads = [];
}

/**
 * The term moved on (same leader or not): reads forwarded in the old term can get no answer
 * any more (an answer of an older term is dropped), so each is refused NOT_LEADER now instead
 * of timing out an election timeout later. Reads already granted (held until applied) stay
 * valid: their index was confirmed when granted.
 */
export function failForwardedReads(s: CoreState, leaderHint: number): void {
  if (s.forwardedReads.size === 0) return;
  const hint = leaderHint || undefined;
  for (const ctx of s.forwardedReads.keys()) s.readStates.push({ ctx, status: 'rejected', reason: 'NOT_LEADER', ...(hint ? { leaderHint: hint } : {}) });
  s.forwardedReads.clear();
}
