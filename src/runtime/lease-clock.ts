/**
 * The time a node hands its core with ticks and reads, which dates leader leases (dissertation
 * §6.4.1; docs/raft-core.md "Leases").
 *
 * `performance.now()` alone is not enough: it is CLOCK_MONOTONIC on Linux (libuv's uv_hrtime),
 * which stops while the host is suspended (a laptop's sleep, a VM paused by some hypervisors). A
 * leader whose host slept through its lease would resume with its lease apparently still running
 * and serve lease reads, while the other nodes (whose clocks ran) elected a new leader and
 * committed writes it cannot see. The wall clock keeps counting across a suspension.
 *
 * The lease clock therefore advances, between two readings, by the larger of what the monotonic
 * clock and the wall clock advanced (the wall clock's lead counts once it exceeds its millisecond
 * jitter): a suspension counts at its full length, a wall clock stepped
 * back (NTP) is ignored (the monotonic clock carries on), and one stepped forward only ends leases
 * early. It never runs slower than the monotonic clock, so it never lengthens a lease.
 */
import { performance } from 'node:perf_hooks';

/**
 * How far the wall clock may run ahead of the monotonic clock between two readings without
 * counting: Date.now() has whole milliseconds, so two clocks that advance alike differ by up to
 * one between readings (counting that would make the clock run fast, the more so the more often
 * it is read). A suspension shorter than this is left to the lease's drift margin.
 */
const WALL_JITTER_MS = 2;

/** A source of milliseconds. */
export type Clock = () => number;

/**
 * Returns the lease clock over `monotonic` and `wall` (defaults: `performance.now()` and
 * `Date.now()`): the monotonic clock plus every stretch by which the wall clock ran ahead of it
 * between two readings. Readings never decrease; while the two clocks advance alike, they are
 * the monotonic clock's.
 */
export function leaseClock(monotonic: Clock = () => performance.now(), wall: Clock = Date.now): Clock {
  let lastMonotonic = monotonic();
  let lastWall = wall();
  /** Time the wall clock advanced beyond the monotonic clock (suspensions), summed. */
  let missed = 0;
  let last = lastMonotonic;
  return () => {
    const m = monotonic();
    const w = wall();
    const ahead = w - lastWall - Math.max(0, m - lastMonotonic);
    if (ahead > WALL_JITTER_MS) missed += ahead;
    lastMonotonic = m;
    lastWall = w;
    last = Math.max(last, m + missed);
    return last;
  };
}
