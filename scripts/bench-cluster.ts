/**
 * `node dist/scripts/bench-cluster.js [--duration 10s] [--warmup 2s] [--rounds 2] [--json]` (npm run bench:cluster):
 * write throughput and latency of a three-node raftctl cluster (fsync on, the default) with
 * 8-byte keys and 256-byte values, at 1 client and at 64 clients (8 connections), through
 * `raftctl bench put`, each run after an unmeasured warm-up of the same load (both systems). Where etcd is installed (/usr/bin/etcd, Debian package etcd-server, or
 * ETCD_BIN) the same generator drives a three-node etcd on loopback through etcd's gRPC KV API:
 * one cluster at a time, never both, alternating per scenario (ABAB… for `--rounds` rounds,
 * default 2), every run on a fresh cluster of its own (scripts/bench-plan.ts). Both
 * systems use a 100 ms heartbeat and a 1000 ms election timeout. Prints one line per run, then
 * per scenario the median of the runs and the raftctl/etcd ratios (throughput: higher is better
 * for raftctl; p99: lower is better).
 */
import { parseDuration } from '../src/cli/duration.js';
import { etcdAvailable, outputGone, raftctlJson, startEtcd, startRaftctl, waitReady, type Cluster, type System } from './bench-common.js';
import { benchClusterPlan, summarize, type PlannedRun, type Scenario } from './bench-plan.js';
import { parseScriptArgs, wholeNumber } from './script-args.js';

const USAGE = `usage: node dist/scripts/bench-cluster.js [--duration 10s] [--warmup 2s] [--rounds 2] [--json]
  --duration D   measured time of each run (default 10s)
  --warmup D     unmeasured load before each run (default 2s)
  --rounds N     runs per system and scenario, alternating (default 2)
  --json         one JSON document instead of lines
etcd is used where /usr/bin/etcd (or ETCD_BIN) exists; see docs/benchmarks.md`;
const args = parseScriptArgs(USAGE, { duration: { type: 'string' }, warmup: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' } });
const json = args.json === true;

const SCENARIOS: Scenario[] = [
  { name: '1 client', clients: 1, conns: 1 },
  { name: '64 clients', clients: 64, conns: 8 },
];

interface Run {
  readonly system: System;
  readonly round: number;
  readonly scenario: string;
  readonly throughput: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly count: number;
  readonly errors: number;
}

interface BenchJson {
  count: number;
  errors: number;
  throughput: number;
  latencyMs: { p50: number | null; p99: number | null };
}

/** One planned run on a cluster of its own, started here and stopped (data removed) after. */
async function runOne({ system, round, scenario: s }: PlannedRun, duration: string, warmup: string): Promise<Run> {
  const timeouts = { heartbeatMs: 100, electionMs: 1000 };
  const cluster: Cluster = system === 'raftctl' ? await startRaftctl(timeouts) : await startEtcd(timeouts);
  try {
    const leader = await waitReady(cluster, 30_000);
    // raftctl finds the leader itself; etcd forwards, so give it the leader to be fair to both.
    const endpoints = system === 'etcd' ? cluster.endpoints[leader]! : cluster.endpoints.join(',');
    const r = await raftctlJson<BenchJson>(
      ['bench', 'put', '-e', endpoints, '--target', system, '--clients', String(s.clients), '--conns', String(s.conns), '--warmup', warmup, '--duration', duration, '--key-size', '8', '--value-size', '256'],
      5 * 60_000,
    );
    if (!json) {
      process.stdout.write(`${system.padEnd(7)} round ${round} ${s.name.padEnd(10)} ${String(r.throughput).padStart(9)} writes/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  (${r.count} ok, ${r.errors} errors)\n`);
    }
    return { system, round, scenario: s.name, throughput: r.throughput, p50: r.latencyMs.p50, p99: r.latencyMs.p99, count: r.count, errors: r.errors };
  } finally {
    await cluster.stop();
  }
}

/** A duration option as given (checked here, before any cluster starts; `raftctl bench` parses it again). */
function durationArg(name: string, fallback: string): string {
  const given = typeof args[name] === 'string' ? args[name] : fallback;
  try {
    parseDuration(given, name, { allowZero: name === 'warmup' }); // as `raftctl bench` takes them
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  return given;
}

async function main(): Promise<void> {
  const duration = durationArg('duration', '10s');
  const warmup = durationArg('warmup', '2s');
  const withEtcd = etcdAvailable();
  const pairs = wholeNumber(args, 'rounds', 2, 1, USAGE);
  const systems: System[] = withEtcd ? ['raftctl', 'etcd'] : ['raftctl'];
  if (!withEtcd) process.stderr.write('etcd not found (install etcd-server or set ETCD_BIN): raftctl only\n');
  const plan = benchClusterPlan(pairs, systems, SCENARIOS);
  const order = plan.map((p) => `${p.system} ${p.scenario.name}`);
  const runs: Run[] = [];
  for (const planned of plan) {
    runs.push(await runOne(planned, duration, warmup));
    if (outputGone()) return; // each run stopped its cluster and removed its directory
  }
  const summary = summarize(runs, SCENARIOS);
  if (json) {
    process.stdout.write(`${JSON.stringify({ duration, order, runs, summary }, null, 2)}\n`);
    return;
  }
  process.stdout.write('\nmedian of the runs (raftctl/etcd: throughput ratio > 1 and p99 ratio < 1 favour raftctl)\n');
  for (const s of summary) {
    const a = s.raftctl ? `raftctl ${s.raftctl.throughput} writes/s p99 ${s.raftctl.p99} ms` : 'raftctl -';
    const b = s.etcd ? `etcd ${s.etcd.throughput} writes/s p99 ${s.etcd.p99} ms` : 'etcd not measured';
    const ratios = s.throughputRatio !== null ? `  throughput x${s.throughputRatio}, p99 x${s.p99Ratio}` : '';
    process.stdout.write(`${s.scenario.padEnd(10)}  ${a};  ${b}${ratios}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-cluster: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
