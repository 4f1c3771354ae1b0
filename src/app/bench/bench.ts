/**
 * `raftctl bench put|get`: the workload (keys, values, prefill) around the load generator and a
 * target, and the JSON result.
 *
 * Keys are the decimal index zero-padded to `keySize` bytes (the last `keySize` digits when
 * longer), chosen uniformly from `keys` indexes by a seeded generator; values are `valueSize`
 * random bytes per client, the first bytes varied per request. `get` first writes every key of
 * its key space once (not measured, routed to the leader: `BenchTarget.prefill`) so reads find
 * data. With `warmupMs`, the same load runs that long first and is not measured (JIT
 * compilation, connection set-up and caches settle on both sides of the wire, as with any
 * system under test).
 *
 * A client whose request could not be connected at all (exit-4 failures: refused, DNS, connect
 * timeout) pauses before its next request ({@link RECONNECT_BACKOFF}), so a dead endpoint costs
 * a few errors a second per client instead of a busy loop.
 */
import { mulberry32 } from '../../core/index.js';
import { EXIT, RaftCtlError, TimeoutError } from '../../errors.js';
import type { Clock } from '../../transport/clock.js';
import type { BackoffPolicy } from '../../transport/retry.js';
import { errorText, isUnreachable, type Verdict } from '../verdict.js';
import { runLoad, type LoadResult } from './generator.js';
import { Histogram } from './histogram.js';
import type { BenchTarget, TargetKind } from './targets.js';

/**
 * The pause after a request that could not be connected: 50 ms, doubling per such failure in
 * a row up to 1 s, each drawn from [80 %, 100 %] of that. Short enough that a node coming back is used again within a second.
 */
export const RECONNECT_BACKOFF: BackoffPolicy = { baseDelayMs: 50, maxDelayMs: 1000, jitter: 0.2 };

export interface BenchOptions {
  readonly op: 'put' | 'get';
  readonly clients: number;
  readonly conns: number;
  readonly durationMs: number;
  /** Unmeasured load before the measured run, ms (default 0). */
  readonly warmupMs?: number;
  readonly rate?: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly keys: number;
  /** Reported only (the target applies it). */
  readonly consistency?: string;
  /** Seed of the key choice (default 1). */
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** Time and sleeps of the load (default the system clock). */
  readonly clock?: Clock;
}

/** The JSON shape of `bench put|get`. */
export interface BenchResult extends LoadResult {
  readonly op: 'put' | 'get';
  readonly target: TargetKind;
  readonly endpoints: string[];
  readonly clients: number;
  readonly conns: number;
  /** Requests per second asked for (open loop), null in a closed loop. */
  readonly rate: number | null;
  readonly durationMs: number;
  /** Unmeasured load before the run, ms. */
  readonly warmupMs: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly keys: number;
  readonly consistency: string | null;
  /** Keys written before a `get` run (0 for put; fewer than `keys` when the prefill could reach no endpoint). */
  readonly prefilled: number;
}

/** The key of index `i`: decimal, zero-padded (or cut to its last digits) to `size` bytes. */
export function benchKey(i: number, size: number): Uint8Array {
  const digits = String(i).padStart(size, '0');
  return new TextEncoder().encode(digits.slice(digits.length - size));
}

/** The key choice's seeded generator (mulberry32, core/random.ts): reproducible runs. */
export const seededRandom = mulberry32;

function randomBytes(n: number, random: () => number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(random() * 256);
  return out;
}

/**
 * Writes keys 0..keys-1 once with `clients` concurrent writers and returns how many were
 * written. The first failure stops every writer; it is thrown, unless it says no endpoint could
 * be connected: then the run goes ahead, so its failures are counted and the result printed
 * (exit 4, as for `put`).
 */
async function prefill(target: BenchTarget, o: BenchOptions): Promise<{ written: number; cutOff: boolean }> {
  let next = 0;
  let written = 0;
  let failure: unknown = null;
  const value = randomBytes(o.valueSize, seededRandom(7));
  await Promise.all(
    Array.from({ length: Math.min(o.clients, o.keys) }, async (_, c) => {
      for (let i = next++; i < o.keys && failure === null && o.signal?.aborted !== true; i = next++) {
        try {
          await target.prefill(c % o.conns, benchKey(i, o.keySize), value, o.signal);
          written++;
        } catch (error) {
          failure ??= error;
        }
      }
    }),
  );
  // Cut off by --wait-timeout or Ctrl-C: the failure, if any, is only that.
  if (o.signal?.aborted === true) return { written, cutOff: true };
  if (failure !== null && !isUnreachable(failure)) throw failure;
  return { written, cutOff: false };
}

/**
 * Where a run cut short (by `--wait-timeout` or Ctrl-C) stopped, from its result: "during the
 * prefill (N of K keys written), before the run", "before the run" (nothing measured yet, e.g.
 * during `--warmup`), or "N ms into the D ms run; the result covers what ran".
 */
export function cutOffPoint(r: BenchResult): string {
  if (r.count === 0 && r.errors === 0) {
    return r.op === 'get' && r.prefilled < r.keys ? `during the prefill (${r.prefilled} of ${r.keys} keys written), before the run` : 'before the run';
  }
  return `${r.elapsedMs} ms into the ${r.durationMs} ms run; the result covers what ran`;
}

/** Whether `--wait-timeout` passed (the command's signal aborted with its TimeoutError, not at the command's end). */
function cutOffByDeadline(o: BenchOptions): boolean {
  return o.signal?.aborted === true && o.signal.reason instanceof TimeoutError;
}

/**
 * Runs the benchmark. Exit 0 when at least one request succeeded; otherwise the exit code of
 * the failures (e.g. 4 when nothing could be connected), with the result still printed.
 */
export async function runBench(target: BenchTarget, endpoints: readonly string[], o: BenchOptions): Promise<Verdict<BenchResult>> {
  const filled = o.op === 'get' ? await prefill(target, o) : { written: 0, cutOff: false };
  const prefilled = filled.written;
  const random = seededRandom(o.seed ?? 1);
  const values = Array.from({ length: o.clients }, () => randomBytes(o.valueSize, random));
  let firstError: unknown = null;
  let measuring = false;
  const run = (durationMs: number): Promise<LoadResult> => runLoad({
    clients: o.clients,
    durationMs,
    ...(o.rate !== undefined ? { rate: o.rate } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.clock ? { clock: o.clock } : {}),
    backoff: { policy: RECONNECT_BACKOFF, when: isUnreachable },
    op: async (client, seq) => {
      const key = benchKey(Math.floor(random() * o.keys), o.keySize);
      const conn = client % o.conns;
      try {
        if (o.op === 'put') {
          const value = values[client]!;
          if (value.length >= 4) new DataView(value.buffer, value.byteOffset).setUint32(0, seq);
          await target.put(conn, key, value);
        } else {
          await target.get(conn, key);
        }
      } catch (error) {
        if (measuring) firstError ??= error;
        throw error;
      }
    },
  });
  const nothingRan: LoadResult = { mode: o.rate === undefined ? 'closed' : 'open', count: 0, errors: 0, errorsByCode: {}, elapsedMs: 0, throughput: 0, missed: 0, generatorLagMs: o.rate === undefined ? null : 0, latencyMs: new Histogram().summary() };
  if (!filled.cutOff && o.warmupMs !== undefined && o.warmupMs > 0) await run(o.warmupMs);
  measuring = true;
  const load = filled.cutOff || cutOffByDeadline(o) ? nothingRan : await run(o.durationMs);
  const result: BenchResult = {
    op: o.op,
    target: target.kind,
    endpoints: [...endpoints],
    clients: o.clients,
    conns: o.conns,
    rate: o.rate ?? null,
    durationMs: o.durationMs,
    warmupMs: o.warmupMs ?? 0,
    keySize: o.keySize,
    valueSize: o.valueSize,
    keys: o.keys,
    consistency: o.consistency ?? null,
    prefilled,
    ...load,
  };
  if (cutOffByDeadline(o)) {
    return { result, exitCode: EXIT.TIMEOUT, code: 'TIMEOUT', message: `bench ${o.op}: --wait-timeout passed ${cutOffPoint(result)}`, hint: 'raise --wait-timeout (it bounds --warmup, the prefill and --duration together), or lower --keys or --duration' };
  }
  if (load.count > 0) return { result, exitCode: EXIT.OK, message: null, hint: null, code: null };
  const e = firstError instanceof RaftCtlError ? firstError : null;
  return {
    result,
    exitCode: e?.exitCode ?? EXIT.TIMEOUT,
    code: e?.code ?? 'TIMEOUT',
    message: `bench ${o.op}: no request succeeded${e ? ` (${errorText(e)})` : ''}`,
    hint:
      e?.code === 'UNIMPLEMENTED'
        ? `the endpoints do not serve ${target.kind === 'etcd' ? "etcd's KV API" : "d-engine's client API"}: is --target right?`
        : (e?.hint ?? 'check --endpoints and that the cluster has a leader'),
  };
}
