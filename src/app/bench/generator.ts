/**
 * The load generator behind `raftctl bench`: `clients` concurrent loops calling `op`.
 *
 * - Closed loop (no `rate`): each client sends its next request as soon as the previous one
 *   answered; latency is measured from the send.
 * - Open loop (`rate` requests/s in total): request k of client c is due at
 *   start + (k·clients + c) / rate. A client that falls behind sends at once, and latency is
 *   measured from the time the request was *due*, not from when it was sent, so a stall shows
 *   in the percentiles instead of disappearing (no coordinated omission).
 *
 * Requests stop being started once `durationMs` has passed; requests in flight complete (each
 * is bounded by the target's own deadline). In the open loop, requests due before the end that
 * a client could not send by then (it was still waiting on an earlier answer: a stalled server,
 * or too few clients for `rate`) are counted as `missed`, not sent; each enters the latencies
 * with the time it had waited when its client got free (a lower bound), so a stall that runs past
 * the end shows in the percentiles and max instead of vanishing. Failed
 * requests are counted by error code and their latency is not recorded. With `backoff`, a client pauses after the failures it names
 * (see {@link LoadBackoff}); in the open loop the requests that fall due meanwhile are sent
 * late and their latency counts from the due time, as after any other stall.
 */
import { RaftCtlError } from '../../errors.js';
import { systemClock, type Clock, type RandomSource } from '../../transport/clock.js';
import { backoffDelay, type BackoffPolicy } from '../../transport/retry.js';
import { Histogram, type LatencySummary } from './histogram.js';

/**
 * A pause a client takes after certain failures before its next request, so a dead target
 * is not hammered in a tight loop. After the n-th such failure in a row the client sleeps
 * `backoffDelay(policy, n)` (src/transport/retry.ts: `baseDelayMs` doubling up to
 * `maxDelayMs`, jittered downwards), cut short at
 * the end of the run or when the signal aborts. Any other outcome resets the count. A client
 * that would pause once the run has ended stops instead: in the open loop, the requests still
 * due are then not sent (a burst of them after the end would only add failures).
 */
export interface LoadBackoff {
  readonly policy: BackoffPolicy;
  /** Whether a failure calls for the pause (e.g. a connection that could not be made). */
  readonly when: (error: unknown) => boolean;
  /** Jitter source (default Math.random). */
  readonly random?: RandomSource;
}

export interface LoadOptions {
  readonly clients: number;
  readonly durationMs: number;
  /** Total requests per second across all clients (open loop); closed loop when absent. */
  readonly rate?: number;
  /** One request of client `client` (0-based), its `seq`-th. Rejects on failure. */
  readonly op: (client: number, seq: number) => Promise<void>;
  /** Stops starting new requests early (and ends pending sleeps). */
  readonly signal?: AbortSignal;
  /** Time and sleeps (default the system clock); tests inject a manual one. */
  readonly clock?: Clock;
  /** Pause after failures it accepts; none when absent. */
  readonly backoff?: LoadBackoff;
}

export interface LoadResult {
  readonly mode: 'closed' | 'open';
  /** Successful requests. */
  readonly count: number;
  readonly errors: number;
  /** Failed requests by error code (RaftCtlError code, else the error's name). */
  readonly errorsByCode: Record<string, number>;
  /** From the start to the last completion, ms. */
  readonly elapsedMs: number;
  /** Successful requests per second over `elapsedMs`. */
  readonly throughput: number;
  /**
   * Open loop: requests due during the run that were never sent because it ended first (their
   * client was still waiting on an earlier answer: a stalled server, or too few clients for
   * `rate`). Not in `count` or `throughput`; their wait until their client got free is in
   * `latencyMs` (a lower bound), except when the client was backing off from failures its
   * backoff names (nothing answered; they are not timed). 0 in a closed loop.
   */
  readonly missed: number;
  /**
   * Open loop: how late the generator itself was, ms: the largest delay between a request's due
   * time and its send among the requests whose client was idle, waiting for that due time (a
   * timer firing late, a busy event loop: the load process could not keep the schedule, not the
   * server). That delay is part of the request's latency. null in a closed loop.
   */
  readonly generatorLagMs: number | null;
  /** Successful requests and, in the open loop, the missed ones (see `missed`). */
  readonly latencyMs: LatencySummary;
}

/** Runs the load; see the module comment. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!(options.clients >= 1)) throw new RangeError('clients must be at least 1');
  if (options.rate !== undefined && !(options.rate > 0)) throw new RangeError('rate must be positive');
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now();
  // An aborted sleep just ends early: the loops check the signal themselves.
  const sleep = (ms: number): Promise<void> => clock.sleep(ms, options.signal).catch(() => undefined);
  const histogram = new Histogram();
  const errorsByCode: Record<string, number> = {};
  let errors = 0;
  let count = 0;
  const start = now();
  const end = start + options.durationMs;
  let lastDone = start;
  const stopped = (): boolean => options.signal?.aborted === true;

  const failuresInARow = new Array<number>(options.clients).fill(0);
  /**
   * After a request of client `c`: takes the backoff pause its outcome calls for, if any.
   * Resolves to false when the client should stop (a pause was due but the run is over).
   */
  const pauseAfter = async (c: number, error: unknown): Promise<boolean> => {
    const backoff = options.backoff;
    if (backoff === undefined) return true;
    if (error === null || !backoff.when(error)) {
      failuresInARow[c] = 0;
      return true;
    }
    const delayMs = backoffDelay(backoff.policy, ++failuresInARow[c]!, backoff.random);
    const leftMs = end - now();
    if (leftMs <= 0 || stopped()) return false;
    await sleep(Math.min(delayMs, leftMs));
    return true;
  };

  /** One request; resolves to its error (null on success). */
  const one = async (client: number, seq: number, from: number): Promise<unknown> => {
    try {
      await options.op(client, seq);
      const t = now();
      histogram.recordMs(t - from);
      count++;
      lastDone = Math.max(lastDone, t);
      return null;
    } catch (error) {
      errors++;
      const code = error instanceof RaftCtlError ? error.code : error instanceof Error ? error.name : 'ERROR';
      errorsByCode[code] = (errorsByCode[code] ?? 0) + 1;
      lastDone = Math.max(lastDone, now());
      return error ?? new Error('request failed');
    }
  };

  const closedClient = async (c: number): Promise<void> => {
    for (let seq = 0; now() < end && !stopped(); seq++) {
      if (!(await pauseAfter(c, await one(c, seq, now())))) break;
    }
  };

  let missed = 0;
  let generatorLagMs = 0;
  const openClient = async (c: number): Promise<void> => {
    const interval = 1000 / options.rate!;
    // Requests due to this client before the end: seq with start + (seq·clients + c)·interval < end.
    // (From durationMs, not end − start, whose floating-point rounding can add a request.)
    const due = Math.max(0, Math.ceil((options.durationMs / interval - c) / options.clients));
    const dueAt = (seq: number): number => start + (seq * options.clients + c) * interval;
    let sent = 0;
    for (let seq = 0; seq < due && !stopped(); seq++) {
      // The run is over: what this client still owes is missed, not sent late (a backlog sent
      // after --duration would stretch the run without bound).
      if (now() >= end || dueAt(seq) >= end) break;
      const wait = dueAt(seq) - now();
      if (wait > 1) {
        await sleep(wait);
        generatorLagMs = Math.max(generatorLagMs, now() - dueAt(seq));
      }
      if (stopped()) break;
      sent++;
      // Late: count from the due time (the wait is part of the latency). Early (timer
      // granularity): count from the actual send.
      if (!(await pauseAfter(c, await one(c, seq, Math.min(dueAt(seq), now()))))) break;
    }
    // A run stopped early (Ctrl-C, --wait-timeout) misses nothing: it was cut, not outpaced.
    if (stopped()) return;
    missed += due - sent;
    // What the client still owed had been waiting since its due time: at least this long. The
    // latest-due first (the shortest wait), then one client interval more each. Not when the
    // client was backing off from endpoints it could not connect to: nothing would have answered.
    const backingOff = failuresInARow[c]! > 0;
    if (!backingOff && due > sent) histogram.recordSeriesMs(now() - dueAt(due - 1), options.clients * interval, due - sent);
  };

  await Promise.all(Array.from({ length: options.clients }, (_, c) => (options.rate === undefined ? closedClient(c) : openClient(c))));
  const elapsedMs = Math.max(1, lastDone - start);
  return {
    mode: options.rate === undefined ? 'closed' : 'open',
    count,
    errors,
    errorsByCode,
    elapsedMs: Math.round(elapsedMs),
    throughput: Math.round((count / elapsedMs) * 1000 * 10) / 10,
    missed,
    generatorLagMs: options.rate === undefined ? null : Math.round(generatorLagMs * 1000) / 1000,
    latencyMs: histogram.summary(),
  };
}
