/**
 * Endpoints given in another spelling than the nodes advertise (README "Global flags",
 * "Endpoints and node addresses"): `-e localhost:P` for a node that advertises `127.0.0.1:P`
 * (/etc/hosts maps localhost to 127.0.0.1), `127.1:P`, an uppercase host (leading zeros in ports:
 * test/unit/transport/address-identity.test.ts, since the OS picks 5-digit ports here). Every command
 * must take such an endpoint for the node the cluster names at `127.0.0.1:P`: a leader named by
 * its followers whose own endpoint was given (and refuses connections) is a dead leader, a
 * member given as an endpoint is not asked a second time, a hinted leader given as an endpoint
 * is dialled as given (its connection reused), the same node given twice is asked once.
 *
 * Only 127.0.0.1, ::1 and `localhost` (resolved through /etc/hosts, no external DNS) are used.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { delay, respond } from '../harness/fake-peer.js';
import { withFakeKv } from './helpers/fake-kv.js';
import { startDengineCluster, type DengineNodeState } from './helpers/fake-nodes.js';
import { lines, runCommand } from './helpers/run-command.js';

const json = <T = Record<string, unknown>>(text: string): T => JSON.parse(text) as T;
const port = (address: string): string => address.slice(address.lastIndexOf(':') + 1);
/** `127.0.0.1:P` written as `localhost:P`. */
const asLocalhost = (address: string): string => `localhost:${port(address)}`;
const voter = (id: number, over: Partial<DengineNodeState> = {}): DengineNodeState => ({
  id, role: 1, status: 3, term: 3, lastLogIndex: 42, lastLogTerm: 3, appliedIndex: 42, leaderId: 1, ...over,
});

describe('a dead leader given as localhost:P while the followers name it at 127.0.0.1:P', () => {
  // Scenario: node 1, the leader, was just killed; its followers still name it (127.0.0.1:P1).
  // The operator lists the nodes as localhost:P. Expectation: the leader's own endpoint refused
  // the connection, so no leader is reported (exit 3), as with -e 127.0.0.1:P (README, `leader
  // discover`: "A leader whose own address is among the endpoints and could not be connected is
  // not reported"). Before: the spellings differed, the dead leader was reported (exit 0).
  test('leader discover exits 3 NO_LEADER; wait leader keeps waiting (exit 5)', async () => {
    const cluster = await startDengineCluster([voter(1), voter(2), voter(3)]);
    try {
      await cluster.nodes[0]!.close();
      const endpoints = cluster.endpoints.map(asLocalhost).join(',');
      const r = await runCommand(['leader', 'discover', '-e', endpoints, '--json']);
      assert.equal(r.exitCode, 3, r.stdout + r.stderr);
      const doc = json<{ leaderId: number | null; views: { endpoint: string; leaderId: number | null }[] }>(r.stdout);
      assert.equal(doc.leaderId, null);
      assert.deepEqual(doc.views.map((v) => [v.endpoint, v.leaderId]), cluster.endpoints.map((e, i) => [asLocalhost(e), i === 0 ? null : 1]));
      assert.match(r.stderr, /as leader, but it cannot be connected/);
      const w = await runCommand(['wait', 'leader', '-e', endpoints, '--wait-timeout', '400ms', '--json']);
      assert.equal(w.exitCode, 5, w.stdout + w.stderr);
      assert.equal(json<{ met: boolean }>(w.stdout).met, false);
    } finally {
      await cluster.close();
    }
  });

  test('other spellings of the same address count too: LOCALHOST:P and 127.1:P', async () => {
    const cluster = await startDengineCluster([voter(1), voter(2), voter(3)]);
    try {
      await cluster.nodes[0]!.close();
      const [first, ...rest] = cluster.endpoints;
      for (const spelled of [`LOCALHOST:${port(first!)}`, `127.1:${port(first!)}`]) {
        const r = await runCommand(['leader', 'discover', '-e', [spelled, ...rest].join(','), '--json']);
        assert.equal(r.exitCode, 3, `${spelled}: ${r.stdout}${r.stderr}`);
      }
    } finally {
      await cluster.close();
    }
  });
});

describe('a dead leader on ::1 that the followers name in another IPv6 notation', () => {
  // Scenario: nodes on [::1] reporting themselves as [0:0:0:0:0:0:0:1]:P; the leader is gone.
  // Expectation: `-e [::1]:P1,...` is that leader's endpoint (one IPv6 address, two notations):
  // exit 3, as for the same text.
  test('leader discover exits 3 NO_LEADER', async () => {
    const cluster = await startDengineCluster([voter(1), voter(2), voter(3)], { host: '[::1]', reportedHost: '[0:0:0:0:0:0:0:1]' });
    try {
      await cluster.nodes[0]!.close();
      const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints.join(','), '--json']);
      assert.match(cluster.endpoints[0]!, /^\[::1\]:\d+$/);
      assert.equal(r.exitCode, 3, r.stdout + r.stderr);
      assert.match(r.stderr, /name node 1 at \[0:0:0:0:0:0:0:1\]:\d+ \(term 3\) as leader, but it cannot be connected/);
    } finally {
      await cluster.close();
    }
  });
});

describe('leader discovery\'s straggler cut-off with the leader given as localhost:P', () => {
  // Scenario: node 1 leads; its own DiscoverLeader answer takes 1.5 s (longer than the 1 s
  // straggler wait), nodes 2 and 3 name it at once at 127.0.0.1:P1; every endpoint is given as
  // localhost:P. Expectation: the silent endpoint is the named leader's own, whose answer tells
  // a live leader from a dead one, so it is awaited (README: "unless it is the named leader's own
  // endpoint"): its view has its answer. Before: the spellings differed and it was cut off.
  test('the named leader\'s own endpoint is waited for', () =>
    withFakeKv(async (kv) => {
      kv.peer(1).handle('DiscoverLeader', delay(1500, respond({ leaderId: 1, leaderAddress: kv.peer(1).address, term: 3 })));
      const r = await runCommand(['leader', 'discover', '-e', kv.endpoints.map(asLocalhost).join(','), '--timeout', '8s', '--json']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const doc = json<{ leaderId: number; views: { leaderId: number | null; error: string | null }[] }>(r.stdout);
      assert.deepEqual(doc.views.map((v) => [v.leaderId, v.error]), [[1, null], [1, null], [1, null]]);
    }));
});

describe('cluster status and health with the endpoints given as localhost:P', () => {
  // Scenario: raftctl nodes advertising 127.0.0.1:P; -e localhost:P1,localhost:P2,localhost:P3
  // with node 3 down. Expectation: node 3 is asked once, at the endpoint given (README: "it is
  // not asked again as a member"), and listed unreachable. Before: its configured address
  // 127.0.0.1:P3 did not match the endpoint, so it was asked again (a hung node cost a second
  // --timeout) and the verdict named its failure twice.
  test('cluster status asks a down member given as an endpoint once; health names it once', () =>
    withFakeKv(async (kv) => {
      await kv.peer(3).kill();
      const before = kv.peer(3).wire.connections;
      const r = await runCommand(['cluster', 'status', '-e', kv.endpoints.map(asLocalhost).join(','), '--json']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const doc = json<{ leaderId: number; members: { id: number; address: string; reachable: boolean }[] }>(r.stdout);
      assert.equal(doc.leaderId, 1);
      // Members are shown at the addresses the cluster advertises.
      assert.deepEqual(doc.members.map((m) => [m.id, m.address, m.reachable]), kv.endpoints.map((e, i) => [i + 1, e, i !== 2]));
      assert.equal(kv.peer(3).wire.connections - before, 1, 'node 3 asked once');
    }));

  // Scenario: d-engine nodes advertising 127.0.0.1:P, all given as localhost:P, node 1 leads.
  // Expectation: the leader's own metadata is the answer its endpoint gave (not asked again at
  // 127.0.0.1:P1), and every member given as an endpoint is probed there. Before: node 1 was asked
  // GetClusterMetadata twice, once per spelling.
  test('d-engine: the leader given as localhost:P is not asked its metadata again at 127.0.0.1:P', async () => {
    const cluster = await startDengineCluster([voter(1), voter(2), voter(3)]);
    try {
      const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints.map(asLocalhost).join(','), '--json']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const doc = json<{ leaderId: number; members: { id: number; address: string; role: string; reachable: boolean }[] }>(r.stdout);
      assert.deepEqual(doc.members.map((m) => [m.id, m.address, m.role, m.reachable]), cluster.endpoints.map((e, i) => [i + 1, e, i === 0 ? 'leader' : 'follower', true]));
      assert.equal(cluster.nodes[0]!.calls.filter((c) => c === 'GetClusterMetadata').length, 1);
    } finally {
      await cluster.close();
    }
  });

  // Scenario: node 2 hung (GetNodeStatus never answers) and given as localhost:P2.
  // Expectation: `cluster health` says it gave no answer within the time left for it (its
  // outcome is found under the endpoint given), not merely "unreachable".
  test('cluster health names a hung voter given as localhost:P by why it was not counted', () =>
    withFakeKv(async (kv) => {
      kv.peer(2).handle('GetNodeStatus', delay(20_000));
      const r = await runCommand(['cluster', 'health', '-e', kv.endpoints.map(asLocalhost).join(','), '--degraded-ok', '--timeout', '10s', '--wait-timeout', '4s', '--json']);
      const doc = json<{ checks: { name: string; ok: boolean; detail: string }[] }>(r.stdout);
      const voters = doc.checks.find((c) => c.name === 'voters')!;
      assert.equal(voters.ok, false);
      assert.match(voters.detail, /^node 2 gave no answer within the \d+ ms left for it$/);
    }));
});

describe('kv routing with the endpoints given as localhost:P', () => {
  // Scenario: the leader (node 1, handshake held 1.5 s: a far node) is given first as
  // localhost:P1; the connect wait (1 s) gives up on it, node 2 names it at 127.0.0.1:P1.
  // Expectation: the hinted leader is the endpoint given: it is tried once more patiently on the
  // same channel (one TCP connection) and the result names it as given. Before: 127.0.0.1:P1 was
  // taken for another node: a second connection (and a second handshake wait).
  test('a slow leader named by a follower is dialled as given, on its first connection', () =>
    withFakeKv(async (kv) => {
      kv.peer(1).connectDelayMs = 1500;
      const given = asLocalhost(kv.endpoints[0]!);
      const r = await runCommand(['kv', 'put', 'k', 'v', '-e', `${given},${asLocalhost(kv.endpoints[1]!)}`, '--timeout', '8s', '--wait-timeout', '6s', '--json']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      assert.equal(json(r.stdout).endpoint, given);
      assert.equal(kv.revision, 1);
      assert.equal(kv.peer(1).wire.connections, 1);
    }));

  test('a leader named by a follower is answered as the endpoint given', () =>
    withFakeKv(async (kv) => {
      const given = kv.endpoints.map(asLocalhost);
      const r = await runCommand(['kv', 'get', 'k', '-e', `${given[1]},${given[0]}`, '--json']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const put = await runCommand(['kv', 'put', 'k', 'v', '-e', `${given[1]},${given[0]}`, '--json']);
      assert.equal(put.exitCode, 0, put.stderr);
      assert.equal(json(put.stdout).endpoint, given[0]);
    }));
});

describe('the same node given twice in different spellings', () => {
  // Expectation: asked once (the first spelling kept), as an exact duplicate is.
  test('leader discover lists it once', () =>
    withFakeKv(async (kv) => {
      const r = await runCommand(['leader', 'discover', '-e', `${kv.endpoints[0]},${asLocalhost(kv.endpoints[0]!)},${kv.endpoints[1]}`, '--json']);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.deepEqual(json<{ views: { endpoint: string }[] }>(r.stdout).views.map((v) => v.endpoint), [kv.endpoints[0], kv.endpoints[1]]);
    }));

  test('kv watch rotation does not try a refused node again under its other spelling', () =>
    withFakeKv(async (kv) => {
      await kv.peer(1).kill();
      const before = kv.peer(1).wire.connections;
      const r = await runCommand(['kv', 'watch', 'w', '--count', '1', '-o', 'ndjson', '-e', `${kv.endpoints[0]},${asLocalhost(kv.endpoints[0]!)}`, '--timeout', '2s']);
      assert.equal(r.exitCode, 4, r.stdout + r.stderr);
      assert.equal(lines(r.stderr).length, 1);
      assert.equal(kv.peer(1).wire.connections - before, 1);
    }));
});
