/**
 * A leader's proposed commands stay in its log until compaction; they must not pin slabs of
 * Node's shared Buffer pool full of dead short-lived buffers (value-arena.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemCluster, put, until } from './helpers.js';

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
    const buffers = new Set<ArrayBufferLike>();
    let bytes = 0;
    for (const e of entries) {
      assert.equal(e.payload.type, 'command');
      if (e.payload.type !== 'command') continue;
      buffers.add(e.payload.data.buffer);
      bytes += e.payload.data.byteLength;
    }
    let retained = 0;
    for (const b of buffers) retained += b.byteLength;
    assert.ok(retained / bytes < 1.5, `the log's commands keep ${(retained / bytes).toFixed(2)}x their size alive`);
  } finally {
    await c.stop();
  }
});
