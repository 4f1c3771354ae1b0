/**
 * Reads without log writes (dissertation §6.4 ReadIndex, §6.4.1 leases) and leadership
 * transfer (dissertation §3.10), with exact outputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RaftCore } from '../../../src/core/index.js';
import { ack, allMessages, appendsTo, drain, drainAll, makeLeader, newCore, tickN } from './fixtures.js';

/** Leader 1 of {1,2,3} in term 1 with its no-op committed; ticks carry nowMs. */
function leader(): RaftCore {
  const c = newCore(1, [1, 2, 3], { tickMs: 100, leaseDriftMs: 100 });
  makeLeader(c, [1, 2, 3]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  c.step(ack(3, 1, 1, 1, 1, 1));
  drainAll(c);
  return c;
}

test('dissertation §6.4: a ReadIndex read waits for a quorum to acknowledge a round sent after it, then reads at the commit index', () => {
  const c = leader();
  c.readIndex(7, { policy: 'linearizable', nowMs: 0 });
  const rd = drain(c);
  assert.deepEqual(rd.readStates, []);
  const round = appendsTo(rd.messages, 2);
  assert.deepEqual(round.map((m) => [m.seq, m.entries.length]), [[3, 0]], 'a heartbeat round goes out with the Ready');
  c.step(ack(2, 1, 1, 1, 1, 2)); // an answer to an older Append (the commit-only one) proves nothing
  assert.equal(c.hasReady(), false);
  c.step(ack(2, 1, 1, 1, 1, 3));
  assert.deepEqual(drain(c).readStates, [{ ctx: 7, status: 'ready', index: 1 }]);
});

test('dissertation §6.4: an answer to an Append of an earlier term (higher-term refusal in our term, or a seq this leadership never sent) confirms no round', () => {
  const c = leader();
  c.readIndex(7, { policy: 'linearizable', nowMs: 0 });
  const round = appendsTo(drain(c).messages, 2).at(-1)!;
  c.step({ type: 'AppendResponse', from: 2, to: 1, term: 1, seq: round.seq, result: { kind: 'higherTerm', higherTerm: 1 } });
  c.step(ack(2, 1, 1, 1, 1, round.seq + 50));
  assert.equal(c.hasReady(), false, 'neither counts as an acknowledgement');
  c.step(ack(2, 1, 1, 1, 1, round.seq));
  assert.deepEqual(drain(c).readStates, [{ ctx: 7, status: 'ready', index: 1 }]);
});

test('dissertation §6.4: a new leader answers reads only after an entry of its term commits', () => {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  c.readIndex(1, { policy: 'linearizable', nowMs: 0 });
  assert.deepEqual(drainAll(c).rds.flatMap((r) => r.readStates), []);
  c.step(ack(2, 1, 1, 1, 1, 1)); // commits the no-op; the read joins the next round
  const rds = drainAll(c);
  const seq = appendsTo(rds.messages, 2).at(-1)!.seq;
  c.step(ack(2, 1, 1, 1, 1, seq));
  assert.deepEqual(drain(c).readStates, [{ ctx: 1, status: 'ready', index: 1 }]);
});

test('dissertation §6.4.1: a lease starts at the tick that sent the confirmed round and lasts (electionMin-1)*tickMs - drift', () => {
  const c = leader();
  c.tick(1000); // heartbeat round dated 1000
  const hb = appendsTo(drainAll(c).messages, 2).at(-1)!;
  c.readIndex(1, { policy: 'lease', nowMs: 1001 });
  assert.equal(drain(c).readStates.length, 0, 'no lease before the round is confirmed: falls back to ReadIndex');
  c.tick(1090); // the acknowledgement arrives a tick later: the lease still counts from 1000, the send time
  drainAll(c);
  c.step(ack(2, 1, 1, 1, 1, hb.seq));
  drainAll(c);
  c.readIndex(2, { policy: 'lease', nowMs: 1799 });
  assert.deepEqual(drain(c).readStates, [{ ctx: 2, status: 'ready', index: 1 }]);
  c.readIndex(3, { policy: 'lease', nowMs: 1800 }); // 1000 + 9*100 - 100
  const rd = drain(c);
  assert.deepEqual(rd.readStates, [], 'expired: served through a ReadIndex round instead');
  assert.equal(appendsTo(rd.messages, 2).length, 1);
});

test('dissertation §6.4.1: the lease is dropped when a leadership transfer starts', () => {
  const c = leader();
  c.tick(1000);
  const hb = appendsTo(drainAll(c).messages, 2).at(-1)!;
  c.step(ack(2, 1, 1, 1, 1, hb.seq));
  drainAll(c);
  assert.deepEqual(c.transferLeadership(2), { ok: true, target: 2 });
  c.readIndex(1, { policy: 'lease', nowMs: 1001 });
  assert.deepEqual(drain(c).readStates, []);
});

test('follower reads: forwarded to the leader, served once the local commit index reaches the granted index', () => {
  const f = newCore(2, [1, 2, 3]);
  f.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [{ index: 1, term: 1, payload: { type: 'noop' } }], leaderCommitIndex: 0, seq: 1 });
  drain(f);
  f.readIndex(5, { policy: 'lease', nowMs: 0 });
  const rd = drain(f);
  assert.deepEqual(rd.messages, [{ type: 'ReadIndex', from: 2, to: 1, term: 1, ctx: 5 }]);
  f.step({ type: 'ReadIndexResponse', from: 1, to: 2, term: 1, ctx: 5, index: 1 });
  assert.equal(f.hasReady(), false, 'index 1 not committed here yet');
  f.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommitIndex: 1, seq: 2 });
  const rd2 = drain(f);
  assert.deepEqual(rd2.committedEntries.map((e) => e.index), [1]);
  assert.deepEqual(rd2.readStates, [{ ctx: 5, status: 'ready', index: 1 }]);
});

test('follower reads: a read forwarded before this node campaigned is refused NOT_LEADER when it campaigns (never left unanswered, also if it then leads)', () => {
  // Found by the simulation's read liveness check: such reads used to hang forever.
  const f = newCore(2, [1, 2, 3]);
  f.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [{ index: 1, term: 1, payload: { type: 'noop' } }], leaderCommitIndex: 1, seq: 1 });
  drain(f);
  f.readIndex(5, { policy: 'linearizable', nowMs: 0 });
  assert.deepEqual(drain(f).messages, [{ type: 'ReadIndex', from: 2, to: 1, term: 1, ctx: 5 }]); // lost on the way
  f.step({ type: 'TimeoutNow', from: 1, to: 2, term: 1 }); // leader 1 hands over before answering
  assert.deepEqual(drain(f).readStates, [{ ctx: 5, status: 'rejected', reason: 'NOT_LEADER' }]);
  f.step({ type: 'VoteResponse', from: 3, to: 2, term: 2, voteGranted: true, lastLogIndex: 1, lastLogTerm: 1 });
  assert.equal(f.status().role, 'leader');
  tickN(f, 20);
  assert.deepEqual(drainAll(f).rds.flatMap((r) => r.readStates), [], 'answered once');
});

/** Follower 2 of leader 1 (term 1) holding index 1 committed, with entry 2 not received. */
function followerOfLeader1(): RaftCore {
  const f = newCore(2, [1, 2, 3]);
  f.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [{ index: 1, term: 1, payload: { type: 'noop' } }], leaderCommitIndex: 1, seq: 1 });
  drain(f);
  return f;
}

/** A heartbeat from leader 1 at the follower's match point: commit 2 announced, but only 1 reachable (Figure 2 rule 5). */
const heartbeat = (seq: number) => ({ type: 'Append' as const, from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommitIndex: 2, seq });

test('follower reads: a granted read the local commit index does not reach within an election timeout of the request is refused TIMEOUT', () => {
  const f = followerOfLeader1();
  f.readIndex(5, { policy: 'linearizable', nowMs: 0 });
  drain(f);
  tickN(f, 3); // the leader answers after 3 ticks
  f.step({ type: 'ReadIndexResponse', from: 1, to: 2, term: 1, ctx: 5, index: 2 });
  const states = [];
  for (let t = 4; t <= 10; t++) {
    f.step(heartbeat(t)); // the leader is alive (no election), but entry 2 never arrives
    f.tick(0);
    const got = drainAll(f).rds.flatMap((r) => r.readStates);
    if (t < 10) assert.deepEqual(got, [], `tick ${t}: still held`);
    states.push(...got);
  }
  assert.deepEqual(states, [{ ctx: 5, status: 'rejected', reason: 'TIMEOUT' }], 'refused at the 10th tick since the request (election timeout)');
  assert.equal(f.status().commitIndex, 1);
});

test('follower reads: a held read whose index gets committed just before the tick it would expire at is served, not refused', () => {
  const f = followerOfLeader1();
  f.readIndex(5, { policy: 'linearizable', nowMs: 0 });
  drain(f);
  f.step({ type: 'ReadIndexResponse', from: 1, to: 2, term: 1, ctx: 5, index: 2 });
  for (let t = 1; t <= 9; t++) {
    f.step(heartbeat(t));
    f.tick(0);
  }
  drainAll(f);
  f.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 1, prevLogTerm: 1, entries: [{ index: 2, term: 1, payload: { type: 'noop' } }], leaderCommitIndex: 2, seq: 10 });
  f.tick(0); // the 10th tick comes before the Ready that serves it
  assert.deepEqual(drainAll(f).rds.flatMap((r) => r.readStates), [{ ctx: 5, status: 'ready', index: 2 }]);
});

/** A follower of leader 1 with read 5 granted (held until index 2 applies) and read 6 still forwarded. */
function followerHoldingAndForwarding() {
  const f = followerOfLeader1();
  f.readIndex(5, { policy: 'linearizable', nowMs: 0 });
  f.readIndex(6, { policy: 'linearizable', nowMs: 0 });
  drain(f);
  f.step({ type: 'ReadIndexResponse', from: 1, to: 2, term: 1, ctx: 5, index: 2 });
  return f;
}

test('follower reads: forwarded and held reads are refused NOT_LEADER when the follower loses its leader (new term and leader, with the hint; or its own candidacy)', () => {
  const f = followerHoldingAndForwarding();
  assert.equal(f.hasReady(), false);
  f.step({ type: 'Append', from: 3, to: 2, term: 2, leaderId: 3, prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommitIndex: 1, seq: 1 });
  assert.deepEqual(drainAll(f).rds.flatMap((r) => r.readStates), [
    { ctx: 6, status: 'rejected', reason: 'NOT_LEADER', leaderHint: 3 },
    { ctx: 5, status: 'rejected', reason: 'NOT_LEADER', leaderHint: 3 },
  ]);
  f.step({ type: 'ReadIndexResponse', from: 1, to: 2, term: 1, ctx: 6, index: 2 }); // a late answer of the old leader changes nothing
  assert.deepEqual(drainAll(f).rds.flatMap((r) => r.readStates), []);

  const g = followerOfLeader1();
  tickN(g, 3); // leader 1 is silent from here on
  g.readIndex(7, { policy: 'linearizable', nowMs: 0 });
  drain(g);
  g.step({ type: 'ReadIndexResponse', from: 1, to: 2, term: 1, ctx: 7, index: 2 });
  tickN(g, 6);
  assert.deepEqual(drainAll(g).rds.flatMap((r) => r.readStates), []);
  g.tick(0); // the election timeout (10 ticks) makes node 2 campaign, 7 ticks after the read
  assert.equal(g.status().role, 'pre-candidate');
  assert.deepEqual(drainAll(g).rds.flatMap((r) => r.readStates), [{ ctx: 7, status: 'rejected', reason: 'NOT_LEADER' }]);
});

test('the leader answers a follower ReadIndex after its round is confirmed; a non-leader refuses it', () => {
  const c = leader();
  c.step({ type: 'ReadIndex', from: 3, to: 1, term: 1, ctx: 9 });
  const seq = appendsTo(drain(c).messages, 2)[0]!.seq;
  c.step(ack(2, 1, 1, 1, 1, seq));
  assert.deepEqual(drain(c).messages, [{ type: 'ReadIndexResponse', from: 1, to: 3, term: 1, ctx: 9, index: 1 }]);
  const f = newCore(3, [1, 2, 3]);
  f.step({ type: 'ReadIndex', from: 2, to: 3, term: 0, ctx: 4 });
  assert.deepEqual(allMessages(drain(f)), [{ type: 'ReadIndexResponse', from: 3, to: 2, term: 0, ctx: 4, rejected: 'NOT_LEADER', leaderHint: 0 }]);
});

test('reads on a leader that steps down are refused NOT_LEADER', () => {
  const c = leader();
  c.readIndex(1, { policy: 'linearizable', nowMs: 0 });
  drain(c);
  c.step({ type: 'AppendResponse', from: 2, to: 1, term: 2, seq: 9, result: { kind: 'higherTerm', higherTerm: 2 } });
  assert.deepEqual(drain(c).readStates, [{ ctx: 1, status: 'rejected', reason: 'NOT_LEADER' }]);
});

test('dissertation §3.10: transfer catches the target up, then sends TimeoutNow; proposals are refused meanwhile', () => {
  const c = leader();
  c.propose(new TextEncoder().encode('a'));
  drainAll(c);
  assert.deepEqual(c.transferLeadership(3), { ok: true, target: 3 });
  const id = c.propose(new TextEncoder().encode('b'));
  assert.deepEqual(drain(c).proposals, [{ id, status: 'rejected', reason: 'TRANSFER_IN_PROGRESS' }]);
  c.step(ack(3, 1, 1, 2, 1, 2));
  assert.deepEqual(drainAll(c).messages.filter((m) => m.type === 'TimeoutNow'), [{ type: 'TimeoutNow', from: 1, to: 3, term: 1 }]);
  assert.deepEqual(c.transferLeadership(2), { ok: false, reason: 'TRANSFER_IN_PROGRESS' });
});

test('dissertation §3.10: TimeoutNow makes the target campaign at once, skipping Pre-Vote, with the transfer flag', () => {
  const f = newCore(3, [1, 2, 3]);
  f.step({ type: 'Append', from: 1, to: 3, term: 1, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommitIndex: 0, seq: 1 });
  drain(f);
  f.step({ type: 'TimeoutNow', from: 1, to: 3, term: 1 });
  const rd = drain(f);
  assert.deepEqual(rd.hardState, { term: 2, votedFor: 3 });
  assert.deepEqual(rd.messagesAfterPersist.filter((m) => m.type === 'Vote').map((m) => m.type === 'Vote' && [m.to, m.term, m.leadershipTransfer]), [
    [1, 2, true],
    [2, 2, true],
  ]);
});

test('dissertation §3.10: a transfer is abandoned after an election timeout and proposals are accepted again', () => {
  const c = leader();
  c.propose(new TextEncoder().encode('a'));
  drainAll(c);
  c.transferLeadership(3);
  for (let i = 0; i < 9; i++) {
    c.tick(0);
    c.step(ack(2, 1, 1, 1, 1, 1)); // keeps CheckQuorum happy
  }
  assert.equal(c.status().leadTransferee, 3);
  c.tick(0);
  assert.equal(c.status().leadTransferee, 0);
  drainAll(c);
  const id = c.propose(new TextEncoder().encode('b'));
  assert.deepEqual(drainAll(c).rds.flatMap((r) => r.proposals).filter((p) => p.id === id && p.status === 'rejected'), []);
});

test('proposals on a follower are refused NOT_LEADER with the leader as hint', () => {
  const f = newCore(2, [1, 2, 3]);
  f.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommitIndex: 0, seq: 1 });
  drain(f);
  const id = f.propose(new TextEncoder().encode('x'));
  assert.deepEqual(drain(f).proposals, [{ id, status: 'rejected', reason: 'NOT_LEADER', leaderHint: 1 }]);
});

test('dissertation §6.4.1: appending a configuration entry drops the lease; a round of the new configuration renews it', () => {
  const c = leader();
  c.tick(1000);
  const hb = appendsTo(drainAll(c).messages, 2).at(-1)!;
  c.step(ack(2, 1, 1, 1, 1, hb.seq));
  drainAll(c);
  c.proposeConfChange({ addLearners: [{ id: 4, address: 'n4:1' }] }, 0);
  drainAll(c);
  c.readIndex(1, { policy: 'lease', nowMs: 1001 });
  assert.deepEqual(drain(c).readStates, [], 'no lease after the configuration changed');
  c.tick(1100);
  const round = appendsTo(drainAll(c).messages, 2).at(-1)!;
  c.step(ack(2, 1, 1, 2, 1, round.seq));
  drainAll(c);
  c.readIndex(2, { policy: 'lease', nowMs: 1101 });
  assert.deepEqual(drain(c).readStates, [{ ctx: 2, status: 'ready', index: 2 }]);
});

test('follower reads: when the same leader comes back in a later term, a read forwarded in the old term is refused NOT_LEADER at once; a granted (held) one still waits for its index (review: it waited for TIMEOUT)', () => {
  const f = followerHoldingAndForwarding();
  f.step({ type: 'Append', from: 1, to: 2, term: 2, leaderId: 1, prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommitIndex: 1, seq: 1 });
  assert.deepEqual(drainAll(f).rds.flatMap((r) => r.readStates), [{ ctx: 6, status: 'rejected', reason: 'NOT_LEADER', leaderHint: 1 }]);
  f.step({ type: 'Append', from: 1, to: 2, term: 2, leaderId: 1, prevLogIndex: 1, prevLogTerm: 1, entries: [{ index: 2, term: 2, payload: { type: 'noop' } }], leaderCommitIndex: 2, seq: 2 });
  assert.deepEqual(drainAll(f).rds.flatMap((r) => r.readStates), [{ ctx: 5, status: 'ready', index: 2 }]);
});
