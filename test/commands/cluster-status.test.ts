/**
 * `raftctl cluster status` end to end in-process, against fake d-engine and raftctl nodes on
 * 127.0.0.1 (CLI.md "JSON shapes"; PROTOCOL.md "Reading a d-engine node").
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  closedPort,
  startDengineCluster,
  startRaftctlCluster,
  type DengineNodeState,
  type FakeDengineCluster,
  type FakeRaftctlCluster,
  type RaftctlNodeState,
} from './helpers/fake-nodes.js';
import { lines, runCommand } from './helpers/run-command.js';
import { startFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { delay } from '../harness/fake-peer.js';
import { startHungServer, type HungServer } from '../harness/hung-server.js';
import { readClusterStatus } from '../../src/app/cluster-status.js';
import { CallBudget, type OperatorContext } from '../../src/app/operator.js';

const STATUS_KEYS = ['source', 'leaderId', 'term', 'configIndex', 'joint', 'config', 'members'];
const MEMBER_KEYS = ['id', 'address', 'role', 'status', 'term', 'commitIndex', 'appliedIndex', 'lastLogIndex', 'matchIndex', 'lag', 'lagMs', 'reachable'];
const NUMERIC = ['term', 'commitIndex', 'appliedIndex', 'lastLogIndex', 'matchIndex', 'lag', 'lagMs'];

type Member = Record<string, unknown> & { id: number };
type Status = Record<string, unknown> & { members: Member[] };

/** Asserts CLI.md's `cluster status` shape: exactly these keys, in this order, with these types. */
function assertStatusShape(doc: Status): void {
  assert.deepEqual(Object.keys(doc), STATUS_KEYS);
  assert.ok(doc.source === null || doc.source === 'raftctl' || doc.source === 'd-engine');
  for (const k of ['leaderId', 'term', 'configIndex']) assert.ok(doc[k] === null || Number.isSafeInteger(doc[k]), k);
  assert.ok(doc.joint === null || typeof doc.joint === 'boolean');
  if (doc.config !== null) {
    assert.deepEqual(Object.keys(doc.config as object), ['voters', 'votersOutgoing', 'learners']);
    for (const list of Object.values(doc.config as Record<string, number[]>)) assert.deepEqual(list, [...list].sort((a, b) => a - b));
  }
  assert.deepEqual(doc.members.map((m) => m.id), doc.members.map((m) => m.id).sort((a, b) => a - b), 'members sorted by id');
  for (const m of doc.members) {
    assert.deepEqual(Object.keys(m), MEMBER_KEYS);
    assert.ok(Number.isSafeInteger(m.id) && m.id > 0);
    assert.ok(m.address === null || typeof m.address === 'string');
    assert.ok(['leader', 'follower', 'candidate', 'learner', 'unknown'].includes(m.role as string), String(m.role));
    assert.ok(['active', 'promotable', 'read-only', 'unspecified'].includes(m.status as string), String(m.status));
    for (const k of NUMERIC) assert.ok(m[k] === null || Number.isSafeInteger(m[k]), `member ${m.id} ${k}`);
    assert.equal(typeof m.reachable, 'boolean');
  }
}

const dvoter = (id: number, over: Partial<DengineNodeState> = {}): DengineNodeState => ({
  id, role: 1, status: 3, term: 5, lastLogIndex: 40 + id, lastLogTerm: 5, appliedIndex: 40, leaderId: 1, ...over,
});

describe('cluster status against d-engine nodes', () => {
  let cluster: FakeDengineCluster;
  before(async () => {
    cluster = await startDengineCluster([dvoter(1), dvoter(2), dvoter(3), dvoter(4, { role: 4, status: 1, term: 5, lastLogIndex: 30 })]);
  });
  after(() => cluster.close());

  test('--json fills what d-engine tells and leaves the rest null (source "d-engine")', async () => {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[1]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stderr, '');
    const doc = JSON.parse(r.stdout) as Status;
    assertStatusShape(doc);
    const [a1, a2, a3, a4] = cluster.endpoints;
    const unknownReplication = { commitIndex: null, matchIndex: null, lag: null, lagMs: null };
    assert.deepEqual(doc, {
      source: 'd-engine',
      leaderId: 1,
      term: 5,
      configIndex: null,
      joint: false,
      config: { voters: [1, 2, 3], votersOutgoing: [], learners: [4] },
      members: [
        { id: 1, address: a1, role: 'leader', status: 'active', term: 5, ...unknownReplication, appliedIndex: 40, lastLogIndex: 41, reachable: true },
        { id: 2, address: a2, role: 'follower', status: 'active', term: 5, ...unknownReplication, appliedIndex: null, lastLogIndex: 42, reachable: true },
        { id: 3, address: a3, role: 'follower', status: 'active', term: 5, ...unknownReplication, appliedIndex: null, lastLogIndex: 43, reachable: true },
        { id: 4, address: a4, role: 'learner', status: 'promotable', term: 5, ...unknownReplication, appliedIndex: null, lastLogIndex: 30, reachable: true },
      ].map((m) => Object.fromEntries(MEMBER_KEYS.map((k) => [k, (m as Record<string, unknown>)[k]]))),
    });
  });

  test('reads each source as PROTOCOL.md says: metadata, vote probe on every member, Scan on the leader only', async () => {
    for (const n of cluster.nodes) n.calls.length = 0;
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 0);
    assert.ok(cluster.nodes[0]!.calls.includes('GetClusterMetadata'));
    for (const n of cluster.nodes) assert.ok(n.calls.includes('RequestVote'), `probe sent to ${n.address}`);
    assert.deepEqual(cluster.nodes.map((n) => n.calls.filter((c) => c === 'HandleClientScan').length), [1, 0, 0, 0]);
  });

  test('-o yaml and -o ndjson carry the same document', async () => {
    const json = JSON.parse((await runCommand(['cluster', 'status', '-e', cluster.endpoints[0]!, '--json'])).stdout) as Status;
    const nd = await runCommand(['cluster', 'status', '-e', cluster.endpoints[0]!, '-o', 'ndjson']);
    assert.equal(lines(nd.stdout).length, 1);
    assert.deepEqual(JSON.parse(nd.stdout), json);
    const yaml = await runCommand(['cluster', 'status', '-e', cluster.endpoints[0]!, '-o', 'yaml']);
    assert.equal(yaml.exitCode, 0);
    const y = lines(yaml.stdout);
    assert.deepEqual(y.slice(0, 13), [
      'source: d-engine', 'leaderId: 1', 'term: 5', 'configIndex: null', 'joint: false', 'config:',
      '  voters:', '    - 1', '    - 2', '    - 3', '  votersOutgoing: []', '  learners:', '    - 4',
    ]);
    assert.equal(y[13], 'members:');
    assert.equal(y[14], '  - id: 1');
    assert.equal(y[15], `    address: "${cluster.endpoints[0]}"`);
    assert.equal(y.filter((l) => l.startsWith('  - id: ')).length, 4);
  });

  test('table and wide: a summary, then one row per member; wide adds MATCH and LAG-MS', async () => {
    const t = await runCommand(['cluster', 'status', '-e', cluster.endpoints[0]!]);
    assert.equal(t.exitCode, 0);
    const out = lines(t.stdout);
    assert.equal(out[0], 'Leader: node 1, term 5, config index - (source d-engine)');
    assert.equal(out[1], 'Voters: 1, 2, 3; learners: 4');
    assert.match(out[2]!, /^ID\s+ADDRESS\s+ROLE\s+STATUS\s+TERM\s+COMMIT\s+APPLIED\s+LAST-LOG\s+LAG\s+REACHABLE$/);
    assert.match(out[3]!, /^1\s+127\.0\.0\.1:\d+\s+leader\s+active\s+5\s+-\s+40\s+41\s+-\s+yes$/);
    assert.equal(out.length, 4 + 3);
    const w = await runCommand(['cluster', 'status', '-e', cluster.endpoints[0]!, '-o', 'wide']);
    assert.match(lines(w.stdout)[2]!, /\bMATCH\b.*\bLAG\b.*\bLAG-MS\b/);
  });
});

describe('cluster status against d-engine nodes whose configured addresses carry a scheme', () => {
  let cluster: FakeDengineCluster;
  before(async () => {
    cluster = await startDengineCluster([dvoter(1), dvoter(2), dvoter(3)], { addressPrefix: 'http://' });
  });
  after(() => cluster.close());

  // d-engine reports NodeMeta.address as configured and strips a scheme itself (reference §1.6):
  // an address with "http://" must be dialled without it, or every member reads as unreachable.
  test('members are listed and probed at host:port (scheme stripped), all reachable, the leader\'s Scan read', async () => {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[1]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Status;
    assertStatusShape(doc);
    assert.deepEqual(doc.members.map((m) => [m.address, m.reachable]), cluster.endpoints.map((e) => [e, true]));
    assert.equal(doc.members[0]!.appliedIndex, 40);
    for (const n of cluster.nodes) assert.ok(n.calls.includes('RequestVote'), `probe sent to ${n.address}`);
  });
});

describe('d-engine nodes configured with 0.0.0.0 addresses (reference §1.6: as in d-engine\'s examples)', () => {
  // The nodes listen on 127.0.0.2 and report 0.0.0.0:PORT. Dialling 0.0.0.0 reaches this host's
  // own 127.0.0.1, where nothing of this cluster listens (or, worse, another cluster does).
  // Such a cluster only works when every node shares one host, so the host to dial is the one of
  // the endpoint that gave the answer.
  let cluster: FakeDengineCluster;
  before(async () => {
    cluster = await startDengineCluster([dvoter(1), dvoter(2), dvoter(3)], { host: '127.0.0.2', reportedHost: '0.0.0.0' });
  });
  after(() => cluster.close());

  test('cluster status reads every member at the endpoint\'s host with the reported port', async () => {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[1]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { leaderId: number; members: { id: number; address: string; reachable: boolean }[] };
    assert.deepEqual(s.members.map((m) => [m.address, m.reachable]), cluster.endpoints.map((e) => [e, true]));
  });

  test('leader discover names the leader at a dialable address', async () => {
    const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints[2]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { address: string }).address, cluster.endpoints[0]);
  });
});

describe('d-engine endpoints that cannot read the cluster: a learner, a voter not ready yet', () => {
  let cluster: FakeDengineCluster;
  before(async () => {
    cluster = await startDengineCluster([dvoter(1), dvoter(2), dvoter(3, { notReady: true }), dvoter(4, { role: 4, status: 1 })]);
  });
  after(() => cluster.close());

  test('a voter whose readiness gate refuses (reference §3.0): exit 3, and the error line says why', async () => {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[2]!, '--json']);
    assert.equal(r.exitCode, 3, r.stderr);
    const err = (JSON.parse(lines(r.stderr)[0]!) as { error: { message: string } }).error;
    assert.match(err.message, /Service is not ready/);
  });

  test('a learner (it refuses GetClusterMetadata and DiscoverLeader, reference §3.6, §3.8): exit 3, saying it is a learner and to give a voter, not "an election may be in progress"', async () => {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[3]!, '--json']);
    assert.equal(r.exitCode, 3, r.stderr);
    const err = (JSON.parse(lines(r.stderr)[0]!) as { error: { message: string; hint: string } }).error;
    assert.match(err.message, /is a d-engine learner/);
    assert.match(err.hint, /voter/);
    assert.doesNotMatch(err.hint, /election/);
  });
});

describe('cluster status with a d-engine member down or no leader', () => {
  test('a member that cannot be reached is listed with reachable:false and nulls; the verdict stays 0', async () => {
    const cluster = await startDengineCluster([dvoter(1), dvoter(2), dvoter(3)]);
    try {
      await cluster.nodes[2]!.close();
      const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[0]!, '--json', '--timeout', '1s']);
      assert.equal(r.exitCode, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as Status;
      assertStatusShape(doc);
      const m3 = doc.members.find((m) => m.id === 3)!;
      assert.equal(m3.reachable, false);
      assert.equal(m3.role, 'unknown');
      assert.equal(m3.address, cluster.endpoints[2]);
      for (const k of NUMERIC) assert.equal(m3[k], null, k);
    } finally {
      await cluster.close();
    }
  });

  test('a leader that died, still named by its followers: no leader (exit 3), its row unknown (the d-engine way too)', async () => {
    const cluster = await startDengineCluster([dvoter(1), dvoter(2), dvoter(3)]);
    try {
      await cluster.nodes[0]!.close();
      const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints.join(','), '--json', '--timeout', '1s']);
      assert.equal(r.exitCode, 3, r.stderr);
      const doc = JSON.parse(r.stdout) as Status;
      assertStatusShape(doc);
      assert.equal(doc.leaderId, null);
      assert.deepEqual(doc.members.map((m) => [m.id, m.reachable, m.role]), [[1, false, 'unknown'], [2, true, 'follower'], [3, true, 'follower']]);
    } finally {
      await cluster.close();
    }
  });

  test('a hung member (accepts TCP, never answers) among the endpoints: the live nodes are still read within --wait-timeout (the d-engine way too)', async () => {
    const cluster = await startDengineCluster([dvoter(1), dvoter(2), dvoter(3)]);
    let hung: HungServer | undefined;
    try {
      await cluster.nodes[2]!.close();
      const [host, port] = cluster.endpoints[2]!.split(':');
      hung = await startHungServer(host, Number(port));
      const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints.join(','), '--timeout', '3s', '--wait-timeout', '2s', '--json']);
      assert.equal(r.exitCode, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as Status;
      assert.equal(doc.source, 'd-engine');
      assert.equal(doc.leaderId, 1);
      assert.deepEqual(doc.members.map((m) => [m.id, m.reachable]), [[1, true], [2, true], [3, false]]);
    } finally {
      await hung?.close();
      await cluster.close();
    }
  });

  test('exit 3 when the live nodes know no leader: full result on stdout, one error line', async () => {
    const cluster = await startDengineCluster([dvoter(1, { leaderId: null }), dvoter(2, { leaderId: null })]);
    try {
      const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints.join(','), '--json']);
      assert.equal(r.exitCode, 3);
      const doc = JSON.parse(r.stdout) as Status;
      assertStatusShape(doc);
      assert.equal(doc.leaderId, null);
      assert.deepEqual(doc.members.map((m) => [m.id, m.role, m.reachable]), [[1, 'unknown', true], [2, 'unknown', true]]);
      const err = lines(r.stderr);
      assert.equal(err.length, 1);
      assert.equal((JSON.parse(err[0]!) as { error: { code: string; exitCode: number } }).error.exitCode, 3);
    } finally {
      await cluster.close();
    }
  });
});

test('d-engine: a stale leader named by some metadata answers (a partitioned old leader still naming itself, reference §3.6) is not taken: the leaders named disagree, so DiscoverLeader (highest term) decides', async () => {
  // Node 1 led at term 4 and was cut off from 2 and 3, which elected 2 at term 5; d-engine has no
  // check-quorum step-down, so node 1 still names itself. It is the first endpoint given.
  const cluster = await startDengineCluster([dvoter(1, { term: 4, leaderId: 1 }), dvoter(2, { leaderId: 2 }), dvoter(3, { leaderId: 2 })]);
  try {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints.join(','), '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { leaderId: number; term: number; members: { id: number; role: string }[] };
    assert.equal(s.leaderId, 2);
    assert.equal(s.term, 5);
    assert.deepEqual(s.members.map((m) => m.role), ['unknown', 'leader', 'follower']);
  } finally {
    await cluster.close();
  }
});

test('d-engine: a deposed leader confirmed by the only endpoint given (its follower, cut off with it) is not taken once a member answers at a newer term: DiscoverLeader over the members (highest term) decides', async () => {
  // Node 1 led at term 4; it and its follower 2 were cut off from 3, 4 and 5, which elected 3 at
  // term 5 (a majority). d-engine has no check-quorum step-down (reference §3.6), so node 1 still
  // names itself, and node 2, which still hears it, names it too. Only node 2 is given; this host
  // reaches every node. Node 3's term-5 probe answer proves a newer leader may exist.
  const cluster = await startDengineCluster([
    dvoter(1, { term: 4, leaderId: 1 }),
    dvoter(2, { term: 4, leaderId: 1 }),
    dvoter(3, { leaderId: 3 }),
    dvoter(4, { leaderId: 3 }),
    dvoter(5, { leaderId: 3 }),
  ]);
  try {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[1]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { leaderId: number; term: number; members: { id: number; role: string; appliedIndex: number | null }[] };
    assert.equal(s.leaderId, 3);
    assert.equal(s.term, 5);
    assert.deepEqual(s.members.map((m) => m.role), ['unknown', 'unknown', 'leader', 'follower', 'follower']);
    assert.deepEqual(s.members.map((m) => m.appliedIndex), [null, null, 40, null, null], 'the applied index is the new leader\'s Scan revision');
  } finally {
    await cluster.close();
  }
});

// Scenario: the deposed-leader case above, with the newer members slow to answer DiscoverLeader
// (3 s), under cluster health's --wait-timeout 2s. Expectation: the extra DiscoverLeader round
// keeps to the cut-off the probes have (half of --wait-timeout): past it the metadata's leader
// stands and the write and read checks still run, instead of the round using up --wait-timeout.
test('d-engine: the deposed-leader re-check keeps to cluster health\'s straggler cut-off', async () => {
  const slow = { discoverDelayMs: 3000 };
  const cluster = await startDengineCluster([
    dvoter(1, { term: 4, leaderId: 1 }),
    dvoter(2, { term: 4, leaderId: 1 }),
    dvoter(3, { leaderId: 3, ...slow }),
    dvoter(4, { leaderId: 3, ...slow }),
    dvoter(5, { leaderId: 3, ...slow }),
  ]);
  try {
    const r = await runCommand(['cluster', 'health', '-e', cluster.endpoints[1]!, '--wait-timeout', '2s', '--json']);
    const h = JSON.parse(r.stdout) as { checks: { name: string; detail: string }[] };
    assert.ok(!h.checks.some((c) => /not run: --wait-timeout/.test(c.detail)), `every check ran: ${r.stdout}`);
  } finally {
    await cluster.close();
  }
});

// Scenario: learner 5 just joined and learner 4 was just promoted; node 1, the first endpoint, has
// not applied those entries yet (d-engine applies membership at commit; a lagging or cut-off
// follower applies later). AddNode and promotions do not bump d-engine's membership `version`
// (reference §4), so both answers carry the same version. Expectation: the more advanced
// configuration (within one version, changes only add members and promote learners) is
// reported, as `wait member-count` needs, not the first answer's.
test('d-engine: among metadata answers of one version, the one with the change applied wins (an AddNode or promotion leaves the version as it was)', async () => {
  const cluster = await startDengineCluster([
    dvoter(1, { leaderId: 2, knows: [1, 2, 3, 4], rolesSeen: { 4: 4 } }),
    dvoter(2, { leaderId: 2 }),
    dvoter(3, { leaderId: 2 }),
    dvoter(4, { leaderId: 2 }),
    dvoter(5, { role: 4, status: 1, leaderId: 2 }),
  ]);
  try {
    const r = await runCommand(['cluster', 'status', '-e', `${cluster.endpoints[0]!},${cluster.endpoints[1]!}`, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { config: { voters: number[]; learners: number[] }; members: { id: number; role: string }[] };
    assert.deepEqual(s.config, { voters: [1, 2, 3, 4], votersOutgoing: [], learners: [5] });
    assert.deepEqual(s.members.map((m) => [m.id, m.role]), [[1, 'follower'], [2, 'leader'], [3, 'follower'], [4, 'follower'], [5, 'learner']]);
    const wait = await runCommand(['wait', 'member-count', '5', '-e', `${cluster.endpoints[0]!},${cluster.endpoints[1]!}`, '--wait-timeout', '3s', '--json']);
    assert.equal(wait.exitCode, 0, wait.stderr);
  } finally {
    await cluster.close();
  }
});

test('d-engine: a candidate\'s stale leader id (reference §3.6) is not taken when that node\'s own metadata names another leader', async () => {
  // Node 3 (first endpoint) lost the leader at term 5 and campaigns at term 6, still naming node 1;
  // node 1 now follows node 2 (elected at term 5 after 1 stepped down). Only node 3 is asked.
  const cluster = await startDengineCluster([dvoter(1, { leaderId: 2 }), dvoter(2, { leaderId: 2 }), dvoter(3, { term: 6, leaderId: 1, candidate: true })]);
  try {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[2]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { leaderId: number | null; members: { id: number; role: string }[] };
    assert.equal(s.leaderId, 2, 'node 1 names node 2 as its leader: it is not the leader');
    assert.deepEqual(s.members.map((m) => m.role), ['follower', 'leader', 'candidate'], 'node 3 refuses DiscoverLeader as only a d-engine candidate voter does (reference §3.8)');
  } finally {
    await cluster.close();
  }
});

test('d-engine: a voter at another term than the leader\'s that answers DiscoverLeader is `unknown`, not `candidate`', async () => {
  // Node 3 still answers at term 4 (it has not heard from leader 1 at term 5 yet) and, as a follower, names its leader.
  const cluster = await startDengineCluster([dvoter(1), dvoter(2), dvoter(3, { term: 4 })]);
  try {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints.join(','), '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { members: { id: number; role: string }[] };
    assert.deepEqual(s.members.map((m) => m.role), ['leader', 'follower', 'unknown']);
    assert.ok(cluster.nodes[2]!.calls.includes('DiscoverLeader'), 'the off-term voter was asked');
  } finally {
    await cluster.close();
  }
});

test('d-engine: when the metadata names no leader, DiscoverLeader (highest term) supplies it', async () => {
  const cluster = await startDengineCluster([dvoter(1, { metadataNamesLeader: false }), dvoter(2, { metadataNamesLeader: false })]);
  try {
    for (const n of cluster.nodes) n.calls.length = 0;
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints.join(','), '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Status;
    assert.equal(doc.leaderId, 1);
    assert.deepEqual(doc.members.map((m) => m.role), ['leader', 'follower']);
    assert.ok(cluster.nodes.every((n) => n.calls.includes('DiscoverLeader')));
  } finally {
    await cluster.close();
  }
});

/** A raftctl leader (1) with two followers (2, 3) and a read-only learner (4). */
function raftctlStates(): RaftctlNodeState[] {
  const configuration = { voters: [3, 1, 2], votersOutgoing: [], learners: [{ id: 4, address: '', readOnly: true }] };
  const base = { term: 7, leaderId: 1, firstLogIndex: 1, lastLogTerm: 7, configuration, configIndex: 12 };
  return [
    {
      ...base, nodeId: 1, role: 3, commitIndex: 100, appliedIndex: 99, lastLogIndex: 101,
      peers: [
        { id: 2, matchIndex: 101, nextIndex: 102, state: 2, inflight: 0, lastContactMs: 15, lagEntries: 0 },
        { id: 3, matchIndex: 90, nextIndex: 91, state: 1, inflight: 1, lastContactMs: 250, lagEntries: 11 },
        { id: 4, matchIndex: 80, nextIndex: 81, state: 1, inflight: 0, lastContactMs: null, lagEntries: 21 },
      ],
    },
    { ...base, nodeId: 2, role: 1, commitIndex: 100, appliedIndex: 100, lastLogIndex: 101, peers: [] },
    { ...base, nodeId: 3, role: 1, commitIndex: 90, appliedIndex: 90, lastLogIndex: 90, peers: [] },
    { ...base, nodeId: 4, role: 4, commitIndex: 80, appliedIndex: 80, lastLogIndex: 80, peers: [] },
  ];
}

describe('cluster status against raftctl nodes', () => {
  let cluster: FakeRaftctlCluster;
  before(async () => {
    cluster = await startRaftctlCluster(raftctlStates());
    // The learner's configured address, as the leader's configuration reports it.
    for (const s of cluster.states) s.configuration!.learners![0]!.address = cluster.endpoints[3]!;
  });
  after(() => cluster.close());

  test('from one follower endpoint: every member read at its address, the leader\'s peers give match/lag/lagMs', async () => {
    const r = await runCommand(['cluster', 'status', '-e', cluster.endpoints[2]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Status;
    assertStatusShape(doc);
    assert.deepEqual(
      { ...doc, members: undefined },
      { source: 'raftctl', leaderId: 1, term: 7, configIndex: 12, joint: false, config: { voters: [1, 2, 3], votersOutgoing: [], learners: [4] }, members: undefined },
    );
    const rows = doc.members.map((m) => [m.id, m.address, m.role, m.status, m.term, m.commitIndex, m.appliedIndex, m.lastLogIndex, m.matchIndex, m.lag, m.lagMs, m.reachable]);
    const [a1, a2, a3, a4] = cluster.endpoints;
    assert.deepEqual(rows, [
      [1, a1, 'leader', 'active', 7, 100, 99, 101, 101, 0, 0, true],
      [2, a2, 'follower', 'active', 7, 100, 100, 101, 101, 0, 15, true],
      [3, a3, 'follower', 'active', 7, 90, 90, 90, 90, 11, 250, true],
      [4, a4, 'learner', 'read-only', 7, 80, 80, 80, 80, 21, null, true],
    ]);
  });

  /** `cluster status` from the leader's endpoint with node 3 stopped: member 3 as reported. */
  async function member3WhileDown(states: RaftctlNodeState[]): Promise<Status['members'][number]> {
    const c = await startRaftctlCluster(states);
    try {
      for (const s of states) s.configuration!.learners![0]!.address = c.endpoints[3]!;
      await c.nodes[2]!.close();
      const r = await runCommand(['cluster', 'status', '-e', c.endpoints[0]!, '--json', '--timeout', '1s']);
      assert.equal(r.exitCode, 0, r.stderr);
      return (JSON.parse(r.stdout) as Status).members.find((m) => m.id === 3)!;
    } finally {
      await c.close();
    }
  }

  test('a member that has acknowledged nothing to this leader (matchIndex 0): matchIndex, lag and lagMs are null, not 0 and the whole log', async () => {
    const states = raftctlStates();
    (states[0]!.peers as { id: number; matchIndex: number; lagEntries: number; lastContactMs: number | null }[])[1] = { id: 3, matchIndex: 0, lagEntries: 101, lastContactMs: null };
    const m3 = await member3WhileDown(states);
    assert.deepEqual([m3.reachable, m3.matchIndex, m3.lag, m3.lagMs], [false, null, null, null]);
  });

  test('a hung member (accepts TCP, never answers) among the endpoints: the live nodes are still read within --wait-timeout, and it is asked once', async () => {
    const states = raftctlStates();
    const c = await startRaftctlCluster(states);
    let hung: HungServer | undefined;
    try {
      for (const s of states) s.configuration!.learners![0]!.address = c.endpoints[3]!;
      // Node 3 freezes (SIGSTOP): its port still accepts connections, nothing answers.
      await c.nodes[2]!.close();
      const [host, port] = c.endpoints[2]!.split(':');
      hung = await startHungServer(host, Number(port));
      const r = await runCommand(['cluster', 'status', '-e', c.endpoints.slice(0, 3).join(','), '--timeout', '3s', '--wait-timeout', '2s', '--json']);
      assert.equal(r.exitCode, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as Status;
      assert.equal(doc.leaderId, 1);
      assert.deepEqual(doc.members.map((m) => [m.id, m.reachable]), [[1, true], [2, true], [3, false], [4, true]]);
      assert.deepEqual(c.nodes[0]!.calls.filter((m) => m === 'GetNodeStatus').length, 1);
      assert.equal(hung.connections, 1, 'the hung endpoint is not dialled again as a member');
    } finally {
      await hung?.close();
      await c.close();
    }
  });

  test('a member that stopped answering shows reachable:false with the leader\'s view kept', async () => {
    const m3 = await member3WhileDown(raftctlStates());
    assert.deepEqual(
      [m3.reachable, m3.role, m3.term, m3.commitIndex, m3.appliedIndex, m3.lastLogIndex, m3.matchIndex, m3.lag, m3.lagMs],
      [false, 'unknown', null, null, null, null, 90, 11, 250],
    );
  });
});

// Runbook "kill -9 the leader": for up to an election timeout its followers still name it. A
// leader that nobody read as leader and whose own address cannot be connected is not reported.
test('raftctl: right after the leader died (its followers still name it): no leader (exit 3), it is listed unknown and unreachable; cluster health fails `leader` and writes nothing', async () => {
  const states = raftctlStates();
  const c = await startRaftctlCluster(states);
  try {
    for (const s of states) s.configuration!.learners![0]!.address = c.endpoints[3]!;
    await c.nodes[0]!.close();
    // With and without the dead leader's own address among the endpoints.
    const followers = c.endpoints.slice(1, 3).join(',');
    for (const endpoints of [c.endpoints.slice(0, 3).join(','), followers]) {
      const r = await runCommand(['cluster', 'status', '-e', endpoints, '--json', '--timeout', '1s']);
      assert.equal(r.exitCode, 3, r.stderr);
      const doc = JSON.parse(r.stdout) as Status;
      assertStatusShape(doc);
      assert.deepEqual([doc.leaderId, doc.term], [null, 7]);
      assert.deepEqual(doc.members.map((m) => [m.id, m.role, m.reachable]), [[1, 'unknown', false], [2, 'follower', true], [3, 'follower', true], [4, 'learner', true]]);
      const err = JSON.parse(lines(r.stderr)[0]!) as { error: { code: string; message: string } };
      assert.equal(err.error.code, 'NO_LEADER');
      assert.match(err.error.message, new RegExp(`cannot connect to ${c.endpoints[0]}`));
    }

    const h = await runCommand(['cluster', 'health', '-e', followers, '--json', '--timeout', '1s']);
    assert.equal(h.exitCode, 8, h.stderr);
    const checks = (JSON.parse(h.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks;
    assert.deepEqual(checks.map((x) => [x.name, x.ok]), [['leader', false], ['quorum', true], ['voters', false], ['write', false], ['linearizable-read', false], ['commit-advancing', false]]);
    assert.equal(checks[3]!.detail, 'skipped: no leader');
  } finally {
    await c.close();
  }
});

// A five-node cluster that lost three voters: its leader steps down (check-quorum) and says it
// knows no leader, while a follower whose election timer has not fired yet still names it. The
// named leader was read and does not lead at that term: no leader is reported (exit 3), never
// "Leader: node 1" above a row that says node 1 is a follower.
test('raftctl: a leader that stepped down while a follower still names it is not reported (exit 3); cluster health fails `leader` and writes nothing', async () => {
  const states = raftctlStates();
  states[0] = { ...states[0]!, role: 1, leaderId: 0, peers: [] }; // node 1: follower at term 7, knows no leader
  const c = await startRaftctlCluster(states);
  try {
    for (const s of states) s.configuration!.learners![0]!.address = c.endpoints[3]!;
    for (const endpoints of [c.endpoints.slice(0, 3).join(','), c.endpoints[1]!]) {
      const r = await runCommand(['cluster', 'status', '-e', endpoints, '--json', '--timeout', '1s']);
      assert.equal(r.exitCode, 3, r.stdout);
      const doc = JSON.parse(r.stdout) as Status;
      assertStatusShape(doc);
      assert.deepEqual([doc.leaderId, doc.term], [null, 7]);
      assert.deepEqual(doc.members.map((m) => [m.id, m.role, m.reachable]), [[1, 'follower', true], [2, 'follower', true], [3, 'follower', true], [4, 'learner', true]]);
      assert.equal((JSON.parse(lines(r.stderr)[0]!) as { error: { code: string } }).error.code, 'NO_LEADER');
    }
    // The node that took over in a later term is still reported while the old one answers at an older term.
    Object.assign(states[2]!, { leaderId: 1, term: 8 });
    const later = await runCommand(['cluster', 'status', '-e', c.endpoints[2]!, '--json', '--timeout', '1s']);
    assert.equal((JSON.parse(later.stdout) as Status).leaderId, 1, later.stderr);
    // A candidate read at the report's own term may have won just after it was read: the report stands.
    Object.assign(states[0]!, { role: 2 });
    Object.assign(states[2]!, { leaderId: 1, term: 7 });
    const won = await runCommand(['cluster', 'status', '-e', c.endpoints[2]!, '--json', '--timeout', '1s']);
    assert.equal((JSON.parse(won.stdout) as Status).leaderId, 1, won.stderr);
    Object.assign(states[0]!, { role: 1 });

    Object.assign(states[2]!, { leaderId: 1, term: 7 });
    const h = await runCommand(['cluster', 'health', '-e', c.endpoints[1]!, '--json', '--timeout', '1s']);
    assert.equal(h.exitCode, 8, h.stderr);
    const checks = (JSON.parse(h.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks;
    assert.deepEqual(checks.map((x) => [x.name, x.ok]), [['leader', false], ['quorum', true], ['voters', true], ['write', false], ['linearizable-read', false], ['commit-advancing', false]]);
    assert.equal(checks[3]!.detail, 'skipped: no leader');
  } finally {
    await c.close();
  }
});

test('raftctl: a joint configuration lists incoming and outgoing voters; a member nobody has an address for has address null', async () => {
  const configuration = { voters: [1, 2, 3], votersOutgoing: [1, 2, 5], learners: [] };
  const base = { term: 4, leaderId: 1, firstLogIndex: 1, lastLogTerm: 4, configuration, configIndex: 30, commitIndex: 30, appliedIndex: 30, lastLogIndex: 31 };
  const c = await startRaftctlCluster([
    { ...base, nodeId: 1, role: 3, peers: [{ id: 2, matchIndex: 31, lagEntries: 0, lastContactMs: 5 }, { id: 3, matchIndex: 31, lagEntries: 0, lastContactMs: 5 }] },
    { ...base, nodeId: 2, role: 1, peers: [] },
    { ...base, nodeId: 3, role: 5, peers: [] },
  ]);
  try {
    const r = await runCommand(['cluster', 'status', '-e', c.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Status;
    assertStatusShape(doc);
    assert.equal(doc.joint, true);
    assert.deepEqual(doc.config, { voters: [1, 2, 3], votersOutgoing: [1, 2, 5], learners: [] });
    assert.deepEqual(doc.members.map((m) => [m.id, m.role, m.reachable, m.address === null]), [
      [1, 'leader', true, false], [2, 'follower', true, false], [3, 'candidate', true, false], [5, 'unknown', false, true],
    ]);
  } finally {
    await c.close();
  }
});

test('raftctl: the leader\'s configuration wins over a stale follower\'s, and the members only it names are read too', async () => {
  const states = raftctlStates();
  // Follower 2 has not yet seen the entry that added learner 4.
  states[1]!.configuration = { voters: [1, 2, 3], votersOutgoing: [], learners: [] };
  states[1]!.configIndex = 5;
  const c = await startRaftctlCluster(states);
  try {
    for (const s of states) for (const l of s.configuration!.learners!) l.address = c.endpoints[3]!;
    const r = await runCommand(['cluster', 'status', '-e', c.endpoints[1]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Status;
    assert.equal(doc.configIndex, 12);
    assert.deepEqual(doc.config, { voters: [1, 2, 3], votersOutgoing: [], learners: [4] });
    assert.deepEqual(doc.members.map((m) => [m.id, m.role, m.reachable]), [[1, 'leader', true], [2, 'follower', true], [3, 'follower', true], [4, 'learner', true]]);
  } finally {
    await c.close();
  }
});

test('cluster status exits 4 when no endpoint can be connected, with the result on stdout', async () => {
  const dead = [await closedPort(), await closedPort()];
  const r = await runCommand(['cluster', 'status', '-e', dead.join(','), '--json']);
  assert.equal(r.exitCode, 4);
  const doc = JSON.parse(r.stdout) as Status;
  assertStatusShape(doc);
  assert.deepEqual(doc, { source: null, leaderId: null, term: null, configIndex: null, joint: null, config: null, members: [] });
  const err = lines(r.stderr);
  assert.equal(err.length, 1);
  const { error } = JSON.parse(err[0]!) as { error: { code: string; exitCode: number; message: string; hint: string } };
  assert.equal(error.code, 'UNREACHABLE');
  assert.equal(error.exitCode, 4);
  assert.match(error.message, /no endpoint could be connected/);
  assert.match(error.hint, /--endpoints/);
});

test('cluster status in table form exits 4 with one plain error line', async () => {
  const r = await runCommand(['cluster', 'status', '-e', await closedPort()]);
  assert.equal(r.exitCode, 4);
  const err = lines(r.stderr);
  assert.equal(err.length, 1);
  assert.match(err[0]!, /^Error: cluster status: no endpoint could be connected \(.*\)\. Hint: check --endpoints/);
});

describe('cluster status when --wait-timeout runs out or nodes are down (verdicts print their result)', () => {
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv();
  });
  after(() => kv.close());

  test('a live endpoint slower than --wait-timeout: exit 5, the full result with unknowns null, "cut off" on stderr', async () => {
    kv.peer(1).queue('GetServerInfo', delay(10_000));
    const r = await runCommand(['cluster', 'status', '-e', kv.endpoints[0]!, '--timeout', '5s', '--wait-timeout', '300ms', '--json']);
    assert.equal(r.exitCode, 5, r.stderr);
    assert.ok(r.durationMs < 2000, `took ${r.durationMs} ms`);
    const doc = JSON.parse(r.stdout) as Status;
    assertStatusShape(doc);
    assert.deepEqual(doc, { source: null, leaderId: null, term: null, configIndex: null, joint: null, config: null, members: [] });
    const err = lines(r.stderr);
    assert.equal(err.length, 1);
    const { error } = JSON.parse(err[0]!) as { error: { code: string; message: string; hint: string } };
    assert.equal(error.code, 'TIMEOUT');
    assert.match(error.message, /^cluster status: no endpoint answered in time \(127\.0\.0\.1:\d+: cut off by --wait-timeout \(300 ms\)\)$/);
    assert.match(error.hint, /--wait-timeout/);
  });

  test('QA repro: a live endpoint with --wait-timeout 1ms (cut off before it connects): exit 5, not 4, the full result printed', async () => {
    const r = await runCommand(['cluster', 'status', '-e', kv.endpoints[0]!, '--wait-timeout', '1ms', '--json']);
    assert.equal(r.exitCode, 5, r.stderr);
    assertStatusShape(JSON.parse(r.stdout) as Status);
    assert.match(r.stderr, /cut off by --wait-timeout \(1 ms\)/);
  });

  test('a member cut off by --wait-timeout after the leader was read: exit 0, that member reachable:false', async () => {
    kv.peer(3).queue('GetNodeStatus', delay(10_000));
    const r = await runCommand(['cluster', 'status', '-e', kv.endpoints[0]!, '--timeout', '5s', '--wait-timeout', '400ms', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stderr, '');
    const doc = JSON.parse(r.stdout) as Status;
    assertStatusShape(doc);
    assert.equal(doc.leaderId, 1);
    assert.deepEqual(doc.members.map((m) => [m.id, m.reachable]), [[1, true], [2, true], [3, false]]);
    assert.equal(doc.members[2]!.term, null);
  });

  test('no leader with two members down: the verdict line names each failed address once', async () => {
    kv.leaderId = null;
    await kv.peer(2).kill();
    await kv.peer(3).kill();
    try {
      const r = await runCommand(['cluster', 'status', '-e', kv.endpoints.join(','), '--json']);
      assert.equal(r.exitCode, 3, r.stderr);
      const { error } = JSON.parse(lines(r.stderr)[0]!) as { error: { message: string } };
      for (const dead of kv.endpoints.slice(1)) assert.equal(error.message.split(dead).length - 1, 1, `${dead} once in: ${error.message}`);
    } finally {
      kv.leaderId = 1;
      await kv.peer(2).revive();
      await kv.peer(3).revive();
    }
  });
});

test('the cluster id is decided over every endpoint\'s answer, late ones included: a foreign node that answers first does not win, and the members its configuration named are forgotten', async () => {
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  // Cluster X: voters 1 (leader), 2, 3, 4 at a, b, c, d; but c runs node 3 of cluster Y (voters
  // 1 and 3, Y's node 1 at y1) and answers at once; a and b answer 700 ms later.
  const confX = { voters: [1, 2, 3, 4], votersOutgoing: [], learners: [] };
  const confY = { voters: [1, 3], votersOutgoing: [], learners: [] };
  const nodes: Record<string, { delay: number; clusterId: string; status: Record<string, unknown>; members: { id: number; address: string }[] }> = {
    a: { delay: 700, clusterId: 'X', status: { nodeId: 1, role: 3, term: 5, leaderId: 1, address: 'a', configuration: confX, configIndex: 1 }, members: [{ id: 1, address: 'a' }, { id: 2, address: 'b' }, { id: 3, address: 'c' }, { id: 4, address: 'd' }] },
    b: { delay: 700, clusterId: 'X', status: { nodeId: 2, role: 1, term: 5, leaderId: 1, address: 'b', configuration: confX, configIndex: 1 }, members: [] },
    c: { delay: 0, clusterId: 'Y', status: { nodeId: 3, role: 3, term: 9, leaderId: 3, address: 'c', configuration: confY, configIndex: 1 }, members: [{ id: 1, address: 'y1' }, { id: 3, address: 'c' }] },
    d: { delay: 0, clusterId: 'X', status: { nodeId: 4, role: 1, term: 5, leaderId: 1, address: 'd', configuration: confX, configIndex: 1 }, members: [] },
    y1: { delay: 0, clusterId: 'Y', status: { nodeId: 1, role: 1, term: 9, leaderId: 3, address: 'y1', configuration: confY, configIndex: 1 }, members: [] },
  };
  const client = {
    getServerInfo: async (ep: string) => (await sleep(nodes[ep]!.delay), { version: '0.1.0', nodeId: nodes[ep]!.status.nodeId, clusterId: nodes[ep]!.clusterId, apiVersion: 1, features: [] }),
    getNodeStatus: async (ep: string) => (await sleep(nodes[ep]!.delay), nodes[ep]!.status),
    getClusterMetadata: async (ep: string) => (await sleep(nodes[ep]!.delay), { version: 1, nodes: nodes[ep]!.members.map((m) => ({ ...m, role: 1, status: 3 })), currentLeaderId: nodes[ep]!.status.leaderId }),
  };
  const budget = new CallBudget(3000, 10_000);
  try {
    const { status, outcomes } = await readClusterStatus({ client, endpoints: ['a', 'b', 'c'], budget } as unknown as OperatorContext);
    assert.deepEqual([status.leaderId, status.term], [1, 5]);
    assert.deepEqual(status.members.map((m) => [m.id, m.address, m.reachable]), [[1, 'a', true], [2, 'b', true], [3, 'c', false], [4, 'd', true]]);
    assert.deepEqual(outcomes.map((o) => [o.endpoint, (o.error as { code?: string } | null)?.code ?? null]).sort(), [['a', null], ['b', null], ['c', 'WRONG_CLUSTER'], ['d', null]]);
  } finally {
    budget.dispose();
  }
});
