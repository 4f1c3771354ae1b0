/**
 * Snapshot push over InstallSnapshot (reference §3.3, §5; PROTOCOL.md departures) against real
 * gRPC servers on 127.0.0.1 running the serveInstallSnapshot receiver or scripted handlers.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { ConfigError, EXIT, IntegrityError, RejectedError, TimeoutError, UnreachableError } from '../../../src/errors.js';
import { ChannelPool } from '../../../src/transport/channels.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import type { SnapshotChunk, SnapshotResponse } from '../../../src/transport/messages.js';
import { GrpcStatusError } from '../../../src/transport/server.js';
import { bytesSource, MAX_CHUNK_BYTES, sha256Of, toHex } from '../../../src/transport/snapshot-chunks.js';
import { pushSnapshot } from '../../../src/transport/snapshot-push.js';
import { serveInstallSnapshot, type SnapshotSink } from '../../../src/transport/snapshot-serve.js';
import type { PulledSnapshotInfo } from '../../../src/transport/types.js';
import { concat, deadAddress, generatedSource, ManualClock, payload, startSnapshotPeer, waitUntil, type FakeSnapshotPeer } from './fake-snapshot-peer.js';

const MiB = 1024 * 1024;
const META = { lastIncludedIndex: 120, lastIncludedTerm: 4 };
const CONFIG = { leaderTerm: 7, leaderId: 1 };

/** A receiver that keeps what it got: the announced info, the bytes, how it finished. */
function receiver(options: { term?: number; finishFails?: boolean } = {}) {
  const got = { info: undefined as PulledSnapshotInfo | undefined, parts: [] as Uint8Array[], finished: undefined as { sha256: string; verified: boolean } | undefined, aborted: 0, warnings: [] as string[], clusterId: undefined as unknown };
  const handler = serveInstallSnapshot({
    currentTerm: () => options.term ?? 7,
    open(info, requestMetadata): SnapshotSink {
      got.info = info;
      got.clusterId = requestMetadata.get('raftctl-cluster-id')[0];
      return {
        write: (data) => {
          got.parts.push(new Uint8Array(data));
        },
        finish: (outcome) => {
          if (options.finishFails) throw new Error('apply failed');
          got.finished = outcome;
        },
        abort: () => {
          got.aborted += 1;
        },
      };
    },
    onWarning: (m) => got.warnings.push(m),
  });
  return { got, handler };
}

const peers: FakeSnapshotPeer[] = [];
after(async () => {
  for (const p of peers) await p.close();
});
async function peerWith(handler: Parameters<typeof startSnapshotPeer>[0]['InstallSnapshot']): Promise<FakeSnapshotPeer> {
  const peer = await startSnapshotPeer({ InstallSnapshot: handler! });
  peers.push(peer);
  return peer;
}

describe('pushSnapshot', () => {
  test('8 MiB with a known SHA-256: 8 chunks of 1 MiB arrive intact, chunk 0 announces the real SHA-256 and our term', async () => {
    const data = payload(8 * MiB);
    const { got, handler } = receiver();
    const peer = await peerWith(handler);
    const progress: Array<[number, number]> = [];
    const response = await pushSnapshot(peer.client, peer.address, META, bytesSource(data, { withSha256: true }), {
      ...CONFIG,
      metadataHeaders: { 'raftctl-cluster-id': 'c-1' },
      onProgress: (s, t) => progress.push([s, t]),
    });
    assert.deepEqual({ term: response.term, success: response.success }, { term: 7, success: true });
    assert.deepEqual(got.info, { lastIncludedIndex: 120, lastIncludedTerm: 4, leaderId: 1, leaderTerm: 7, totalChunks: 8, announcedSha256: toHex(sha256Of(data)), chunkBytes: MiB, maxBytes: 8 * MiB });
    assert.equal(got.parts.length, 8);
    assert.deepEqual(concat(got.parts), data);
    assert.deepEqual(got.finished, { sha256: toHex(sha256Of(data)), verified: true, bytes: 8 * MiB, chunks: 8 });
    assert.deepEqual(progress.at(-1), [8 * MiB, 8 * MiB]);
    assert.equal(progress.length, 8);
    assert.equal(got.clusterId, 'c-1');
  });

  test('a receiver whose disk stalls stops the push through flow control: the sender reads only a bounded part of the source', async () => {
    // serveInstallSnapshot awaits the sink's write before it reads the next chunk; grpc-js then
    // stops reading the HTTP/2 stream and the sender's writes wait for window.
    let stall: () => void = () => undefined;
    const stalled = new Promise<void>((r) => (stall = r));
    let written = 0;
    const handler = serveInstallSnapshot({
      currentTerm: () => 7,
      open: () => ({
        write: async () => {
          written += 1;
          if (written > 1) await stalled;
        },
      }),
    });
    const peer = await peerWith(handler);
    let pieces = 0;
    const size = 200 * MiB;
    const inner = generatedSource(size, MiB);
    const counted = {
      size,
      sha256: new Uint8Array(32).fill(1),
      async *open() {
        for await (const p of inner.open()) {
          pieces += 1;
          yield p;
        }
      },
    };
    const cancel = new AbortController();
    const push = pushSnapshot(peer.client, peer.address, META, counted, { ...CONFIG, chunkBytes: MiB, signal: cancel.signal });
    push.catch(() => undefined);
    try {
      await waitUntil(() => written === 2, 'the receiver stalls on its second chunk');
      // Flow control takes a moment to stop the sender (longer on a loaded machine): wait until
      // it has read nothing for 200 ms, then check how much it read.
      let read = -1;
      for (let round = 0; round < 50 && pieces !== read; round++) {
        read = pieces;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(pieces, read, 'the sender stopped reading the source while the receiver stalls');
      assert.ok(read < 64, `${read} of 200 MiB read by the sender while the receiver had taken 1`);
      cancel.abort();
      await assert.rejects(push, (e: unknown) => e instanceof TimeoutError);
    } finally {
      stall();
    }
  });

  test('a source without sha256 or size is hashed in a first pass, then sent in a second', async () => {
    const { got, handler } = receiver();
    const peer = await peerWith(handler);
    const source = generatedSource(3 * MiB + 5, 256 * 1024);
    const plain = { open: () => source.open() };
    await pushSnapshot(peer.client, peer.address, META, plain, { ...CONFIG, chunkBytes: MiB });
    const sent = concat(got.parts);
    assert.equal(source.opens, 2);
    assert.equal(got.info?.totalChunks, 4);
    assert.equal(sent.byteLength, 3 * MiB + 5);
    assert.equal(got.info?.announcedSha256, toHex(sha256Of(sent)));
    assert.equal(got.finished?.verified, true);
  });

  test('an empty snapshot is one empty chunk 0 carrying the metadata', async () => {
    const { got, handler } = receiver();
    const peer = await peerWith(handler);
    await pushSnapshot(peer.client, peer.address, META, bytesSource(new Uint8Array(0)), CONFIG);
    assert.equal(got.info?.totalChunks, 1);
    assert.deepEqual(got.finished, { sha256: toHex(sha256Of(new Uint8Array(0))), verified: true, bytes: 0, chunks: 1 });
  });

  test('the largest chunk size (4 MiB − 64 KiB − envelope) passes gRPC\'s 4 MiB send limit', async () => {
    const data = payload(MAX_CHUNK_BYTES + 10, 7);
    const { got, handler } = receiver();
    const peer = await peerWith(handler);
    await pushSnapshot(peer.client, peer.address, META, bytesSource(data), { ...CONFIG, chunkBytes: MAX_CHUNK_BYTES });
    assert.deepEqual(got.parts.map((p) => p.byteLength), [MAX_CHUNK_BYTES, 10]);
  });

  test('a supplied SHA-256 without a size still gets a first pass, and bytes changing after it are caught before the last chunk', async () => {
    const { got, handler } = receiver();
    const peer = await peerWith(handler);
    let opens = 0;
    const source = {
      sha256: sha256Of(payload(2 * MiB, 1)),
      async *open() {
        opens += 1;
        yield payload(2 * MiB, opens);
      },
    };
    await assert.rejects(pushSnapshot(peer.client, peer.address, META, source, CONFIG), (err: unknown) => err instanceof IntegrityError && err.code === 'CHECKSUM_MISMATCH');
    assert.equal(opens, 2);
    assert.equal(got.finished, undefined);
  });

  test('a supplied SHA-256 is announced without a first pass and checked while sending: a wrong one fails CHECKSUM_MISMATCH before the last chunk, so even a receiver that does not verify (d-engine) applies nothing', async () => {
    const { got, handler } = receiver();
    const peer = await peerWith(handler);
    const data = payload(3 * MiB);
    const wrong = sha256Of(payload(16));
    let opens = 0;
    const source = {
      size: data.byteLength,
      sha256: wrong,
      async *open() {
        opens += 1;
        yield data;
      },
    };
    await assert.rejects(pushSnapshot(peer.client, peer.address, META, source, CONFIG), (err: unknown) => err instanceof IntegrityError && err.code === 'CHECKSUM_MISMATCH' && /do not match the SHA-256 it supplies/.test(err.message));
    assert.equal(opens, 1, 'one pass over the source');
    assert.equal(got.finished, undefined, 'the stream never completed');
  });

  test('a peer answering success:false fails with RejectedError SNAPSHOT_REJECTED (exit 6) carrying its term', async () => {
    const { got, handler } = receiver({ term: 9, finishFails: true });
    const peer = await peerWith(handler);
    await assert.rejects(pushSnapshot(peer.client, peer.address, META, bytesSource(payload(100_000)), CONFIG), (err: unknown) => {
      assert.ok(err instanceof RejectedError);
      assert.equal(err.code, 'SNAPSHOT_REJECTED');
      assert.equal(err.exitCode, EXIT.REJECTED);
      assert.equal(err.details?.term, 9);
      return true;
    });
    assert.equal(got.aborted, 1);
  });

  test('a leader refusing the push (PERMISSION_DENIED "Not Follower or Learner.") is a RejectedError, not retried', async () => {
    const handler = serveInstallSnapshot({
      currentTerm: () => 8,
      open: () => {
        throw new GrpcStatusError(status.PERMISSION_DENIED, 'Not Follower or Learner.');
      },
    });
    const peer = await peerWith(handler);
    await assert.rejects(pushSnapshot(peer.client, peer.address, META, bytesSource(payload(1000)), CONFIG), (err: unknown) => err instanceof RejectedError && err.code === 'PERMISSION_DENIED');
  });

  test('a peer that is down fails with UnreachableError (exit 4)', async () => {
    const address = await deadAddress();
    const pool = new ChannelPool();
    try {
      await assert.rejects(pushSnapshot(pool.forAddress(address, 'bulk'), address, META, bytesSource(payload(3 * MiB)), CONFIG), (err: unknown) => err instanceof UnreachableError && err.exitCode === EXIT.UNREACHABLE);
    } finally {
      pool.close();
    }
  });

  test('overall deadline: a peer that takes every chunk but never answers fails the push when the injected clock passes deadlineMs', async () => {
    let received = 0;
    let cancelled = false;
    const handler = (call: ServerReadableStream<SnapshotChunk, SnapshotResponse>, _cb: sendUnaryData<SnapshotResponse>): void => {
      call.on('data', () => (received += 1));
      call.on('cancelled', () => (cancelled = true));
    };
    const peer = await peerWith(handler);
    const clock = new ManualClock();
    const push = pushSnapshot(peer.client, peer.address, META, bytesSource(payload(4 * MiB)), { ...CONFIG, clock, deadlineMs: 60_000 });
    await waitUntil(() => received === 4, 'the peer to receive 4 chunks');
    clock.advance(59_999);
    clock.advance(1);
    await assert.rejects(push, (err: unknown) => err instanceof TimeoutError && /deadline of 60000 ms/.test(err.message));
    await waitUntil(() => cancelled, 'the peer to see the call cancelled');
  });

  test('overall deadline also bounds a first hashing pass over a source that stalls', async () => {
    const { got, handler } = receiver();
    const peer = await peerWith(handler);
    const clock = new ManualClock();
    const stalled = {
      async *open(): AsyncGenerator<Uint8Array> {
        yield new Uint8Array(10);
        await new Promise(() => undefined);
      },
    };
    const push = pushSnapshot(peer.client, peer.address, META, stalled, { ...CONFIG, clock, deadlineMs: 1_000 });
    assert.equal(clock.pending.length, 1);
    clock.advance(1_000);
    await assert.rejects(push, (err: unknown) => err instanceof TimeoutError && /deadline of 1000 ms/.test(err.message));
    assert.equal(got.info, undefined);
  });

  test('per-chunk deadline: a peer that never reads stalls the stream; the wait for room fails after perChunkTimeoutMs', async () => {
    const handler = (call: ServerReadableStream<SnapshotChunk, SnapshotResponse>): void => {
      call.pause();
    };
    const peer = await peerWith(handler);
    const clock = new ManualClock();
    const source = generatedSource(256 * MiB);
    const push = pushSnapshot(peer.client, peer.address, META, source, { ...CONFIG, clock, chunkBytes: 256 * 1024, perChunkTimeoutMs: 5_000, deadlineMs: 600_000 });
    // Timers: the overall deadline, plus one while the push waits for room.
    await waitUntil(() => clock.pending.length === 2, 'the push to wait for the stream');
    clock.advance(4_999);
    assert.equal(clock.pending.length, 2);
    clock.advance(1);
    await assert.rejects(push, (err: unknown) => err instanceof TimeoutError && /not taken by the stream within 5000 ms/.test(err.message));
  });

  test('the caller\'s signal cancels a push (TimeoutError)', async () => {
    const handler = (call: ServerReadableStream<SnapshotChunk, SnapshotResponse>): void => {
      call.pause();
    };
    const peer = await peerWith(handler);
    const controller = new AbortController();
    const push = pushSnapshot(peer.client, peer.address, META, generatedSource(64 * MiB), { ...CONFIG, signal: controller.signal, chunkBytes: 256 * 1024 });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(push, (err: unknown) => err instanceof TimeoutError && /cancelled/.test(err.message));
  });

  test('a source whose bytes change between passes is caught before its last chunk (IntegrityError, exit 7)', async () => {
    const { got, handler } = receiver();
    const peer = await peerWith(handler);
    let opens = 0;
    const source = {
      async *open() {
        opens += 1;
        yield payload(2 * MiB, opens);
      },
    };
    await assert.rejects(pushSnapshot(peer.client, peer.address, META, source, CONFIG), (err: unknown) => err instanceof IntegrityError && err.code === 'CHECKSUM_MISMATCH' && err.exitCode === EXIT.INTEGRITY);
    assert.equal(got.finished, undefined);
  });

  test('a receiver refusing the push on a bound (maxSnapshotBytes) ends it with RESOURCE_EXHAUSTED and the reason: a RejectedError (exit 6), not a bare success:false', async () => {
    const handler = serveInstallSnapshot({ currentTerm: () => 7, maxSnapshotBytes: 2 * MiB, open: () => ({ write: () => undefined }) });
    const peer = await peerWith(handler);
    await assert.rejects(
      pushSnapshot(peer.client, peer.address, META, bytesSource(payload(3 * MiB), { withSha256: true }), CONFIG),
      (err: unknown) => err instanceof RejectedError && err.exitCode === EXIT.REJECTED && err.details?.grpcCode === status.RESOURCE_EXHAUSTED && /up to 3145728 bytes \(3 chunks of 1048576\), more than the 2097152 this node accepts/.test(err.message),
    );
  });

  test('chunk size validation: 0, fractional, and above the 4 MiB − 64 KiB envelope limit are ConfigErrors (exit 2) before any call', async () => {
    const pool = new ChannelPool();
    try {
      const client = pool.forAddress('127.0.0.1:1', 'bulk');
      for (const chunkBytes of [0, 1.5, MAX_CHUNK_BYTES + 1, 4 * MiB]) {
        await assert.rejects(pushSnapshot(client, '127.0.0.1:1', META, bytesSource(payload(10)), { ...CONFIG, chunkBytes }), (err: unknown) => err instanceof ConfigError && err.exitCode === EXIT.USAGE, `chunkBytes ${chunkBytes}`);
      }
      await assert.rejects(pushSnapshot(client, '127.0.0.1:1', META, { sha256: new Uint8Array(5), size: 1, open: bytesSource(payload(1)).open }, CONFIG), ConfigError);
      await assert.rejects(pushSnapshot(client, '127.0.0.1:1', META, bytesSource(payload(1)), { ...CONFIG, leaderId: 0 }), ConfigError);
    } finally {
      pool.close();
    }
  });
});

describe('GrpcTransport.sendSnapshot', () => {
  test('the peer\'s channels closed during the first pass over the file (a failed connect evicts them): the push opens its call on a new channel and succeeds', async () => {
    const { got, handler } = receiver();
    const peer = await peerWith(handler);
    const pool = new ChannelPool();
    const transport = new GrpcTransport({ selfId: 1, pool });
    try {
      const data = payload(3 * MiB);
      let opens = 0;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      // No SHA-256: the push reads the file once to hash it before the call starts.
      const source = {
        size: data.byteLength,
        async *open() {
          opens += 1;
          if (opens === 1) await gate;
          yield* bytesSource(data).open();
        },
      };
      const membership = { selfId: 1, members: [{ id: 2, address: peer.address, role: 'voter' as const }] };
      pool.forPeer(2, peer.address, 'bulk'); // the bulk channel exists before the push (an earlier push)
      const push = transport.sendSnapshot(2, META, source, membership, { ...CONFIG, chunkBytes: MiB });
      await waitUntil(() => opens === 1, 'the first pass');
      pool.evictAddress(peer.address); // what a failed data-stream connect to the peer does
      release();
      const response = await push;
      assert.equal(response.success, true);
      assert.deepEqual(concat(got.parts), data);
    } finally {
      transport.close();
      pool.close();
    }
  });
});
