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
  ChannelPool,
  EndpointClient,
  EXIT,
  exitCodeOf,
  GrpcTransport,
  isRetryable,
  membershipFromClusterMetadata,
  RaftCtlError,
  UnreachableError,
  UsageError,
  validateRetryPolicy,
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

/**
 * What a plain JavaScript caller (or `as any`) gets for an argument of the wrong type: a
 * ConfigError (exit 2, `sent: false`) naming the method and the argument, before anything is
 * dialled. Before, most of these threw a bare TypeError (`membership.members is not iterable`,
 * `Cannot read properties of undefined`), and some were taken silently (a `role: 'Voter'` that is
 * neither voter nor learner, a string `compress`).
 */
test('arguments of the wrong type from plain JavaScript are ConfigErrors naming the argument, and nothing is dialled', async () => {
  const peer = peers[0]!;
  const calls = peer.calls.length;
  const connections = peer.wire.connections;
  const transport = new GrpcTransport({ selfId: 9 });
  const client = new EndpointClient();
  const m: Membership = { members: [{ id: 1, address: peer.address, role: 'voter' }] };
  const retry = { ...DEFAULT_RETRY.election, timeoutMs: 5000 };
  const opts = { deadlineMs: 5000 };
  const js = (v: unknown): any => v; // eslint-disable-line @typescript-eslint/no-explicit-any
  const configError = (argument: RegExp) => (e: unknown): boolean => {
    assert.ok(e instanceof ConfigError, `a ConfigError, not ${String(e)}`);
    assert.equal(e.exitCode, EXIT.USAGE);
    assert.match(e.message, argument);
    return true;
  };
  try {
    const rejecting: [string, () => Promise<unknown>, RegExp][] = [
      ['discoverLeader targets: a string', () => transport.discoverLeader({ nodeId: 9 }, false, js(peer.address), opts), /^discoverLeader: targets must be an array of host:port strings or a membership/],
      ['discoverLeader targets: undefined', () => transport.discoverLeader({ nodeId: 9 }, false, js(undefined), opts), /^discoverLeader: targets must be/],
      ['discoverLeader targets: an object without members', () => transport.discoverLeader({ nodeId: 9 }, false, js({}), opts), /^discoverLeader: targets\.members must be an array/],
      ['discoverLeader targets: a number in the list', () => transport.discoverLeader({ nodeId: 9 }, false, js([peer.address, 5]), opts), /^discoverLeader: targets\[1\] must be a host:port string \(got 5\)/],
      ['discoverLeader opts.deadlineMs: a string', () => transport.discoverLeader({ nodeId: 9 }, false, [peer.address], js({ deadlineMs: '100' })), /opts\.deadlineMs must be a number/],
      ['discoverLeader compress: a string', () => transport.discoverLeader({ nodeId: 9 }, js('false'), [peer.address], opts), /^discoverLeader: compress must be true or false \(got "false"\)/],
      ['sendVoteRequests membership: a string', () => transport.sendVoteRequests({ term: 3, candidateId: 9 }, retry, js(peer.address)), /^sendVoteRequests: membership must be an object/],
      ['sendVoteRequests members: an object', () => transport.sendVoteRequests({ term: 3, candidateId: 9 }, retry, js({ members: {} })), /membership\.members must be an array/],
      ['sendVoteRequests a misspelt role', () => transport.sendVoteRequests({ term: 3, candidateId: 9 }, retry, js({ members: [{ id: 1, address: peer.address, role: 'Voter' }] })), /membership\.members\[0\]\.role must be "voter" or "learner" \(got "Voter"\)/],
      ['sendVoteRequests a fractional member id', () => transport.sendVoteRequests({ term: 3, candidateId: 9 }, retry, js({ members: [{ id: 1.5, address: peer.address, role: 'voter' }] })), /membership\.members\[0\]\.id must be a whole number from 1/],
      ['sendVoteRequests retry: undefined', () => transport.sendVoteRequests({ term: 3, candidateId: 9 }, js(undefined), m), /election retry policy: must be an object/],
      ['sendVoteRequests retry.timeoutMs: a string', () => transport.sendVoteRequests({ term: 3, candidateId: 9 }, js({ ...retry, timeoutMs: '100' }), m), /timeoutMs must be a number \(got "100"\)/],
      ['sendVoteRequests opts.signal: not an AbortSignal', () => transport.sendVoteRequests({ term: 3, candidateId: 9 }, retry, m, js({ signal: 500 })), /opts\.signal must be an AbortSignal/],
      ['sendClusterUpdate membership: null', () => transport.sendClusterUpdate({ term: 3 }, DEFAULT_RETRY.membership, js(null)), /^sendClusterUpdate: membership must be an object/],
      ['sendAppendRequests requests: a string', () => transport.sendAppendRequests(js('1'), DEFAULT_RETRY.appendEntries, m, false), /^sendAppendRequests: requests must be an array of \[peerId, request\] pairs/],
      ['sendAppendRequests a request not a pair', () => transport.sendAppendRequests(js([{ term: 3 }]), DEFAULT_RETRY.appendEntries, m, false), /requests\[0\] must be a \[peerId, request\] pair/],
      ['sendAppendRequest peerId: NaN', () => transport.sendAppendRequest(NaN, { term: 3 }, DEFAULT_RETRY.appendEntries, m, false), /^sendAppendRequest: peerId must be a whole number from 1/],
      ['requestVote opts: undefined', () => transport.requestVote(1, { term: 3, candidateId: 9 }, m, js(undefined)), /^requestVote: opts must be an object \{deadlineMs, signal\?\}/],
      ['requestVote peerId: a string', () => transport.requestVote(js('1'), { term: 3, candidateId: 9 }, m, opts), /^requestVote: peerId must be a whole number/],
      ['joinCluster leaderId: -1', () => transport.joinCluster(-1, { nodeId: 9, address: '127.0.0.1:9' }, DEFAULT_RETRY.joinCluster, m), /^joinCluster: leaderId must be a whole number from 0/],
      ['openReplicationStream membership: undefined', () => transport.openReplicationStream(1, js(undefined), false), /^openReplicationStream: membership must be an object/],
      ['sendSnapshot source.open: not a function', () => transport.sendSnapshot(1, { lastIncludedIndex: 1, lastIncludedTerm: 1 }, js({ open: 'file.snap' }), m, { leaderTerm: 1, leaderId: 9 }), /snapshot source open must be a function/],
      ['sendSnapshot config.deadlineMs: a string', () => transport.sendSnapshot(1, { lastIncludedIndex: 1, lastIncludedTerm: 1 }, { open: async function* () {} }, m, js({ leaderTerm: 1, leaderId: 9, deadlineMs: '100' })), /snapshot push deadlineMs must be a number > 0 \(got "100"\)/],
      ['EndpointClient endpoint: undefined', () => client.getClusterMetadata(js(undefined), opts), /^endpoint must be a host:port string \(got undefined\)/],
      ['EndpointClient endpoint: an array', () => client.getClusterMetadata(js([peer.address]), opts), /^endpoint must be a host:port string \(got an array\)/],
      ['EndpointClient opts: undefined', () => client.getClusterMetadata(peer.address, js(undefined)), /^EndpointClient GetClusterMetadata: opts must be an object/],
      ['EndpointClient opts.metadata: a number value', () => client.getClusterMetadata(peer.address, js({ deadlineMs: 5000, metadata: { 'x-a': 1 } })), /opts\.metadata must be an object of string values/],
      ['EndpointClient watch opts: null', async () => { for await (const _ of client.watch(peer.address, { key: new Uint8Array([1]) }, js(null))) break; }, /^EndpointClient watch: opts must be an object or absent/],
    ];
    for (const [what, call, message] of rejecting) await assert.rejects(call(), configError(message), what);
    const throwing: [string, () => unknown, RegExp][] = [
      ['new GrpcTransport(null)', () => new GrpcTransport(js(null)), /^GrpcTransport: options must be an object or absent \(got null\)/],
      ['GrpcTransport selfId: a string', () => new GrpcTransport(js({ selfId: '9' })), /^GrpcTransport: selfId must be a whole number from 1/],
      ['GrpcTransport pool: not a ChannelPool', () => new GrpcTransport(js({ pool: {} })), /^GrpcTransport: pool must be a ChannelPool/],
      ['GrpcTransport clusterId: a number', () => new GrpcTransport(js({ clusterId: 7 })), /^GrpcTransport: clusterId must be a string/],
      ['new EndpointClient(null)', () => new EndpointClient(js(null)), /^EndpointClient: options must be an object or absent/],
      ['EndpointClient compress: a string', () => new EndpointClient(js({ compress: 'yes' })), /^EndpointClient: compress must be true or false/],
      ['new ChannelPool(null)', () => new ChannelPool(js(null)), /^ChannelPool: options must be an object or absent/],
      ['retainMembers(undefined)', () => transport.retainMembers(js(undefined)), /^retainMembers: membership must be an object/],
      ['chooseLeader(a string)', () => chooseLeader(js('x')), /^chooseLeader: views must be an array/],
      ['membershipFromClusterMetadata(undefined)', () => membershipFromClusterMetadata(js(undefined)), /^membershipFromClusterMetadata: metadata must be an object/],
      ['validateRetryPolicy(null)', () => validateRetryPolicy(js(null)), /^retry policy: must be an object/],
    ];
    for (const [what, call, message] of throwing) assert.throws(call, configError(message), what);
    assert.equal(isRetryable(js(undefined)), false, 'isRetryable of a non-error is false, not a TypeError');
    // A bad endpoint inside a well-formed list stays a per-view error, as documented.
    const [view] = await transport.discoverLeader({ nodeId: 9 }, false, ['not an address'], opts);
    assert.ok(view!.error instanceof ConfigError, String(view!.error));
  } finally {
    client.close();
    transport.close();
  }
  assert.equal(peer.calls.length, calls, 'no call reached the peer');
  assert.equal(peer.wire.connections, connections, 'no connection was opened');
});

test('a string where bytes belong (a key, a value) is a UsageError with nothing sent, not base64-decoded into other bytes', async () => {
  // Before, {key: 'greeting', value: 'hello'} from plain JavaScript was written as the key
  // 82 b7 9e b6 29 e0 and the value 85 e9 65: protobufjs base64-decodes a string given for bytes.
  const peer = peers[0]!;
  const client = new EndpointClient();
  const js = (v: unknown): any => v; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    const writes = peer.callsTo('HandleClientWrite').length;
    await assert.rejects(client.write(peer.address, js({ clientId: 1, command: { insert: { key: 'greeting', value: 'hello' } } }), { deadlineMs: 5000 }), (e: unknown) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.equal(e.exitCode, EXIT.USAGE);
      assert.equal(e.details?.sent, false);
      assert.match(e.message, /bytes value "greeting" \(a string\) is not a Uint8Array/);
      return true;
    });
    await assert.rejects(client.read(peer.address, js({ clientId: 1, keys: ['greeting'] }), { deadlineMs: 5000 }), UsageError);
    assert.equal(peer.callsTo('HandleClientWrite').length, writes, 'nothing reached the peer');
  } finally {
    client.close();
  }
});
