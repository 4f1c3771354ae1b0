/**
 * `raftctl leader discover` end to end in-process, against fake d-engine nodes on 127.0.0.1
 * (CLI.md: JSON shape, output formats, verdict exit codes, error lines).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { GrpcServer, GrpcStatusError, unaryHandler } from '../../src/transport/server.js';
import { ClusterManagementService, SERVICE_NAMES } from '../../src/transport/services.js';
import { closedPort, startDengineCluster, type DengineNodeState, type FakeDengineCluster } from './helpers/fake-nodes.js';
import { errorLine, lines, runCommand } from './helpers/run-command.js';

const voter = (id: number, over: Partial<DengineNodeState> = {}): DengineNodeState => ({
  id, role: 1, status: 3, term: 3, lastLogIndex: 42, lastLogTerm: 3, appliedIndex: 42, leaderId: 1, ...over,
});

/** Asserts CLI.md's `leader discover` shape: exactly these keys, these types. */
function assertDiscoveryShape(doc: Record<string, unknown>): void {
  assert.deepEqual(Object.keys(doc), ['leaderId', 'address', 'term', 'views']);
  for (const k of ['leaderId', 'term']) assert.ok(doc[k] === null || Number.isSafeInteger(doc[k]), `${k} is a number or null`);
  assert.ok(doc.address === null || typeof doc.address === 'string');
  assert.ok(Array.isArray(doc.views));
  for (const v of doc.views as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(v), ['endpoint', 'leaderId', 'term', 'error']);
    assert.equal(typeof v.endpoint, 'string');
    assert.ok(v.leaderId === null || Number.isSafeInteger(v.leaderId));
    assert.ok(v.term === null || Number.isSafeInteger(v.term));
    assert.ok(v.error === null || typeof v.error === 'string');
  }
}

describe('leader discover against a d-engine cluster with a leader', () => {
  let cluster: FakeDengineCluster;
  before(async () => {
    cluster = await startDengineCluster([voter(1), voter(2), voter(3)]);
  });
  after(() => cluster.close());

  test('--json prints the contract object itself (no envelope) and exits 0', async () => {
    const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints.join(','), '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stderr, '');
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    assertDiscoveryShape(doc);
    assert.deepEqual(doc, {
      leaderId: 1,
      address: cluster.endpoints[0],
      term: 3,
      views: cluster.endpoints.map((endpoint) => ({ endpoint, leaderId: 1, term: 3, error: null })),
    });
    assert.deepEqual(r.result, doc, 'run() returns the printed result');
  });

  test('-o json is the same document as --json', async () => {
    const a = await runCommand(['leader', 'discover', '-e', cluster.endpoints[1]!, '--json']);
    const b = await runCommand(['leader', 'discover', '-e', cluster.endpoints[1]!, '-o', 'json']);
    assert.equal(b.exitCode, 0);
    assert.deepEqual(JSON.parse(b.stdout), JSON.parse(a.stdout));
  });

  test('-o ndjson prints the result on exactly one line', async () => {
    const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints.join(','), '-o', 'ndjson']);
    assert.equal(r.exitCode, 0);
    assert.equal(lines(r.stdout).length, 1);
    assertDiscoveryShape(JSON.parse(r.stdout));
  });

  test('-o yaml prints the same fields in YAML block style', async () => {
    const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints[0]!, '-o', 'yaml']);
    assert.equal(r.exitCode, 0);
    assert.equal(
      r.stdout,
      [
        'leaderId: 1',
        `address: "${cluster.endpoints[0]}"`,
        'term: 3',
        'views:',
        `  - endpoint: "${cluster.endpoints[0]}"`,
        '    leaderId: 1',
        '    term: 3',
        '    error: null',
        '',
      ].join('\n'),
    );
  });

  test('table (the default, also when piped) names the leader and lists every endpoint', async () => {
    const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints.join(',')]);
    assert.equal(r.exitCode, 0);
    const out = lines(r.stdout);
    assert.equal(out[0], `Leader: node 1 at ${cluster.endpoints[0]}, term 3`);
    assert.match(out[1]!, /^ENDPOINT\s+LEADER\s+TERM\s+ERROR$/);
    assert.equal(out.length, 2 + cluster.endpoints.length);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a TTY');
  });

  test('endpoints come from RAFTCTL_ENDPOINTS when -e is absent', async () => {
    const r = await runCommand(['leader', 'discover', '--json'], { RAFTCTL_ENDPOINTS: cluster.endpoints[2]! });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { leaderId: number }).leaderId, 1);
  });

  test('an unreachable endpoint beside a live one: the live answer wins (exit 0), the view shows the error', async () => {
    const dead = await closedPort();
    const r = await runCommand(['leader', 'discover', '-e', `${dead},${cluster.endpoints[0]}`, '--json']);
    assert.equal(r.exitCode, 0);
    const doc = JSON.parse(r.stdout) as { leaderId: number; views: { endpoint: string; error: string | null }[] };
    assert.equal(doc.leaderId, 1);
    assert.equal(doc.views[0]!.endpoint, dead);
    assert.match(doc.views[0]!.error ?? '', /connect/i);
    assert.equal(doc.views[1]!.error, null);
  });
});

describe('leader discover against d-engine nodes whose configured addresses carry a scheme', () => {
  let cluster: FakeDengineCluster;
  before(async () => {
    cluster = await startDengineCluster([voter(1), voter(2)], { addressPrefix: 'http://' });
  });
  after(() => cluster.close());

  // DiscoverLeader's leader_address is the leader's NodeMeta.address as configured; d-engine strips
  // a scheme itself (reference §1.6). The address printed (and dialled by kv and bench) is host:port.
  test('the leader\'s address is printed without the scheme', async () => {
    const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints[1]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { address: string }).address, cluster.endpoints[0]);
  });
});

describe('leader discover when the nodes disagree', () => {
  let cluster: FakeDengineCluster;
  before(async () => {
    cluster = await startDengineCluster([voter(1, { term: 3, leaderId: 1 }), voter(2, { term: 4, leaderId: 2 }), voter(3, { term: 4, leaderId: 2 })]);
  });
  after(() => cluster.close());

  test('the answer with the highest term wins; each view keeps what its endpoint believes', async () => {
    const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints.join(','), '--json']);
    assert.equal(r.exitCode, 0);
    const doc = JSON.parse(r.stdout) as { leaderId: number; term: number; address: string; views: { leaderId: number; term: number }[] };
    assert.equal(doc.leaderId, 2);
    assert.equal(doc.term, 4);
    assert.equal(doc.address, cluster.endpoints[1]);
    assert.deepEqual(doc.views.map((v) => [v.leaderId, v.term]), [[1, 3], [2, 4], [2, 4]]);
  });
});

describe('leader discover verdicts', () => {
  test('exit 4 when no endpoint can be connected: full result on stdout, one error line on stderr', async () => {
    const dead = await closedPort();
    const r = await runCommand(['leader', 'discover', '-e', dead, '--json']);
    assert.equal(r.exitCode, 4);
    const doc = JSON.parse(r.stdout) as { leaderId: null; views: { error: string }[] };
    assertDiscoveryShape(doc as unknown as Record<string, unknown>);
    assert.equal(doc.leaderId, null);
    assert.equal(typeof doc.views[0]!.error, 'string');
    const err = lines(r.stderr);
    assert.equal(err.length, 1);
    const { error } = JSON.parse(err[0]!) as { error: Record<string, unknown> };
    assert.deepEqual(Object.keys(error), ['code', 'exitCode', 'message', 'hint']);
    assert.equal(error.code, 'UNREACHABLE');
    assert.equal(error.exitCode, 4);
  });

  test('exit 3 when the live nodes know no leader, even beside an unreachable endpoint', async () => {
    const cluster = await startDengineCluster([voter(1, { leaderId: null }), voter(2, { leaderId: null })]);
    try {
      const dead = await closedPort();
      const r = await runCommand(['leader', 'discover', '-e', [dead, ...cluster.endpoints].join(',')]);
      assert.equal(r.exitCode, 3);
      assert.match(r.stdout, /^No leader known/);
      const err = lines(r.stderr);
      assert.equal(err.length, 1);
      assert.match(err[0]!, /^Error: leader discovery: the reachable nodes know no leader .*Hint: /);
    } finally {
      await cluster.close();
    }
  });

  test('exit 5 when the only node does not answer within --timeout', async () => {
    const server = new GrpcServer();
    server.addService(SERVICE_NAMES.cluster, ClusterManagementService, { DiscoverLeader: () => undefined });
    await server.listen('127.0.0.1:0');
    try {
      const r = await runCommand(['leader', 'discover', '-e', server.address, '--timeout', '150ms', '--json']);
      assert.equal(r.exitCode, 5);
      assert.equal((JSON.parse(lines(r.stderr)[0]!) as { error: { code: string } }).error.code, 'TIMEOUT');
      assert.ok(r.durationMs < 2000, `took ${r.durationMs} ms`);
    } finally {
      server.forceShutdown();
    }
  });

  test('exit 5 when --wait-timeout cuts the call off: the full result, the view says "cut off by --wait-timeout"', async () => {
    const server = new GrpcServer();
    server.addService(SERVICE_NAMES.cluster, ClusterManagementService, { DiscoverLeader: () => undefined });
    await server.listen('127.0.0.1:0');
    try {
      const r = await runCommand(['leader', 'discover', '-e', server.address, '--timeout', '5s', '--wait-timeout', '300ms', '--json']);
      assert.equal(r.exitCode, 5);
      assert.ok(r.durationMs < 2000, `took ${r.durationMs} ms`);
      const doc = JSON.parse(r.stdout) as Record<string, unknown>;
      assertDiscoveryShape(doc);
      assert.deepEqual(doc, { leaderId: null, address: null, term: null, views: [{ endpoint: server.address, leaderId: null, term: null, error: `${server.address}: cut off by --wait-timeout (300 ms)` }] });
      const { error } = JSON.parse(lines(r.stderr)[0]!) as { error: { code: string; hint: string } };
      assert.equal(error.code, 'TIMEOUT');
      assert.match(error.hint, /raise --wait-timeout/);
    } finally {
      server.forceShutdown();
    }
  });

  test('a grpc status other than UNAVAILABLE from a live node still counts as "no leader" (3)', async () => {
    const server = new GrpcServer();
    server.addService(SERVICE_NAMES.cluster, ClusterManagementService, {
      DiscoverLeader: unaryHandler(async () => {
        throw new GrpcStatusError(status.PERMISSION_DENIED, 'candidate');
      }),
    });
    await server.listen('127.0.0.1:0');
    try {
      const r = await runCommand(['leader', 'discover', '-e', server.address]);
      assert.equal(r.exitCode, 3);
    } finally {
      server.forceShutdown();
    }
  });
});

// Runbook "kill -9 the leader, then `wait leader`": for up to an election timeout the followers
// still name the dead leader. A leader whose own endpoint was asked and refused the connection is
// not a leader a script can use: exit 3 (and `wait leader` keeps waiting), not exit 0.
describe('leader discover against d-engine learners only', () => {
  let cluster: FakeDengineCluster;
  before(async () => {
    cluster = await startDengineCluster([voter(1), voter(2), voter(3), voter(4, { role: 4 }), voter(5, { role: 4 })]);
  });
  after(() => cluster.close());

  test('every endpoint a learner: exit 3 LEARNER_ENDPOINT naming them, hint to give a voter (not "an election is in progress")', async () => {
    // QA (d-engine compatibility): learners refuse DiscoverLeader with PERMISSION_DENIED, as
    // candidates do, and the verdict advised waiting for an election that would never help.
    const learners = cluster.endpoints.slice(3);
    const r = await runCommand(['leader', 'discover', '-e', learners.join(','), '--json']);
    assert.equal(r.exitCode, 3, r.stderr);
    const err = JSON.parse(lines(r.stderr)[0]!) as { error: { code: string; message: string; hint: string } };
    assert.equal(err.error.code, 'LEARNER_ENDPOINT');
    assert.match(err.error.message, new RegExp(`${learners.join(', ')} are d-engine learners`));
    assert.match(err.error.hint, /voter/);
    assertDiscoveryShape(JSON.parse(r.stdout) as Record<string, unknown>);
  });

  test('a learner beside a voter: the voter names the leader (exit 0)', async () => {
    const r = await runCommand(['leader', 'discover', '-e', `${cluster.endpoints[3]},${cluster.endpoints[1]}`, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { leaderId: number }).leaderId, 1);
  });
});

describe('leader discover right after the leader died (its followers still name it)', () => {
  let cluster: FakeDengineCluster;
  before(async () => {
    cluster = await startDengineCluster([voter(1), voter(2), voter(3)]);
    await cluster.nodes[0]!.close(); // node 1, the leader, is gone: its port refuses connections
  });
  after(() => cluster.close());

  test('exit 3 NO_LEADER naming the dead leader; the views keep what each endpoint believes', async () => {
    const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints.join(','), '--json']);
    assert.equal(r.exitCode, 3, r.stderr);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & { views: { leaderId: number | null; error: string | null }[] };
    assertDiscoveryShape(doc);
    assert.deepEqual([doc.leaderId, doc.address, doc.term], [null, null, null]);
    assert.deepEqual(doc.views.map((v) => v.leaderId), [null, 1, 1]);
    assert.match(doc.views[0]!.error ?? '', /connect/);
    const error = errorLine(r.stderr);
    assert.equal(error.code, 'NO_LEADER');
    assert.match(error.message, new RegExp(`name node 1 at ${cluster.endpoints[0]} \\(term 3\\) as leader, but it cannot be connected`));
    assert.match(error.hint, /wait leader/);
  });

  test('the dead leader is still reported when its address was not among the endpoints asked', async () => {
    const r = await runCommand(['leader', 'discover', '-e', cluster.endpoints.slice(1).join(','), '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { leaderId: number }).leaderId, 1);
  });

  test('wait leader does not stop at the dead leader: exit 5 after --wait-timeout', async () => {
    const r = await runCommand(['wait', 'leader', '-e', cluster.endpoints.join(','), '--wait-timeout', '400ms', '--json']);
    assert.equal(r.exitCode, 5, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { met: boolean }).met, false);
  });
});
