/**
 * sortedEntries (src/state-machine/sorted-stream.ts): a frozen map's entries in key order in
 * slices, stoppable by a signal also while its runs are still being sorted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortedEntries } from '../../../src/state-machine/sorted-stream.js';

function mapOf(n: number): Map<string, number> {
  const m = new Map<string, number>();
  // Insertion order unlike key order.
  for (let i = 0; i < n; i++) m.set(`k${((i * 7919) % n).toString().padStart(6, '0')}`, i);
  return m;
}

test('yields every entry once, in ascending key order, across several sorted runs', async () => {
  const m = mapOf(20_000);
  const keys: string[] = [];
  for await (const [k, v] of sortedEntries(m, 0)) {
    assert.equal(m.get(k), v);
    keys.push(k);
  }
  assert.deepEqual(keys, [...m.keys()].sort());
});

test('a signal that aborts stops the stream at the next slice, before the first entry if the runs are still being sorted', async () => {
  const controller = new AbortController();
  const reason = new Error('stopping');
  controller.abort(reason);
  const it = sortedEntries(mapOf(50_000), 0, controller.signal)[Symbol.asyncIterator]();
  await assert.rejects(it.next(), (e) => e === reason);
});
