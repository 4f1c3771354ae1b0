/**
 * The package's public entry point as a library user meets it: `raftctl` imported by its own
 * name (Node's package self-reference through package.json `exports`), not by a path into the
 * repository.
 *
 * Scenarios: the name resolves to dist/src/index.js; the values it exports are exactly the
 * documented set (README "Using raftctl as a library", src/index.ts), so a new public symbol is
 * a deliberate change of this list; files behind the entry point cannot be imported
 * (ERR_PACKAGE_PATH_NOT_EXPORTED); and the exports work: a GrpcTransport and an EndpointClient
 * reach a real gRPC peer on 127.0.0.1 (test/harness/fake-peer.ts) and fail against a closed
 * port with the package's own typed errors.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  chooseLeader,
  ConfigError,
  DEFAULT_RETRY,
  EndpointClient,
  EXIT,
  exitCodeOf,
  GrpcTransport,
  isRetryable,
  membershipFromClusterMetadata,
  RaftCtlError,
  UnreachableError,
  type ClusterMembership,
  type FanOutResult,
  type Membership,
  type VoteResponse,
} from 'raftctl';
import { deadAddress, FakePeer } from '../../harness/fake-peer.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Every value `raftctl` exports (types are checked by packed.test.ts's consumer). */
const PUBLIC_VALUES = [
  'AmbiguousClusterError',
  'ChannelPool',
  'ChunkStatus',
  'ConfErrorCode',
  'ConfigError',
  'DEFAULT_REPLICATION_RESPONSE_TIMEOUT_MS',
  'DEFAULT_RETRY',
  'EXIT',
  'EndpointClient',
  'ErrorCode',
  'GrpcTransport',
  'IntegrityError',
  'InternalError',
  'NoLeaderError',
  'NodeRoleValue',
  'NodeStatusValue',
  'NotReadyError',
  'OutcomeUnknownError',
  'ProtocolError',
  'RaftCtlError',
  'ReadPolicy',
  'RejectedError',
  'StreamBrokenError',
  'TimeoutError',
  'UnhealthyError',
  'UnreachableError',
  'UsageError',
  'chooseLeader',
  'exitCodeOf',
  'isRetryable',
  'membershipFromClusterMetadata',
  'validateRetryPolicy',
];

let peers: FakePeer[] = [];

before(async () => {
  peers = await Promise.all([FakePeer.start({ id: 1 }), FakePeer.start({ id: 2 })]);
});
after(async () => {
  await Promise.all(peers.map((p) => p.stop()));
});

test('the package name resolves to dist/src/index.js through `exports`', () => {
  assert.equal(import.meta.resolve('raftctl'), pathToFileURL(join(root, 'dist/src/index.js')).href);
});

test('the exported values are exactly the documented public API', async () => {
  const api = await import('raftctl');
  assert.deepEqual(Object.keys(api).sort(), [...PUBLIC_VALUES].sort());
});

test('README names every exported value in its library section', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /## Using raftctl as a library\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  assert.deepEqual(PUBLIC_VALUES.filter((name) => !section.includes(`\`${name}\``)), []);
});

test('modules behind the entry point are not importable (internal)', async () => {
  for (const spec of ['raftctl/dist/src/runtime/node-host.js', 'raftctl/dist/src/transport/grpc-transport.js', 'raftctl/src/index.ts']) {
    await assert.rejects(import(spec), (e: NodeJS.ErrnoException) => e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED', spec);
  }
  // package.json stays resolvable (tools read the version from it). Not imported with a literal
  // specifier: tsc would then take package.json into the program and emit a copy as
  // dist/package.json, the nearest package.json of everything under dist/, which breaks the
  // self-reference of every test there.
  assert.equal(import.meta.resolve('raftctl/package.json'), pathToFileURL(join(root, 'package.json')).href);
});

test('GrpcTransport and EndpointClient from the package reach a real gRPC peer', async () => {
  const client = new EndpointClient();
  const transport = new GrpcTransport({ selfId: 9 });
  try {
    const metadata: ClusterMembership = await client.getClusterMetadata(peers[0]!.address, { deadlineMs: 5000 });
    assert.equal(metadata.currentLeaderId, 1);
    const m: Membership = {
      members: [...membershipFromClusterMetadata(metadata).members, { id: 2, address: peers[1]!.address, role: 'voter' }],
    };
    const votes: FanOutResult<VoteResponse> = await transport.sendVoteRequests({ term: 3, candidateId: 9 }, { ...DEFAULT_RETRY.election, timeoutMs: 5000 }, m);
    assert.deepEqual(votes.results.map((r) => [r.peerId, r.endpoint, r.response?.voteGranted, r.attempts]), [
      [1, peers[0]!.address, true, 1],
      [2, peers[1]!.address, true, 1],
    ]);
    const views = await transport.discoverLeader({ nodeId: 9 }, false, m, { deadlineMs: 5000 });
    assert.equal(chooseLeader(views)?.leaderId, 2, 'both answer term 1; the higher leader id wins');
  } finally {
    client.close();
    transport.close();
  }
});

test('a closed port and a bad option fail with the package’s typed errors', async () => {
  const dead = await deadAddress();
  const client = new EndpointClient();
  const transport = new GrpcTransport({ selfId: 9 });
  try {
    await assert.rejects(client.getClusterMetadata(dead, { deadlineMs: 5000 }), (e: unknown) => {
      assert.ok(e instanceof UnreachableError && e instanceof RaftCtlError, String(e));
      assert.equal(e.code, 'UNREACHABLE');
      assert.equal(exitCodeOf(e), EXIT.UNREACHABLE);
      return true;
    });
    const [view] = await transport.discoverLeader({ nodeId: 9 }, false, [dead], { deadlineMs: 5000 });
    assert.ok(view!.error instanceof UnreachableError, String(view!.error));
    assert.equal(isRetryable(view!.error), true);
  } finally {
    client.close();
    transport.close();
  }
  assert.throws(() => new GrpcTransport({ appendQueueCapacity: 0 }), (e: unknown) => e instanceof ConfigError && e.exitCode === EXIT.USAGE);
});
