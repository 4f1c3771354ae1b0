/**
 * Which cluster `cluster status`, `cluster health` and `wait` read when the endpoints given
 * answer for different clusters (README, `cluster status`, `members[].reachable`): the cluster
 * most endpoints answer for; on a tie, the one whose configuration's member addresses name the
 * most of the endpoints given; still tied, no cluster is picked and the command exits 2
 * (AMBIGUOUS_CLUSTER), whatever the order of the endpoints.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { errorLine, runCommand } from './helpers/run-command.js';
import type { FakePeer } from '../harness/fake-peer.js';

const parse = <T>(text: string): T => JSON.parse(text) as T;

interface Status {
  source: string | null;
  leaderId: number | null;
  term: number | null;
  config: { voters: number[] } | null;
  members: { id: number; address: string | null; reachable: boolean }[];
}

/**
 * Makes `peer` a node of another, single-node cluster (`clusterId`) with node id `id`, leading
 * itself at term 9 on its own address: what `node start --bootstrap --id 1` on a stopped
 * member's address looks like.
 */
function makeForeign(peer: FakePeer, clusterId: string, id = 1): void {
  peer.handle('GetServerInfo', () => ({ version: '0.1.0', nodeId: id, clusterId, apiVersion: 1, features: [] }));
  peer.handle('GetNodeStatus', () => ({
    nodeId: id, role: 3, term: 9, leaderId: id, commitIndex: 900, appliedIndex: 900, firstLogIndex: 1, lastLogIndex: 900, lastLogTerm: 9,
    configuration: { voters: [id], votersOutgoing: [], learners: [] }, configIndex: 1, address: peer.address, peers: [],
  }));
  peer.handle('GetClusterMetadata', () => ({ version: 1, nodes: [{ id, address: peer.address, role: 1, status: 3 }], currentLeaderId: id }));
  peer.handle('DiscoverLeader', () => ({ leaderId: id, leaderAddress: peer.address, term: 9 }));
}

describe('the cluster the endpoints mean', () => {
  test('QA repro: a foreign single-node cluster\'s node 1 on member 2\'s address: status, health and wait read the real cluster in either endpoint order', async () => {
    const own: FakeKvCluster = await startFakeKv();
    try {
      makeForeign(own.peer(2), 'another', 1);
      const [a, b] = [own.endpoints[0]!, own.endpoints[1]!];
      for (const endpoints of [`${a},${b}`, `${b},${a}`]) {
        const st = await runCommand(['cluster', 'status', '-e', endpoints, '--json']);
        assert.equal(st.exitCode, 0, `${endpoints}: ${st.stderr}`);
        const doc = parse<Status>(st.stdout);
        assert.equal(doc.leaderId, 1, endpoints);
        assert.equal(doc.term, 3, endpoints);
        assert.deepEqual(doc.config?.voters, [1, 2, 3], endpoints);
        assert.deepEqual(doc.members.map((m) => [m.id, m.address, m.reachable]), [[1, a, true], [2, b, false], [3, own.endpoints[2], true]], endpoints);

        const h = await runCommand(['cluster', 'health', '-e', endpoints, '--json']);
        assert.equal(h.exitCode, 8, `${endpoints}: ${h.stdout} ${h.stderr}`);
        const health = parse<{ healthy: boolean; checks: { name: string; ok: boolean; detail: string }[] }>(h.stdout);
        assert.deepEqual(health.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail]), [['voters', "node 2's address answers for another cluster (another)"]]);

        const w = await runCommand(['wait', 'member-count', '3', '-e', endpoints, '--json', '--wait-timeout', '2s']);
        assert.equal(w.exitCode, 0, `${endpoints}: ${w.stdout} ${w.stderr}`);
      }
    } finally {
      await own.close();
    }
  });

  test('two clusters named equally by the endpoints: no cluster is picked, exit 2 AMBIGUOUS_CLUSTER naming both, in either order; wait stops at once', async () => {
    const x = await startFakeKv({ nodes: 1 });
    const y = await startFakeKv({ nodes: 1 });
    try {
      makeForeign(y.peer(1), 'another', 1);
      const [ex, ey] = [x.endpoints[0]!, y.endpoints[0]!];
      for (const endpoints of [`${ex},${ey}`, `${ey},${ex}`]) {
        const st = await runCommand(['cluster', 'status', '-e', endpoints, '--json']);
        assert.equal(st.exitCode, 2, `${endpoints}: ${st.stdout} ${st.stderr}`);
        // A verdict command: the result is printed, with no cluster's numbers in it.
        assert.deepEqual(parse<Status>(st.stdout), { source: 'raftctl', leaderId: null, term: null, configIndex: null, joint: null, config: null, members: [] });
        const err = errorLine(st.stderr);
        assert.equal(err.code, 'AMBIGUOUS_CLUSTER');
        assert.equal(err.exitCode, 2);
        assert.match(err.message, /^cluster status: the endpoints answer for 2 clusters equally: /);
        assert.ok(err.message.includes(`cluster fake at ${ex}`) && err.message.includes(`cluster another at ${ey}`), err.message);
        assert.match(err.hint, /endpoints of one cluster/);

        const h = await runCommand(['cluster', 'health', '-e', endpoints, '--json']);
        assert.equal(h.exitCode, 2, `${endpoints}: ${h.stdout} ${h.stderr}`);
        const health = parse<{ healthy: boolean; checks: { name: string; ok: boolean; detail: string }[] }>(h.stdout);
        assert.equal(health.healthy, false);
        assert.match(health.checks.find((c) => c.name === 'leader')!.detail, /the endpoints answer for 2 clusters equally/);
        assert.equal(errorLine(h.stderr).code, 'AMBIGUOUS_CLUSTER');
        assert.equal(x.store.size + y.store.size, 0, 'nothing written to either cluster');

        const w = await runCommand(['wait', 'member-count', '1', '-e', endpoints, '--json', '--wait-timeout', '10s']);
        assert.equal(w.exitCode, 2, `${endpoints}: ${w.stdout} ${w.stderr}`);
        assert.ok(w.durationMs < 5000, `took ${w.durationMs} ms`);
        const wr = parse<{ met: boolean; attempts: number; detail: unknown; error: string | null }>(w.stdout);
        assert.deepEqual([wr.met, wr.attempts, wr.detail], [false, 1, null]);
        assert.match(wr.error ?? '', /the endpoints answer for 2 clusters equally/);
        assert.equal(errorLine(w.stderr).code, 'AMBIGUOUS_CLUSTER');
      }
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });
});
