/**
 * Log replication rules (Raft §5.3, §5.4, Figure 2, §7; dissertation §10.2.1), asserting
 * exact Ready contents on the follower and the leader side.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppendMsg } from '../../../src/core/index.js';
import { ack, allMessages, appendsTo, cmd, drain, drainAll, makeLeader, newCore, noop, restoredWith, tickN } from './fixtures.js';

function append(to: number, term: number, prevLogIndex: number, prevLogTerm: number, entries: AppendMsg['entries'], leaderCommitIndex: number, seq = 1): AppendMsg {
  return { type: 'Append', from: 1, to, term, leaderId: 1, prevLogIndex, prevLogTerm, entries, leaderCommitIndex, seq };
}

test('Raft §5.3: a follower refuses an Append whose prevLogTerm does not match, hinting its conflicting term and that term\'s first index', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 2), cmd(3, 2), cmd(4, 2)], 2));
  c.step(append(2, 3, 4, 3, [], 0));
  const rd = drain(c);
  assert.deepEqual(rd.messagesAfterPersist, [
    { type: 'AppendResponse', from: 2, to: 1, term: 3, seq: 1, result: { kind: 'conflict', conflictTerm: 2, conflictIndex: 2 } },
  ]);
});

test('Raft §5.3: a follower whose log is shorter than prevLogIndex hints its log end', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1)], 1));
  c.step(append(2, 1, 5, 1, [], 0));
  assert.deepEqual(drain(c).messagesAfterPersist.map((m) => m.type === 'AppendResponse' && m.result), [{ kind: 'conflict', conflictIndex: 2 }]);
});

test('Raft §5.3: truncate only from the first conflicting entry; matching entries are kept, and the acknowledgement waits for persistence', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 1), cmd(3, 1)], 1));
  // Same entries 1..2, a different entry at 3, one more at 4.
  c.step(append(2, 2, 0, 0, [cmd(1, 1), cmd(2, 1), cmd(3, 2, 'x'), cmd(4, 2, 'y')], 0));
  const rd = drain(c);
  assert.equal(rd.truncateFrom, 3);
  assert.deepEqual(rd.entriesToAppend, [cmd(3, 2, 'x'), cmd(4, 2, 'y')]);
  assert.deepEqual(rd.messages, []);
  assert.deepEqual(rd.messagesAfterPersist, [
    { type: 'AppendResponse', from: 2, to: 1, term: 2, seq: 1, result: { kind: 'success', lastMatch: { index: 4, term: 2 } } },
  ]);
  assert.equal(c.status().lastLogIndex, 4);
});

test('Raft §5.3: an Append whose entries are already present truncates nothing (a delayed shorter Append cannot cut the log)', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 1), cmd(3, 1)], 1));
  c.step(append(2, 1, 0, 0, [cmd(1, 1)], 0));
  const rd = drain(c);
  assert.equal(rd.truncateFrom, undefined);
  assert.deepEqual(rd.entriesToAppend, []);
  assert.equal(c.status().lastLogIndex, 3);
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'AppendResponse' && m.result), [{ kind: 'success', lastMatch: { index: 1, term: 1 } }]);
});

test('Raft Figure 2: a follower commits min(leaderCommit, prevLogIndex + entries.length), never past the prefix the request proved', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 1), cmd(3, 1), cmd(4, 1), cmd(5, 1)], 1));
  c.step(append(2, 1, 2, 1, [], 5)); // heartbeat anchored at 2: only 1..2 proven
  let rd = drain(c);
  assert.equal(rd.commitIndex, 2);
  assert.deepEqual(rd.committedEntries, [cmd(1, 1), cmd(2, 1)]);
  c.step(append(2, 1, 2, 1, [cmd(3, 1)], 5));
  rd = drain(c);
  assert.equal(rd.commitIndex, 3);
  assert.deepEqual(rd.committedEntries, [cmd(3, 1)]);
});

test('Raft §5.3: a success acknowledges the verified prefix (prevLogIndex + entries.length), not the follower\'s last index', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 1), cmd(3, 1)], 1));
  c.step(append(2, 1, 1, 1, [], 0));
  assert.deepEqual(drain(c).messagesAfterPersist.map((m) => m.type === 'AppendResponse' && m.result), [{ kind: 'success', lastMatch: { index: 1, term: 1 } }]);
});

test('dissertation §10.2.1: the leader sends entries before they are durable but counts its own match only once they are', () => {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  drain(c); // commits the no-op: leader durable + 2
  c.propose(new TextEncoder().encode('a'));
  const rd = c.ready();
  assert.deepEqual(rd.entriesToAppend.map((e) => e.index), [2]);
  assert.deepEqual(appendsTo(rd.messages, 2).map((m) => m.entries.map((e) => e.index)), [[2]], 'sent before durable');
  c.step(ack(2, 1, 1, 2, 1, 2)); // follower 2 stored it; the leader's copy is not durable yet
  assert.equal(c.status().commitIndex, 1);
  c.advance(rd);
  assert.equal(c.status().commitIndex, 2, 'committed once the leader itself is durable');
});

test('Raft §5.4.2 (Figure 8): a leader never commits an entry of an earlier term by counting replicas', () => {
  // Node 1 restarts with an entry of term 2 at index 2 and wins term 3.
  const c = newCore(1, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 1), cmd(2, 2)], 2));
  tickN(c, 10);
  drain(c);
  c.step({ type: 'PreVoteResponse', from: 2, to: 1, term: 3, voteGranted: true, lastLogIndex: 1, lastLogTerm: 1 });
  drain(c);
  c.step({ type: 'VoteResponse', from: 2, to: 1, term: 3, voteGranted: true, lastLogIndex: 1, lastLogTerm: 1 });
  const rd = drain(c);
  assert.deepEqual(rd.entriesToAppend, [noop(3, 3)]);
  // Follower 2 acknowledges index 2 (the term-2 entry) only.
  c.step(ack(2, 1, 3, 2, 2, 1));
  assert.equal(c.status().commitIndex, 0, 'index 2 is on a majority but of term 2');
  c.step(ack(2, 1, 3, 3, 3, 2));
  assert.equal(c.status().commitIndex, 3, 'the term-3 no-op commits, and index 2 with it');
});

test('Raft §5.3 fast backtracking: after a conflict the leader skips the whole conflicting term', () => {
  const c = newCore(1, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 1), cmd(3, 4), cmd(4, 4), cmd(5, 4)], 4));
  tickN(c, 10);
  drain(c);
  c.step({ type: 'PreVoteResponse', from: 2, to: 1, term: 5, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 });
  drain(c);
  c.step({ type: 'VoteResponse', from: 2, to: 1, term: 5, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 });
  const first = appendsTo(allMessages(drain(c)), 3)[0]!;
  assert.deepEqual([first.prevLogIndex, first.prevLogTerm, first.seq], [5, 4, 1]);
  // Follower 3 has term 2 from index 3 to 9: the leader has no term 2, so it jumps to index 3.
  c.step({ type: 'AppendResponse', from: 3, to: 1, term: 5, seq: 1, result: { kind: 'conflict', conflictTerm: 2, conflictIndex: 3 } });
  const probe = appendsTo(allMessages(drain(c)), 3)[0]!;
  assert.deepEqual([probe.prevLogIndex, probe.prevLogTerm, probe.entries.map((e) => e.index)], [2, 1, [3, 4, 5, 6]]);
});

test('flow control: PROBE sends one Append at a time; REPLICATE pipelines at most maxInflightAppends', () => {
  const c = newCore(1, [1, 2], { maxInflightAppends: 2, maxEntriesPerAppend: 1 });
  makeLeader(c, [1, 2]);
  c.propose(new TextEncoder().encode('a'));
  assert.deepEqual(appendsTo(allMessages(drain(c)), 2), [], 'probe outstanding: nothing more');
  c.step(ack(2, 1, 1, 1, 1, 1)); // the probe succeeded: REPLICATE
  const sent = appendsTo(drainAll(c).messages, 2);
  assert.deepEqual(sent.map((m) => [m.seq, m.prevLogIndex, m.entries.length]), [[2, 1, 1]]);
  for (const t of ['b', 'c', 'd']) c.propose(new TextEncoder().encode(t));
  const more = appendsTo(drainAll(c).messages, 2);
  assert.deepEqual(more.map((m) => [m.seq, m.prevLogIndex]), [[3, 2]], 'window of 2 is full');
  assert.deepEqual(c.status().peers.map((p) => [p.id, p.state, p.inflight, p.matchIndex, p.nextIndex]), [[2, 'REPLICATE', 2, 1, 4]]);
  c.step(ack(2, 1, 1, 2, 1, 2));
  const next = appendsTo(drainAll(c).messages, 2);
  assert.deepEqual(next.map((m) => [m.seq, m.prevLogIndex]), [[4, 3]]);
});

test('Raft §7: the leader sends a snapshot when the next entry a peer needs is compacted', () => {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  for (const t of ['a', 'b', 'c']) c.propose(new TextEncoder().encode(t));
  drainAll(c);
  c.step(ack(2, 1, 1, 4, 1, 2));
  drainAll(c);
  assert.equal(c.status().appliedIndex, 4);
  const meta = c.compact(3);
  assert.deepEqual([meta.index, meta.term], [3, 1]);
  // Peer 3 never answered; its probe conflicts at index 1.
  c.step({ type: 'AppendResponse', from: 3, to: 1, term: 1, seq: 1, result: { kind: 'conflict', conflictIndex: 1 } });
  const rd = drain(c);
  assert.deepEqual(rd.messages.filter((m) => m.type === 'Snapshot'), [
    { type: 'Snapshot', from: 1, to: 3, term: 1, leaderId: 1, snapshot: meta },
  ]);
  assert.equal(c.status().peers.find((p) => p.id === 3)!.state, 'SNAPSHOT');
  c.step({ type: 'SnapshotResponse', from: 3, to: 1, term: 1, success: true, snapshotIndex: 3 });
  const after = appendsTo(allMessages(drain(c)), 3);
  assert.deepEqual(after.map((m) => [m.prevLogIndex, m.prevLogTerm, m.entries.map((e) => e.index)]), [[3, 1, [4]]]);
});

/** Leader 1 of [1,2,3] with entries 1..4 applied and compacted to 3; peer 3 is in SNAPSHOT state for it. */
function leaderSendingSnapshot() {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  for (const t of ['a', 'b', 'c']) c.propose(new TextEncoder().encode(t));
  drainAll(c);
  c.step(ack(2, 1, 1, 4, 1, 2));
  drainAll(c);
  c.compact(3);
  c.step({ type: 'AppendResponse', from: 3, to: 1, term: 1, seq: 1, result: { kind: 'conflict', conflictIndex: 1 } });
  drainAll(c);
  return c;
}

const peer3 = (c: ReturnType<typeof newCore>) => {
  const p = c.status().peers.find((x) => x.id === 3)!;
  return [p.state, p.matchIndex, p.nextIndex];
};

test('Raft §7: a failed Append stream does not end a snapshot transfer in flight; a failed transfer does', () => {
  const c = leaderSendingSnapshot();
  assert.deepEqual(peer3(c), ['SNAPSHOT', 0, 1]);
  c.step({ type: 'Unreachable', from: 3, to: 1, term: 0 });
  assert.deepEqual(peer3(c), ['SNAPSHOT', 0, 1], 'append-stream failure: still waiting for the transfer');
  tickN(c, 1);
  assert.deepEqual(drainAll(c).messages.filter((m) => m.type === 'Snapshot'), [], 'no second transfer');
  c.step({ type: 'Unreachable', from: 3, to: 1, term: 0, snapshot: true });
  assert.deepEqual(peer3(c), ['PROBE', 0, 1]);
  tickN(c, 1); // the probe (here: the snapshot again) goes out with the next heartbeat
  assert.deepEqual(drainAll(c).messages.filter((m) => m.type === 'Snapshot').map((m) => m.type === 'Snapshot' && m.snapshot.index), [3], 'retried');
});

test('flow control: a lost probe is probed again from the same point, not from matchIndex + 1 (no replay of the whole log)', () => {
  const c = newCore(1, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 1), cmd(3, 1)], 1));
  tickN(c, 10);
  drain(c);
  c.step({ type: 'PreVoteResponse', from: 2, to: 1, term: 2, voteGranted: true, lastLogIndex: 3, lastLogTerm: 1 });
  drain(c);
  c.step({ type: 'VoteResponse', from: 2, to: 1, term: 2, voteGranted: true, lastLogIndex: 3, lastLogTerm: 1 });
  assert.deepEqual(appendsTo(allMessages(drain(c)), 3).map((m) => [m.prevLogIndex, m.entries.map((e) => e.index)]), [[3, [4]]]);
  c.step({ type: 'Unreachable', from: 3, to: 1, term: 0 }); // the probe was lost
  c.tick(0);
  assert.deepEqual(appendsTo(drainAll(c).messages, 3).map((m) => [m.prevLogIndex, m.entries.map((e) => e.index)]), [[3, [4]]]);
});

test('Raft §7: an answer for an older snapshot is not credited to the newer one being sent', () => {
  const c = leaderSendingSnapshot();
  // The log moves on and is compacted again; the first transfer fails and a newer snapshot is sent.
  for (const t of ['d', 'e']) c.propose(new TextEncoder().encode(t));
  drainAll(c);
  c.step(ack(2, 1, 1, 6, 1, 3));
  drainAll(c);
  assert.equal(c.compact(6).index, 6);
  c.step({ type: 'Unreachable', from: 3, to: 1, term: 0, snapshot: true });
  tickN(c, 1);
  assert.deepEqual(drainAll(c).messages.filter((m) => m.type === 'Snapshot').map((m) => m.type === 'Snapshot' && m.snapshot.index), [6]);
  // A late success for snapshot 3 proves nothing about 6.
  c.step({ type: 'SnapshotResponse', from: 3, to: 1, term: 1, success: true, snapshotIndex: 3 });
  assert.deepEqual(peer3(c), ['SNAPSHOT', 0, 1]);
  c.step({ type: 'SnapshotResponse', from: 3, to: 1, term: 1, success: true, snapshotIndex: 6 });
  assert.deepEqual(peer3(c), ['PROBE', 6, 7]);
  const after = appendsTo(drainAll(c).messages, 3);
  assert.deepEqual(after.map((m) => [m.prevLogIndex, m.prevLogTerm, m.entries.length]), [[6, 1, 0]]);
});

test('Raft §7: a refused snapshot (the follower committed past it) resumes replication right after it, matchIndex unchanged; a higher term in the refusal makes the leader step down', () => {
  const c = leaderSendingSnapshot();
  c.step({ type: 'SnapshotResponse', from: 3, to: 1, term: 1, success: false, snapshotIndex: 3 });
  assert.deepEqual(peer3(c), ['PROBE', 0, 4]);
  const after = appendsTo(drainAll(c).messages, 3);
  assert.deepEqual(after.map((m) => [m.prevLogIndex, m.prevLogTerm]), [[3, 1]], 'a probe at the snapshot, not the same snapshot again');
  const d = leaderSendingSnapshot();
  d.step({ type: 'SnapshotResponse', from: 3, to: 1, term: 4, success: false, snapshotIndex: 3 });
  assert.deepEqual([d.status().role, d.status().term], ['follower', 4]);
});

test('Raft §5.3: a conflict at or below matchIndex proves matchIndex wrong; it is lowered and the probe goes there', () => {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  for (const t of ['a', 'b', 'c']) c.propose(new TextEncoder().encode(t));
  drainAll(c);
  c.step(ack(2, 1, 1, 4, 1, 2));
  drainAll(c);
  tickN(c, 1); // heartbeat round: seq 4 to peer 2 (seq 3 was the commit-only Append), anchored at matchIndex 4
  const hb = appendsTo(drainAll(c).messages, 2);
  assert.deepEqual(hb.map((m) => [m.seq, m.prevLogIndex, m.entries.length]), [[4, 4, 0]]);
  // Peer 2 answers that its log ends at 2 (it cannot, if matchIndex 4 were right).
  c.step({ type: 'AppendResponse', from: 2, to: 1, term: 1, seq: 4, result: { kind: 'conflict', conflictIndex: 3 } });
  const p = c.status().peers.find((x) => x.id === 2)!;
  assert.deepEqual([p.state, p.matchIndex, p.nextIndex], ['PROBE', 2, 3]);
  assert.deepEqual(appendsTo(drainAll(c).messages, 2).map((m) => [m.prevLogIndex, m.entries.map((e) => e.index)]), [[2, [3, 4]]]);
});

test('Raft §7: a follower installs a snapshot from its leader past its commit index; one at or below it is refused', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 1)], 1, 2));
  const snapshot = (index: number, term: number) => ({ index, term, configuration: c.status().configuration, configIndex: 0 });
  c.step({ type: 'Snapshot', from: 1, to: 2, term: 1, leaderId: 1, snapshot: snapshot(2, 1) });
  let rd = drain(c);
  assert.equal(rd.snapshotToInstall, undefined);
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'SnapshotResponse' && m.success), [false]);
  c.step({ type: 'Snapshot', from: 1, to: 2, term: 1, leaderId: 1, snapshot: snapshot(10, 1) });
  rd = drain(c);
  assert.deepEqual(rd.snapshotToInstall, snapshot(10, 1));
  assert.deepEqual(rd.committedEntries, []);
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'SnapshotResponse' && m.success), [true]);
  const s = c.status();
  assert.deepEqual([s.snapshotIndex, s.commitIndex, s.appliedIndex, s.firstLogIndex, s.lastLogIndex], [10, 10, 10, 11, 10]);
});

test('Raft §5.3: an Append behind the follower\'s snapshot matches the compacted (committed) prefix', () => {
  const c = newCore(2, [1, 2, 3], {}, {
    hardState: { term: 1, votedFor: 0 },
    snapshot: { index: 5, term: 1, configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [], addresses: {} }, configIndex: 1 },
    entries: [cmd(6, 1)],
    commitIndex: 6,
  });
  c.step(append(2, 1, 3, 1, [cmd(4, 1), cmd(5, 1), cmd(6, 1), cmd(7, 1)], 7));
  const rd = drain(c);
  assert.deepEqual(rd.entriesToAppend, [cmd(7, 1)]);
  assert.equal(rd.commitIndex, 7);
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'AppendResponse' && m.result), [{ kind: 'success', lastMatch: { index: 7, term: 1 } }]);
});

test('commit broadcast (as etcd): a new commit index goes to every follower in the same Ready, once, not at the next heartbeat, marked commitOnly (only those)', () => {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  c.step(ack(3, 1, 1, 1, 1, 1));
  const first = drainAll(c).messages.filter((m) => m.type === 'Append');
  assert.deepEqual(first.map((m) => m.type === 'Append' && [m.to, m.seq, m.prevLogIndex, m.entries.length, m.leaderCommitIndex, m.commitOnly]), [
    [2, 2, 1, 0, 1, true],
    [3, 2, 1, 0, 1, true],
  ]);
  c.propose(new TextEncoder().encode('x'));
  const sent = drainAll(c).messages.filter((m) => m.type === 'Append');
  assert.deepEqual(sent.map((m) => m.type === 'Append' && [m.to, m.seq, m.prevLogIndex, m.entries.length, m.leaderCommitIndex, m.commitOnly]), [
    [2, 3, 1, 1, 1, undefined],
    [3, 3, 1, 1, 1, undefined],
  ]);
  c.step(ack(2, 1, 1, 2, 1, 3)); // a quorum holds index 2: it commits
  const rd = drain(c);
  assert.equal(rd.commitIndex, 2);
  assert.deepEqual(rd.messages, [
    { type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 2, prevLogTerm: 1, entries: [], leaderCommitIndex: 2, seq: 4, commitOnly: true },
    { type: 'Append', from: 1, to: 3, term: 1, leaderId: 1, prevLogIndex: 2, prevLogTerm: 1, entries: [], leaderCommitIndex: 2, seq: 4, commitOnly: true },
  ]);
  assert.equal(c.hasReady(), false, 'one commit broadcast per move of the commit index');
  c.step(ack(3, 1, 1, 2, 1, 3)); // no new commit: nothing to send
  assert.equal(c.hasReady(), false);
});

test('Raft §5.1: an acknowledgement of an older term still in the Ready becomes a higher-term answer when a new leader truncates what it acknowledged', () => {
  // Found by the simulation: a paused follower drained the old leader's Append and the new
  // leader's truncating Append into one Ready; the old ack then promised an overwritten entry.
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 1), cmd(3, 1)], 1, 2));
  c.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 3, prevLogTerm: 1, entries: [cmd(4, 1, 'old')], leaderCommitIndex: 2, seq: 7 });
  c.step({ type: 'Append', from: 3, to: 2, term: 2, leaderId: 3, prevLogIndex: 3, prevLogTerm: 1, entries: [cmd(4, 2, 'new')], leaderCommitIndex: 2, seq: 1 });
  const rd = drain(c);
  assert.deepEqual(rd.entriesToAppend, [cmd(4, 2, 'new')]);
  assert.deepEqual(rd.messagesAfterPersist, [
    { type: 'AppendResponse', from: 2, to: 1, term: 2, result: { kind: 'higherTerm', higherTerm: 2 }, seq: 7 },
    { type: 'AppendResponse', from: 2, to: 3, term: 2, result: { kind: 'success', lastMatch: { index: 4, term: 2 } }, seq: 1 },
  ]);
});

test('lost Appends on the stream: a heartbeat answer that leaves entries unacknowledged sends the peer back to PROBE', () => {
  const c = newCore(1, [1, 2], { maxEntriesPerAppend: 1 });
  makeLeader(c, [1, 2]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  drainAll(c); // seq 2: commit-only Append (index 1 committed)
  c.propose(new TextEncoder().encode('a'));
  drainAll(c); // seq 3 carries index 2: lost
  c.tick(0); // heartbeat round: seq 4 anchored at matchIndex 1
  const hb = appendsTo(drainAll(c).messages, 2);
  assert.deepEqual(hb.map((m) => [m.seq, m.prevLogIndex, m.entries.length]), [[4, 1, 0]]);
  c.step(ack(2, 1, 1, 1, 1, 4));
  const resent = appendsTo(drainAll(c).messages, 2);
  assert.deepEqual(resent.map((m) => [m.seq, m.prevLogIndex, m.entries.map((e) => e.index)]), [[5, 1, [2]]]);
});

test('flow control: a heartbeat answer (anchored at matchIndex) does not end a probe', () => {
  const c = newCore(1, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 1), cmd(3, 1)], 1));
  tickN(c, 10);
  drain(c);
  c.step({ type: 'PreVoteResponse', from: 2, to: 1, term: 2, voteGranted: true, lastLogIndex: 3, lastLogTerm: 1 });
  drain(c);
  c.step({ type: 'VoteResponse', from: 2, to: 1, term: 2, voteGranted: true, lastLogIndex: 3, lastLogTerm: 1 });
  const probe = appendsTo(allMessages(drain(c)), 3)[0]!;
  assert.deepEqual([probe.seq, probe.prevLogIndex, probe.entries.map((e) => e.index)], [1, 3, [4]]);
  c.step(ack(2, 1, 2, 4, 2, 1)); // commits the no-op: reads may start
  drainAll(c);
  c.readIndex(1, { policy: 'linearizable', nowMs: 0 });
  const hb = appendsTo(drain(c).messages, 3);
  assert.deepEqual(hb.map((m) => [m.seq, m.prevLogIndex, m.entries.length]), [[2, 0, 0]], 'probe outstanding: heartbeat at matchIndex 0');
  // The probe was lost on the stream; the heartbeat is answered.
  c.step(ack(3, 1, 2, 0, 0, 2));
  assert.deepEqual(c.status().peers.find((p) => p.id === 3), { id: 3, matchIndex: 0, nextIndex: 4, state: 'PROBE', inflight: 0, ticksSinceContact: 0 });
  c.tick(0); // the next heartbeat round probes again from the same point
  const again = appendsTo(drainAll(c).messages, 3);
  assert.deepEqual(again.map((m) => [m.seq, m.prevLogIndex, m.entries.map((e) => e.index)]), [[3, 3, [4]]]);
  c.step(ack(3, 1, 2, 4, 2, 3));
  assert.deepEqual(c.status().peers.find((p) => p.id === 3), { id: 3, matchIndex: 4, nextIndex: 5, state: 'REPLICATE', inflight: 0, ticksSinceContact: 0 });
});

test('flow control: an Append stops at maxAppendBytes but always carries at least one entry', () => {
  const c = newCore(1, [1, 2], { maxAppendBytes: 100 });
  makeLeader(c, [1, 2]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  drainAll(c);
  c.propose(new Uint8Array(30)); // 62 bytes counted
  c.propose(new Uint8Array(30));
  c.propose(new Uint8Array(500)); // alone over the limit
  c.propose(new Uint8Array(1));
  const sent = appendsTo(drainAll(c).messages, 2);
  assert.deepEqual(sent.map((m) => m.entries.map((e) => e.index)), [[2], [3], [4], [5]]);
  const c2 = newCore(1, [1, 2], { maxAppendBytes: 130 });
  makeLeader(c2, [1, 2]);
  c2.step(ack(2, 1, 1, 1, 1, 1));
  drainAll(c2);
  for (let i = 0; i < 3; i++) c2.propose(new Uint8Array(30));
  assert.deepEqual(appendsTo(drainAll(c2).messages, 2).map((m) => m.entries.map((e) => e.index)), [[2, 3], [4]]);
});
