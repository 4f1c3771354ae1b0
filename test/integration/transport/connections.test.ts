/**
 * Connection classes, gzip and message-size limits over real gRPC on 127.0.0.1 (reference §1.6,
 * §2.4; issue 2 "Connections").
 */
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { status } from '@grpc/grpc-js';
import { RaftCtlError } from '../../../src/errors.js';
import { ChannelPool } from '../../../src/transport/channels.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import type { AppendEntriesRequest } from '../../../src/transport/messages.js';
import { DEFAULT_RETRY } from '../../../src/transport/retry.js';
import { ClusterManagementService } from '../../../src/transport/services.js';
import { bytesSource, chunkChecksum } from '../../../src/transport/snapshot-chunks.js';
import type { Membership } from '../../../src/transport/types.js';
import { FakePeer } from '../../harness/fake-peer.js';

const ONE_TRY = { maxAttempts: 1, timeoutMs: 2000, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 };

function membershipOf(...peers: FakePeer[]): Membership {
  return { selfId: 1, members: [{ id: 1, address: '127.0.0.1:1', role: 'voter' }, ...peers.map((p) => ({ id: p.id, address: p.address, role: 'voter' as const }))] };
}

/** An AppendEntries whose one entry carries `bytes` of a compressible command. */
function bigAppend(bytes: number): AppendEntriesRequest {
  return { term: 1, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, leaderCommitIndex: 0, entries: [{ index: 1, term: 1, payload: { command: new Uint8Array(bytes).fill(97) } }] };
}

describe('connection classes', () => {
  let peer: FakePeer;
  before(async () => (peer = await FakePeer.start({ id: 2 })));
  after(() => peer.stop());

  it('opens exactly one TCP connection per class: control, data and bulk (a peer sees three)', async () => {
    // Scenario: a vote (control), two appends (data) and a snapshot push (bulk) to one peer.
    // Expectation: three connections, each reused; the three calls arrive on three client ports.
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const m = membershipOf(peer);
      await t.requestVote(2, { term: 1, candidateId: 1, lastLogIndex: 0, lastLogTerm: 0 }, m, { deadlineMs: 2000 });
      await t.sendAppendRequest(2, bigAppend(10), ONE_TRY, m, false);
      await t.sendAppendRequest(2, bigAppend(10), ONE_TRY, m, false);
      await t.requestVote(2, { term: 2, candidateId: 1, lastLogIndex: 0, lastLogTerm: 0 }, m, { deadlineMs: 2000 });
      const res = await t.sendSnapshot(2, { lastIncludedIndex: 5, lastIncludedTerm: 1 }, bytesSource(new Uint8Array(3000).fill(7), { withSha256: true, withSize: true }), m, { leaderTerm: 1, leaderId: 1, chunkBytes: 1024 });
      assert.equal(res.success, true);
      assert.equal(peer.wire.connections, 3);
      const ports = (method: string): Set<string> => new Set(peer.callsTo(method).map((c) => c.peer));
      assert.equal(ports('RequestVote').size, 1);
      assert.equal(ports('AppendEntries').size, 1);
      assert.equal(ports('InstallSnapshot').size, 1);
      const all = new Set([...ports('RequestVote'), ...ports('AppendEntries'), ...ports('InstallSnapshot')]);
      assert.equal(all.size, 3);
    } finally {
      t.close();
    }
  });

  it('snapshot push and pull share the bulk connection and carry the cluster id', async () => {
    const t = new GrpcTransport({ selfId: 1, clusterId: 'blue' });
    let pullMetadata: Record<string, unknown> = {};
    let pullPeer = '';
    peer.raw.set('StreamSnapshot', (call: { metadata: { getMap(): Record<string, unknown> }; getPeer(): string; emit(e: string, v: unknown): void; on(e: string, f: () => void): void }) => {
      pullMetadata = call.metadata.getMap();
      pullPeer = call.getPeer();
      call.on('data', () => undefined);
      call.emit('error', { code: status.NOT_FOUND, details: 'No snapshot available' });
    });
    try {
      const m = membershipOf(peer);
      await t.sendSnapshot(2, { lastIncludedIndex: 5, lastIncludedTerm: 1 }, bytesSource(new Uint8Array(100).fill(1), { withSha256: true, withSize: true }), m, { leaderTerm: 1, leaderId: 1 });
      const push = peer.callsTo('InstallSnapshot').at(-1)!;
      assert.equal(push.metadata['raftctl-cluster-id'], 'blue');
      await assert.rejects(t.requestSnapshotFromLeader(2, { ...DEFAULT_RETRY.installSnapshot, jitter: 0 }, m), (e: RaftCtlError) => e.code === 'NO_SNAPSHOT');
      assert.equal(pullMetadata['raftctl-cluster-id'], 'blue');
      assert.equal(pullPeer, push.peer, 'the same bulk connection');
      await t.requestVote(2, { term: 1, candidateId: 1, lastLogIndex: 0, lastLogTerm: 0 }, m, { deadlineMs: 2000 });
      assert.notEqual(peer.callsTo('RequestVote').at(-1)!.peer, push.peer, 'control is another connection');
    } finally {
      peer.raw.delete('StreamSnapshot');
      t.close();
    }
  });

  it('close() cancels a snapshot push in progress', async () => {
    let cancelled = false;
    let started = false;
    peer.raw.set('InstallSnapshot', (call: { on(e: string, f: () => void): void }) => {
      started = true;
      call.on('data', () => undefined);
      call.on('cancelled', () => (cancelled = true));
    });
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const push = t.sendSnapshot(2, { lastIncludedIndex: 5, lastIncludedTerm: 1 }, bytesSource(new Uint8Array(10).fill(1), { withSha256: true, withSize: true }), membershipOf(peer), { leaderTerm: 1, leaderId: 1 });
      await waitUntil(() => started);
      t.close();
      // TRANSPORT_CLOSED (exit 6) like every other call cut short by close(); it was TIMEOUT
      // "snapshot push cancelled" (exit 5), as if the caller had given up.
      await assert.rejects(push, (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED' && e.exitCode === 6);
      await waitUntil(() => cancelled);
    } finally {
      peer.raw.delete('InstallSnapshot');
      t.close();
    }
  });

  it('close() fails a snapshot pull with TRANSPORT_CLOSED, while it waits for chunk 0 and while chunks arrive', async () => {
    // Scenario: pulls in flight when the transport closes. Expectation: TRANSPORT_CLOSED (exit 6)
    // from requestSnapshotFromLeader (chunk 0 not yet there) and from the iteration (chunk 0 of 3
    // arrived, the rest not), and the leader sees the call cancelled; both were TIMEOUT "snapshot
    // pull cancelled" (exit 5).
    let sendFirstChunk = false;
    let cancelled = 0;
    let opened = 0;
    peer.raw.set('StreamSnapshot', (call: { write(c: unknown): void; on(e: string, f: () => void): void }) => {
      opened += 1;
      call.on('data', () => undefined);
      call.on('cancelled', () => (cancelled += 1));
      if (sendFirstChunk) {
        const data = new Uint8Array([1]);
        call.write({ leaderTerm: 1, leaderId: 2, seq: 0, totalChunks: 3, chunkChecksum: chunkChecksum(data), data, metadata: { lastIncluded: { term: 1, index: 5 }, checksum: new Uint8Array(32) } });
      }
    });
    try {
      const m = membershipOf(peer);
      const waiting = new GrpcTransport({ selfId: 1 });
      const opening = waiting.requestSnapshotFromLeader(2, { ...DEFAULT_RETRY.installSnapshot, timeoutMs: 10_000 }, m);
      await waitUntil(() => opened === 1);
      waiting.close();
      await assert.rejects(opening, (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED' && e.exitCode === 6);

      sendFirstChunk = true;
      const reading = new GrpcTransport({ selfId: 1 });
      const pull = await reading.requestSnapshotFromLeader(2, DEFAULT_RETRY.installSnapshot, m);
      const seqs: number[] = [];
      const iterating = (async () => {
        for await (const chunk of pull) seqs.push(chunk.seq);
      })();
      await waitUntil(() => seqs.length === 1);
      reading.close();
      await assert.rejects(iterating, (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED' && e.exitCode === 6);
      await assert.rejects(pull.result, (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
      await waitUntil(() => cancelled === 2);
    } finally {
      peer.raw.delete('StreamSnapshot');
    }
  });

  it('a gzip and a plain data channel are two connections; closing the transport closes them all', async () => {
    const before = peer.wire.connections;
    const t = new GrpcTransport({ selfId: 1 });
    const m = membershipOf(peer);
    await t.sendAppendRequest(2, bigAppend(10), ONE_TRY, m, false);
    await t.sendAppendRequest(2, bigAppend(10), ONE_TRY, m, true);
    assert.equal(peer.wire.connections - before, 2);
    t.close();
    await waitUntil(() => peer.wire.open === 0);
  });
});

describe('channel lifecycle', () => {
  it('rebuilds a member\'s channels when its address changes, and closes them when it leaves', async () => {
    const [a, b] = await Promise.all([FakePeer.start({ id: 2 }), FakePeer.start({ id: 3 })]);
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const vote = { term: 1, candidateId: 1, lastLogIndex: 0, lastLogTerm: 0 };
      const at = (address: string): Membership => ({ selfId: 1, members: [{ id: 2, address, role: 'voter' }] });
      await t.requestVote(2, vote, at(a.address), { deadlineMs: 2000 });
      await t.sendAppendRequest(2, bigAppend(1), ONE_TRY, at(a.address), false);
      assert.equal(a.wire.open, 2);
      // Member 2 moved to b's address: the old channels close, the call goes to the new address.
      await t.requestVote(2, vote, at(b.address), { deadlineMs: 2000 });
      assert.equal(b.callsTo('RequestVote').length, 1);
      await waitUntil(() => a.wire.open === 0);
      // Member 2 left: its channels close.
      t.retainMembers({ members: [] });
      await waitUntil(() => b.wire.open === 0);
    } finally {
      t.close();
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe('gzip', () => {
  let peer: FakePeer;
  before(async () => (peer = await FakePeer.start({ id: 2 })));
  after(() => peer.stop());

  it('compress=true sends gzip-compressed messages the server decodes; compress=false sends plain ones', async () => {
    // The wire tap reads each message's compressed flag; a compressed message is decoded by
    // grpc-js only under `grpc-encoding: gzip`, so a correct decode proves the server saw it.
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const m = membershipOf(peer);
      await t.sendAppendRequest(2, bigAppend(50_000), ONE_TRY, m, true);
      assert.equal(peer.wire.compressedMessages, 1);
      assert.equal(peer.wire.plainMessages, 0);
      const got = peer.callsTo('AppendEntries')[0]!.request as AppendEntriesRequest;
      assert.equal(got.entries?.[0]?.payload?.command?.length, 50_000);

      await t.sendAppendRequest(2, bigAppend(50_000), ONE_TRY, m, false);
      assert.equal(peer.wire.compressedMessages, 1);
      assert.equal(peer.wire.plainMessages, 1);

      const stream = await t.openReplicationStream(2, m, true);
      await stream.send(bigAppend(1000));
      stream.close();
      assert.equal(peer.wire.compressedMessages, 2);

      const views = await t.discoverLeader({ nodeId: 1, requesterAddress: 'x:1' }, true, [peer.address], { deadlineMs: 2000 });
      assert.ok(views[0]!.response);
      assert.equal(peer.wire.compressedMessages, 3);
    } finally {
      t.close();
    }
  });
});

describe('gzip responses (as d-engine sends them)', () => {
  it('accepts a gzip-compressed response: the client advertises gzip and decodes it', async () => {
    // A d-engine ClusterManagementService compresses responses when the caller accepts gzip
    // (reference §1.6); grpc-js servers cannot, so this peer is a bare HTTP/2 gRPC responder.
    let acceptEncoding: string | undefined;
    const server = http2.createServer();
    server.on('stream', (stream, headers) => {
      acceptEncoding = String(headers['grpc-accept-encoding']);
      stream.on('data', () => undefined);
      stream.on('end', () => {
        const body = gzipSync(ClusterManagementService.DiscoverLeader.responseSerialize({ leaderId: 7, leaderAddress: '10.0.0.7:9081', term: 3 }));
        const prefix = Buffer.alloc(5);
        prefix[0] = 1;
        prefix.writeUInt32BE(body.length, 1);
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-encoding': 'gzip' }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
        stream.end(Buffer.concat([prefix, body]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const t = new GrpcTransport();
    try {
      const [view] = await t.discoverLeader({ nodeId: 1, requesterAddress: '' }, true, [endpoint], { deadlineMs: 2000 });
      assert.equal(view!.error, undefined);
      assert.deepEqual([view!.response?.leaderId, view!.response?.leaderAddress, view!.response?.term], [7, '10.0.0.7:9081', 3]);
      assert.match(acceptEncoding ?? '', /gzip/);
    } finally {
      t.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('message size limits', () => {
  let peer: FakePeer;
  before(async () => (peer = await FakePeer.start({ id: 2, maxReceiveMessageBytes: 64 * 1024 })));
  after(() => peer.stop());

  it('the server adapter refuses a request above its limit with RESOURCE_EXHAUSTED and a clear error', async () => {
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const m = membershipOf(peer);
      const err = await t.sendAppendRequest(2, bigAppend(100_000), { ...DEFAULT_RETRY.appendEntries, timeoutMs: 2000, maxAttempts: 3 }, m, false).then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof RaftCtlError);
      assert.equal(err.code, 'RESOURCE_EXHAUSTED');
      assert.equal(err.details?.grpcCode, status.RESOURCE_EXHAUSTED);
      assert.match(err.message, /larger than max/);
      assert.equal(err.hint, 'the message exceeds the size limit');
      assert.equal(err.details?.attempts, 1, 'a size refusal is not retried');
      assert.equal(peer.callsTo('AppendEntries').length, 0);
      // A request under the limit still goes through on the same connection.
      await t.sendAppendRequest(2, bigAppend(1000), ONE_TRY, m, false);
      assert.equal(peer.callsTo('AppendEntries').length, 1);
    } finally {
      t.close();
    }
  });

  it('enforces the limit on the decompressed size of a gzip request (a small compressed frame does not slip through)', async () => {
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const err = await t.sendAppendRequest(2, bigAppend(200_000), ONE_TRY, membershipOf(peer), true).then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e as RaftCtlError,
      );
      assert.equal(err.code, 'RESOURCE_EXHAUSTED');
      assert.match(err.message, /decompresses to a size larger than 65536/);
      assert.equal(err.hint, 'the message exceeds the size limit');
    } finally {
      t.close();
    }
  });

  it('the client refuses to send above 4 MiB (d-engine\'s receive limit) before anything reaches the peer', async () => {
    const t = new GrpcTransport({ selfId: 1, pool: new ChannelPool() });
    const big = await FakePeer.start({ id: 3 });
    try {
      const m = membershipOf(big);
      const err = await t.sendAppendRequest(3, bigAppend(4 * 1024 * 1024 + 10), ONE_TRY, m, false).then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e as RaftCtlError,
      );
      assert.equal(err.code, 'RESOURCE_EXHAUSTED');
      assert.match(err.message, /larger than 4194304/);
      assert.equal(err.hint, 'the message exceeds the size limit');
      assert.equal(big.callsTo('AppendEntries').length, 0);
    } finally {
      t.close();
      await big.stop();
    }
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
