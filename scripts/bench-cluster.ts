/**
 * `node dist/scripts/bench-cluster.js [--duration 10s] [--warmup 2s] [--rounds 2] [--json]` (npm run bench:cluster):
 * write throughput and latency of a three-node raftctl cluster (fsync on, the default) with
 * 8-byte keys and 256-byte values, at 1 client and at 64 clients (8 connections), through
 * `raftctl bench put`, each run after an unmeasured warm-up of the same load (both systems). Where etcd is installed (/usr/bin/etcd, Debian package etcd-server, or
 * ETCD_BIN) the same generator drives a three-node etcd on loopback through etcd's gRPC KV API:
 * one cluster at a time, never both, alternating (ABAB… for `--rounds` rounds, default 2), each
 * run on fresh data directories. Both
 * systems use a 100 ms heartbeat and a 1000 ms election timeout. Prints one line per run, then
 * per scenario the median of the runs and the raftctl/etcd ratios (throughput: higher is better
 * for raftctl; p99: lower is better).
 */
import { argValue, etcdAvailable, raftctlJson, startEtcd, startRaftctl, waitReady, median, type Cluster, type System } from './bench-common.js';

interface Scenario {
  readonly name: string;
  readonly clients: number;
  readonly conns: number;
}

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

async function runSystem(system: System, round: number, duration: string, warmup: string): Promise<Run[]> {
  const timeouts = { heartbeatMs: 100, electionMs: 1000 };
  const cluster: Cluster = system === 'raftctl' ? await startRaftctl(timeouts) : await startEtcd(timeouts);
  const runs: Run[] = [];
  try {
    const leader = await waitReady(cluster, 30_000);
    // raftctl finds the leader itself; etcd forwards, so give it the leader to be fair to both.
    const endpoints = system === 'etcd' ? cluster.endpoints[leader]! : cluster.endpoints.join(',');
    for (const s of SCENARIOS) {
      const r = await raftctlJson<BenchJson>(
        ['bench', 'put', '-e', endpoints, '--target', system, '--clients', String(s.clients), '--conns', String(s.conns), '--warmup', warmup, '--duration', duration, '--key-size', '8', '--value-size', '256'],
        5 * 60_000,
      );
      const run: Run = { system, round, scenario: s.name, throughput: r.throughput, p50: r.latencyMs.p50, p99: r.latencyMs.p99, count: r.count, errors: r.errors };
      runs.push(run);
      if (!process.argv.includes('--json')) {
        process.stdout.write(`${system.padEnd(7)} round ${round} ${s.name.padEnd(10)} ${String(r.throughput).padStart(9)} writes/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  (${r.count} ok, ${r.errors} errors)\n`);
      }
    }
  } finally {
    await cluster.stop();
  }
  return runs;
}

async function main(): Promise<void> {
  const duration = argValue('--duration', '10s');
  const warmup = argValue('--warmup', '2s');
  const withEtcd = etcdAvailable();
  const pairs = Number(argValue('--rounds', '2'));
  if (!Number.isSafeInteger(pairs) || pairs < 1) throw new Error(`--rounds must be a whole number ≥ 1, got ${argValue('--rounds', '2')}`);
  const order: System[] = Array.from({ length: pairs }, (): System[] => (withEtcd ? ['raftctl', 'etcd'] : ['raftctl'])).flat();
  if (!withEtcd) process.stderr.write('etcd not found (install etcd-server or set ETCD_BIN): raftctl only\n');
  const runs: Run[] = [];
  const rounds: Record<System, number> = { raftctl: 0, etcd: 0 };
  for (const system of order) runs.push(...(await runSystem(system, ++rounds[system], duration, warmup)));

  const summary = SCENARIOS.map((s) => {
    const of = (system: System) => runs.filter((r) => r.system === system && r.scenario === s.name);
    const stat = (system: System) => {
      const rs = of(system);
      if (rs.length === 0) return null;
      const r3 = (v: number): number => Math.round(v * 1000) / 1000;
      return { throughput: r3(median(rs.map((r) => r.throughput))), p99: r3(median(rs.map((r) => r.p99 ?? 0))) };
    };
    const a = stat('raftctl');
    const b = stat('etcd');
    return {
      scenario: s.name,
      raftctl: a,
      etcd: b,
      throughputRatio: a && b && b.throughput > 0 ? Math.round((a.throughput / b.throughput) * 100) / 100 : null,
      p99Ratio: a && b && b.p99 > 0 ? Math.round((a.p99 / b.p99) * 100) / 100 : null,
    };
  });
  if (process.argv.includes('--json')) {
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
