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
 * is bounded by the target's own deadline). Failed requests are counted by error code and
 * their latency is not recorded.
 */
import { RaftCtlError } from '../../errors.js';
import { Histogram, type LatencySummary } from './histogram.js';

export interface LoadOptions {
  readonly clients: number;
  readonly durationMs: number;
  /** Total requests per second across all clients (open loop); closed loop when absent. */
  readonly rate?: number;
  /** One request of client `client` (0-based), its `seq`-th. Rejects on failure. */
  readonly op: (client: number, seq: number) => Promise<void>;
  /** Stops starting new requests early. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
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
  readonly latencyMs: LatencySummary;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs the load; see the module comment. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!(options.clients >= 1)) throw new RangeError('clients must be at least 1');
  if (options.rate !== undefined && !(options.rate > 0)) throw new RangeError('rate must be positive');
  const now = options.now ?? (() => performance.now());
  const histogram = new Histogram();
  const errorsByCode: Record<string, number> = {};
  let errors = 0;
  const start = now();
  const end = start + options.durationMs;
  let lastDone = start;
  const stopped = (): boolean => options.signal?.aborted === true;

  const one = async (client: number, seq: number, from: number): Promise<void> => {
    try {
      await options.op(client, seq);
      const t = now();
      histogram.recordMs(t - from);
      lastDone = Math.max(lastDone, t);
    } catch (error) {
      errors++;
      const code = error instanceof RaftCtlError ? error.code : error instanceof Error ? error.name : 'ERROR';
      errorsByCode[code] = (errorsByCode[code] ?? 0) + 1;
      lastDone = Math.max(lastDone, now());
    }
  };

  const closedClient = async (c: number): Promise<void> => {
    for (let seq = 0; now() < end && !stopped(); seq++) await one(c, seq, now());
  };

  const openClient = async (c: number): Promise<void> => {
    for (let seq = 0; !stopped(); seq++) {
      const due = start + (seq * options.clients + c) * (1000 / options.rate!);
      if (due >= end) break;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      // Late: count from the due time (the wait is part of the latency). Early (timer
      // granularity): count from the actual send.
      await one(c, seq, Math.min(due, now()));
    }
  };

  await Promise.all(Array.from({ length: options.clients }, (_, c) => (options.rate === undefined ? closedClient(c) : openClient(c))));
  const elapsedMs = Math.max(1, lastDone - start);
  return {
    mode: options.rate === undefined ? 'closed' : 'open',
    count: histogram.count,
    errors,
    errorsByCode,
    elapsedMs: Math.round(elapsedMs),
    throughput: Math.round((histogram.count / elapsedMs) * 1000 * 10) / 10,
    latencyMs: histogram.summary(),
  };
}
