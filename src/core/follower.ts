/**
 * Receiver side of AppendEntries (Raft §5.3, Figure 2) and InstallSnapshot (Raft §7).
 * Both answer exactly once; the answer leaves only after what it acknowledges is durable
 * (it sits in messagesAfterPersist).
 */
import type { AppendMsg, AppendResult, SnapshotMsg } from './messages.js';
import { onLogTruncated, onSnapshotRestored } from './proposals.js';
import { becomeFollower } from './roles.js';
import type { CoreState } from './state.js';
import type { Entry } from './types.js';
import { secondLeaderProblem } from './validate.js';

function reply(s: CoreState, m: AppendMsg, result: AppendResult): void {
  s.send({ type: 'AppendResponse', from: s.id, to: m.from, term: s.term, result, seq: m.seq });
}

/** A valid message from the leader of our term: remember it and reset the election timer (Raft §5.2). */
function heardFromLeader(s: CoreState, leaderId: number): void {
  if (s.role !== 'follower') becomeFollower(s, s.term, leaderId);
  s.leaderId = leaderId;
  s.electionElapsed = 0;
  s.ticksSinceLeaderContact = 0;
}

/**
 * AppendEntries in our term. Consistency check on (prevLogIndex, prevLogTerm); a compacted
 * prefix is committed and therefore matches (Raft §5.4.3). On a mismatch, answers with
 * conflict hints: the follower's term at prevLogIndex and the first index of that term,
 * or its log end when prevLogIndex is beyond it. Otherwise truncates only from the first
 * conflicting entry (Raft §5.3; refused, changing nothing, when that entry is committed),
 * appends the rest, and sets commitIndex to
 * min(leaderCommit, prevLogIndex + entries.length) (Figure 2: never past the verified prefix).
 * Success carries lastMatch = (prevLogIndex + entries.length, its term). A leader, and a follower
 * that already follows another leader of this term ({@link secondLeaderProblem}), answer
 * `higherTerm` at their term and change nothing.
 */
export function handleAppend(s: CoreState, m: AppendMsg): void {
  // A leader, or a follower of another leader of this term, refuses a second leader of it.
  if (s.role === 'leader' || secondLeaderProblem(m, s) !== null) {
    reply(s, m, { kind: 'higherTerm', higherTerm: s.term });
    return;
  }
  heardFromLeader(s, m.from);
  const log = s.log;
  const prev = m.prevLogIndex;
  let entries: readonly Entry[] = m.entries;
  if (prev < log.snapshot.index) {
    const skip = log.snapshot.index - prev;
    entries = skip >= entries.length ? [] : entries.slice(skip);
  } else if (prev > log.lastIndex()) {
    reply(s, m, { kind: 'conflict', conflictIndex: log.lastIndex() + 1 });
    return;
  } else {
    const t = log.term(prev)!;
    if (t !== m.prevLogTerm) {
      reply(s, m, { kind: 'conflict', conflictTerm: t, conflictIndex: log.firstIndexOfTerm(t, prev) });
      return;
    }
  }
  const conflict = firstConflict(s, entries);
  if (conflict !== null && conflict.index <= log.commitIndex) {
    // Only a sender whose log breaks Log Matching can differ from a committed entry (Leader
    // Completeness, Raft §5.4): refuse, changing nothing, with our term at that index as hint.
    const t = log.term(conflict.index)!;
    reply(s, m, { kind: 'conflict', conflictTerm: t, conflictIndex: log.firstIndexOfTerm(t, conflict.index) });
    return;
  }
  if (conflict !== null) appendFrom(s, entries, conflict.k);
  const verified = prev + m.entries.length;
  const commit = Math.min(m.leaderCommitIndex, verified);
  if (commit > log.commitIndex) log.commitIndex = commit;
  const lastTerm = m.entries.length > 0 ? m.entries[m.entries.length - 1]!.term : m.prevLogTerm;
  reply(s, m, { kind: 'success', lastMatch: { index: verified, term: lastTerm } });
}

/** The first of `entries` that is not already in the log with the same term (its position and index), or null. */
function firstConflict(s: CoreState, entries: readonly Entry[]): { k: number; index: number } | null {
  const log = s.log;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    if (e.index > log.lastIndex() || log.term(e.index) !== e.term) return { k, index: e.index };
  }
  return null;
}

/** Truncates the log from `entries[k]` when it holds a different entry there (Raft §5.3), then appends `entries[k..]`. */
function appendFrom(s: CoreState, entries: readonly Entry[], k: number): void {
  const log = s.log;
  const first = entries[k]!;
  if (first.index <= log.lastIndex()) {
    log.truncateFrom(first.index);
    onLogTruncated(s, first.index);
  }
  for (let j = k; j < entries.length; j++) log.append(entries[j]!);
}

/**
 * InstallSnapshot in our term, stepped in once the runtime holds the whole file. Refused
 * when it does not reach past our commitIndex; if our log already has its last entry, only
 * the commit index moves; otherwise the log is replaced and the Ready asks the runtime to
 * restore the state machine from the file (`snapshotToInstall`). Refused by a leader, and by a
 * follower of another leader of this term ({@link secondLeaderProblem}).
 */
export function handleSnapshot(s: CoreState, m: SnapshotMsg): void {
  const ok = (success: boolean) =>
    s.send({ type: 'SnapshotResponse', from: s.id, to: m.from, term: s.term, success, snapshotIndex: m.snapshot.index });
  if (s.role === 'leader' || secondLeaderProblem(m, s) !== null) {
    ok(false);
    return;
  }
  heardFromLeader(s, m.from);
  const meta = m.snapshot;
  const log = s.log;
  if (meta.index <= log.commitIndex) {
    ok(false);
    return;
  }
  if (log.term(meta.index) === meta.term) {
    log.commitIndex = meta.index;
    ok(true);
    return;
  }
  onSnapshotRestored(s);
  log.restore(meta);
  s.snapshotToInstall = meta;
  s.handedCommitIndex = meta.index;
  ok(true);
}
