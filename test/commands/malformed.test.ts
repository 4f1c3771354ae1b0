/**
 * Nodes that send malformed gRPC answers: garbage protobuf, or a uint64 above 2^53−1 (the codec
 * raises a Uint64RangeError; status.ts maps both to PROTOCOL_VIOLATION, exit 7). QA: `kv get`
 * exited 7 for such a server while `cluster status` and `leader discover` exited 3 ("the
 * reachable nodes know no leader … an election may be in progress") and `cluster health` 8.
 * Expected: when the only answers were malformed, exit 7 with the detail; a valid answer from
 * another node (even "no leader") still says more.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { startRawHttp2, type RawHttp2Server } from './helpers/raw-http2.js';
import { errorLine, runCommand } from './helpers/run-command.js';

const parse = <T>(text: string): T => JSON.parse(text) as T;

/** Protobuf varint. */
function varint(n: bigint): Buffer {
  const out: number[] = [];
  do {
    let b = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) b |= 0x80;
    out.push(b);
  } while (n > 0n);
  return Buffer.from(out);
}
const field = (no: number, wire: 0 | 2, value: Buffer): Buffer => Buffer.concat([varint(BigInt((no << 3) | wire)), ...(wire === 2 ? [varint(BigInt(value.length))] : []), value]);
const str = (no: number, s: string): Buffer => field(no, 2, Buffer.from(s));
const u = (no: number, n: bigint): Buffer => field(no, 0, varint(n));

const ABOVE_2_53 = 2n ** 60n;
/** Bytes that are no protobuf message (an invalid tag). */
const GARBAGE = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/**
 * A gRPC server on raw node:http2 (127.0.0.1, OS-chosen port): each call gets the bytes
 * `answer(method)` returns as its one message with grpc-status 0, or UNIMPLEMENTED for null.
 */
async function startRawGrpc(answer: (method: string) => Buffer | null): Promise<RawHttp2Server> {
  return startRawHttp2((stream, headers) => {
    const method = String(headers[':path']).split('/').pop()!;
    stream.on('data', () => undefined);
    stream.on('end', () => {
      const body = answer(method);
      if (body === null) {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': 'unimplemented' }, { endStream: true });
        return;
      }
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      const prefix = Buffer.alloc(5);
      prefix.writeUInt32BE(body.length, 1);
      stream.end(Buffer.concat([prefix, body]));
    });
  });
}

describe('a node that answers garbage protobuf to everything', () => {
  let node: Awaited<ReturnType<typeof startRawGrpc>>;
  before(async () => {
    node = await startRawGrpc(() => GARBAGE);
  });
  after(() => node.close());

  test('kv get exits 7 (the reference behaviour)', async () => {
    const r = await runCommand(['kv', 'get', 'k', '-e', node.endpoint, '--json']);
    assert.equal(r.exitCode, 7, r.stderr);
    assert.equal(errorLine(r.stderr).code, 'PROTOCOL_VIOLATION');
  });

  test('leader discover, cluster status and cluster health exit 7 PROTOCOL_VIOLATION with the detail, never the election hint', async () => {
    for (const argv of [['leader', 'discover'], ['cluster', 'status'], ['cluster', 'health']]) {
      const r = await runCommand([...argv, '-e', node.endpoint, '--json']);
      const what = argv.join(' ');
      assert.equal(r.exitCode, 7, `${what}: ${r.stdout} ${r.stderr}`);
      assert.ok(r.stdout.length > 0, `${what}: a verdict command prints its result`);
      const err = errorLine(r.stderr);
      assert.equal(err.code, 'PROTOCOL_VIOLATION', what);
      assert.equal(err.exitCode, 7, what);
      assert.match(err.message, /malformed message \(Response message parsing error/, what);
      assert.doesNotMatch(`${err.message} ${err.hint}`, /election|know no leader/, what);
    }
    const h = await runCommand(['cluster', 'health', '-e', node.endpoint, '--json']);
    const leader = parse<{ checks: { name: string; ok: boolean; detail: string }[] }>(h.stdout).checks[0]!;
    assert.equal(leader.name, 'leader');
    assert.match(leader.detail, /^no leader known: the only answers were malformed/);
  });
});

describe('a raftctl node whose numbers exceed 2^53−1', () => {
  let node: Awaited<ReturnType<typeof startRawGrpc>>;
  before(async () => {
    node = await startRawGrpc((method) => {
      switch (method) {
        case 'GetServerInfo': return Buffer.concat([str(1, '0.1.0'), u(2, 1n), str(3, 'c'), u(4, 1n)]);
        case 'GetNodeStatus': return Buffer.concat([u(1, 1n), u(2, 3n), u(3, ABOVE_2_53), u(5, 1n)]);
        case 'DiscoverLeader': return Buffer.concat([u(1, 1n), str(2, node.endpoint), u(3, ABOVE_2_53)]);
        default: return null;
      }
    });
  });
  after(() => node.close());

  test('cluster status, cluster health and leader discover exit 7 naming the out-of-range value', async () => {
    for (const argv of [['cluster', 'status'], ['cluster', 'health'], ['leader', 'discover']]) {
      const r = await runCommand([...argv, '-e', node.endpoint, '--json']);
      const what = argv.join(' ');
      assert.equal(r.exitCode, 7, `${what}: ${r.stdout} ${r.stderr}`);
      const err = errorLine(r.stderr);
      assert.equal(err.code, 'PROTOCOL_VIOLATION', what);
      assert.match(err.message, /uint64 value \d+ is above 2\^53-1/, what);
    }
  });
});

describe('a malformed answer beside valid ones', () => {
  let kv: FakeKvCluster;
  let bad: Awaited<ReturnType<typeof startRawGrpc>>;
  before(async () => {
    kv = await startFakeKv();
    bad = await startRawGrpc(() => GARBAGE);
  });
  after(async () => {
    await Promise.all([kv.close(), bad.close()]);
  });

  test('a leader found elsewhere: exit 0; live nodes without a leader: exit 3 (a valid answer says more than a malformed one)', async () => {
    const ok = await runCommand(['cluster', 'status', '-e', `${bad.endpoint},${kv.endpoints[0]}`, '--json']);
    assert.equal(ok.exitCode, 0, ok.stderr);
    assert.equal(parse<{ leaderId: number }>(ok.stdout).leaderId, 1);
    kv.leaderId = null;
    try {
      const none = await runCommand(['leader', 'discover', '-e', `${bad.endpoint},${kv.endpoints[0]}`, '--json']);
      assert.equal(none.exitCode, 3, none.stderr);
      assert.equal(errorLine(none.stderr).code, 'NO_LEADER');
    } finally {
      kv.leaderId = 1;
    }
  });

  test('malformed and unreachable endpoints only: the malformed answer says more (7, not 4)', async () => {
    const dead = await import('./helpers/fake-nodes.js').then((m) => m.closedPort());
    const r = await runCommand(['leader', 'discover', '-e', `${dead},${bad.endpoint}`, '--json']);
    assert.equal(r.exitCode, 7, r.stderr);
  });
});
