/**
 * The plan and the summary of scripts/bench-cluster.ts, without processes (unit-tested in
 * test/commands/bench-cluster-plan.test.ts).
 *
 * Every planned run gets its own fresh cluster (new data directories), so no run measures a log,
 * snapshot or page cache another run left behind. Per round and scenario the systems alternate
 * (raftctl, etcd, raftctl, etcd, …: ABAB), so slow drift of the machine hits both alike.
 */
import { median, type System } from './bench-common.js';

export interface Scenario {
  readonly name: string;
  readonly clients: number;
  readonly conns: number;
}

/** One measured run: one fresh cluster, one `raftctl bench put`. */
export interface PlannedRun {
  readonly system: System;
  /** 1-based round. */
  readonly round: number;
  readonly scenario: Scenario;
}

/** Rounds × scenarios × systems, systems innermost (ABAB per scenario). */
export function benchClusterPlan(rounds: number, systems: readonly System[], scenarios: readonly Scenario[]): PlannedRun[] {
  const plan: PlannedRun[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const scenario of scenarios) for (const system of systems) plan.push({ system, round, scenario });
  }
  return plan;
}

/** What one run measured (its `bench put --json` figures). */
export interface RunFigures {
  readonly system: System;
  readonly scenario: string;
  readonly throughput: number;
  readonly p99: number | null;
}

export interface ScenarioSummary {
  readonly scenario: string;
  /** Medians over the runs of that system (null when it did not run). */
  readonly raftctl: { throughput: number; p99: number } | null;
  readonly etcd: { throughput: number; p99: number } | null;
  /** raftctl/etcd of the medians, two decimals: > 1 favours raftctl. */
  readonly throughputRatio: number | null;
  /** raftctl/etcd of the medians, two decimals: < 1 favours raftctl. */
  readonly p99Ratio: number | null;
}

/**
 * Per scenario, the median throughput and p99 of each system's runs and their ratios. A run
 * without a p99 (nothing succeeded) cannot be summarized: it throws rather than count as 0 ms.
 */
export function summarize(runs: readonly RunFigures[], scenarios: readonly Scenario[]): ScenarioSummary[] {
  return scenarios.map((s) => {
    const stat = (system: System): { throughput: number; p99: number } | null => {
      const rs = runs.filter((r) => r.system === system && r.scenario === s.name);
      if (rs.length === 0) return null;
      const r3 = (v: number): number => Math.round(v * 1000) / 1000;
      const p99s = rs.map((r) => {
        if (r.p99 === null) throw new Error(`${system} ${s.name}: a run without a p99 (no request succeeded)`);
        return r.p99;
      });
      return { throughput: r3(median(rs.map((r) => r.throughput))), p99: r3(median(p99s)) };
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
}
