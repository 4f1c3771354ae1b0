/**
 * scripts/bench-cluster.ts without processes: its plan (ABAB per scenario, one fresh cluster per
 * run) and its summary (medians per system and scenario, raftctl/etcd ratios).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchClusterPlan, summarize, type Scenario } from '../../scripts/bench-plan.js';

const SCENARIOS: Scenario[] = [
  { name: '1 client', clients: 1, conns: 1 },
  { name: '64 clients', clients: 64, conns: 8 },
];

test('bench-cluster plan: every run is its own cluster, systems alternate ABAB within each scenario, rounds numbered per system', () => {
  const plan = benchClusterPlan(2, ['raftctl', 'etcd'], SCENARIOS);
  assert.deepEqual(
    plan.map((p) => `${p.round} ${p.scenario.name} ${p.system}`),
    ['1 1 client raftctl', '1 1 client etcd', '1 64 clients raftctl', '1 64 clients etcd', '2 1 client raftctl', '2 1 client etcd', '2 64 clients raftctl', '2 64 clients etcd'],
  );
  assert.deepEqual(benchClusterPlan(1, ['raftctl'], SCENARIOS).map((p) => p.system), ['raftctl', 'raftctl']);
});

test('bench-cluster summary: medians per system and scenario (even counts average the middle two), ratios of the medians', () => {
  const runs = [
    { system: 'raftctl' as const, scenario: '1 client', throughput: 900, p99: 5 },
    { system: 'raftctl' as const, scenario: '1 client', throughput: 1000, p99: 4 },
    { system: 'raftctl' as const, scenario: '1 client', throughput: 100, p99: 50 },
    { system: 'etcd' as const, scenario: '1 client', throughput: 1200, p99: 2 },
    { system: 'etcd' as const, scenario: '1 client', throughput: 1300, p99: 1 },
    { system: 'raftctl' as const, scenario: '64 clients', throughput: 6000, p99: 40 },
  ];
  const [one, many] = summarize(runs, SCENARIOS);
  assert.deepEqual(one, { scenario: '1 client', raftctl: { throughput: 900, p99: 5 }, etcd: { throughput: 1250, p99: 1.5 }, throughputRatio: 0.72, p99Ratio: 3.33 });
  assert.deepEqual(many, { scenario: '64 clients', raftctl: { throughput: 6000, p99: 40 }, etcd: null, throughputRatio: null, p99Ratio: null });
  // A run with no p99 is not a 0 ms p99 (that would read as the best run).
  assert.throws(() => summarize([{ system: 'etcd', scenario: '1 client', throughput: 0, p99: null }], SCENARIOS), /no request succeeded/);
});
