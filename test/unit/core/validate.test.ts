/**
 * Peer messages no correct peer sends (core/validate.ts and the rules beside it in the core):
 * each is dropped or refused without changing the node's state, where before it crashed the
 * node, left a log no restart could read, or let any process depose a healthy leader.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TERM, peerMessageProblem, secondLeaderProblem, type AppendMsg, type Entry } from '../../../src/core/index.js';
import { allMessages, cmd, config, drain, drainAll, newCore, noop, restoredWith, tickN } from './fixtures.js';

const append = (entries: Entry[], o: Partial<AppendMsg> = {}): AppendMsg => ({ type: 'Append', from: 1, to: 2, term: 5, leaderId: 1, prevLogIndex: 1, prevLogTerm: 5, entries, leaderCommitIndex: 0, seq: 1, ...o });

test('peerMessageProblem: entries must follow prevLogIndex one by one with terms that never fall and never pass the request\'s', () => {
  assert.equal(peerMessageProblem(append([noop(2, 5), noop(3, 5)])), null);
  assert.match(peerMessageProblem(append([noop(2, 5), noop(7, 5)]))!, /entry 1 has index 7, expected 3/);
  assert.match(peerMessageProblem(append([noop(2, 5), noop(2, 5)]))!, /expected 3/);
  assert.match(peerMessageProblem(append([noop(3, 5)]))!, /entry 0 has index 3, expected 2/);
  assert.match(peerMessageProblem(append([noop(2, 5), noop(3, 4)]))!, /term 4, below the term 5/);
  assert.match(peerMessageProblem(append([noop(2, 4)]))!, /below the term 5/, 'below prevLogTerm');
  assert.match(peerMessageProblem(append([noop(2, 6)]))!, /above the request's term 5/);
  assert.match(peerMessageProblem(append([], { prevLogTerm: 6 }))!, /prev log term 6 is above/);
  assert.match(peerMessageProblem(append([], { leaderId: 3 }))!, /leader id 3 differs from the sender 1/);
  assert.match(peerMessageProblem(append([{ index: 2, term: 5, payload: { type: 'configuration', configuration: config([]) } }]))!, /at least one voter/);
  assert.match(peerMessageProblem(append([{ index: 2, term: 5, payload: { type: 'configuration', configuration: config([1, 0]) } }]))!, /member id 0/);
  assert.match(peerMessageProblem(append([{ index: 2, term: 5, payload: { type: 'configuration', configuration: config([1, 2], [2]) } }]))!, /listed twice/);
});

test('peerMessageProblem: terms up to 2^52 and senders that are node ids; snapshot metadata consistent with its request', () => {
  const vote = { type: 'Vote' as const, from: 3, to: 2, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: false };
  assert.equal(peerMessageProblem({ ...vote, term: MAX_TERM }), null);
  assert.match(peerMessageProblem({ ...vote, term: MAX_TERM + 1 })!, /out of range/);
  assert.match(peerMessageProblem({ ...vote, term: 1.5 })!, /out of range/);
  assert.match(peerMessageProblem({ ...vote, term: 3, from: 0 })!, /sender 0 is not a node id/);
  assert.match(peerMessageProblem({ ...vote, term: 3, lastLogTerm: 4 })!, /last log term 4 is above/);
  assert.match(peerMessageProblem({ type: 'AppendResponse', from: 3, to: 2, term: 2 ** 53 - 1, seq: 1, result: { kind: 'higherTerm', higherTerm: 2 ** 53 - 1 } })!, /out of range/, 'answers too: a leader must not adopt such a term');
  const snapshot = { index: 4, term: 5, configuration: config([1, 2, 3]), configIndex: 1 };
  assert.equal(peerMessageProblem({ type: 'Snapshot', from: 1, to: 2, term: 5, leaderId: 1, snapshot }), null);
  assert.match(peerMessageProblem({ type: 'Snapshot', from: 1, to: 2, term: 4, leaderId: 1, snapshot })!, /snapshot term 5 is above/);
  assert.match(peerMessageProblem({ type: 'Snapshot', from: 1, to: 2, term: 5, leaderId: 1, snapshot: { ...snapshot, configIndex: 9 } })!, /configuration index at most the index/);
  assert.equal(peerMessageProblem({ type: 'Snapshot', from: 1, to: 2, term: 5, leaderId: 1, snapshot: { ...snapshot, configuration: config([]), configIndex: 0 } }), null, 'a joined node\'s initial empty configuration (found by the simulation, seed 104849)');
  assert.equal(peerMessageProblem({ type: 'Snapshot', from: 1, to: 2, term: 5, leaderId: 1, snapshot: { ...snapshot, configuration: config([]), configIndex: 4 } }), null, 'a version-1 header records the snapshot index as the configuration index');
  assert.match(peerMessageProblem({ type: 'Snapshot', from: 1, to: 2, term: 5, leaderId: 1, snapshot: { ...snapshot, configuration: config([], [3]), configIndex: 0 } })!, /at least one voter/);
  assert.equal(peerMessageProblem({ type: 'Unreachable', from: 3, to: 2, term: 0 }), null);
});

test('step drops a malformed Append: no answer, no state change (it crashed the node: "log append out of order")', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 5)], 5, 1, 1));
  while (c.hasReady()) drain(c);
  c.step(append([noop(2, 5), noop(6, 5)]));
  c.step(append([], { term: 2 ** 53 - 1, prevLogTerm: 5 }));
  assert.equal(c.hasReady(), false);
  assert.deepEqual([c.status().term, c.status().lastLogIndex], [5, 1]);
});

test('Election Safety (§5.2): an Append or Snapshot of this node\'s term from another node than the leader it follows there is answered as a leader would (higherTerm, success: false) and changes nothing (a fake entry took the leader\'s place at the same index and term: the follower\'s state diverged for good)', () => {
  assert.equal(secondLeaderProblem(append([]), { term: 5, leaderId: 1 }), null);
  assert.equal(secondLeaderProblem(append([], { from: 3, leaderId: 3 }), { term: 5, leaderId: 0 }), null, 'no leader known: the first sender is taken');
  assert.equal(secondLeaderProblem(append([], { from: 3, leaderId: 3, term: 6 }), { term: 5, leaderId: 1 }), null, 'a later term has its own leader');
  assert.match(secondLeaderProblem(append([], { from: 3, leaderId: 3 }), { term: 5, leaderId: 1 })!, /node 3 claims to lead term 5, whose leader is node 1/);
  assert.equal(secondLeaderProblem({ type: 'Vote', from: 3, term: 5 }, { term: 5, leaderId: 1 }), null);

  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 5)], 5, 1, 1));
  c.step(append([], { leaderCommitIndex: 1 }));
  while (c.hasReady()) drain(c);
  assert.equal(c.status().leaderId, 1);
  // Node 3 claims term 5 too, with an entry of its own at index 2 and a commit index past it.
  c.step(append([cmd(2, 5, 'fake')], { from: 3, leaderId: 3, leaderCommitIndex: 2 }));
  const rd = drain(c);
  assert.deepEqual(rd.entriesToAppend, []);
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'AppendResponse' && [m.to, m.result]), [[3, { kind: 'higherTerm', higherTerm: 5 }]]);
  c.step({ type: 'Snapshot', from: 3, to: 2, term: 5, leaderId: 3, snapshot: { index: 9, term: 5, configuration: config([1, 2, 3]), configIndex: 1 } });
  assert.deepEqual(allMessages(drain(c)).map((m) => m.type === 'SnapshotResponse' && m.success), [false]);
  assert.deepEqual([c.status().leaderId, c.status().lastLogIndex, c.status().commitIndex], [1, 1, 1]);
  // The leader's own entry at index 2 is then taken as usual.
  c.step(append([cmd(2, 5)], { leaderCommitIndex: 2 }));
  assert.deepEqual(drain(c).entriesToAppend.map((e) => e.payload.type === 'command' && Buffer.from(e.payload.data).toString()), ['c2']);
});

test('Raft §5.4: an Append that contradicts a committed entry is refused with a conflict hint and truncates nothing (it threw "truncating committed entry")', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 5), cmd(2, 5), cmd(3, 5)], 5, 3, 1));
  while (c.hasReady()) drain(c);
  c.step(append([cmd(2, 5), cmd(3, 6)], { term: 6 }));
  const rd = drain(c);
  assert.deepEqual(rd.entriesToAppend, []);
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'AppendResponse' && m.result), [{ kind: 'conflict', conflictTerm: 5, conflictIndex: 1 }]);
  assert.deepEqual([c.status().lastLogIndex, c.status().commitIndex], [3, 3]);
});

test('a RequestVote of term 0 (the operators\' probe) is never granted and changes nothing', () => {
  const c = newCore(9, [1, 2, 3]);
  tickN(c, 30); // well out of any lease; a joining node starts at term 0
  while (c.hasReady()) drain(c);
  assert.equal(c.status().term, 0);
  c.step({ type: 'Vote', from: 7, to: 9, term: 0, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: false });
  const rd = drain(c);
  assert.equal(rd.hardState, undefined, 'no vote recorded');
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'VoteResponse' && m.voteGranted), [false]);
});

test('dissertation §3.10: a TimeoutNow of a later term, or from a node that is not this term\'s leader, starts no election', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 5)], 5, 1, 1));
  c.step(append([], { prevLogIndex: 1, leaderCommitIndex: 1 }));
  drain(c);
  c.step({ type: 'TimeoutNow', from: 3, to: 2, term: 5 });
  c.step({ type: 'TimeoutNow', from: 99, to: 2, term: 6 });
  assert.equal(c.hasReady(), false, 'nothing to do, nothing persisted');
  assert.deepEqual([c.status().role, c.status().term], ['follower', 5]);
  c.step({ type: 'TimeoutNow', from: 1, to: 2, term: 6 });
  assert.notEqual(c.status().role, 'candidate', 'a later term does not make its sender the leader');
  assert.deepEqual([c.status().term, c.status().leaderId], [5, 1], 'nor is its term adopted (any process could depose the leader)');
});

test('dissertation §4.2.3: inside the lease, the transfer flag lets a Vote through only from a voter of this node\'s configuration', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 5)], 5, 1, 1));
  c.step(append([], { prevLogIndex: 1, leaderCommitIndex: 1 }));
  drain(c);
  c.step({ type: 'Vote', from: 99, to: 2, term: 6, lastLogIndex: 1, lastLogTerm: 5, leadershipTransfer: true });
  let rd = drain(c);
  assert.equal(rd.hardState, undefined, 'an outsider with the flag: refused, term not adopted');
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'VoteResponse' && m.voteGranted), [false]);
  c.step({ type: 'Vote', from: 3, to: 2, term: 6, lastLogIndex: 1, lastLogTerm: 5, leadershipTransfer: true });
  rd = drain(c);
  assert.deepEqual(rd.hardState, { term: 6, votedFor: 3 });
});

test('a log newer than the hard state (a write torn after its entries): the node starts in its last entry\'s term with no vote, persisted first (review: its PreVotes were refused as malformed forever)', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 3), noop(2, 5)], 3, 1, 1));
  assert.equal(c.status().term, 5);
  const rd = drain(c);
  assert.deepEqual(rd.hardState, { term: 5, votedFor: 0 });
  tickN(c, 30);
  const d = drainAll(c);
  const votes = [...d.messages, ...d.after].filter((m) => m.type === 'PreVote' || m.type === 'Vote');
  assert.ok(votes.length > 0, 'it campaigns');
  for (const m of votes) assert.equal(peerMessageProblem(m as never), null, 'and every campaign message is well-formed');
});

test('a message whose sender is this node\'s own id is dropped: no answer, no term, no leader (an Append "from itself" made a node follow itself)', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 5)], 5, 1, 1));
  while (c.hasReady()) drain(c);
  c.step(append([noop(2, 6)], { from: 2, leaderId: 2, term: 6, prevLogIndex: 1, prevLogTerm: 5, leaderCommitIndex: 2 }));
  c.step({ type: 'Vote', from: 2, to: 2, term: 7, lastLogIndex: 9, lastLogTerm: 6, leadershipTransfer: false });
  c.step({ type: 'PreVote', from: 2, to: 2, term: 7, lastLogIndex: 9, lastLogTerm: 6 });
  c.step({ type: 'Snapshot', from: 2, to: 2, term: 8, leaderId: 2, snapshot: { index: 4, term: 5, configuration: config([1, 2, 3]), configIndex: 1 } });
  assert.equal(c.hasReady(), false);
  const st = c.status();
  assert.deepEqual([st.role, st.term, st.leaderId, st.votedFor, st.lastLogIndex, st.commitIndex], ['follower', 5, 0, 1, 1, 1]);
});
