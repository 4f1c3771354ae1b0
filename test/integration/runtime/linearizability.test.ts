/**
 * Linearizability of the client API on a real 3-node cluster under process faults (tick 30 ms,
 * election timeout 300 ms, a snapshot every 64 entries): 6–10 clients on 1–5 keys (put, cas,
 * delete; linearizable and lease gets and scans, through src/app/kv.ts) while
 * test/harness/cluster-faults.ts kills (-9), pauses (SIGSTOP longer than an election timeout),
 * terminates (SIGTERM, leadership hand-off) and restarts nodes from their data directories.
 * The recorded history is checked per key by test/harness/linearizability.ts.
 *
 * - A short run (~6 s of faults) always runs; `RAFTCTL_LINEARIZABILITY_SEED` fixes its seed.
 * - Opt-in long run: `RAFTCTL_LINEARIZABILITY_MS=300000` runs rounds of 30 s (a fresh cluster
 *   and seed each) until that much time passed.
 * On a violation the failure names the seed, the key, the minimal failing history (and whether
 * it holds without the lease reads) and the faults injected. When the search runs out of steps,
 * the failure names the file (in the OS temp directory) that keeps those keys' histories.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { runFaults, type FaultRecord } from '../../harness/cluster-faults.js';
import { KvWorkload, type RecordedOp } from '../../harness/kv-workload.js';
import { byKey, checkHistory, checkKey, DEFAULT_MAX_STEPS, formatOp, minimalFailing } from '../../harness/linearizability.js';
import { killAll, startCluster } from '../../harness/node-process.js';

const ELECTION_MS = 300;
/** A snapshot every 64 entries: restarts recover from snapshots, lagging nodes get one sent. */
const SNAPSHOT_EVERY = 64;

after(killAll);

/** Operations of a reduced history shown at most (its end: where it stops being linearizable). */
const MAX_SHOWN = 80;

/** A failure report: seed, key, minimal failing history, faults, relative to the run's start. */
function report(seed: number, t0: number, history: readonly RecordedOp[], faults: readonly FaultRecord[], key: string): string {
  const ops = byKey(history).get(key)!;
  const min = minimalFailing(ops) as RecordedOp[];
  const withoutLease = checkKey(ops.filter((o) => (o as RecordedOp).policy !== 'lease')).verdict;
  const lines = [
    `not linearizable: seed ${seed}, key "${key}" (${ops.length} operations; without the lease reads: ${withoutLease})`,
    'minimal failing history (ms since the run started):',
    ...(min.length > MAX_SHOWN ? [`  (the first ${min.length - MAX_SHOWN} of ${min.length} operations left out: the reduction ran out of budget)`] : []),
    ...min.slice(-MAX_SHOWN).map((o) => `  ${formatOp(o, t0)}${o.policy ? ` [${o.policy}]` : ''}`),
    'faults:',
    ...faults.map((f) => `  ${f.kind} node ${f.node} [${(f.atMs - t0).toFixed(1)} → ${(f.endMs - t0).toFixed(1)}]`),
  ];
  return lines.join('\n');
}

/**
 * One round: a fresh cluster, the workload under faults for `durationMs`, then the check. The
 * seed also picks the contention: 6–10 clients on 1–5 keys.
 */
async function round(seed: number, durationMs: number): Promise<{ ops: number; faults: number; counts: object; clients: number; keys: number }> {
  const c = await startCluster(3, { snapshotEvery: SNAPSHOT_EVERY });
  const t0 = performance.now();
  const clients = 6 + (seed % 5);
  const keys = ['a', 'b', 'c', 'd', 'e'].slice(0, 1 + (Math.floor(seed / 5) % 5));
  const workload = new KvWorkload({ endpoints: Object.values(c.peers), clients, keys, seed });
  let faults: FaultRecord[] = [];
  try {
    workload.start();
    faults = await runFaults(c, { seed: seed ^ 0x5eed, durationMs, electionMs: ELECTION_MS, restart: { extraArgs: ['--snapshot-every', String(SNAPSHOT_EVERY), '--snapshot-log-ratio', '0'] } });
  } finally {
    await workload.stop();
    await c.stop();
  }
  const result = checkHistory(workload.history);
  if (result.violations.length > 0) assert.fail(report(seed, t0, workload.history, faults, result.violations[0]!));
  // A key with one long history (a 30 s round on 1 key: ~19,000 operations) may need more steps
  // than the default bound: such a key is searched again with 20 times as many (seed 318987754
  // needed 22 million steps, 55 s, and was linearizable).
  const stillInconclusive: string[] = [];
  for (const key of result.inconclusive) {
    const again = checkKey(byKey(workload.history).get(key)!, { maxSteps: 20 * DEFAULT_MAX_STEPS });
    if (again.verdict === 'violation') assert.fail(report(seed, t0, workload.history, faults, key));
    if (again.verdict === 'inconclusive') stillInconclusive.push(key);
  }
  if (stillInconclusive.length > 0) {
    // Kept for an offline check with a larger bound: checkKey(JSON.parse(text), { maxSteps }).
    const file = join(tmpdir(), `raftctl-linearizability-${seed}.json`);
    writeFileSync(file, JSON.stringify(Object.fromEntries(stillInconclusive.map((k) => [k, byKey(workload.history).get(k)]))));
    assert.fail(`seed ${seed}: the search ran out of steps on ${stillInconclusive.join(', ')}; their histories are in ${file}`);
  }
  return { ops: workload.history.length, faults: faults.length, counts: workload.counts, clients, keys: keys.length };
}

function seedOf(): number {
  const fixed = process.env.RAFTCTL_LINEARIZABILITY_SEED;
  return fixed ? Number(fixed) : Math.floor(Math.random() * 2 ** 31);
}

test('client histories stay linearizable under kill -9, SIGSTOP, SIGTERM and restarts (short run)', async (t) => {
  const seed = seedOf();
  t.diagnostic(`seed ${seed}`);
  const r = await round(seed, 6000);
  t.diagnostic(`${r.clients} clients on ${r.keys} keys: ${r.ops} operations checked, ${r.faults} faults, ${JSON.stringify(r.counts)}`);
  assert.ok(r.ops > 100, `only ${r.ops} operations completed`);
});

const longMs = Number(process.env.RAFTCTL_LINEARIZABILITY_MS ?? 0);

test('long run: rounds of 30 s of faults, each history checked', { skip: longMs > 0 ? false : 'set RAFTCTL_LINEARIZABILITY_MS to run', timeout: longMs + 600_000 }, async (t) => {
  const end = performance.now() + longMs;
  while (performance.now() < end) {
    const seed = seedOf();
    const r = await round(seed, Math.min(30_000, Math.max(5000, end - performance.now())));
    t.diagnostic(`seed ${seed}, ${r.clients} clients on ${r.keys} keys: ${r.ops} operations checked, ${r.faults} faults, ${JSON.stringify(r.counts)}`);
  }
});
