/**
 * `raftctl cluster health` and `raftctl wait ...` in-process against fake KV clusters of raftctl
 * and d-engine style (CLI.md: health exits 0 healthy / 8 unhealthy, --degraded-ok tolerates a
 * voter down; wait exits 0 when met and 5 on --wait-timeout, printing the last poll either way).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { closedPort } from './helpers/fake-nodes.js';
import { errorLine, lines, runCommand } from './helpers/run-command.js';
import { delay, respond } from '../harness/fake-peer.js';

interface Health {
  healthy: boolean;
  degraded: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}
const CHECKS = ['leader', 'quorum', 'voters', 'write', 'linearizable-read', 'commit-advancing'];
const parse = <T>(text: string): T => JSON.parse(text) as T;
const detailOf = (h: Health, name: string): string => h.checks.find((c) => c.name === name)!.detail;
/** What fake-kv's node 1 answers to GetServerInfo. */
const SERVER_INFO = { version: '0.1.0', nodeId: 1, clusterId: 'fake', apiVersion: 1, features: [] };

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

  test('a voter that answers but campaigns (a candidate, e.g. started from another cluster\'s data) is not counted: exit 8, degraded, the detail says why', async () => {
    const peer3 = kv.peer(3);
    peer3.queue(
      'GetNodeStatus',
      respond({
        nodeId: 3, role: 2, term: 5, leaderId: null, commitIndex: 0, appliedIndex: 0, firstLogIndex: 1, lastLogIndex: 0, lastLogTerm: 0,
        configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [] }, configIndex: 1, address: peer3.address, peers: [],
      }),
    );
    const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 8, r.stderr);
    const h = parse<Health>(r.stdout);
    assert.equal(h.degraded, true);
    assert.deepEqual(h.checks.filter((c) => !c.ok).map((c) => c.name), ['voters']);
    assert.equal(detailOf(h, 'voters'), 'node 3 is a candidate (term 5), not following the leader');
    assert.equal(detailOf(h, 'quorum'), '2/3 voters reachable and following (quorum 2)');
  });

  test('a hung voter (answers nothing) with --wait-timeout under --timeout: the status reads give up in time, the write and read still run; --degraded-ok exits 0', async () => {
    kv.peer(3).queue('GetServerInfo', delay(10_000)).queue('GetNodeStatus', delay(10_000));
    try {
      const r = await runCommand(['cluster', 'health', '-e', kv.endpoints.join(','), '--degraded-ok', '--timeout', '3s', '--wait-timeout', '2500ms', '--json']);
      assert.equal(r.exitCode, 0, r.stderr);
      const h = parse<Health>(r.stdout);
      assert.equal(h.degraded, true);
      assert.deepEqual(h.checks.filter((c) => !c.ok).map((c) => c.name), ['voters']);
    } finally {
      kv.peer(3).clearQueues();
    }
  });

  test('followers slower than the time a short --wait-timeout leaves them: exit 5 (not proven unhealthy), never 8, and the detail says they gave no answer in time (review)', async () => {
    for (const id of [2, 3]) kv.peer(id).queue('GetServerInfo', delay(1200)).queue('GetNodeStatus', delay(1200));
    try {
      const r = await runCommand(['cluster', 'health', '-e', kv.endpoints.join(','), '--timeout', '3s', '--wait-timeout', '2s', '--json']);
      assert.equal(r.exitCode, 5, r.stderr);
      const h = parse<Health>(r.stdout);
      assert.match(detailOf(h, 'voters'), /node 2 gave no answer within the \d+ ms left for it/);
      assert.equal(errorLine(r.stderr).code, 'TIMEOUT');
    } finally {
      for (const id of [2, 3]) kv.peer(id).clearQueues();
    }
  });

  test('the write and the read go to the leader found, not to the first endpoint given (a slow follower first costs nothing)', async () => {
    kv.peer(2).queue('HandleClientWrite', delay(10_000)).queue('HandleClientRead', delay(10_000));
    try {
      const r = await runCommand(['cluster', 'health', '-e', `${kv.endpoints[1]},${kv.endpoints[0]}`, '--timeout', '5s', '--json']);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.ok(r.durationMs < 2500, `took ${r.durationMs} ms (a write or read through the slow follower would take 5 s)`);
      assert.match(detailOf(parse<Health>(r.stdout), 'write'), new RegExp(`applied through ${kv.endpoints[0]!.replace(/\./g, '\\.')} in`));
    } finally {
      kv.peer(2).clearQueues();
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

  test('no endpoint answers before --wait-timeout: exit 5, all six checks printed, the cut-off ones say so', async () => {
    kv.peer(1).queue('GetServerInfo', delay(10_000));
    const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!, '--timeout', '5s', '--wait-timeout', '400ms', '--json']);
    assert.equal(r.exitCode, 5, r.stderr);
    assert.ok(r.durationMs < 2000, `took ${r.durationMs} ms`);
    const h = parse<Health>(r.stdout);
    assert.deepEqual(Object.keys(h), ['healthy', 'degraded', 'checks']);
    assert.deepEqual(h.checks.map((c) => [c.name, c.ok]), CHECKS.map((n) => [n, false]));
    assert.deepEqual([h.healthy, h.degraded], [false, false]);
    assert.match(detailOf(h, 'leader'), /^no leader known: no endpoint answered in time \(127\.0\.0\.1:\d+: cut off by --wait-timeout \(400 ms\)\)$/);
    for (const name of ['write', 'linearizable-read', 'commit-advancing']) assert.equal(detailOf(h, name), 'not run: --wait-timeout (400 ms) passed');
    const error = errorLine(r.stderr);
    assert.deepEqual([error.code, error.exitCode], ['TIMEOUT', 5]);
    assert.match(error.message, /^cluster health: --wait-timeout \(400 ms\) passed before the checks finished: leader/);
  });

  test('the health write still running at --wait-timeout: exit 5, the status checks passed, the read not run', async () => {
    kv.peer(1).queue('HandleClientWrite', delay(10_000));
    const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!, '--timeout', '5s', '--wait-timeout', '600ms', '--json']);
    assert.equal(r.exitCode, 5, r.stderr);
    const h = parse<Health>(r.stdout);
    assert.deepEqual(h.checks.map((c) => [c.name, c.ok]), CHECKS.map((n) => [n, ['leader', 'quorum', 'voters'].includes(n)]));
    assert.match(detailOf(h, 'write'), /^outcome unknown, cut off by --wait-timeout \(600 ms\) before 127\.0\.0\.1:\d+ answered$/);
    assert.equal(detailOf(h, 'linearizable-read'), 'not run: --wait-timeout (600 ms) passed');
    assert.equal(errorLine(r.stderr).code, 'TIMEOUT');
  });

  test('a voter that answers with a malformed status: degraded, and the voters check says so with the reason instead of "unreachable" (QA)', async () => {
    const own = await startFakeKv();
    try {
      // A commit index above 2^53-1: the fake cannot encode it and answers INTERNAL "Error serializing response", which the client reports as a malformed message.
      own.peer(3).handle('GetNodeStatus', () => ({ nodeId: 3, role: 1, term: 3, leaderId: 1, commitIndex: '1152921504606846976', appliedIndex: 0, configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [] }, configIndex: 1, address: own.endpoints[2] }));
      const r = await runCommand(['cluster', 'health', '-e', own.endpoints[0]!, '--json']);
      assert.equal(r.exitCode, 8, r.stderr);
      const h = parse<Health>(r.stdout);
      assert.deepEqual(h.checks.filter((c) => !c.ok).map((c) => c.name), ['voters']);
      assert.match(detailOf(h, 'voters'), /^node 3 answered with a malformed message \(127\.0\.0\.1:\d+: malformed message/);
    } finally {
      await own.close();
    }
  });

  test('a dead endpoint: exit 8, and the leader check says it could not connect (not "no node leads")', async () => {
    const dead = await closedPort();
    const r = await runCommand(['cluster', 'health', '-e', dead, '--json']);
    assert.equal(r.exitCode, 8, r.stderr);
    const h = parse<Health>(r.stdout);
    const leader = detailOf(h, 'leader');
    assert.match(leader, /^no leader known: no endpoint could be connected \(/);
    assert.ok(leader.includes(dead), leader);
    assert.equal(errorLine(r.stderr).code, 'UNHEALTHY');
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

  test('a reachable voter at another term than the leader (cut off from it, campaigning) is not counted as following: exit 8, degraded', async () => {
    // d-engine has no Pre-Vote (reference §3.1): a voter cut off from the leader keeps raising its
    // term, and any follower adopts the leader's term from its AppendEntries (§3.2), so a voter
    // answering the probe at another term is not following this leader, however reachable it is.
    kv.peer(3).handle('RequestVote', () => ({ term: 9, voteGranted: false, lastLogIndex: kv.revision, lastLogTerm: 3 }));
    try {
      const r = await runCommand(['cluster', 'health', '-e', kv.endpoints[0]!, '--json']);
      assert.equal(r.exitCode, 8, r.stderr);
      const h = parse<Health>(r.stdout);
      assert.equal(h.degraded, true);
      assert.deepEqual(h.checks.filter((c) => !c.ok).map((c) => c.name), ['voters']);
      assert.match(detailOf(h, 'voters'), /node 3 is at term 9, not the leader's term 3/);
      assert.match(detailOf(h, 'quorum'), /2\/3 voters reachable and following/);
    } finally {
      kv.peer(3).handle('RequestVote', () => ({ term: 3, voteGranted: false, lastLogIndex: kv.revision, lastLogTerm: 3 }));
    }
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
    assert.deepEqual(Object.keys(w), ['condition', 'target', 'met', 'attempts', 'elapsedMs', 'detail', 'error', 'cutOff']);
    assert.deepEqual([w.condition, w.target, w.met, w.attempts, w.error, w.cutOff], ['leader', null, true, 1, null, false]);
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
    // Not a member at all: nothing was asked, so reachable is unknown (null), not false (QA).
    const none = await runCommand(['wait', 'caught-up', '9', '-e', kv.endpoints[0]!, '--json', '--wait-timeout', '400ms']);
    assert.equal(none.exitCode, 5, none.stderr);
    assert.deepEqual(parse<{ detail: { member: boolean; reachable: boolean | null } }>(none.stdout).detail, { id: 9, leaderId: 1, member: false, reachable: null, lag: null, maxLag: 0 });
  });

  test('wait caught-up of a member the raftctl leader does not replicate to is never met, however long its own log (QA: a foreign node on its address)', async () => {
    const own = await startFakeKv();
    try {
      const foreign = own.peer(3);
      const statusOf = (peer: number, role: number, leaderId: number, last: number, voters: number[], peers: unknown[]) => ({
        nodeId: peer, role, term: 3, leaderId, commitIndex: last, appliedIndex: last, firstLogIndex: 1, lastLogIndex: last, lastLogTerm: 3,
        configuration: { voters, votersOutgoing: [], learners: [] }, configIndex: 1, address: own.peer(peer).address, peers,
      });
      own.peer(1).handle('GetNodeStatus', () => statusOf(1, 3, 1, 31, [1, 2, 3], [{ id: 2, matchIndex: 31, nextIndex: 32, state: 1, inflight: 0, lastContactMs: 5, lagEntries: 0 }]));
      foreign.handle('GetNodeStatus', () => statusOf(3, 3, 3, 900, [3], []));
      const r = await runCommand(['wait', 'caught-up', '3', '-e', own.endpoints[0]!, '--json', '--wait-timeout', '400ms']);
      assert.equal(r.exitCode, 5, r.stdout + r.stderr);
      const doc = parse<{ met: boolean; detail: { lag: number | null } }>(r.stdout);
      assert.equal(doc.met, false);
      assert.equal(doc.detail.lag, null, 'no match index: the lag is unknown, not 0');
    } finally {
      await own.close();
    }
  });

  test('a node of another cluster on a member\'s address (QA): cluster status drops its answer, cluster health fails voters and says why', async () => {
    const own = await startFakeKv();
    try {
      const foreign = own.peer(3);
      foreign.handle('GetServerInfo', () => ({ ...SERVER_INFO, nodeId: 3, clusterId: 'another' }));
      foreign.handle('GetNodeStatus', () => ({
        nodeId: 3, role: 3, term: 9, leaderId: 3, commitIndex: 900, appliedIndex: 900, firstLogIndex: 1, lastLogIndex: 900, lastLogTerm: 9,
        configuration: { voters: [3], votersOutgoing: [], learners: [] }, configIndex: 1, address: foreign.address, peers: [],
      }));
      foreign.handle('GetClusterMetadata', () => ({ version: 1, nodes: [{ id: 3, address: foreign.address, role: 1, status: 3 }], currentLeaderId: 3 }));
      // The foreign node first in the list, with the higher term: the majority's cluster still wins.
      const endpoints = [own.endpoints[2], own.endpoints[0], own.endpoints[1]].join(',');
      const st = await runCommand(['cluster', 'status', '-e', endpoints, '--json']);
      assert.equal(st.exitCode, 0, st.stderr);
      const doc = parse<{ leaderId: number; members: { id: number; role: string; reachable: boolean; term: number | null }[] }>(st.stdout);
      assert.equal(doc.leaderId, 1);
      assert.deepEqual(doc.members.map((m) => [m.id, m.reachable]), [[1, true], [2, true], [3, false]]);
      assert.equal(doc.members.filter((m) => m.role === 'leader').length, 1, 'one leader, not two');
      const r = await runCommand(['cluster', 'health', '-e', endpoints, '--json']);
      assert.equal(r.exitCode, 8, r.stderr);
      const h = parse<Health>(r.stdout);
      assert.deepEqual(h.checks.filter((c) => !c.ok).map((c) => c.name), ['voters']);
      assert.equal(detailOf(h, 'voters'), "node 3's address answers for another cluster (another)");

      // A tie among the endpoints given (one real follower, the foreign node with the higher
      // term): the cluster whose configuration's member addresses name both endpoints wins.
      const tie = await runCommand(['cluster', 'status', '-e', `${own.endpoints[2]},${own.endpoints[1]}`, '--json']);
      assert.equal(tie.exitCode, 0, tie.stderr);
      const tied = parse<{ leaderId: number; config: { voters: number[] }; members: { id: number; reachable: boolean }[] }>(tie.stdout);
      assert.equal(tied.leaderId, 1);
      assert.deepEqual(tied.config.voters, [1, 2, 3]);
      assert.deepEqual(tied.members.map((m) => [m.id, m.reachable]), [[1, true], [2, true], [3, false]]);
    } finally {
      await own.close();
    }
  });

  test('a poll cut off by --wait-timeout is dropped: detail and error are the poll before it, cutOff true', async () => {
    // The first poll's GetServerInfo is answered (a transparent retry of it too); the next poll's, 100 ms later, hangs.
    let hangFrom: number | null = null;
    kv.peer(1).handle('GetServerInfo', (req, ctx) => {
      if (hangFrom !== null && performance.now() > hangFrom) return delay(10_000)(req, ctx);
      hangFrom ??= performance.now() + 50;
      return SERVER_INFO;
    });
    let r;
    try {
      r = await runCommand(['wait', 'member-count', '4', '-e', kv.endpoints[0]!, '--timeout', '5s', '--wait-timeout', '600ms', '--json']);
    } finally {
      kv.peer(1).handle('GetServerInfo', respond(SERVER_INFO));
    }
    assert.equal(r.exitCode, 5, r.stderr);
    assert.ok(r.durationMs < 2000, `took ${r.durationMs} ms`);
    const w = parse<{ met: boolean; attempts: number; detail: unknown; error: string | null; cutOff: boolean }>(r.stdout);
    assert.deepEqual([w.met, w.attempts, w.error, w.cutOff], [false, 2, null, true]);
    assert.deepEqual(w.detail, { count: 3, expected: 4, voters: [1, 2, 3], learners: [], joint: false });
    const error = errorLine(r.stderr);
    assert.equal(error.code, 'TIMEOUT');
    assert.match(error.message, /2 polls; the last poll was cut off, detail is the one before\)$/);
    assert.doesNotMatch(error.message, /failed/);
  });

  test('the only poll cut off: detail and error null, cutOff true, the table says so', async () => {
    kv.peer(1).queue('DiscoverLeader', delay(10_000));
    const r = await runCommand(['wait', 'leader', '-e', kv.endpoints[0]!, '--timeout', '5s', '--wait-timeout', '300ms']);
    assert.equal(r.exitCode, 5, r.stderr);
    assert.match(r.stdout, /^leader: not met after 1 poll \(\d+ ms\)\nNo poll finished\.\nThe final poll was cut off by --wait-timeout/);
    assert.match(lines(r.stderr)[0]!, /the only poll was cut off before it finished\)\. Hint: raise --wait-timeout/);
    kv.peer(1).queue('DiscoverLeader', delay(10_000));
    const j = await runCommand(['wait', 'leader', '-e', kv.endpoints[0]!, '--timeout', '5s', '--wait-timeout', '300ms', '--json']);
    const w = parse<{ attempts: number; detail: unknown; error: unknown; cutOff: boolean }>(j.stdout);
    assert.deepEqual([w.attempts, w.detail, w.error, w.cutOff], [1, null, null, true]);
  });

  // QA: `wait member-count 3 -e <wrong port>` exited 5 saying only "not met within --wait-timeout",
  // with count null and error null: nothing said that no endpoint could even be connected.
  test('a poll that learns nothing (no endpoint connected) failed: error says why, detail null; the TIMEOUT line names it', async () => {
    const down = await closedPort();
    for (const argv of [['wait', 'member-count', '3'], ['wait', 'caught-up', '2'], ['wait', 'leader']]) {
      const r = await runCommand([...argv, '-e', down, '--wait-timeout', '600ms', '--json']);
      assert.equal(r.exitCode, 5, `${argv.join(' ')}: ${r.stderr}`);
      const w = parse<{ met: boolean; detail: unknown; error: string | null }>(r.stdout);
      assert.equal(w.met, false);
      assert.equal(w.detail, null, argv.join(' '));
      assert.match(w.error ?? '', /no endpoint could be connected \(cannot connect to .*connection refused/, argv.join(' '));
      assert.match(errorLine(r.stderr).message, /last finished poll failed: .*no endpoint could be connected/, argv.join(' '));
    }
    const table = await runCommand(['wait', 'member-count', '3', '-e', down, '--wait-timeout', '600ms']);
    assert.match(table.stdout, /The last poll that finished failed\.\nLast finished poll failed: cluster status: no endpoint could be connected/);
  });

  test('wait usage errors: exit 2', async () => {
    for (const argv of [['wait', 'caught-up'], ['wait', 'caught-up', 'x'], ['wait', 'member-count', '0'], ['wait', 'sometime']]) {
      const r = await runCommand([...argv, '-e', kv.endpoints[0]!]);
      assert.equal(r.exitCode, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
    }
  });
});
