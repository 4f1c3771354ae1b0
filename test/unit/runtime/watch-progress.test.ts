/**
 * The Watch PROGRESS timer (src/runtime/watch-progress.ts) on the manual clock: one timer for the
 * whole registry, a round per interval and none before, none when disabled, none after stop, no
 * burst of rounds after a late timer; and, driving a real KvStateMachine, the events the watchers
 * see: the applied index of each round, idle watchers only, never after the watch ended.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KvStateMachine, type EventQueue, type WatchEvent } from '../../../src/state-machine/index.js';
import { checkWatchProgressInterval, DEFAULT_WATCH_PROGRESS_MS, WatchProgressTimer } from '../../../src/runtime/watch-progress.js';
import { ManualClock } from '../../harness/manual-clock.js';
import { put } from '../state-machine/helpers.js';

/** Lets the timer's loop run up to its next sleep. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

function counting(intervalMs: number, clock: ManualClock): { timer: WatchProgressTimer; rounds: () => number } {
  let rounds = 0;
  const timer = new WatchProgressTimer({ intervalMs, clock, send: () => ++rounds });
  return { timer, rounds: () => rounds };
}

// Scenario: the default interval (30 s, d-engine's heartbeat_interval_ms). Expectation: no round
// before 30 s, one at 30 s, the next 30 s later; one sleep pending at any time (one timer for the
// registry, however many watchers).
test('one round per interval, none before it, on one timer', async () => {
  assert.equal(DEFAULT_WATCH_PROGRESS_MS, 30_000);
  const clock = new ManualClock();
  const { timer, rounds } = counting(DEFAULT_WATCH_PROGRESS_MS, clock);
  timer.start();
  timer.start(); // a second start is a no-op
  await clock.waitForSleepers(1);
  assert.deepEqual(clock.pending, [30_000]);
  clock.advance(29_999);
  await settle();
  assert.equal(rounds(), 0);
  clock.advance(1);
  await settle();
  assert.equal(rounds(), 1);
  assert.deepEqual(clock.pending, [30_000]);
  clock.advance(30_000);
  await settle();
  assert.equal(rounds(), 2);
  timer.stop();
});

// Scenario: the timer's due time passes by far (the event loop was busy, the process paused).
// Expectation: one round, then a full interval to the next: no burst of catch-up rounds (as
// d-engine skips missed ticks: a burst would claim the stream was alive while it was not).
test('a late timer sends one round, not one per missed interval', async () => {
  const clock = new ManualClock();
  const { timer, rounds } = counting(1000, clock);
  timer.start();
  await clock.waitForSleepers(1);
  clock.advance(10_500);
  await settle();
  assert.equal(rounds(), 1);
  assert.deepEqual(clock.pending, [1000]);
  timer.stop();
});

// Scenario: interval 0 (`--watch-progress-interval 0` or `off`). Expectation: no timer at all.
test('interval 0 disables: no timer, no round', async () => {
  const clock = new ManualClock();
  const { timer, rounds } = counting(0, clock);
  timer.start();
  await settle();
  assert.deepEqual(clock.sleeps, []);
  clock.advance(1e9);
  await settle();
  assert.equal(rounds(), 0);
});

// Scenario: stop while a round is pending, and stop before start. Expectation: the sleep is
// withdrawn and no round follows; a stopped timer does not start again.
test('stop: no round after it, the pending sleep is withdrawn', async () => {
  const clock = new ManualClock();
  const { timer, rounds } = counting(500, clock);
  timer.start();
  await clock.waitForSleepers(1);
  timer.stop();
  await settle();
  assert.deepEqual(clock.pending, []);
  clock.advance(5000);
  await settle();
  assert.equal(rounds(), 0);
  timer.start();
  await settle();
  assert.deepEqual(clock.pending, []);
});

test('the interval is 0 or 100 ms to the timer limit', () => {
  for (const ok of [0, 100, 30_000, 2_147_483_647]) checkWatchProgressInterval(ok);
  for (const bad of [1, 99, 150.5, -1, 2_147_483_648, Number.NaN]) assert.throws(() => checkWatchProgressInterval(bad), RangeError, String(bad));
  assert.throws(() => new WatchProgressTimer({ intervalMs: 10, send: () => 0 }), RangeError);
});

/** The next event of `q` as [type, revision], or 'none' when nothing is buffered. */
async function nextOf(q: EventQueue<WatchEvent>): Promise<[string, number] | 'none'> {
  if (q.pending === 0) return 'none';
  const r = await q.next();
  return r.done ? 'none' : [r.value.type, r.value.revision];
}

// Scenario: the timer driving a state machine with two watchers while entries are applied between
// rounds; one watcher's consumer leaves a change unread for a round; then the watches end.
// Expectation: each round gives each idle watcher the applied index at that moment (monotonic,
// consistent with the PUT revisions); the busy watcher is skipped that round; nothing after the end.
test('driving a state machine: idle watchers get the applied index each round, busy ones are skipped, nothing after the end', async () => {
  const clock = new ManualClock();
  const sm = new KvStateMachine();
  const timer = new WatchProgressTimer({ intervalMs: 1000, clock, send: () => sm.watchProgress() });
  const a = sm.watch({ key: Buffer.from('a') });
  const b = sm.watch({ key: Buffer.from('/b/'), prefix: true });
  timer.start();
  await clock.waitForSleepers(1);
  sm.apply(put(1, 'x', '1'));
  clock.advance(1000);
  await settle();
  assert.deepEqual([await nextOf(a), await nextOf(b)], [['PROGRESS', 1], ['PROGRESS', 1]]);
  sm.apply(put(2, 'a', '2'));
  sm.apply(put(3, 'x', '3'));
  clock.advance(1000);
  await settle();
  // a has its PUT at 2 unread: busy, skipped; b was idle.
  assert.deepEqual([await nextOf(a), await nextOf(a), await nextOf(b)], [['PUT', 2], 'none', ['PROGRESS', 3]]);
  sm.apply(put(4, '/b/c', '4'));
  assert.deepEqual(await nextOf(b), ['PUT', 4]);
  clock.advance(1000);
  await settle();
  assert.deepEqual([await nextOf(a), await nextOf(b)], [['PROGRESS', 4], ['PROGRESS', 4]]);
  await a[Symbol.asyncIterator]().return!();
  sm.close();
  clock.advance(1000);
  await settle();
  assert.deepEqual((await b.next()).value?.type, 'CANCELED');
  assert.equal((await b.next()).done, true);
  assert.equal((await a.next()).done, true);
  timer.stop();
});
