/**
 * `raftctl cluster health` and `raftctl wait ...` in-process against fake KV clusters of raftctl
 * and d-engine style (CLI.md: health exits 0 healthy / 8 unhealthy, --degraded-ok tolerates a
 * voter down; wait exits 0 when met and 5 on --wait-timeout, printing the last poll either way).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { lines, runCommand } from './helpers/run-command.js';

interface Health {
  healthy: boolean;
  degraded: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}
const CHECKS = ['leader', 'quorum', 'voters', 'write', 'linearizable-read', 'commit-advancing'];
const parse = <T>(text: string): T => JSON.parse(text) as T;

describe('cluster health against raftctl-style nodes', () => {
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv();
  });
  after(() => kv.close());

  test('all up: exit 0, six passing checks, the health key written with a 60 s TTL and read back', async () => {
    const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[1]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stderr, '');
    const h = parse<Health>(r.stdout);
    assert.deepEqual(Object.keys(h), ['healthy', 'degraded', 'checks']);
    assert.deepEqual(h.checks.map((c) => [c.name, c.ok]), CHECKS.map((n) => [n, true]));
    assert.equal(h.healthy, true);
    assert.match(h.checks.find((c) => c.name === 'commit-advancing')!.detail, /commit index \d+ → \d+/);
    const write = kv.peer(1).callsTo('HandleClientWrite').at(-1)!.request as { command: { insert: { key: Uint8Array; ttlSecs: number } } };
    assert.equal(Buffer.from(write.command.insert.key).toString(), '/raftctl/health');
    assert.equal(write.command.insert.ttlSecs, 60);
  });

  test('a voter down: exit 8, degraded; --degraded-ok exits 0 with the same result', async () => {
    await kv.peer(3).kill();
    try {
      const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!, '--json']);
      assert.equal(r.exitCode, 8, r.stderr);
      const h = parse<Health>(r.stdout);
      assert.equal(h.healthy, false);
      assert.equal(h.degraded, true);
      assert.deepEqual(h.checks.filter((c) => !c.ok).map((c) => c.name), ['voters']);
      assert.match(h.checks.find((c) => c.name === 'voters')!.detail, /node 3/);
      assert.equal((parse<{ error: { code: string } }>(lines(r.stderr)[0]!)).error.code, 'UNHEALTHY');
      const ok = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!, '--degraded-ok', '--json']);
      assert.equal(ok.exitCode, 0, ok.stderr);
      assert.equal(parse<Health>(ok.stdout).degraded, true);
    } finally {
      await kv.peer(3).revive();
    }
  });

  test('two voters down: quorum lost, write skipped, exit 8 even with --degraded-ok', async () => {
    await kv.peer(2).kill();
    await kv.peer(3).kill();
    try {
      const writes = kv.peer(1).callsTo('HandleClientWrite').length;
      const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!, '--degraded-ok', '--json']);
      assert.equal(r.exitCode, 8, r.stderr);
      const h = parse<Health>(r.stdout);
      assert.equal(h.degraded, false);
      assert.equal(h.checks.find((c) => c.name === 'quorum')!.ok, false);
      assert.match(h.checks.find((c) => c.name === 'write')!.detail, /skipped/);
      assert.equal(kv.peer(1).callsTo('HandleClientWrite').length, writes, 'no write without a quorum');
    } finally {
      await kv.peer(2).revive();
      await kv.peer(3).revive();
    }
  });

  test('table output: a headline and one row per check', async () => {
    const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^Cluster is healthy\n\nCHECK\s+RESULT\s+DETAIL\n/);
    assert.equal(lines(r.stdout).length, 2 + CHECKS.length);
  });
});

describe('cluster health against d-engine-style nodes', () => {
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv({ refusal: 'd-engine', leaderId: 2 });
  });
  after(() => kv.close());

  test('healthy through the d-engine RPCs: commit progress from the Scan revision', async () => {
    const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const h = parse<Health>(r.stdout);
    assert.deepEqual(h.checks.map((c) => c.ok), CHECKS.map(() => true));
    assert.match(h.checks.find((c) => c.name === 'commit-advancing')!.detail, /applied revision \d+ → \d+/);
  });

  test('no leader: exit 8, the leader check fails and nothing is written', async () => {
    kv.leaderId = null;
    try {
      const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!, '--json', '--wait-timeout', '5s']);
      assert.equal(r.exitCode, 8, r.stderr);
      const h = parse<Health>(r.stdout);
      assert.equal(h.checks[0]!.ok, false);
      assert.match(h.checks.find((c) => c.name === 'write')!.detail, /skipped/);
    } finally {
      kv.leaderId = 2;
    }
  });
});

describe('wait', () => {
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv();
  });
  after(() => kv.close());

  test('wait leader: met at once, exit 0, the result shape', async () => {
    const r = await runCommand(['wait', 'leader', '-e', kv.endpoints.join(','), '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const w = parse<Record<string, unknown>>(r.stdout);
    assert.deepEqual(Object.keys(w), ['condition', 'target', 'met', 'attempts', 'elapsedMs', 'detail', 'error']);
    assert.deepEqual([w.condition, w.target, w.met, w.attempts, w.error], ['leader', null, true, 1, null]);
    assert.equal((w.detail as { leaderId: number }).leaderId, 1);
  });

  test('wait leader: a leader elected mid-wait ends the wait with exit 0 after several polls', async () => {
    kv.leaderId = null;
    const timer = setTimeout(() => (kv.leaderId = 1), 400);
    try {
      const r = await runCommand(['wait', 'leader', '-e', kv.endpoints[0]!, '--json', '--wait-timeout', '5s']);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.ok(parse<{ attempts: number }>(r.stdout).attempts > 1);
    } finally {
      clearTimeout(timer);
      kv.leaderId = 1;
    }
  });

  test('wait leader without a leader: exit 5 after --wait-timeout, the last poll printed, TIMEOUT on stderr', async () => {
    kv.leaderId = null;
    try {
      const started = performance.now();
      const r = await runCommand(['wait', 'leader', '-e', kv.endpoints[0]!, '--json', '--wait-timeout', '600ms']);
      const took = performance.now() - started;
      assert.equal(r.exitCode, 5, r.stderr);
      const w = parse<{ met: boolean; attempts: number; detail: { leaderId: null } }>(r.stdout);
      assert.equal(w.met, false);
      assert.ok(w.attempts >= 2, `attempts ${w.attempts}`);
      assert.equal(w.detail.leaderId, null);
      assert.equal(parse<{ error: { code: string; exitCode: number } }>(lines(r.stderr)[0]!).error.exitCode, 5);
      assert.ok(took < 2000, `took ${took} ms`);
    } finally {
      kv.leaderId = 1;
    }
  });

  test('wait healthy, caught-up 2 and member-count 3: exit 0', async () => {
    for (const argv of [['wait', 'healthy'], ['wait', 'caught-up', '2'], ['wait', 'member-count', '3']]) {
      const r = await runCommand([...argv, '-e', kv.endpoints[0]!, '--json']);
      assert.equal(r.exitCode, 0, `${argv.join(' ')}: ${r.stderr}`);
      assert.equal(parse<{ met: boolean }>(r.stdout).met, true);
    }
  });

  test('wait member-count 4 and caught-up of a dead member time out with exit 5', async () => {
    const count = await runCommand(['wait', 'member-count', '4', '-e', kv.endpoints[0]!, '--json', '--wait-timeout', '400ms']);
    assert.equal(count.exitCode, 5, count.stderr);
    assert.deepEqual(parse<{ detail: { count: number; expected: number } }>(count.stdout).detail, { count: 3, expected: 4, voters: [1, 2, 3], learners: [], joint: false });
    await kv.peer(3).kill();
    try {
      const r = await runCommand(['wait', 'caught-up', '3', '-e', kv.endpoints[0]!, '--json', '--wait-timeout', '400ms']);
      assert.equal(r.exitCode, 5, r.stderr);
      assert.equal(parse<{ detail: { reachable: boolean } }>(r.stdout).detail.reachable, false);
    } finally {
      await kv.peer(3).revive();
    }
  });

  test('wait usage errors: exit 2', async () => {
    for (const argv of [['wait', 'caught-up'], ['wait', 'caught-up', 'x'], ['wait', 'member-count', '0'], ['wait', 'sometime']]) {
      const r = await runCommand([...argv, '-e', kv.endpoints[0]!]);
      assert.equal(r.exitCode, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
    }
  });
});
