/**
 * The straggler helpers of src/app/verdict.ts that let reads of several nodes go on without a
 * hung one: withoutStragglers (a grace after the first answer), settledBy (a deadline) and
 * stragglerGraceMs (the grace under a tight budget).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settledBy, STRAGGLER_GRACE_MS, stragglerGraceMs, withoutStragglers } from '../../../src/app/verdict.js';

const after = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const never = new Promise<never>(() => undefined);

test('withoutStragglers: waits for all when all answer, else goes on a grace after the first answer; none answered: waits for all', async () => {
  assert.deepEqual(await withoutStragglers([after(5, 'a'), after(10, 'b')], () => true, 1000), ['a', 'b']);
  const t0 = performance.now();
  assert.deepEqual(await withoutStragglers([after(5, 'a'), never], () => true, 50), ['a', undefined]);
  assert.ok(performance.now() - t0 < 500, 'the hung one is not waited for');
  // A failure (isAnswer false) does not start the grace: the answer that comes later is waited for.
  assert.deepEqual(await withoutStragglers([after(1, 'fail'), after(80, 'ok')], (v) => v === 'ok', 20), ['fail', 'ok']);
  assert.deepEqual(await withoutStragglers([], () => true, 10), []);
});

test('settledBy: the values settled by the deadline, undefined for the rest; Infinity waits for all', async () => {
  assert.deepEqual(await settledBy([after(5, 1), after(10, 2)], Infinity), [1, 2]);
  assert.deepEqual(await settledBy([after(5, 1), never], performance.now() + 60), [1, undefined]);
  assert.deepEqual(await settledBy([never], performance.now() - 1), [undefined], 'a deadline already past returns at once');
});

test('stragglerGraceMs: 500 ms, or a quarter of what is left when that is less', () => {
  assert.equal(stragglerGraceMs({ remainingMs: () => 30_000 }), STRAGGLER_GRACE_MS);
  assert.equal(stragglerGraceMs({ remainingMs: () => 1000 }), 250);
  assert.equal(stragglerGraceMs({ remainingMs: () => 0 }), 0);
});
