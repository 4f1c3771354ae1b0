/**
 * The lease clock (src/runtime/lease-clock.ts) over hand-driven monotonic and wall clocks.
 * Scenario: a host suspension stops the monotonic clock while the wall clock runs on; the lease
 * clock must count it, or a leader that slept through its lease serves stale lease reads
 * (dissertation §6.4.1; test/scenario/replication.test.ts shows it on a simulated cluster).
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { leaseClock } from '../../../src/runtime/lease-clock.js';

function clocks(): { mono: number; wall: number; read: () => number } {
  const c = { mono: 5_000, wall: 1_700_000_000_000, read: (): number => 0 };
  c.read = leaseClock(() => c.mono, () => c.wall);
  return c;
}

test('lease clock: follows the monotonic clock while both clocks advance alike, whole-millisecond wall jitter included', () => {
  const c = clocks();
  assert.equal(c.read(), 5_000);
  for (let i = 1; i <= 1000; i++) {
    c.mono += 0.4;
    if (i % 5 === 0) c.wall += 2; // 0.4 ms readings: the wall clock moves by whole milliseconds
    assert.equal(c.read(), c.mono);
  }
});

test('lease clock: a host suspension (monotonic clock stopped, wall clock running) counts at its full length', () => {
  const c = clocks();
  c.read();
  c.wall += 30_000; // suspended for 30 s: CLOCK_MONOTONIC did not move
  assert.equal(c.read(), 35_000);
  c.mono += 100;
  c.wall += 100;
  assert.equal(c.read(), 35_100, 'then it follows the monotonic clock again');
});

test('lease clock: a wall clock stepped back is ignored, one stepped forward only moves the clock on; it never goes back', () => {
  const c = clocks();
  c.read();
  c.mono += 100;
  c.wall -= 60_000;
  assert.equal(c.read(), 5_100, 'a step back changes nothing');
  c.mono += 100;
  c.wall += 100;
  assert.equal(c.read(), 5_200);
  c.mono += 10;
  c.wall += 1_010;
  assert.equal(c.read(), 6_210, 'a step forward shortens leases, never lengthens them');
  let last = c.read();
  for (const [dm, dw] of [[5, -3], [0, 0], [1, 50], [3, 3]] as const) {
    c.mono += dm;
    c.wall += dw;
    const now = c.read();
    assert.ok(now >= last + dm, `advanced at least as the monotonic clock (${last} + ${dm} <= ${now})`);
    last = now;
  }
});
