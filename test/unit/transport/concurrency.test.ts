/** mapConcurrent: bounded fan-out, results in input order (src/transport/concurrency.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapConcurrent } from '../../../src/transport/concurrency.js';

test('at most `limit` calls are pending at once, all items are mapped, results keep input order', async () => {
  let pending = 0;
  let most = 0;
  const items = Array.from({ length: 40 }, (_, i) => i);
  const out = await mapConcurrent(items, 16, async (x, i) => {
    assert.equal(x, i);
    pending++;
    most = Math.max(most, pending);
    await new Promise((r) => setTimeout(r, (x * 7) % 5)); // finish out of order
    pending--;
    return x * 2;
  });
  assert.deepEqual(out, items.map((x) => x * 2));
  assert.equal(most, 16);
});

test('fewer items than the limit: all start at once; none: an empty result', async () => {
  let started = 0;
  const out = mapConcurrent([1, 2, 3], 16, async (x) => {
    started++;
    await new Promise((r) => setTimeout(r, 1));
    return x;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(started, 3);
  assert.deepEqual(await out, [1, 2, 3]);
  assert.deepEqual(await mapConcurrent([], 4, async (x: number) => x), []);
});

test('a bad limit is a RangeError; the first rejection rejects the whole map', async () => {
  await assert.rejects(mapConcurrent([1], 0, async (x) => x), RangeError);
  const started: number[] = [];
  await assert.rejects(
    mapConcurrent([1, 2, 3, 4, 5], 1, async (x) => {
      started.push(x);
      if (x === 2) throw new Error('boom');
      return x;
    }),
    /boom/,
  );
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(started, [1, 2], 'nothing starts after the first rejection');
});
