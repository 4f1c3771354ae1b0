/**
 * Leader election rules (Raft §5.2, §5.4.1; dissertation §9.6 Pre-Vote, §6.2 CheckQuorum,
 * §4.2.3 disruptive servers), asserting the exact Ready a core produces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allMessages, drain, drainAll, makeLeader, newCore, restoredWith, tickN, cmd, noop } from './fixtures.js';

test('Raft §5.2 / §9.6: after its election timeout a follower runs Pre-Vote in term+1 without changing its term', () => {
  const c = newCore(1, [1, 2, 3]);
  tickN(c, 9);
  assert.equal(c.hasReady(), false);
  c.tick(0);
  const rd = drain(c);
  assert.equal(rd.hardState, undefined);
  assert.deepEqual(rd.softState, { role: 'pre-candidate', leaderId: 0, term: 0 });
  assert.deepEqual(rd.messages, [
    { type: 'PreVote', from: 1, to: 2, term: 1, lastLogIndex: 0, lastLogTerm: 0 },
    { type: 'PreVote', from: 1, to: 3, term: 1, lastLogIndex: 0, lastLogTerm: 0 },
  ]);
  assert.deepEqual(rd.messagesAfterPersist, []);
});

test('Raft §5.2: a Pre-Vote quorum makes a candidate: term+1, votes for itself, RequestVotes leave only after persistence', () => {
  const c = newCore(1, [1, 2, 3]);
  tickN(c, 10);
  drain(c);
  c.step({ type: 'PreVoteResponse', from: 2, to: 1, term: 1, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 });
  const rd = drain(c);
  assert.deepEqual(rd.hardState, { term: 1, votedFor: 1 });
  assert.deepEqual(rd.softState, { role: 'candidate', leaderId: 0, term: 1 });
  assert.deepEqual(rd.messages, []);
  assert.deepEqual(rd.messagesAfterPersist, [
    { type: 'Vote', from: 1, to: 2, term: 1, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: false },
    { type: 'Vote', from: 1, to: 3, term: 1, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: false },
  ]);
});

test('Raft §5.2, §5.4.2: a candidate with a majority becomes leader and appends a no-op of its term', () => {
  const c = newCore(1, [1, 2, 3]);
  const rd = makeLeader(c, [1, 2, 3]);
  assert.deepEqual(rd.softState, { role: 'leader', leaderId: 1, term: 1 });
  assert.deepEqual(rd.entriesToAppend, [{ index: 1, term: 1, payload: { type: 'noop' } }]);
  const appends = allMessages(rd);
  assert.deepEqual(
    appends.map((m) => m.type === 'Append' && [m.to, m.prevLogIndex, m.prevLogTerm, m.entries.length, m.leaderCommitIndex, m.seq]),
    [
      [2, 0, 0, 1, 0, 1],
      [3, 0, 0, 1, 0, 1],
    ],
  );
});

test('Raft §5.2: a single-voter cluster elects itself at once and commits its no-op once durable', () => {
  const c = newCore(1, [1]);
  tickN(c, 10);
  const rd = c.ready();
  assert.equal(c.status().role, 'leader');
  assert.deepEqual(rd.hardState, { term: 1, votedFor: 1 });
  assert.equal(rd.committedEntries.length, 0, 'nothing committed before the no-op is durable');
  c.advance(rd);
  const rd2 = drain(c);
  assert.deepEqual(rd2.committedEntries, [{ index: 1, term: 1, payload: { type: 'noop' } }]);
});

test('Raft §5.2: at most one vote per term; the grant is answered after persistence', () => {
  const c = newCore(2, [1, 2, 3]);
  tickN(c, 10); // out of the restart lease (dissertation §4.2.3)
  drain(c);
  c.step({ type: 'Vote', from: 1, to: 2, term: 1, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: false });
  c.step({ type: 'Vote', from: 3, to: 2, term: 1, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: false });
  const rd = drain(c);
  assert.deepEqual(rd.hardState, { term: 1, votedFor: 1 });
  assert.deepEqual(rd.messages, []);
  assert.deepEqual(rd.messagesAfterPersist, [
    { type: 'VoteResponse', from: 2, to: 1, term: 1, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 },
    { type: 'VoteResponse', from: 2, to: 3, term: 1, voteGranted: false, lastLogIndex: 0, lastLogTerm: 0 },
  ]);
});

test('Raft §5.4.1: a vote is denied to a candidate whose log is less up to date', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1), cmd(2, 2)], 2));
  tickN(c, 10);
  drain(c);
  // Higher last term wins even with a shorter log; equal last term needs an index at least as large.
  c.step({ type: 'Vote', from: 1, to: 2, term: 3, lastLogIndex: 5, lastLogTerm: 1, leadershipTransfer: false });
  c.step({ type: 'Vote', from: 3, to: 2, term: 4, lastLogIndex: 1, lastLogTerm: 2, leadershipTransfer: false });
  const rd = drain(c);
  assert.deepEqual(
    rd.messagesAfterPersist.map((m) => m.type === 'VoteResponse' && [m.to, m.term, m.voteGranted]),
    [
      [1, 3, false],
      [3, 4, false],
    ],
  );
  c.step({ type: 'Vote', from: 3, to: 2, term: 5, lastLogIndex: 2, lastLogTerm: 2, leadershipTransfer: false });
  assert.deepEqual(drain(c).messagesAfterPersist.map((m) => m.type === 'VoteResponse' && m.voteGranted), [true]);
});

test('Raft §5.2: granting a vote resets the election timer', () => {
  const c = newCore(2, [1, 2, 3]);
  tickN(c, 10); // campaigns once (pre-vote) at tick 10
  drain(c);
  tickN(c, 9);
  c.step({ type: 'Vote', from: 1, to: 2, term: 1, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: false });
  drain(c);
  tickN(c, 9);
  assert.equal(c.status().role, 'follower', 'timer restarted at the grant');
  c.tick(0);
  assert.equal(c.status().role, 'pre-candidate');
});

test('dissertation §4.2.3: within an election timeout of hearing from its leader a node refuses higher-term (Pre-)Votes without adopting the term; the transfer flag overrides', () => {
  const c = newCore(2, [1, 2, 3]);
  c.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommitIndex: 0, seq: 1 });
  drain(c);
  c.step({ type: 'PreVote', from: 3, to: 2, term: 2, lastLogIndex: 9, lastLogTerm: 1 });
  c.step({ type: 'Vote', from: 3, to: 2, term: 2, lastLogIndex: 9, lastLogTerm: 1, leadershipTransfer: false });
  let rd = drain(c);
  assert.equal(rd.hardState, undefined, 'term not adopted');
  assert.deepEqual(
    rd.messagesAfterPersist.map((m) => (m.type === 'PreVoteResponse' || m.type === 'VoteResponse') && [m.type, m.term, m.voteGranted]),
    [
      ['PreVoteResponse', 1, false],
      ['VoteResponse', 1, false],
    ],
  );
  c.step({ type: 'Vote', from: 3, to: 2, term: 2, lastLogIndex: 9, lastLogTerm: 1, leadershipTransfer: true });
  rd = drain(c);
  assert.deepEqual(rd.hardState, { term: 2, votedFor: 3 });
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'VoteResponse' && m.voteGranted), [true]);
});

test('dissertation §4.2.3: a Vote inside the lease is refused even when another message already raised the term (refused PreVoteResponse first)', () => {
  // Reviewer's demo_lease: node 2 times out and pre-votes for term 6, hears leader 1 (term 5)
  // again, then a refusal of its old PreVote arrives in term 6 and makes it a follower of
  // term 6 with no leader and no vote; node 3's Vote for term 6 must still be refused.
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 5)], 5, 1, 1));
  tickN(c, 10);
  assert.equal(c.status().role, 'pre-candidate');
  drain(c);
  c.step({ type: 'Append', from: 1, to: 2, term: 5, leaderId: 1, prevLogIndex: 1, prevLogTerm: 5, entries: [], leaderCommitIndex: 1, seq: 1 });
  c.tick(0);
  drain(c);
  c.step({ type: 'PreVoteResponse', from: 3, to: 2, term: 6, voteGranted: false, lastLogIndex: 1, lastLogTerm: 5 });
  assert.deepEqual([c.status().term, c.status().leaderId, c.status().votedFor], [6, 0, 0]);
  c.step({ type: 'Vote', from: 3, to: 2, term: 6, lastLogIndex: 1, lastLogTerm: 5, leadershipTransfer: false });
  const rd = drain(c);
  assert.deepEqual(rd.hardState, { term: 6, votedFor: 0 });
  assert.deepEqual(rd.messagesAfterPersist, [
    { type: 'VoteResponse', from: 2, to: 3, term: 6, voteGranted: false, lastLogIndex: 1, lastLogTerm: 5 },
  ]);
  // Out of the lease (an election timeout without the leader) the same request is granted.
  tickN(c, 9);
  c.step({ type: 'Vote', from: 3, to: 2, term: 6, lastLogIndex: 1, lastLogTerm: 5, leadershipTransfer: false });
  assert.deepEqual(drain(c).messagesAfterPersist.map((m) => m.type === 'VoteResponse' && m.voteGranted), [true]);
});

test('dissertation §4.2.3: inside the lease a Vote of the current term is still granted with the transfer flag, and a repeated grant is repeated', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 5)], 5, 1, 1));
  c.step({ type: 'Append', from: 1, to: 2, term: 5, leaderId: 1, prevLogIndex: 1, prevLogTerm: 5, entries: [], leaderCommitIndex: 1, seq: 1 });
  drain(c);
  c.step({ type: 'AppendResponse', from: 3, to: 2, term: 6, seq: 0, result: { kind: 'higherTerm', higherTerm: 6 } });
  c.step({ type: 'Vote', from: 3, to: 2, term: 6, lastLogIndex: 1, lastLogTerm: 5, leadershipTransfer: true });
  c.step({ type: 'Vote', from: 3, to: 2, term: 6, lastLogIndex: 1, lastLogTerm: 5, leadershipTransfer: false });
  const rd = drain(c);
  assert.deepEqual(rd.hardState, { term: 6, votedFor: 3 });
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'VoteResponse' && m.voteGranted), [true, true]);
});

test('dissertation §4.2.3: a restarted node honours the lease it may have acknowledged before crashing: no vote for an election timeout after start', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [noop(1, 5)], 5, 1, 1));
  c.step({ type: 'Vote', from: 3, to: 2, term: 6, lastLogIndex: 1, lastLogTerm: 5, leadershipTransfer: false });
  let rd = drain(c);
  assert.equal(rd.hardState, undefined, 'term not adopted inside the lease');
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'VoteResponse' && [m.term, m.voteGranted]), [[5, false]]);
  tickN(c, 9);
  c.step({ type: 'PreVote', from: 3, to: 2, term: 6, lastLogIndex: 1, lastLogTerm: 5 });
  rd = drain(c);
  assert.deepEqual(rd.messagesAfterPersist.map((m) => m.type === 'PreVoteResponse' && m.voteGranted), [false], 'still inside the lease after 9 ticks');
  c.tick(0);
  drainAll(c);
  c.step({ type: 'Vote', from: 3, to: 2, term: 6, lastLogIndex: 1, lastLogTerm: 5, leadershipTransfer: false });
  rd = drain(c);
  assert.deepEqual(rd.hardState, { term: 6, votedFor: 3 });
});

test('dissertation §9.6: a Pre-Vote grant changes neither term nor vote and answers in the proposed term', () => {
  const c = newCore(2, [1, 2, 3]);
  tickN(c, 10);
  drain(c);
  tickN(c, 3);
  c.step({ type: 'PreVote', from: 3, to: 2, term: 1, lastLogIndex: 0, lastLogTerm: 0 });
  const rd = drain(c);
  assert.equal(rd.hardState, undefined);
  assert.deepEqual(rd.messagesAfterPersist, [
    { type: 'PreVoteResponse', from: 2, to: 3, term: 1, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 },
  ]);
  assert.equal(c.status().term, 0);
  assert.equal(c.status().votedFor, 0);
});

test('Pre-Vote: a pre-candidate that loses the pre-vote keeps its term (no term inflation while partitioned)', () => {
  const c = newCore(1, [1, 2, 3]);
  for (let i = 0; i < 5; i++) {
    tickN(c, 10);
    drain(c);
  }
  assert.equal(c.status().term, 0);
  c.step({ type: 'PreVoteResponse', from: 2, to: 1, term: 0, voteGranted: false, lastLogIndex: 0, lastLogTerm: 0 });
  c.step({ type: 'PreVoteResponse', from: 3, to: 1, term: 0, voteGranted: false, lastLogIndex: 0, lastLogTerm: 0 });
  assert.deepEqual(drain(c).softState, { role: 'follower', leaderId: 0, term: 0 });
});

test('dissertation §6.2 CheckQuorum: a leader that heard from no quorum for an election timeout steps down', () => {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  tickN(c, 9);
  c.step({ type: 'AppendResponse', from: 2, to: 1, term: 1, seq: 1, result: { kind: 'success', lastMatch: { index: 1, term: 1 } } });
  c.tick(0); // 10th tick: 2 was active, keeps leading
  assert.equal(c.status().role, 'leader');
  tickN(c, 10); // nobody answered during this election timeout
  assert.equal(c.status().role, 'follower');
  assert.equal(c.status().term, 1);
});

test('Raft §5.1: a message with a higher term turns a leader into a follower of that term', () => {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  c.step({ type: 'AppendResponse', from: 2, to: 1, term: 5, seq: 1, result: { kind: 'higherTerm', higherTerm: 5 } });
  const rd = drain(c);
  assert.deepEqual(rd.hardState, { term: 5, votedFor: 0 });
  assert.deepEqual(rd.softState, { role: 'follower', leaderId: 0, term: 5 });
});

test('correlation contract: every Append, Vote, PreVote and Snapshot request gets exactly one response, in order, even when stale', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 3)], 3, 0, 0));
  const snap = { index: 1, term: 3, configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [], addresses: {} }, configIndex: 1 };
  c.step({ type: 'Append', from: 1, to: 2, term: 2, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommitIndex: 0, seq: 1 });
  c.step({ type: 'Vote', from: 3, to: 2, term: 1, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: false });
  c.step({ type: 'PreVote', from: 3, to: 2, term: 3, lastLogIndex: 0, lastLogTerm: 0 });
  c.step({ type: 'Snapshot', from: 1, to: 2, term: 2, leaderId: 1, snapshot: { ...snap, term: 2 } });
  c.step({ type: 'Append', from: 1, to: 2, term: 3, leaderId: 1, prevLogIndex: 7, prevLogTerm: 3, entries: [], leaderCommitIndex: 0, seq: 2 });
  c.step({ type: 'Snapshot', from: 1, to: 2, term: 3, leaderId: 1, snapshot: snap });
  c.step({ type: 'Vote', from: 3, to: 2, term: 9, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: false });
  const rd = drain(c);
  assert.deepEqual(rd.messages, []);
  assert.deepEqual(
    rd.messagesAfterPersist.map((m) => [m.type, m.to]),
    [
      ['AppendResponse', 1],
      ['VoteResponse', 3],
      ['PreVoteResponse', 3],
      ['SnapshotResponse', 1],
      ['AppendResponse', 1],
      ['SnapshotResponse', 1],
      ['VoteResponse', 3],
    ],
  );
});
