/**
 * Leader-side replication (Raft §5.3, §5.4, §7): sending Appends, heartbeats and snapshots
 * with per-peer flow control, handling their answers (fast backtracking with conflict
 * hints), and advancing the commit index with joint quorums (only for entries of the
 * current term, Raft §5.4.2; the leader's own entries count once durable, dissertation
 * §10.2.1).
 */
import type { AppendResponseMsg, SnapshotResponseMsg, UnreachableMsg } from './messages.js';
import { isJoint, isVoter, leaveJoint, members } from './membership.js';
import { Progress } from './progress.js';
import { jointCommitIndex } from './quorum.js';
import { checkRounds, onTermCommitted } from './reads.js';
import { abandonPendingAfter } from './proposals.js';
import { becomeFollower } from './roles.js';
import type { CoreState } from './state.js';
import type { Entry, EntryPayload, LogIndex } from './types.js';

/** Appends an entry of the current term to the leader's log; returns its index. */
export function appendLeaderEntry(s: CoreState, payload: EntryPayload, proposedAtUnixMs?: number): LogIndex {
  const index = s.log.lastIndex() + 1;
  s.log.append(proposedAtUnixMs === undefined ? { index, term: s.term, payload } : { index, term: s.term, payload, proposedAtUnixMs });
  if (payload.type === 'configuration') {
    s.pendingConfigIndex = index;
    s.leaseStartMs = Number.NEGATIVE_INFINITY; // see reads.ts: leases belong to one configuration
    syncProgress(s);
  }
  s.needBroadcast = true;
  return index;
}

/** Makes the progress map match the current configuration's members (minus self). */
export function syncProgress(s: CoreState): void {
  const targets = new Set(members(s.config()));
  targets.delete(s.id);
  for (const id of [...s.progress.keys()]) if (!targets.has(id)) s.progress.delete(id);
  for (const id of targets) {
    if (s.progress.has(id)) continue;
    const pr = new Progress(id, s.log.lastIndex() + 1);
    pr.recentActive = true;
    s.progress.set(id, pr);
  }
}

/**
 * Sends what each peer can take now (called when the Ready is built, so proposals batch).
 * With `commit` (the commit index moved since the last Ready), a REPLICATE peer whose last
 * Append did not carry the current commit index gets an empty one at its nextIndex, so
 * followers learn it now rather than at the next heartbeat (as etcd's bcastAppend). At most
 * one such Append per peer per Ready.
 */
export function broadcastAppends(s: CoreState, commit = false): void {
  for (const pr of s.progress.values()) {
    while (sendAppend(s, pr));
    if (commit && pr.state === 'REPLICATE' && pr.sentCommit < s.log.commitIndex) sendCommit(s, pr);
  }
}

/**
 * Sends one Append at (prevLogIndex, prevLogTerm) with `entries` (none for a heartbeat or a
 * commit-only Append), carrying the leader's commit index, and records it in the peer's progress.
 */
function sendAppendAt(s: CoreState, pr: Progress, prevLogIndex: number, prevLogTerm: number, entries: readonly Entry[], commitOnly = false): void {
  const seq = pr.recordSent(prevLogIndex, entries.length > 0);
  s.send({
    type: 'Append',
    from: s.id,
    to: pr.id,
    term: s.term,
    leaderId: s.id,
    prevLogIndex,
    prevLogTerm,
    entries,
    leaderCommitIndex: s.log.commitIndex,
    seq,
    ...(commitOnly ? { commitOnly: true as const } : {}),
  });
  pr.sentCommit = s.log.commitIndex;
}

/** Empty Append right after the last entry sent to `pr` (REPLICATE), carrying the commit index. */
function sendCommit(s: CoreState, pr: Progress): void {
  const prevLogIndex = pr.nextIndex - 1;
  const prevLogTerm = s.log.term(prevLogIndex);
  if (prevLogTerm === undefined) return;
  sendAppendAt(s, pr, prevLogIndex, prevLogTerm, [], true);
}

/**
 * Sends one entry-carrying Append (or a PROBE Append, possibly empty) if the peer's flow
 * state allows; falls back to a snapshot when the entries it needs are compacted (Raft §7).
 * Returns true if something was sent and the caller may try again.
 */
export function sendAppend(s: CoreState, pr: Progress): boolean {
  const last = s.log.lastIndex();
  if (pr.state === 'SNAPSHOT') return false;
  if (pr.state === 'PROBE') {
    if (pr.probeSent) return false;
  } else if (pr.nextIndex > last || pr.isFull(s.cfg.maxInflightAppends)) {
    return false;
  }
  const prevLogIndex = pr.nextIndex - 1;
  const prevLogTerm = s.log.term(prevLogIndex);
  if (prevLogTerm === undefined) {
    sendSnapshot(s, pr);
    return false;
  }
  const hi = appendLimit(s, pr.nextIndex, Math.min(last + 1, pr.nextIndex + s.cfg.maxEntriesPerAppend));
  const entries = pr.nextIndex <= last ? s.log.slice(pr.nextIndex, hi) : [];
  sendAppendAt(s, pr, prevLogIndex, prevLogTerm, entries);
  if (pr.state === 'PROBE') {
    pr.probeSent = true;
    return false;
  }
  pr.nextIndex = hi;
  return true;
}

/** Per-entry allowance for index, term and framing in `maxAppendBytes` accounting. */
const ENTRY_OVERHEAD_BYTES = 32;

/** Bytes an entry counts for in `maxAppendBytes`. */
function entrySize(e: Entry): number {
  switch (e.payload.type) {
    case 'command':
      return ENTRY_OVERHEAD_BYTES + e.payload.data.byteLength;
    case 'configuration': {
      const c = e.payload.configuration;
      return ENTRY_OVERHEAD_BYTES + 16 * (c.voters.length + c.votersOutgoing.length + c.learners.length) + Object.values(c.addresses).reduce((n, a) => n + a.length + 8, 0);
    }
    default:
      return ENTRY_OVERHEAD_BYTES;
  }
}

/** End (exclusive) of the entries from `lo` that fit in maxAppendBytes, at least one, at most `hi`. */
function appendLimit(s: CoreState, lo: LogIndex, hi: LogIndex): LogIndex {
  let bytes = 0;
  for (let i = lo; i < hi; i++) {
    bytes += entrySize(s.log.entry(i)!);
    if (bytes > s.cfg.maxAppendBytes && i > lo) return i;
  }
  return hi;
}

/**
 * Empty Append anchored at the peer's matchIndex, carrying the commit index (the follower
 * commits up to min(leaderCommit, matchIndex)) and confirming leadership. Anchored at (0, 0)
 * when the match is compacted away. It succeeds as long as matchIndex is right; a conflict
 * answer at or below matchIndex proves it wrong, and handleAppendResponse lowers it.
 */
export function sendHeartbeat(s: CoreState, pr: Progress): void {
  let prevLogIndex = pr.matchIndex;
  let prevLogTerm = s.log.term(prevLogIndex);
  if (prevLogTerm === undefined) {
    prevLogIndex = 0;
    prevLogTerm = 0;
  }
  sendAppendAt(s, pr, prevLogIndex, prevLogTerm, []);
}

/** Asks the runtime to stream the latest snapshot to the peer (Raft §7). */
export function sendSnapshot(s: CoreState, pr: Progress): void {
  pr.becomeSnapshot(s.log.snapshot.index);
  s.send({ type: 'Snapshot', from: s.id, to: pr.id, term: s.term, leaderId: s.id, snapshot: s.log.snapshot });
}

/** Handles an AppendResponse of the current term (the caller checked term and role). */
export function handleAppendResponse(s: CoreState, m: AppendResponseMsg): void {
  const pr = s.progress.get(m.from);
  if (!pr) return;
  // Not an answer to this leadership: a "higher term" refusal in our own term answers an
  // Append we sent in an earlier term (the follower has moved on to our current term), and a
  // seq we never used in this term belongs to an earlier leadership's numbering. Counting
  // either as an acknowledgement confirmed read rounds and leases without a quorum (found by
  // the simulation: a stale lease read).
  if (m.result.kind === 'higherTerm' || m.seq >= pr.nextSeq) return;
  pr.recentActive = true;
  pr.ticksSinceContact = 0;
  const acked = m.seq > pr.ackedSeq;
  if (acked) pr.ackedSeq = m.seq;
  const rejectedPrev = pr.settle(m.seq);
  const r = m.result;
  if (r.kind === 'success') {
    let advanced = false;
    if (r.lastMatch.index > pr.matchIndex) {
      pr.matchIndex = r.lastMatch.index;
      advanced = true;
    }
    if (pr.nextIndex <= pr.matchIndex) pr.nextIndex = pr.matchIndex + 1;
    if (pr.state === 'PROBE') {
      // Only an answer reaching the probe point ends the probe; a heartbeat anchored at
      // matchIndex proves nothing new (and the probe is still on its way).
      if (r.lastMatch.index >= pr.nextIndex - 1) pr.becomeReplicate();
    }
    else if (pr.state === 'SNAPSHOT' && pr.matchIndex >= pr.pendingSnapshot) pr.becomeReplicate();
    else if (pr.state === 'REPLICATE' && pr.inflight === 0 && pr.nextIndex > pr.matchIndex + 1) {
      // Every entry-carrying Append up to this one was answered or lost on the FIFO stream,
      // yet entries beyond matchIndex were sent: they were lost. Probe again.
      pr.becomeProbe(pr.matchIndex + 1);
    }
    if (advanced) {
      if (isVoter(s.config(), pr.id)) maybeCommit(s);
      if (s.role !== 'leader') return;
      if (s.leadTransferee === pr.id && pr.matchIndex === s.log.lastIndex()) sendTimeoutNow(s, pr.id);
    }
  } else if (r.kind === 'conflict') {
    if (m.seq >= pr.resetSeq) {
      const next = backtrack(s, pr, rejectedPrev, r.conflictTerm, r.conflictIndex);
      // A follower whose log matched ours up to matchIndex cannot point at or below it: our
      // matchIndex is wrong (it never holds for a correct follower). Lowering it is safe (the
      // commit index never moves back) and lets the probe reach the real match point.
      if (rejectedPrev !== undefined && next <= pr.matchIndex) pr.matchIndex = next - 1;
      pr.becomeProbe(next);
    }
  }
  if (acked) checkRounds(s);
  if (s.role === 'leader') while (sendAppend(s, pr));
}

/**
 * Next index to probe after a rejection (Raft §5.3 fast backtracking): past the leader's
 * last entry of the follower's conflicting term if it has that term, else the follower's
 * first index of that term (or its log end); never above the rejected prevLogIndex.
 */
function backtrack(s: CoreState, pr: Progress, rejectedPrev: LogIndex | undefined, conflictTerm?: number, conflictIndex?: LogIndex): LogIndex {
  if (rejectedPrev === undefined) return pr.matchIndex + 1;
  let next: LogIndex;
  if (conflictTerm !== undefined) {
    const li = s.log.lastIndexOfTerm(conflictTerm, rejectedPrev);
    next = li !== undefined ? li + 1 : conflictIndex ?? rejectedPrev;
  } else if (conflictIndex !== undefined) {
    next = conflictIndex;
  } else {
    next = rejectedPrev;
  }
  return Math.max(1, Math.min(next, rejectedPrev));
}

/**
 * Handles a SnapshotResponse of the current term. Only an answer for the snapshot being sent
 * (or a newer one the runtime chose to push) counts: an answer for an older snapshot belongs
 * to a transfer this progress state no longer waits for.
 */
export function handleSnapshotResponse(s: CoreState, m: SnapshotResponseMsg): void {
  const pr = s.progress.get(m.from);
  if (!pr || pr.state !== 'SNAPSHOT' || m.snapshotIndex < pr.pendingSnapshot) return;
  pr.recentActive = true;
  pr.ticksSinceContact = 0;
  const snap = m.snapshotIndex;
  if (m.success) {
    const advanced = snap > pr.matchIndex;
    if (advanced) pr.matchIndex = snap;
    pr.becomeProbe(pr.matchIndex + 1);
    if (advanced && isVoter(s.config(), pr.id)) maybeCommit(s);
  } else {
    // Refused: usually the follower already committed past the snapshot (it holds that prefix),
    // but a receiver also answers so when the transfer failed there. Probe right after the
    // snapshot: matchIndex is untouched, and a follower without the prefix answers the probe
    // with a conflict that leads back to a snapshot.
    pr.becomeProbe(snap + 1);
  }
  if (s.role === 'leader') while (sendAppend(s, pr));
}

/**
 * The stream or RPC to a peer failed: whatever Appends were in flight are gone; probe on the
 * next heartbeat. A peer in SNAPSHOT state stays there unless the report is about the
 * snapshot transfer itself (`snapshot: true`): the transfer may still be in flight.
 */
export function handleUnreachable(s: CoreState, m: UnreachableMsg): void {
  if (s.role !== 'leader') return;
  const pr = s.progress.get(m.from);
  if (!pr) return;
  if (pr.state === 'SNAPSHOT' ? m.snapshot === true : pr.state !== 'PROBE' || pr.probeSent) {
    // A lost probe is simply sent again from the same point; falling back to matchIndex + 1
    // made a new leader (matchIndex 0) replay its whole log to a peer that already had it
    // (found by the simulation's liveness check). Lost pipelined Appends restart after matchIndex.
    pr.becomeProbe(pr.state === 'PROBE' ? pr.nextIndex : pr.matchIndex + 1);
  }
}

/**
 * Advances commitIndex to the largest index stored on a joint quorum, if that entry is of
 * the current term (Raft §5.4.2). Returns true if it moved.
 */
export function maybeCommit(s: CoreState): boolean {
  if (s.role !== 'leader') return false;
  const idx = Math.min(
    s.log.lastIndex(),
    jointCommitIndex(s.config(), (id) => (id === s.id ? s.log.durableIndex : s.progress.get(id)?.matchIndex ?? 0)),
  );
  if (idx <= s.log.commitIndex || s.log.term(idx) !== s.term) return false;
  s.log.commitIndex = idx;
  s.commitBroadcast = true;
  afterCommit(s);
  return true;
}

/**
 * Leader duties once the commit index moved: release reads that waited for an entry of
 * this term; leave a committed joint configuration (dissertation §4.3); step down once a
 * configuration without this node is committed (dissertation §4.2.2).
 */
function afterCommit(s: CoreState): void {
  const commit = s.log.commitIndex;
  onTermCommitted(s);
  const c = s.config();
  if (s.log.configIndex() > commit || s.pendingConfigIndex > commit) return;
  if (isJoint(c)) {
    appendLeaderEntry(s, { type: 'configuration', configuration: leaveJoint(c) });
    return;
  }
  if (!isVoter(c, s.id)) {
    let best: Progress | undefined;
    for (const pr of s.progress.values()) {
      if (isVoter(c, pr.id) && (!best || pr.matchIndex > best.matchIndex)) best = pr;
    }
    if (best && best.matchIndex === s.log.lastIndex()) sendTimeoutNow(s, best.id);
    becomeFollower(s, s.term, 0);
    abandonPendingAfter(s, commit);
  }
}

/** Tells `to` to campaign now (dissertation §3.10). */
export function sendTimeoutNow(s: CoreState, to: number): void {
  s.send({ type: 'TimeoutNow', from: s.id, to, term: s.term });
}
