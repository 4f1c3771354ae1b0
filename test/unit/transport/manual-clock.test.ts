/**
 * The test harness's ManualClock (test/harness/manual-clock.ts): sleeps fire only on advance,
 * in due order, and are abortable.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../harness/manual-clock.js';

describe('ManualClock', () => {
  it('fires due sleeps in due order (ties in creation order), setting now() to each due time', async () => {
    const clock = new ManualClock(1000);
    const fired: Array<[string, number]> = [];
    const mark = (name: string) => () => fired.push([name, clock.now()]);
    const all = [clock.sleep(30).then(mark('c')), clock.sleep(10).then(mark('a')), clock.sleep(10).then(mark('b')), clock.sleep(50).then(mark('late'))];
    assert.deepEqual(clock.pending, [10, 10, 30, 50]);
    clock.advance(9);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(fired, []);
    clock.advance(31);
    await Promise.all(all.slice(0, 3));
    assert.deepEqual(fired, [['a', 1040], ['b', 1040], ['c', 1040]]);
    assert.equal(clock.now(), 1040);
    assert.deepEqual(clock.pending, [10]);
    clock.advance(10);
    await all[3];
    assert.deepEqual(clock.sleeps, [30, 10, 10, 50]);
  });

  it('rejects an aborted sleep with the signal reason and forgets it; sleep(0) resolves on its own', async () => {
    const clock = new ManualClock();
    const ac = new AbortController();
    const s = clock.sleep(100, ac.signal);
    ac.abort(new Error('stop'));
    await assert.rejects(s, /stop/);
    assert.deepEqual(clock.pending, []);
    await assert.rejects(clock.sleep(5, ac.signal), /stop/);
    await clock.sleep(0);
    assert.throws(() => clock.advance(-1), RangeError);
  });

  it('waitForSleepers is bounded in real time; drive() advances through every sleep of the work', async () => {
    const clock = new ManualClock();
    await assert.rejects(clock.waitForSleepers(1, 20), /expected 1 pending sleep/);
    const work = (async () => {
      await clock.sleep(100);
      await clock.sleep(250);
      return clock.now();
    })();
    assert.equal(await clock.drive(work), 350);
  });
});
