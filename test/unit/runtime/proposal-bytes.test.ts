/**
 * A leader's proposed commands stay in its log until compaction; they must not pin slabs of
 * Node's shared Buffer pool full of dead short-lived buffers (value-arena.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entry } from '../../../src/core/index.js';
import { appendFromWire } from '../../../src/runtime/codec.js';
import { ReplicationService } from '../../../src/transport/services.js';
import { retainedRatio } from '../../harness/retained.js';
import { MemCluster, put, until } from './helpers.js';

/** The command bytes of `e`, a command entry. */
function commandOf(e: { readonly payload: { readonly type: string; readonly data?: Uint8Array } }): Uint8Array {
  assert.equal(e.payload.type, 'command');
  return e.payload.data ?? new Uint8Array(0);
}

// Scenario: a single-node cluster; 300 proposals whose bytes come from Node's pool, each followed
// by short-lived pool allocations (as a node's gRPC frames are). Expectation: the log's entries
// keep alive little more than their own bytes (< 1.5x); a pooled command kept ~4x (a leader with
// 400,000 commands in its log held 797 MB of buffers).
test('proposed commands kept in the log do not pin slabs of short-lived buffers', async () => {
  const c = await MemCluster.create([1]);
  try {
    const leader = await until('leader', () => c.leader());
    const transient: Buffer[] = [];
    let last = 0;
    for (let i = 0; i < 300; i++) {
      const pending = leader.propose(put(`key-${i}`, 'v'.repeat(100)));
      transient.push(Buffer.from('t'.repeat(270)));
      last = (await pending).index;
    }
    const entries = c.nodes.get(1)!.log.entries(last - 299, last + 1);
    assert.equal(entries.length, 300);
    const ratio = retainedRatio(entries.map(commandOf));
    assert.ok(ratio < 1.5, `the log's commands keep ${ratio.toFixed(2)}x their size alive`);
  } finally {
    await c.stop();
  }
});

// Scenario: a follower receives 1,000 AppendEntries of one 100-byte command each, decoded from
// their gRPC messages, with short-lived pool allocations between them (as its other gRPC frames
// and WAL records are). Expectation: the entries it keeps in its log (until compaction, as a
// leader keeps its proposals) keep alive little more than their commands (< 1.5x). A
// Buffer.from copy of each command (entryFromWire before the fix) kept ~4x: a follower's log
// pinned slabs of Node's pool as the leader's did before 999a127.
test('commands a follower receives and keeps in its log do not pin slabs of short-lived buffers', () => {
  const transient: Buffer[] = [];
  const kept: Entry[] = [];
  // 1,000 commands fill seven 16 KiB slabs: whole slabs are counted, so a few hundred would sit
  // near the bound (300: 1.46x), and fail if another user of the shared arena had half-filled its
  // first slab.
  for (let i = 1; i <= 1000; i++) {
    // As the server gets it: the request's bytes decoded by the method's own deserializer.
    const wire = ReplicationService.AppendEntries.requestSerialize({ term: 1, leaderId: 2, prevLogIndex: i - 1, prevLogTerm: 1, leaderCommitIndex: 0, entries: [{ index: i, term: 1, payload: { command: put(`key-${i}`, 'v'.repeat(100)) } }] });
    const req = ReplicationService.AppendEntries.requestDeserialize(Buffer.from(wire));
    kept.push(...appendFromWire(req, 1, i).entries);
    transient.push(Buffer.from('t'.repeat(270)));
  }
  assert.equal(kept.length, 1000);
  const ratio = retainedRatio(kept.map(commandOf));
  assert.ok(ratio < 1.5, `the received commands keep ${ratio.toFixed(2)}x their size alive`);
});
