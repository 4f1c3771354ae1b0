/**
 * Quorums and membership (dissertation §4.1-§4.3): joint majorities, change planning, and
 * the core's configuration rules (effective on append, reverted on truncation, one change
 * at a time, automatic leave-joint, removed leader steps down).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hasJointQuorum,
  isValidTransition,
  jointCommitIndex,
  jointVoteResult,
  majorityCommitIndex,
  majorityVoteResult,
  planChange,
  type Configuration,
  type Entry,
  type Outbound,
} from '../../../src/core/index.js';
import { ack, allMessages, appendsTo, cmd, config, drain, drainAll, makeLeader, newCore, restoredWith, tickN } from './fixtures.js';

const match = (m: Record<number, number>) => (id: number) => m[id] ?? 0;

test('quorum: majority commit index is the largest index stored on a majority', () => {
  assert.equal(majorityCommitIndex([1, 2, 3], match({ 1: 5, 2: 3, 3: 9 })), 5);
  assert.equal(majorityCommitIndex([1, 2, 3, 4], match({ 1: 5, 2: 3, 3: 9, 4: 1 })), 3);
  assert.equal(majorityCommitIndex([1], match({ 1: 7 })), 7);
  assert.equal(majorityCommitIndex([], match({})), Number.MAX_SAFE_INTEGER);
});

test('dissertation §4.3: a joint configuration commits the minimum of its two majorities', () => {
  const c = config([4, 5, 6], [], [1, 2, 3]);
  assert.equal(jointCommitIndex(c, match({ 1: 9, 2: 9, 3: 9, 4: 2, 5: 3, 6: 1 })), 2);
  assert.equal(jointCommitIndex(c, match({ 1: 1, 2: 8, 3: 9, 4: 9, 5: 9, 6: 9 })), 8);
});

test('dissertation §4.3: a joint election is won only with both majorities and lost once either is lost', () => {
  const c = config([3, 4, 5], [], [1, 2, 3]);
  const v = (e: [number, boolean][]) => new Map(e);
  assert.equal(majorityVoteResult([1, 2, 3], v([[1, true], [2, true]])), 'won');
  assert.equal(majorityVoteResult([1, 2, 3], v([[1, true], [2, false]])), 'pending');
  assert.equal(majorityVoteResult([1, 2, 3], v([[1, false], [2, false]])), 'lost');
  assert.equal(jointVoteResult(c, v([[1, true], [2, true], [3, true]])), 'pending');
  assert.equal(jointVoteResult(c, v([[1, true], [2, true], [3, true], [4, true]])), 'won');
  assert.equal(jointVoteResult(c, v([[4, false], [5, false], [1, true], [2, true]])), 'lost');
  assert.equal(hasJointQuorum(c, (id) => id === 3 || id === 1), false);
  assert.equal(hasJointQuorum(c, (id) => id === 3 || id === 1 || id === 4), true);
});

test('planChange: changing voters enters the joint configuration; learner-only changes are one step', () => {
  const c = config([1, 2, 3], [4]);
  const joint = planChange(c, { promote: [4], remove: [1] });
  assert.deepEqual(joint, {
    ok: true,
    joint: true,
    configuration: {
      voters: [2, 3, 4],
      votersOutgoing: [1, 2, 3],
      learners: [],
      addresses: { 1: 'n1:1', 2: 'n2:1', 3: 'n3:1', 4: 'n4:1' },
    },
  });
  const learner = planChange(c, { addLearners: [{ id: 7, address: 'n7:1', readOnly: true }] });
  assert.deepEqual(learner, {
    ok: true,
    joint: false,
    configuration: {
      voters: [1, 2, 3],
      votersOutgoing: [],
      learners: [{ id: 4, readOnly: false }, { id: 7, readOnly: true }],
      addresses: { 1: 'n1:1', 2: 'n2:1', 3: 'n3:1', 4: 'n4:1', 7: 'n7:1' },
    },
  });
});

test('planChange refuses invalid changes with INVALID_CHANGE', () => {
  const c = config([1, 2, 3], [4]);
  const reasons = [
    planChange(c, {}),
    planChange(c, { promote: [2] }),
    planChange(c, { remove: [9] }),
    planChange(c, { addLearners: [{ id: 2, address: 'x' }] }),
    planChange(c, { remove: [1, 2, 3] }),
    planChange(c, { promote: [4], remove: [4] }),
    planChange(c, { addLearners: [{ id: 0, address: 'x' }] }),
    planChange(config([1], [], [2]), { remove: [1] }),
  ].map((r) => (r.ok ? 'ok' : r.message));
  assert.deepEqual(reasons, [
    'empty change',
    'node 2 is not a learner',
    'node 9 is not a member',
    'node 2 is already a member',
    'the change would leave no voter',
    'node 4 appears twice in the change',
    'invalid node id 0',
    'configuration is joint',
  ]);
});

test('isValidTransition accepts only enter-joint, leave-joint and learner-only steps', () => {
  const old = config([1, 2, 3]);
  const joint = config([2, 3, 4], [], [1, 2, 3]);
  assert.equal(isValidTransition(old, joint), true);
  assert.equal(isValidTransition(joint, config([2, 3, 4])), true);
  assert.equal(isValidTransition(old, config([2, 3, 4])), false, 'voters must not change without the joint step');
  assert.equal(isValidTransition(joint, config([1, 2, 3])), false);
  assert.equal(isValidTransition(old, config([1, 2, 3], [9])), true);
});

function cfgEntry(index: number, term: number, configuration: Configuration): Entry {
  return { index, term, payload: { type: 'configuration', configuration } };
}

test('dissertation §4.1: a configuration takes effect on append and reverts when its entry is truncated', () => {
  const c = newCore(2, [1, 2, 3], {}, restoredWith([1, 2, 3], [cmd(1, 1)], 1));
  const joint = config([2, 3, 4], [], [1, 2, 3]);
  c.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 1, prevLogTerm: 1, entries: [cfgEntry(2, 1, joint)], leaderCommitIndex: 1, seq: 1 });
  drain(c);
  assert.deepEqual([c.status().configuration, c.status().configIndex], [joint, 2], 'effective before commit');
  c.step({ type: 'Append', from: 3, to: 2, term: 2, leaderId: 3, prevLogIndex: 1, prevLogTerm: 1, entries: [cmd(2, 2)], leaderCommitIndex: 1, seq: 1 });
  const rd = drain(c);
  assert.equal(rd.truncateFrom, 2);
  assert.deepEqual([c.status().configuration, c.status().configIndex], [config([1, 2, 3]), 0], 'reverted');
});

function leaderOf3(): ReturnType<typeof newCore> {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  c.step(ack(3, 1, 1, 1, 1, 1));
  drainAll(c);
  return c;
}

test('dissertation §4.3: the leader appends C(new) by itself once C(old,new) commits; one change at a time', () => {
  const c = leaderOf3();
  const id1 = c.proposeConfChange({ addLearners: [{ id: 4, address: 'n4:1' }] }, 0);
  const rd1 = drain(c);
  assert.deepEqual(rd1.entriesToAppend.map((e) => e.payload.type), ['configuration']);
  const busy = c.proposeConfChange({ remove: [3] }, 2);
  const rd2 = drain(c);
  assert.deepEqual(rd2.proposals, [{ id: busy, status: 'rejected', reason: 'CHANGE_IN_PROGRESS' }]);
  c.step(ack(2, 1, 1, 2, 1, 2));
  const rd3 = drainAll(c).rds.flatMap((r) => r.proposals);
  assert.deepEqual(rd3, [{ id: id1, status: 'committed', index: 2, term: 1 }]);
  const stale = c.proposeConfChange({ promote: [4], remove: [1] }, 0);
  assert.deepEqual(drain(c).proposals[0], {
    id: stale,
    status: 'rejected',
    reason: 'CONFIG_CHANGED',
    message: 'configuration index is 2, not 0',
  });
  const replace = c.proposeConfChange({ promote: [4], remove: [1] }, 2);
  const rd4 = drain(c);
  assert.deepEqual(rd4.entriesToAppend.map((e) => e.payload.type === 'configuration' && e.payload.configuration.votersOutgoing), [[1, 2, 3]]);
  // Joint quorum: {2,3,4} and {1,2,3}. Node 2 and 4 acknowledge: both majorities hold index 3.
  c.step(ack(2, 1, 1, 3, 1, 3));
  c.step(ack(4, 1, 1, 3, 1, 1));
  const after = drainAll(c);
  assert.deepEqual(after.rds.flatMap((r) => r.proposals), [{ id: replace, status: 'committed', index: 3, term: 1 }]);
  const leave = after.rds.flatMap((r) => r.entriesToAppend);
  assert.deepEqual(leave.map((e) => [e.index, e.payload.type === 'configuration' && e.payload.configuration]), [
    [4, { voters: [2, 3, 4], votersOutgoing: [], learners: [], addresses: { 2: 'n2:1', 3: 'n3:1', 4: 'n4:1' } }],
  ]);
  // The leader (1) is not in C(new): it leads until C(new) commits, then steps down.
  assert.equal(c.status().role, 'leader');
  c.step(ack(2, 1, 1, 4, 1, 4));
  c.step(ack(4, 1, 1, 4, 1, 2));
  drainAll(c);
  assert.deepEqual([c.status().role, c.status().commitIndex], ['follower', 4]);
});

test('learners receive the log but never vote or count toward commitment', () => {
  const c = newCore(1, [1, 2, 3], {}, { hardState: { term: 0, votedFor: 0 }, snapshot: { index: 0, term: 0, configuration: config([1, 2, 3], [4]), configIndex: 0 }, entries: [] });
  const rd = makeLeader(c, [1, 2, 3]);
  assert.deepEqual(appendsTo(allMessages(rd), 4).length, 1, 'learner gets Appends');
  assert.deepEqual(
    [...rd.messages, ...rd.messagesAfterPersist].filter((m) => m.type === 'Vote').length,
    0,
  );
  c.step(ack(4, 1, 1, 1, 1, 1));
  drainAll(c);
  assert.equal(c.status().commitIndex, 0, 'a learner ack does not commit');
  c.step(ack(2, 1, 1, 1, 1, 1));
  drainAll(c);
  assert.equal(c.status().commitIndex, 1);
  const learner = newCore(4, [1, 2, 3], {}, { hardState: { term: 0, votedFor: 0 }, snapshot: { index: 0, term: 0, configuration: config([1, 2, 3], [4]), configIndex: 0 }, entries: [] });
  for (let i = 0; i < 50; i++) learner.tick(0);
  assert.equal(learner.hasReady(), false, 'a learner never campaigns');
});

test('dissertation §4.2.2: a node whose newest, uncommitted configuration leaves it out may still campaign; once committed it may not', () => {
  const joint = config([2, 3], [], [1, 2, 3]);
  const cNew = config([2, 3]);
  const entries = [cfgEntry(1, 1, joint), cfgEntry(2, 1, cNew)];
  const pending = newCore(1, [1, 2, 3], {}, restoredWith([1, 2, 3], entries, 1, 1));
  tickN(pending, 10);
  assert.equal(pending.status().role, 'pre-candidate', 'C(new) at 2 is not committed: 1 is still needed');
  const done = newCore(1, [1, 2, 3], {}, restoredWith([1, 2, 3], entries, 1, 2));
  tickN(done, 30);
  assert.equal(done.status().role, 'follower', 'C(new) committed: 1 is no longer a member');
});

test('dissertation §3.10 with §4.3: during C(old,new) a transfer may target only an incoming voter; proposals are refused, C(new) is still appended, and TimeoutNow waits for it', () => {
  const c = newCore(1, [1, 2, 3], {}, { hardState: { term: 0, votedFor: 0 }, snapshot: { index: 0, term: 0, configuration: config([1, 2, 3], [4]), configIndex: 0 }, entries: [] });
  const sent: Outbound[] = [...allMessages(makeLeader(c, [1, 2, 3]))];
  /** Seq of the Append to `to` that carried entry `index`. */
  const seqOf = (to: number, index: number) => appendsTo(sent, to).find((m) => m.entries.some((e) => e.index === index))!.seq;
  const run = () => {
    const out = drainAll(c);
    sent.push(...out.messages, ...out.after);
    return out;
  };
  c.step(ack(2, 1, 1, 1, 1, seqOf(2, 1)));
  c.step(ack(4, 1, 1, 1, 1, seqOf(4, 1)));
  run();
  const change = c.proposeConfChange({ promote: [4], remove: [3] }, 0);
  assert.deepEqual(run().rds.flatMap((r) => r.entriesToAppend).map((e) => e.payload.type === 'configuration' && [e.payload.configuration.voters, e.payload.configuration.votersOutgoing]), [[[1, 2, 4], [1, 2, 3]]]);
  // Node 3 leaves with C(new) and node 1 is the leader: neither may be the target.
  assert.deepEqual(c.transferLeadership(3), { ok: false, reason: 'INVALID_TARGET' });
  assert.deepEqual(c.transferLeadership(1), { ok: false, reason: 'INVALID_TARGET' });
  assert.deepEqual(c.transferLeadership(4), { ok: true, target: 4 });
  const write = c.propose(new TextEncoder().encode('w'));
  const other = c.proposeConfChange({ remove: [2] });
  assert.deepEqual(run().rds.flatMap((r) => r.proposals), [
    { id: write, status: 'rejected', reason: 'TRANSFER_IN_PROGRESS' },
    { id: other, status: 'rejected', reason: 'TRANSFER_IN_PROGRESS' },
  ]);
  // C(old,new) commits with both majorities ({1,2} of {1,2,3}, {1,2,4} of {1,2,4}): the leader
  // leaves the joint configuration by itself although proposals are refused, and the target,
  // caught up to C(old,new) only, gets no TimeoutNow yet.
  c.step(ack(2, 1, 1, 2, 1, seqOf(2, 2)));
  c.step(ack(4, 1, 1, 2, 1, seqOf(4, 2)));
  const out = run();
  assert.deepEqual(out.rds.flatMap((r) => r.proposals), [{ id: change, status: 'committed', index: 2, term: 1 }]);
  assert.deepEqual(out.rds.flatMap((r) => r.entriesToAppend).map((e) => e.payload.type === 'configuration' && [e.index, e.payload.configuration.voters, e.payload.configuration.votersOutgoing]), [[3, [1, 2, 4], []]]);
  assert.equal(sent.filter((m) => m.type === 'TimeoutNow').length, 0);
  c.step(ack(4, 1, 1, 3, 1, seqOf(4, 3)));
  run();
  assert.deepEqual(sent.filter((m) => m.type === 'TimeoutNow').map((m) => [m.to, m.term]), [[4, 1]]);
});

test('dissertation §5 with §4.3: a snapshot taken while joint carries C(old,new); the follower that installs it needs both majorities', () => {
  const joint = config([2, 3, 4], [], [1, 2, 3]);
  const f = newCore(3, [1, 2, 3]);
  const meta = { index: 5, term: 2, configuration: joint, configIndex: 4 };
  f.step({ type: 'Snapshot', from: 1, to: 3, term: 2, leaderId: 1, snapshot: meta });
  const rd = drain(f);
  assert.deepEqual(rd.snapshotToInstall, meta);
  assert.deepEqual(allMessages(rd).map((m) => m.type === 'SnapshotResponse' && [m.success, m.snapshotIndex]), [[true, 5]]);
  assert.deepEqual([f.status().configuration, f.status().configIndex], [joint, 4]);
  tickN(f, 10);
  const pre = allMessages(drain(f));
  assert.deepEqual(pre.map((m) => m.type === 'PreVote' && m.to), [1, 2, 4], 'asks the voters of both halves');
  const grant = (from: number) => f.step({ type: 'PreVoteResponse', from, to: 3, term: 3, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 });
  grant(4);
  assert.equal(f.status().role, 'pre-candidate', '{3,4} is a majority of {2,3,4} only');
  grant(1);
  assert.equal(f.status().role, 'candidate', '{1,3} adds a majority of {1,2,3}');

});
