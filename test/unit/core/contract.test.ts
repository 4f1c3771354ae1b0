/**
 * The runtime-facing contract of RaftCore: restart from durable state, the one-Ready-at-a-time
 * rule, Unreachable reports, compaction, status.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RaftCore } from '../../../src/core/index.js';
import { ack, appendsTo, cmd, config, drain, drainAll, makeLeader, newCore, restoredWith, tickN, zeroRandom } from './fixtures.js';

test('restart: durable entries are not handed out again; committed ones are re-applied from the snapshot base', () => {
  const c = new RaftCore(
    { id: 2, random: zeroRandom },
    {
      hardState: { term: 3, votedFor: 1 },
      snapshot: { index: 2, term: 1, configuration: config([1, 2, 3]), configIndex: 1 },
      entries: [cmd(3, 2), cmd(4, 3), cmd(5, 3)],
      commitIndex: 4,
    },
  );
  const s = c.status();
  assert.deepEqual(
    [s.term, s.votedFor, s.role, s.commitIndex, s.appliedIndex, s.firstLogIndex, s.lastLogIndex, s.lastLogTerm, s.snapshotIndex, s.snapshotTerm],
    [3, 1, 'follower', 4, 2, 3, 5, 3, 2, 1],
  );
  const rd = drain(c);
  assert.deepEqual(rd.entriesToAppend, []);
  assert.equal(rd.hardState, undefined);
  assert.deepEqual(rd.committedEntries, [cmd(3, 2), cmd(4, 3)]);
  assert.equal(c.status().appliedIndex, 4);
  assert.equal(c.hasReady(), false);
});

test('restart: restored entries must be contiguous after the snapshot', () => {
  assert.throws(() => new RaftCore({ id: 1, random: zeroRandom }, restoredWith([1], [cmd(2, 1)], 1)), /not contiguous/);
});

test('one Ready at a time: ready() before advance() throws, and hasReady() is false meanwhile', () => {
  const c = newCore(1, [1]);
  tickN(c, 10);
  const rd = c.ready();
  assert.equal(c.hasReady(), false);
  assert.throws(() => c.ready(), /before advance/);
  c.advance(rd);
  assert.throws(() => c.advance(rd), /without an outstanding Ready/);
});

test('steps between ready() and advance() land in the next Ready', () => {
  const c = newCore(2, [1, 2, 3]);
  c.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [cmd(1, 1)], leaderCommitIndex: 0, seq: 1 });
  const rd1 = c.ready();
  c.step({ type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: 1, prevLogTerm: 1, entries: [cmd(2, 1)], leaderCommitIndex: 1, seq: 2 });
  c.advance(rd1);
  const rd2 = drain(c);
  assert.deepEqual(rd1.entriesToAppend.map((e) => e.index), [1]);
  assert.deepEqual(rd2.entriesToAppend.map((e) => e.index), [2]);
  assert.deepEqual(rd2.committedEntries.map((e) => e.index), [1]);
  assert.deepEqual(rd2.messagesAfterPersist.map((m) => m.type === 'AppendResponse' && m.result), [{ kind: 'success', lastMatch: { index: 2, term: 1 } }]);
});

test('Unreachable: a replicating peer goes back to PROBE from matchIndex + 1 and is probed on the next heartbeat', () => {
  const c = newCore(1, [1, 2], { maxEntriesPerAppend: 1 });
  makeLeader(c, [1, 2]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  drainAll(c);
  c.propose(new TextEncoder().encode('a'));
  c.propose(new TextEncoder().encode('b'));
  drainAll(c);
  assert.deepEqual(c.status().peers.map((p) => [p.state, p.nextIndex, p.inflight]), [['REPLICATE', 4, 2]]);
  c.step({ type: 'Unreachable', from: 2, to: 1, term: 0 });
  assert.deepEqual(c.status().peers.map((p) => [p.state, p.nextIndex, p.inflight]), [['PROBE', 2, 0]]);
  assert.equal(c.hasReady(), false, 'no immediate resend');
  c.tick(0);
  const probe = appendsTo(drainAll(c).messages, 2);
  assert.deepEqual(probe.map((m) => [m.prevLogIndex, m.entries.map((e) => e.index)]), [[1, [2]]]);
});

test('compact: only applied entries; the snapshot records the configuration in force at its index', () => {
  const c = newCore(1, [1]);
  tickN(c, 10);
  drainAll(c);
  c.proposeConfChange({ addLearners: [{ id: 9, address: 'n9:1' }] });
  drainAll(c);
  c.propose(new TextEncoder().encode('x'));
  drainAll(c);
  assert.equal(c.status().appliedIndex, 3);
  assert.throws(() => c.compact(4), /applied only to 3/);
  const meta = c.compact(2);
  assert.deepEqual(meta, { index: 2, term: 1, configuration: config([1], [9]), configIndex: 2 });
  const s = c.status();
  assert.deepEqual([s.firstLogIndex, s.lastLogIndex, s.snapshotIndex, s.configIndex], [3, 3, 2, 2]);
  assert.deepEqual(c.compact(1), meta, 'compacting behind the snapshot changes nothing');
  // Compacting past the configuration entry keeps its index, and a core restarted from that
  // snapshot reports it (not the snapshot's index).
  const later = c.compact(3);
  assert.deepEqual([later.index, later.configIndex], [3, 2]);
  assert.equal(c.status().configIndex, 2);
  const restarted = newCore(1, [1], {}, { hardState: { term: 1, votedFor: 1 }, snapshot: later, entries: [] });
  assert.equal(restarted.status().configIndex, 2);
  assert.deepEqual(restarted.status().configuration, config([1], [9]));
});

test('status on the leader lists every peer with its replication state', () => {
  const c = newCore(1, [1, 2, 3]);
  makeLeader(c, [1, 2, 3]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  tickN(c, 2);
  drainAll(c);
  assert.deepEqual(c.status().peers, [
    { id: 2, matchIndex: 1, nextIndex: 2, state: 'REPLICATE', inflight: 0, ticksSinceContact: 2 },
    // 3 never answered: probed again (with the no-op) at each of the two heartbeats.
    { id: 3, matchIndex: 0, nextIndex: 1, state: 'PROBE', inflight: 3, ticksSinceContact: 2 },
  ]);
});
