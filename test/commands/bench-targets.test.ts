/**
 * The raftctl bench target and `runBench` against fake endpoint clients (no gRPC): the `get`
 * prefill is routed to the leader like `kv put` (NOT_LEADER hints followed, d-engine's hintless
 * refusal answered by rediscovery, unreachable endpoints skipped) and later measured requests
 * go where it ended up; a prefill that can reach no endpoint lets the run go ahead and end with
 * exit 4 and a printed result; any other prefill failure stops the prefill and is thrown. And
 * the session's leader lookup: run on (undefined) when nothing could be connected, exit 3 when
 * live nodes know no leader, exit 5 when they only time out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBench, type BenchOptions } from '../../src/app/bench/bench.js';
import { raftctlTarget, type BenchClient, type BenchTarget } from '../../src/app/bench/targets.js';
import { ManualClock } from '../harness/manual-clock.js';
import { CallBudget, type OperatorContext } from '../../src/app/operator.js';
import { benchLeader } from '../../src/cli/bench-session.js';
import { EXIT, NoLeaderError, NotReadyError, RejectedError, TimeoutError, UnreachableError } from '../../src/errors.js';
import type { ClientResponse } from '../../src/transport/messages.js';

const A = '127.0.0.1:7001';
const B = '127.0.0.1:7002';
const C = '127.0.0.1:7003';
const NOT_LEADER = 4001;

interface FakeCluster {
  leader: string;
  /** How a follower refuses a write. */
  refusal: 'raftctl' | 'd-engine';
  /** Endpoints that refuse connections. */
  dead: Set<string>;
  /** Set to make every write to the leader fail with it. */
  failWrites: Error | null;
  /** Every write and read, as the endpoint it went to. */
  writes: string[];
  reads: string[];
  discoveries: number;
  /** Set to answer every read with no value (data the prefill wrote is not there). */
  forget?: boolean;
}

function fakeCluster(leader: string, refusal: FakeCluster['refusal'] = 'raftctl'): FakeCluster {
  return { leader, refusal, dead: new Set(), failWrites: null, writes: [], reads: [], discoveries: 0 };
}

/** A client of the fake cluster (only the calls the bench and kv-route make). */
function fakeClient(cluster: FakeCluster): BenchClient {
  const reachable = (endpoint: string): void => {
    if (cluster.dead.has(endpoint)) throw new UnreachableError(`cannot connect to ${endpoint}: ECONNREFUSED`, { details: { endpoint, sent: false } });
  };
  const client = {
    write: async (endpoint: string): Promise<ClientResponse> => {
      cluster.writes.push(endpoint);
      reachable(endpoint);
      if (endpoint !== cluster.leader) {
        if (cluster.refusal === 'd-engine') throw new NoLeaderError(`${endpoint} is not the leader`, { code: 'NOT_LEADER', details: { endpoint, grpcCode: 9, sent: true } });
        return { error: NOT_LEADER, metadata: { leaderId: cluster.leader.slice(-1), leaderAddress: cluster.leader } };
      }
      if (cluster.failWrites) throw cluster.failWrites;
      return { error: 0, writeResult: { succeeded: true } };
    },
    read: async (endpoint: string, request: { keys: Uint8Array[] }): Promise<ClientResponse> => {
      cluster.reads.push(endpoint);
      reachable(endpoint);
      // Every key the bench reads was written by its prefill.
      if (cluster.forget) return { error: 0, readData: { results: [] } };
      return { error: 0, readData: { results: request.keys.map((k) => ({ key: k, value: new Uint8Array(8) })) } };
    },
    discoverLeader: async (endpoint: string) => {
      cluster.discoveries++;
      reachable(endpoint);
      return { leaderId: Number(cluster.leader.slice(-1)), leaderAddress: cluster.leader, term: 3 };
    },
  };
  return client as unknown as BenchClient;
}

const key = new TextEncoder().encode('k');
const value = new Uint8Array(8);

function target(cluster: FakeCluster, leader: string | undefined, consistency?: 'eventual') {
  const budget = new CallBudget(1000, 10_000);
  const t = raftctlTarget({
    clients: [fakeClient(cluster), fakeClient(cluster)],
    endpoints: [A, B, C],
    budget,
    ...(leader !== undefined ? { leader } : {}),
    ...(consistency !== undefined ? { consistency } : {}),
  });
  return { t, budget };
}

test('prefill follows a NOT_LEADER hint to the leader, and later requests (prefill and measured) go straight there', async () => {
  const cluster = fakeCluster(B);
  const { t, budget } = target(cluster, A);
  try {
    await t.prefill(0, key, value);
    assert.deepEqual(cluster.writes, [A, B]);
    await t.prefill(1, key, value);
    await t.put(0, key, value);
    assert.deepEqual(cluster.writes, [A, B, B, B]);
  } finally {
    budget.dispose();
  }
});

test("prefill answers d-engine's hintless refusal (FAILED_PRECONDITION \"Not leader\") by asking the cluster again", async () => {
  const cluster = fakeCluster(C, 'd-engine');
  const { t, budget } = target(cluster, A);
  try {
    await t.prefill(0, key, value);
    assert.equal(cluster.writes.at(-1), C);
    assert.ok(cluster.discoveries > 0, 'rediscovered the leader');
    await t.put(1, key, value);
    assert.equal(cluster.writes.at(-1), C);
  } finally {
    budget.dispose();
  }
});

test('prefill skips an endpoint it cannot connect to', async () => {
  const cluster = fakeCluster(B);
  cluster.dead.add(A);
  const { t, budget } = target(cluster, A);
  try {
    await t.prefill(0, key, value);
    assert.deepEqual(cluster.writes, [A, B]);
  } finally {
    budget.dispose();
  }
});

const getOptions: BenchOptions = { op: 'get', clients: 2, conns: 2, durationMs: 300, keySize: 4, valueSize: 8, keys: 10, consistency: 'eventual' };

test('runBench get, eventual, with a follower listed first: the prefill lands on the leader, the reads spread over the endpoints', async () => {
  const cluster = fakeCluster(B);
  const { t, budget } = target(cluster, undefined, 'eventual');
  try {
    const v = await runBench(t, [A, B, C], getOptions);
    assert.equal(v.exitCode, EXIT.OK, v.message ?? '');
    assert.equal(v.result.prefilled, 10);
    assert.equal(cluster.writes.filter((e) => e === B).length, 10, 'every key written on the leader');
    assert.ok(cluster.writes.filter((e) => e !== B).length <= 2, `at most one refusal per writer: ${cluster.writes.join(' ')}`);
    assert.deepEqual(new Set(cluster.reads), new Set([A, B]), 'connection i reads from endpoint i');
  } finally {
    budget.dispose();
  }
});

test('runBench get: a read that finds no value for a prefilled key counts as a KEY_NOT_FOUND failure, not as a (fast) successful read', async () => {
  const cluster = fakeCluster(B);
  cluster.forget = true;
  const { t, budget } = target(cluster, B, 'eventual');
  try {
    const v = await runBench(t, [A, B, C], { ...getOptions, durationMs: 50 });
    assert.equal(v.result.prefilled, 10);
    assert.equal(v.result.count, 0);
    assert.ok(v.result.errors > 0 && v.result.errorsByCode.KEY_NOT_FOUND === v.result.errors, JSON.stringify(v.result.errorsByCode));
    assert.equal(v.result.latencyMs.p50, null);
    assert.deepEqual([v.exitCode, v.code], [EXIT.INTEGRITY, 'KEY_NOT_FOUND']);
  } finally {
    budget.dispose();
  }
});

test('runBench get, eventual, with a dead endpoint first (QA): its connection reads from a live endpoint after the first failure', async () => {
  const cluster = fakeCluster(B);
  cluster.dead.add(A);
  const { t, budget } = target(cluster, undefined, 'eventual');
  try {
    const v = await runBench(t, [A, B, C], { ...getOptions, clients: 1, conns: 1 });
    assert.equal(v.result.prefilled, 10);
    assert.ok(v.result.count > 10, `reads that succeeded: ${v.result.count}`);
    assert.equal(cluster.reads.filter((e) => e === A).length, 1, `one read tried the dead endpoint: ${cluster.reads.slice(0, 5).join(' ')}`);
  } finally {
    budget.dispose();
  }
});

test('runBench cut off by --wait-timeout (QA): during the run, exit 5 with the result of what ran; during the prefill, exit 5 with the keys written and no run', async () => {
  const cluster = fakeCluster(A);
  const { t, budget } = target(cluster, A);
  try {
    const during = new AbortController();
    setTimeout(() => during.abort(new TimeoutError('the command did not finish within --wait-timeout (100 ms)')), 100);
    // A put that takes a moment (the fake answers at once, which would starve the timer).
    const slow = { ...t, put: async (conn: number, k: Uint8Array, v: Uint8Array) => { await new Promise((r) => setTimeout(r, 1)); await t.put(conn, k, v); } };
    const cut = await runBench(slow, [A, B, C], { op: 'put', clients: 1, conns: 1, durationMs: 500, keySize: 4, valueSize: 8, keys: 10, signal: during.signal });
    assert.equal(cut.exitCode, EXIT.TIMEOUT);
    assert.ok(cut.result.count > 0, `count ${cut.result.count}`);
    assert.match(cut.message ?? '', /--wait-timeout passed \d+ ms into the 500 ms run/);

    const before = new AbortController();
    before.abort(new TimeoutError('the command did not finish within --wait-timeout (1 ms)'));
    const reads = cluster.reads.length;
    const early = await runBench(t, [A, B, C], { ...getOptions, signal: before.signal });
    assert.equal(early.exitCode, EXIT.TIMEOUT);
    assert.match(early.message ?? '', /during the prefill \(\d+ of 10 keys written\)/);
    assert.equal(early.result.count, 0);
    assert.equal(cluster.reads.length, reads, 'no measured run after the prefill was cut off');
  } finally {
    budget.dispose();
  }
});

test('runBench get when no endpoint can be connected: the run still happens, exit 4 (UNREACHABLE), the result counts the failures, few of them', async () => {
  const cluster = fakeCluster(A);
  for (const e of [A, B, C]) cluster.dead.add(e);
  const { t, budget } = target(cluster, undefined, 'eventual');
  try {
    const v = await runBench(t, [A, B, C], getOptions);
    assert.equal(v.exitCode, EXIT.UNREACHABLE);
    assert.equal(v.code, 'UNREACHABLE');
    assert.equal(v.result.prefilled, 0);
    assert.equal(v.result.count, 0);
    assert.deepEqual(Object.keys(v.result.errorsByCode), ['UNREACHABLE']);
    // 300 ms with the reconnect backoff (50 ms doubling, jittered down by up to 20 %): at most
    // 5 attempts per client (0, ≥40, ≥120, ≥280 ms); without it, thousands.
    assert.ok(v.result.errors >= 2 && v.result.errors <= 10, `errors ${v.result.errors}`);
  } finally {
    budget.dispose();
  }
});

test('runBench get: a prefill failure other than "unreachable" stops the prefill and is thrown', async () => {
  const cluster = fakeCluster(A);
  cluster.failWrites = new RejectedError('INVALID_REQUEST', 'refused', { details: { endpoint: A, sent: true, refused: true } });
  const { t, budget } = target(cluster, A);
  try {
    await assert.rejects(runBench(t, [A, B, C], { ...getOptions, keys: 100 }), (e: unknown) => e instanceof RejectedError && e.code === 'INVALID_REQUEST');
    assert.ok(cluster.writes.length <= 2, `each of the 2 writers stops at the first failure: ${cluster.writes.length} writes`);
  } finally {
    budget.dispose();
  }
});

test('benchLeader: the leader found; undefined when nothing could be connected; waits for a leader while live nodes know none (exit 3 once --wait-timeout ends); exit 5 when they only time out', async () => {
  const lookup = async (answer: (endpoint: string, round: number) => unknown, waitTimeoutMs = 5000): Promise<{ value: unknown; rounds: number }> => {
    const budget = new CallBudget(500, waitTimeoutMs);
    let calls = 0;
    const client = {
      discoverLeader: async (endpoint: string) => {
        const a = answer(endpoint, Math.floor(calls++ / 2));
        if (a instanceof Error) throw a;
        return a;
      },
    };
    try {
      return { value: await benchLeader({ client, endpoints: [A, B], budget } as unknown as OperatorContext), rounds: calls / 2 };
    } catch (error) {
      return { value: error, rounds: calls / 2 };
    } finally {
      budget.dispose();
    }
  };
  const down = (e: string): Error => new UnreachableError('down', { details: { endpoint: e, sent: false } });
  const noLeaderYet = (e: string): Error => new NotReadyError(`${e}: no leader`, { details: { endpoint: e, sent: true } });
  assert.equal((await lookup((e) => (e === A ? down(e) : { leaderId: 2, leaderAddress: B, term: 3 }))).value, B);
  assert.equal((await lookup(down)).value, undefined);
  // A cluster electing its first leader: two rounds without one, then B is named.
  const elected = await lookup((e, round) => (round < 2 ? noLeaderYet(e) : { leaderId: 2, leaderAddress: B, term: 1 }));
  assert.deepEqual(elected, { value: B, rounds: 3 });
  const never = await lookup(noLeaderYet, 400);
  assert.ok(never.value instanceof NoLeaderError && never.value.exitCode === EXIT.NO_LEADER, String(never.value));
  assert.match(never.value.message, /no leader elected within --wait-timeout \(400 ms\)/);
  assert.ok(never.rounds >= 3, `asked again with backoff until the budget ran out: ${never.rounds} rounds`);
  const slow = (await lookup((e) => new TimeoutError(`${e}: deadline exceeded`, { details: { endpoint: e, sent: true } }))).value;
  assert.ok(slow instanceof TimeoutError && slow.exitCode === EXIT.TIMEOUT, String(slow));
  // Electing, then one round that only times out (a node busy voting), then a leader: still waits.
  const busy = await lookup((e, round) => (round === 0 ? noLeaderYet(e) : round === 1 ? new TimeoutError(`${e}: deadline exceeded`, { details: { endpoint: e, sent: true } }) : { leaderId: 1, leaderAddress: A, term: 2 }));
  assert.deepEqual(busy, { value: A, rounds: 3 });
  // A follower whose leader is not in its configuration yet (NOT_FOUND) is a live node: waits.
  const lagging = await lookup((e, round) => (round === 0 ? new RejectedError('NOT_FOUND', `${e}: leader not in configuration`, { details: { endpoint: e, sent: true, grpcCode: 5 } }) : { leaderId: 1, leaderAddress: A, term: 2 }));
  assert.deepEqual(lagging, { value: A, rounds: 2 });
  // Endpoints that are not Raft nodes (a gRPC server without the service): exit 3 at once, no waiting.
  const notRaft = await lookup((e) => new RejectedError('UNIMPLEMENTED', `${e}: unknown service`, { details: { endpoint: e, sent: true, grpcCode: 12 } }));
  assert.ok(notRaft.value instanceof NoLeaderError && notRaft.value.exitCode === EXIT.NO_LEADER, String(notRaft.value));
  assert.equal(notRaft.rounds, 1);
});

test('a measured write to a leader that died: the target asks the cluster again and later requests go to the new leader', async () => {
  const cluster = fakeCluster(A);
  const { t, budget } = target(cluster, A);
  try {
    await t.put(0, key, value);
    cluster.dead.add(A);
    cluster.leader = C; // elected while A is down
    await assert.rejects(t.put(0, key, value), UnreachableError);
    await new Promise((r) => setImmediate(r));
    assert.ok(cluster.discoveries >= 1, 'a DiscoverLeader was sent');
    await t.put(1, key, value);
    assert.equal(cluster.writes.at(-1), C);
  } finally {
    budget.dispose();
  }
});

test('a hintless refusal (d-engine) from the known leader starts a rediscovery too', async () => {
  const cluster = fakeCluster(A, 'd-engine');
  const { t, budget } = target(cluster, A);
  try {
    cluster.leader = B;
    await assert.rejects(t.put(0, key, value), NoLeaderError);
    await new Promise((r) => setImmediate(r));
    await t.put(0, key, value);
    assert.equal(cluster.writes.at(-1), B);
  } finally {
    budget.dispose();
  }
});

test('runBench against endpoints that do not serve the target\'s API: exit 6 and a hint about --target, not about a leader (QA)', async () => {
  const unimplemented = new RejectedError('UNIMPLEMENTED', '127.0.0.1:1: The server does not implement the method /etcdserverpb.KV/Put');
  const t = { kind: 'etcd' as const, put: async () => { await new Promise((r) => setTimeout(r, 1)); throw unimplemented; }, get: async () => undefined, prefill: async () => undefined };
  const v = await runBench(t, [A], { op: 'put', clients: 1, conns: 1, durationMs: 50, keySize: 4, valueSize: 8, keys: 10 });
  assert.equal(v.exitCode, EXIT.REJECTED);
  assert.match(v.hint ?? '', /do not serve etcd's KV API: is --target right\?/);
});

test('runBench closed loop, 6 clients on 4 connections: 6 requests in flight at once, client i on connection i mod 4 (2, 2, 1, 1), every request answered before the next of its client', async () => {
  const clock = new ManualClock();
  const inFlight = [0, 0, 0, 0];
  let total = 0;
  let maxTotal = 0;
  const maxPerConn = [0, 0, 0, 0];
  const sent = [0, 0, 0, 0];
  const fake: BenchTarget = {
    kind: 'raftctl',
    put: async (conn) => {
      inFlight[conn]!++;
      total++;
      sent[conn]!++;
      maxTotal = Math.max(maxTotal, total);
      maxPerConn[conn] = Math.max(maxPerConn[conn]!, inFlight[conn]!);
      await clock.sleep(10);
      inFlight[conn]!--;
      total--;
    },
    get: async () => undefined,
    prefill: async () => undefined,
  };
  const v = await clock.drive(runBench(fake, ['x'], { op: 'put', clients: 6, conns: 4, durationMs: 100, keySize: 8, valueSize: 16, keys: 100, clock }));
  assert.equal(maxTotal, 6);
  assert.deepEqual(maxPerConn, [2, 2, 1, 1]);
  // 10 rounds of 10 ms each: 60 requests; connections 0 and 1 carry two clients each.
  assert.equal(v.result.count, 60);
  assert.deepEqual(sent, [20, 20, 10, 10]);
  assert.equal(v.result.elapsedMs, 100);
  assert.equal(v.result.throughput, 600);
  assert.deepEqual([v.result.latencyMs.min, v.result.latencyMs.max], [10, 10]);
});

test('runBench --warmup on the manual clock: the warm-up load runs first and none of it is in count, errors, elapsed or the latencies; a request straddling the warm-up end is not measured either', async () => {
  const clock = new ManualClock();
  const calls: number[] = [];
  const fake: BenchTarget = {
    kind: 'raftctl',
    put: async () => {
      calls.push(clock.now());
      // Warm-up requests are slow (45 ms, one of them fails), measured ones take 10 ms.
      if (clock.now() < 100) {
        await clock.sleep(45);
        if (calls.length === 2) throw new RejectedError('BOOM', 'warm-up failure');
      } else await clock.sleep(10);
    },
    get: async () => undefined,
    prefill: async () => undefined,
  };
  const v = await clock.drive(runBench(fake, ['x'], { op: 'put', clients: 1, conns: 1, warmupMs: 100, durationMs: 100, keySize: 8, valueSize: 16, keys: 100, clock }));
  // Warm-up: sends at 0, 45, 90 (the last ends at 135, past the warm-up's 100 ms); the run starts at 135.
  assert.deepEqual(calls.slice(0, 4), [0, 45, 90, 135]);
  assert.equal(v.result.warmupMs, 100);
  assert.deepEqual([v.result.count, v.result.errors, v.result.elapsedMs], [10, 0, 100]);
  assert.deepEqual([v.result.latencyMs.min, v.result.latencyMs.max], [10, 10]);
  assert.equal(v.exitCode, EXIT.OK);
});
