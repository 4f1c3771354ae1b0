/**
 * `raftctl bench put|get` against the fake KV cluster and against a fake etcd (a FakePeer
 * answering etcdserverpb.KV/Put and /Range): the JSON shape, sane numbers (count > 0,
 * percentiles ordered, throughput consistent with the count), the open loop's request count
 * following --rate, and the verdict when nothing succeeds: exit 4 with the result printed when
 * nothing could be connected, exit 3 and no result when live nodes know no leader; `get` with
 * eventual reads prefills through the leader whatever endpoint is listed first. Short runs
 * (300 ms each).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { GrpcServer } from '../../src/transport/server.js';
import { EtcdKvService, type EtcdPutRequest, type EtcdRangeRequest } from '../../src/transport/etcd-services.js';
import { delay, fail } from '../harness/fake-peer.js';
import { closedPort } from './helpers/fake-nodes.js';
import { startFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { lines, runCommand } from './helpers/run-command.js';

interface Bench {
  op: string;
  target: string;
  mode: string;
  count: number;
  errors: number;
  elapsedMs: number;
  throughput: number;
  prefilled: number;
  latencyMs: Record<'min' | 'mean' | 'p50' | 'p95' | 'p99' | 'p999' | 'max', number | null>;
}

const KEYS = ['op', 'target', 'endpoints', 'clients', 'conns', 'rate', 'durationMs', 'warmupMs', 'keySize', 'valueSize', 'keys', 'consistency', 'prefilled', 'mode', 'count', 'errors', 'errorsByCode', 'elapsedMs', 'throughput', 'missed', 'generatorLagMs', 'latencyMs'];

function assertSane(b: Bench): void {
  assert.ok(b.count > 0, `count ${b.count}`);
  const l = b.latencyMs;
  const order = [l.min, l.p50, l.p95, l.p99, l.p999, l.max];
  for (const v of order) assert.ok(typeof v === 'number' && v >= 0, JSON.stringify(l));
  for (let i = 1; i < order.length; i++) assert.ok(order[i]! >= order[i - 1]!, `percentiles ordered: ${JSON.stringify(l)}`);
  assert.ok(l.mean! >= l.min! && l.mean! <= l.max!, JSON.stringify(l));
  const expected = (b.count / b.elapsedMs) * 1000;
  assert.ok(Math.abs(b.throughput - expected) <= 0.1 + expected * 0.01, `throughput ${b.throughput} vs ${expected}`);
}

describe('bench against a fake raftctl cluster', () => {
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv();
  });
  after(() => kv.close());

  test('bench put, closed loop, 4 clients on 2 connections: the JSON shape and sane numbers; writes land on the leader', async () => {
    const r = await runCommand(['bench', 'put', '-e', kv.endpoints[1]!, '--clients', '4', '--conns', '2', '--duration', '300ms', '--key-size', '6', '--value-size', '32', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const b = JSON.parse(r.stdout) as Bench;
    assert.deepEqual(Object.keys(b), KEYS);
    assert.deepEqual([b.op, b.target, b.mode, b.errors, b.prefilled], ['put', 'raftctl', 'closed', 0, 0]);
    assertSane(b);
    const writes = kv.peer(1).callsTo('HandleClientWrite');
    assert.ok(writes.length >= b.count);
    const key = (writes.at(-1)!.request as { command: { insert: { key: Uint8Array; value: Uint8Array } } }).command.insert;
    assert.equal(key.key.length, 6);
    assert.equal(key.value.length, 32);
  });

  test('bench put --warmup: the same load runs first and is not counted', async () => {
    const before = kv.peer(1).callsTo('HandleClientWrite').length;
    // A warmup four times the run: a measurement that counted it would report at least 1250 ms
    // elapsed, a run alone under the 1000 ms of the warmup however slow the machine (the old
    // bound, 400 ms for a 250 ms run with a 250 ms warmup, was a figure a loaded machine can miss).
    const r = await runCommand(['bench', 'put', '-e', kv.endpoints[0]!, '--warmup', '1s', '--duration', '250ms', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const b = JSON.parse(r.stdout) as Bench & { warmupMs: number };
    assert.equal(b.warmupMs, 1000);
    assert.ok(b.elapsedMs < b.warmupMs, `measured only the run: elapsed ${b.elapsedMs} ms, the warmup alone ${b.warmupMs} ms`);
    const sent = kv.peer(1).callsTo('HandleClientWrite').length - before;
    // Only "some were sent unmeasured": how many fit in 250 ms depends on the shared cores (seen:
    // 115 sent for 91 measured under load). The exact split is asserted on the manual clock in
    // bench-targets.test.ts.
    assert.ok(sent > b.count, `${sent} writes sent, ${b.count} measured`);
  });

  // QA: `--warmup 0` (the documented default, as a script passing --warmup $WARMUP writes it) was exit 2 "must be greater than zero".
  test('bench put --warmup 0 / 0s: no warm-up, as without the flag', async () => {
    for (const zero of ['0', '0s']) {
      const r = await runCommand(['bench', 'put', '-e', kv.endpoints[0]!, '--warmup', zero, '--duration', '200ms', '--json']);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as { warmupMs: number }).warmupMs, 0);
    }
  });

  test('bench get --consistency eventual: prefills the key space, then reads spread over the endpoints', async () => {
    const r = await runCommand(['bench', 'get', '-e', kv.endpoints.join(','), '--clients', '3', '--conns', '3', '--keys', '20', '--duration', '300ms', '--consistency', 'eventual', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const b = JSON.parse(r.stdout) as Bench;
    assert.equal(b.prefilled, 20);
    assertSane(b);
    for (const id of [1, 2, 3]) assert.ok(kv.peer(id).callsTo('HandleClientRead').length > 0, `node ${id} served reads`);
  });

  test('bench get --consistency eventual with a follower listed first (the README example): the prefill finds the leader', async () => {
    const follower = () => kv.peer(2).callsTo('HandleClientWrite').length + kv.peer(3).callsTo('HandleClientWrite').length;
    const [followerWrites, leaderWrites] = [follower(), kv.peer(1).callsTo('HandleClientWrite').length];
    const endpoints = [kv.endpoints[1]!, kv.endpoints[0]!, kv.endpoints[2]!];
    const r = await runCommand(['bench', 'get', '-e', endpoints.join(','), '--clients', '3', '--conns', '3', '--keys', '20', '--duration', '300ms', '--consistency', 'eventual', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const b = JSON.parse(r.stdout) as Bench;
    assert.equal(b.prefilled, 20);
    assertSane(b);
    assert.equal(follower() - followerWrites, 0, 'no prefill write went to a follower');
    assert.equal(kv.peer(1).callsTo('HandleClientWrite').length - leaderWrites, 20);
  });

  test('bench put --rate 200 for 500 ms: open loop, about 100 requests', async () => {
    const r = await runCommand(['bench', 'put', '-e', kv.endpoints[0]!, '--clients', '4', '--rate', '200', '--duration', '500ms', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const b = JSON.parse(r.stdout) as Bench & { missed: number };
    assert.equal(b.mode, 'open');
    // 100 due; on a loaded machine a client may fall behind and miss some (never sent late;
    // the exact schedule is tested on a manual clock in bench-generator.test.ts).
    assert.equal(b.count + b.missed, 100, `count ${b.count}, missed ${b.missed}`);
    assert.ok(b.count > 0, `count ${b.count}`);
    assertSane(b);
  });

  test('table output: three lines (totals, setup, latency)', async () => {
    const r = await runCommand(['bench', 'put', '-e', kv.endpoints[0]!, '--duration', '200ms']);
    assert.equal(r.exitCode, 0, r.stderr);
    const out = lines(r.stdout);
    assert.equal(out.length, 3);
    assert.match(out[0]!, /^bench put \(raftctl\): \d+ requests? in [\d.]+ s = [\d.]+ req\/s$/);
    assert.match(out[2]!, /^latency ms: min [\d.]+ {2}mean/);
  });
});

describe('bench against a fake etcd', () => {
  let server: GrpcServer;
  let address: string;
  let puts = 0;
  let ranges: EtcdRangeRequest[] = [];
  /** Keys put, as text; set `forget` to answer every Range with nothing. */
  const stored = new Set<string>();
  let forget = false;
  before(async () => {
    server = new GrpcServer();
    server.addService('etcdserverpb.KV', EtcdKvService, {
      Put: (call: ServerUnaryCall<EtcdPutRequest, unknown>, cb: sendUnaryData<unknown>) => {
        puts++;
        stored.add(Buffer.from(call.request.key ?? []).toString());
        cb(null, { header: { revision: puts, raftTerm: 2 } });
      },
      Range: (call: ServerUnaryCall<EtcdRangeRequest, unknown>, cb: sendUnaryData<unknown>) => {
        ranges.push(call.request);
        const key = call.request.key ?? new Uint8Array();
        const kvs = !forget && stored.has(Buffer.from(key).toString()) ? [{ key, value: new Uint8Array(4) }] : [];
        cb(null, { header: { revision: puts, raftTerm: 2 }, kvs, count: kvs.length });
      },
    });
    await server.listen('127.0.0.1:0');
    address = server.address;
  });
  after(() => server.shutdown(100));

  test('bench put --target etcd drives etcdserverpb.KV/Put', async () => {
    const r = await runCommand(['bench', 'put', '-e', address, '--target', 'etcd', '--clients', '2', '--duration', '300ms', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const b = JSON.parse(r.stdout) as Bench;
    assert.equal(b.target, 'etcd');
    assertSane(b);
    assert.equal(puts, b.count);
  });

  test('bench get --target etcd: linearizable Range by default, serializable for eventual', async () => {
    ranges = [];
    const lin = await runCommand(['bench', 'get', '-e', address, '--target', 'etcd', '--keys', '5', '--duration', '200ms', '--json']);
    assert.equal(lin.exitCode, 0, lin.stderr);
    assert.ok(ranges.length > 0 && ranges.every((q) => !q.serializable));
    ranges = [];
    const ev = await runCommand(['bench', 'get', '-e', address, '--target', 'etcd', '--keys', '5', '--duration', '200ms', '--consistency', 'eventual', '--json']);
    assert.equal(ev.exitCode, 0, ev.stderr);
    assert.ok(ranges.length > 0 && ranges.every((q) => q.serializable === true));
  });

  test('bench get --target etcd: a read that finds no value is a failure (KEY_NOT_FOUND), not a fast successful read', async () => {
    forget = true;
    try {
      const r = await runCommand(['bench', 'get', '-e', address, '--target', 'etcd', '--keys', '5', '--duration', '200ms', '--json']);
      const b = JSON.parse(r.stdout) as Bench & { errorsByCode: Record<string, number> };
      assert.equal(b.count, 0);
      assert.ok(b.errors > 0 && b.errorsByCode.KEY_NOT_FOUND === b.errors, JSON.stringify(b.errorsByCode));
      assert.equal(b.latencyMs.p50, null);
      assert.equal(r.exitCode, 7, r.stderr);
      assert.match(r.stderr, /KEY_NOT_FOUND|has no value for key/);
    } finally {
      forget = false;
    }
  });
});

test('bench put against nothing: exit 4, the result printed with count 0', async () => {
  const r = await runCommand(['bench', 'put', '-e', await closedPort(), '--target', 'etcd', '--duration', '200ms', '--json']);
  assert.equal(r.exitCode, 4, r.stderr);
  const b = JSON.parse(r.stdout) as Bench;
  assert.equal(b.count, 0);
  assert.ok(b.errors > 0);
  assert.equal(b.latencyMs.p50, null);
});

test('bench put (raftctl) against nothing: exit 4 UNREACHABLE, the result printed with the error counts, and few errors (reconnect backoff)', async () => {
  const r = await runCommand(['bench', 'put', '-e', await closedPort(), '--duration', '500ms', '--json']);
  assert.equal(r.exitCode, 4, r.stderr);
  const b = JSON.parse(r.stdout) as Bench & { errorsByCode: Record<string, number> };
  assert.equal(b.count, 0);
  assert.deepEqual(Object.keys(b.errorsByCode), ['UNREACHABLE']);
  // 1 client, 500 ms, pauses of 50 ms doubling (jittered down by up to 20 %): at most 5 attempts.
  // Without the backoff this was tens of thousands.
  assert.ok(b.errors >= 2 && b.errors <= 6, `errors ${b.errors}`);
  assert.equal(JSON.parse(r.stderr.trim()).error.code, 'UNREACHABLE');
});

test('bench get --consistency eventual against nothing: exit 4, the result printed with nothing prefilled', async () => {
  const r = await runCommand(['bench', 'get', '-e', await closedPort(), '--keys', '10', '--duration', '300ms', '--consistency', 'eventual', '--json']);
  assert.equal(r.exitCode, 4, r.stderr);
  const b = JSON.parse(r.stdout) as Bench & { errorsByCode: Record<string, number> };
  assert.deepEqual([b.count, b.prefilled], [0, 0]);
  assert.deepEqual(Object.keys(b.errorsByCode), ['UNREACHABLE']);
});

test('bench against live nodes that know no leader: waits for one until --wait-timeout, then exit 3, nothing on stdout', async () => {
  const kv = await startFakeKv({ leaderId: null });
  try {
    for (const argv of [['put'], ['get', '--consistency', 'eventual']]) {
      const r = await runCommand(['bench', ...argv, '-e', kv.endpoints.join(','), '--duration', '200ms', '--wait-timeout', '600ms', '--json']);
      assert.equal(r.exitCode, 3, `${argv.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      const { error } = JSON.parse(r.stderr.trim()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'NO_LEADER');
      assert.match(error.message, /no leader elected within --wait-timeout \(600 ms\)/);
    }
  } finally {
    await kv.close();
  }
});

// Scenario: the only endpoint given is a d-engine learner: it refuses DiscoverLeader and
// GetClusterMetadata with PERMISSION_DENIED (reference §3.6, §3.8), so it can never name the
// leader (only a promotion would change that). Expectation: as `kv put` does, exit 3 at once with
// the hint to give a voter, not a wait for a leader until --wait-timeout (by default --duration
// plus a minute) followed by "no leader elected".
test('bench against a d-engine learner only: exit 3 at once (LEARNER_ENDPOINT, give a voter), not a wait until --wait-timeout', async () => {
  const kv = await startFakeKv({ refusal: 'd-engine', nodes: 2, leaderId: 1 });
  try {
    const learner = kv.peer(2);
    learner.handle('DiscoverLeader', fail(status.PERMISSION_DENIED, 'Learner should not receive DiscoverLeader'));
    learner.handle('GetClusterMetadata', fail(status.PERMISSION_DENIED, 'learners cannot answer metadata requests'));
    for (const argv of [['put'], ['get', '--consistency', 'eventual']]) {
      const started = performance.now();
      const r = await runCommand(['bench', ...argv, '-e', learner.address, '--duration', '200ms', '--wait-timeout', '20s', '--json']);
      assert.equal(r.exitCode, 3, `${argv.join(' ')}: ${r.stderr}`);
      assert.ok(performance.now() - started < 5000, `${argv.join(' ')}: it does not wait for a leader the learner can never name`);
      assert.equal(r.stdout, '');
      const { error } = JSON.parse(r.stderr.trim()) as { error: { code: string; message: string; hint: string } };
      assert.equal(error.code, 'LEARNER_ENDPOINT');
      assert.match(error.message, /learner/);
      assert.match(error.hint, /voter/);
    }
  } finally {
    await kv.close();
  }
});

// QA: --clients 2 --conns 5 ran, with 3 connections that never carried a request, and reported "5 connections".
test('bench usage errors: exit 2', async () => {
  for (const argv of [['--clients', '0'], ['--duration', 'long'], ['--target', 'zookeeper'], ['--rate', '0'], ['--key-size', '2', '--keys', '1000'], ['--clients', '2', '--conns', '5']]) {
    const r = await runCommand(['bench', 'put', '-e', '127.0.0.1:1', ...argv]);
    assert.equal(r.exitCode, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
});

test('Ctrl-C during a get prefill whose write hangs: exit 130 at once, not after --timeout', async () => {
  const kv = await startFakeKv();
  try {
    kv.peer(1).queue('HandleClientWrite', delay(20_000));
    const started = performance.now();
    const running = runCommand(['bench', 'get', '-e', kv.endpoints[0]!, '--clients', '1', '--keys', '5', '--duration', '200ms', '--timeout', '20s', '--wait-timeout', '30s', '--json']);
    // Once the prefill's first write is in flight, interrupt (in-process: the command's own SIGINT listener).
    const until = performance.now() + 5_000;
    while (kv.peer(1).callsTo('HandleClientWrite').length === 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
    assert.equal(kv.peer(1).callsTo('HandleClientWrite').length, 1, 'the prefill sent its first write');
    process.emit('SIGINT');
    const r = await running;
    assert.equal(r.exitCode, 130, r.stderr);
    assert.ok(performance.now() - started < 5_000, `ended ${Math.round(performance.now() - started)} ms after the start`);
    const b = JSON.parse(r.stdout) as Bench;
    assert.deepEqual([b.prefilled, b.count], [0, 0]);
    const err = (JSON.parse(lines(r.stderr)[0]!) as { error: { code: string; message: string; hint: string | null } }).error;
    assert.equal(err.code, 'INTERRUPTED');
    // QA: "the result covers what ran", when the run had not started.
    assert.match(err.message, /interrupted \(Ctrl-C\) during the prefill \(0 of 5 keys written\), before the run$/);
    assert.match(String(err.hint), /before Ctrl-C/, 'a hint saying what the result covers');
  } finally {
    await kv.close();
  }
});
