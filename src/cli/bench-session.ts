/**
 * The CLI side of `raftctl bench put|get`: shared flags, the per-connection clients (one channel
 * pool each, see context.ts `createClientSet`), the leader lookup for raftctl targets, and the
 * human view of the result.
 */
import { setMaxListeners } from 'node:events';
import { Flags } from '@oclif/core';
import { cutOffPoint, runBench, type BenchOptions, type BenchResult } from '../app/bench/bench.js';
import { etcdTarget, raftctlTarget, type TargetKind } from '../app/bench/targets.js';
import { askForLeader } from '../app/discover-leader.js';
import type { Consistency } from '../app/kv.js';
import type { OperatorContext } from '../app/operator.js';
import type { Verdict } from '../app/verdict.js';
import { EXIT, NoLeaderError, TimeoutError, UsageError } from '../errors.js';
import { createClientSet, type CliContext } from './context.js';
import { durationFlag, globalFlagsWithWaitTimeout } from './flags.js';
import type { View } from './output.js';

/** The global flags of `bench put|get`: `--wait-timeout` defaults to warm-up + duration + 1 min ({@link benchSessionFromFlags}). */
export const benchBaseFlags = globalFlagsWithWaitTimeout('The whole command never takes longer than this (default: --warmup + --duration + 1m).');

/** Flags `bench put` and `bench get` share. */
export const benchFlags = {
  clients: Flags.integer({ summary: 'Concurrent clients (each waits for its answer before sending again, unless --rate).', default: 1, min: 1, max: 10_000 }),
  conns: Flags.integer({ summary: 'gRPC connections the clients share (client i uses connection i mod N); at most --clients.', default: 1, min: 1, max: 1000 }),
  duration: durationFlag({ name: 'duration', summary: 'How long to send requests.', defaultMs: 10_000 }),
  warmup: durationFlag({ name: 'warmup', summary: 'Send the same load this long first, unmeasured (default 0).', allowZero: true }),
  rate: Flags.integer({ summary: 'Open loop: requests per second in total; latency counts from when each was due.', min: 1 }),
  'key-size': Flags.integer({ summary: 'Key length in bytes.', default: 8, min: 1, max: 1024 }),
  'value-size': Flags.integer({ summary: 'Value length in bytes.', default: 256, min: 0, max: 3 * 1024 * 1024 }),
  target: Flags.option({ summary: 'What the endpoints are: raftctl/d-engine nodes, or etcd (its gRPC KV API).', options: ['raftctl', 'etcd'] as const, default: 'raftctl' as const })(),
};

export interface BenchSessionOptions extends Omit<BenchOptions, 'consistency' | 'seed' | 'signal'> {
  readonly target: TargetKind;
  readonly consistency?: Consistency;
}

/** The values of {@link benchFlags} (plus `--keys` and, for get, `--consistency`) as a command parsed them. */
export interface BenchFlagValues {
  readonly clients: number;
  readonly conns: number;
  readonly duration?: number;
  readonly warmup?: number;
  readonly rate?: number;
  readonly 'key-size': number;
  readonly 'value-size': number;
  readonly target: TargetKind;
  readonly keys: number;
  readonly consistency?: Consistency;
}

/**
 * The session options `bench put|get` flags ask for, and the command's default
 * `--wait-timeout`: warm-up plus duration plus one minute. Throws UsageError (exit 2) for
 * combinations that cannot do what they say: more `--conns` than `--clients`, or fewer
 * `--key-size` digits than `--keys` needs.
 */
export function benchSessionFromFlags(op: 'put' | 'get', f: BenchFlagValues): { options: BenchSessionOptions; defaultWaitTimeoutMs: number } {
  // Keys are zero-padded decimals of --key-size digits: fewer digits than --keys needs would
  // wrap around to fewer distinct keys than the result reports.
  if (f['key-size'] < 16 && f.keys > 10 ** f['key-size']) {
    throw new UsageError(`--keys ${f.keys} needs --key-size ${String(f.keys - 1).length} or more (keys are ${f['key-size']}-digit decimals: at most ${10 ** f['key-size']} distinct)`, { hint: `raise --key-size or lower --keys` });
  }
  // Client i uses connection i mod --conns: connections beyond the clients would never carry a
  // request, while the result reported them as used.
  if (f.conns > f.clients) {
    throw new UsageError(`--conns ${f.conns} is more than --clients ${f.clients}: client i uses connection i mod --conns, so ${f.conns - f.clients} of them would carry no request`, { hint: `pass --conns ${f.clients} or fewer, or raise --clients` });
  }
  const durationMs = f.duration ?? 10_000;
  const warmupMs = f.warmup ?? 0;
  const options: BenchSessionOptions = {
    op,
    target: f.target,
    clients: f.clients,
    conns: f.conns,
    durationMs,
    warmupMs,
    ...(f.rate !== undefined ? { rate: f.rate } : {}),
    keySize: f['key-size'],
    valueSize: f['value-size'],
    keys: f.keys,
    ...(f.consistency !== undefined ? { consistency: f.consistency } : {}),
  };
  return { options, defaultWaitTimeoutMs: warmupMs + durationMs + 60_000 };
}

/**
 * The leader a raftctl bench starts from (every run needs one: `put` writes, `get` prefills
 * its keys before any read, whatever `--consistency`). Undefined when no endpoint could be
 * connected at all: the run goes ahead, every request fails UNREACHABLE and is counted, and
 * the result is printed with exit 4. While the cluster is still electing one (live nodes answer
 * without a leader: `askForLeader`'s `electing`), it asks again with backoff (50 ms doubling to
 * 500 ms), as `kv put` does, until `--wait-timeout` runs out; then it throws NoLeaderError (exit
 * 3); an answer that only timed out meanwhile does not end the wait. Endpoints that are all
 * d-engine learners (which never name a leader) throw NoLeaderError LEARNER_ENDPOINT at once. Other leaderless answers
 * (endpoints that are not Raft nodes) throw NoLeaderError at once, and nodes that only time out
 * from the start TimeoutError (exit 5).
 */
export async function benchLeader(ctx: OperatorContext): Promise<string | undefined> {
  let backoffMs = 50;
  let electing = false;
  for (;;) {
    const asked = await askForLeader(ctx);
    const found = asked.verdict;
    if (found.result.address !== null) return found.result.address;
    if (found.exitCode === EXIT.UNREACHABLE) return undefined;
    const why = found.message ?? 'no endpoint names a leader';
    // Every endpoint a d-engine learner: none can name the leader until one is promoted (`wait
    // leader` may wait for that; a bench, like `kv put`, ends at once with the hint to give a voter).
    if (found.code === 'LEARNER_ENDPOINT') throw new NoLeaderError(`bench: ${why}`, { code: 'LEARNER_ENDPOINT', ...(found.hint ? { hint: found.hint } : {}) });
    if (found.exitCode === EXIT.TIMEOUT && !electing) throw new TimeoutError(`bench: ${why}`, { hint: found.hint ?? 'raise --timeout' });
    if (found.exitCode !== EXIT.TIMEOUT && !asked.electing) {
      throw new NoLeaderError(`bench: ${why}`, { hint: 'check that --endpoints are raftctl or d-engine nodes (for etcd, pass --target etcd)' });
    }
    electing = true;
    if (!ctx.budget.expired()) await ctx.budget.pause(backoffMs);
    if (ctx.budget.expired()) {
      throw new NoLeaderError(`bench: no leader elected within --wait-timeout (${ctx.budget.waitTimeoutMs} ms): ${why}`, { hint: 'check --endpoints and that a quorum of the nodes is up, or raise --wait-timeout' });
    }
    backoffMs = Math.min(backoffMs * 2, 500);
  }
}

/** The exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it). */
const EXIT_INTERRUPTED = 130;

/** Runs one benchmark against `ctx.endpoints`; closes its own connections. Ctrl-C ends the run early with its result (exit 130). */
export async function runBenchSession(ctx: CliContext, o: BenchSessionOptions): Promise<Verdict<BenchResult>> {
  const leader = o.target === 'raftctl' ? await benchLeader(ctx) : undefined;
  // Every client may wait on the budget's signal at once (a routed prefill write, or a pause of
  // the load): one listener each, more than Node's default warning threshold of 10.
  setMaxListeners(o.clients + 10, ctx.budget.signal);
  const set = await createClientSet(o.conns);
  // Ctrl-C ends the run early and prints what ran (exit 130); a second one exits at once.
  const interrupt = new AbortController();
  const onSigint = (): void => {
    if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
    interrupt.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSigint);
  try {
    const targetOptions = {
      clients: set.clients,
      endpoints: ctx.endpoints,
      budget: ctx.budget,
      ...(leader !== undefined ? { leader } : {}),
      ...(o.consistency !== undefined ? { consistency: o.consistency } : {}),
    };
    const target = o.target === 'etcd' ? etcdTarget(targetOptions) : raftctlTarget(targetOptions);
    const signal = AbortSignal.any([ctx.budget.signal, interrupt.signal]);
    setMaxListeners(o.clients + 10, signal);
    const verdict = await runBench(target, ctx.endpoints, {
      op: o.op,
      clients: o.clients,
      conns: o.conns,
      durationMs: o.durationMs,
      ...(o.warmupMs !== undefined ? { warmupMs: o.warmupMs } : {}),
      ...(o.rate !== undefined ? { rate: o.rate } : {}),
      keySize: o.keySize,
      valueSize: o.valueSize,
      keys: o.keys,
      ...(o.consistency !== undefined ? { consistency: o.consistency } : {}),
      signal,
    });
    if (!interrupt.signal.aborted) return verdict;
    return { ...verdict, exitCode: EXIT_INTERRUPTED, code: 'INTERRUPTED', message: `bench ${o.op}: interrupted (Ctrl-C) ${cutOffPoint(verdict.result)}`, hint: 'the numbers cover only what ran before Ctrl-C (see elapsedMs and count); for a full measurement let it run its --duration, or pass a shorter one' };
  } finally {
    process.off('SIGINT', onSigint);
    set.close();
  }
}

const fmt = (v: number | null): string => (v === null ? '-' : String(v));

export const benchView: View<BenchResult> = {
  table(r, { paint }) {
    const loop = r.mode === 'open' ? `open loop at ${r.rate} req/s` : 'closed loop';
    const errors = r.errors === 0 ? '0 errors' : paint.red(`${r.errors} ${r.errors === 1 ? 'error' : 'errors'} (${Object.entries(r.errorsByCode).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    const missed = r.missed > 0 ? paint.yellow(`; ${r.missed} missed (due, never sent: their clients were still busy with earlier requests, or backing off, when the run ended)`) : '';
    // Under a millisecond is timer granularity (a wait that short is not slept at all).
    const lag = r.generatorLagMs !== null && r.generatorLagMs >= 1 ? paint.yellow(`; sends up to ${r.generatorLagMs} ms late (the load generator's own delay, in the latencies)`) : '';
    const l = r.latencyMs;
    return [
      paint.bold(`bench ${r.op} (${r.target}): ${r.count} ${r.count === 1 ? 'request' : 'requests'} in ${(r.elapsedMs / 1000).toFixed(1)} s = ${r.throughput} req/s`),
      `${loop}, ${r.clients} ${r.clients === 1 ? 'client' : 'clients'}, ${r.conns} ${r.conns === 1 ? 'connection' : 'connections'}, ${r.keySize} B keys, ${r.valueSize} B values, ${r.keys} keys${r.consistency ? `, ${r.consistency} reads` : ''}; ${errors}${missed}${lag}`,
      `latency ms: min ${fmt(l.min)}  mean ${fmt(l.mean)}  p50 ${fmt(l.p50)}  p95 ${fmt(l.p95)}  p99 ${fmt(l.p99)}  p99.9 ${fmt(l.p999)}  max ${fmt(l.max)}`,
    ].join('\n');
  },
};
