/**
 * Snapshot pull over StreamSnapshot (reference §3.4; PROTOCOL.md departures) against real gRPC
 * servers on 127.0.0.1: the serveStreamSnapshot sender, and scripted senders that misbehave the
 * way d-engine's retransmission does (duplicates, out of order) or worse.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { after, describe, test } from 'node:test';
import type { Metadata, ServerDuplexStream } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { EXIT, IntegrityError, NoLeaderError, ProtocolError, RejectedError, TimeoutError, UnreachableError } from '../../../src/errors.js';
import { ChannelPool } from '../../../src/transport/channels.js';
import { ChunkStatus, type SnapshotAck, type SnapshotChunk } from '../../../src/transport/messages.js';
import type { RetryPolicy } from '../../../src/transport/retry.js';
import { GrpcStatusError } from '../../../src/transport/server.js';
import { bytesSource, chunkChecksum, sha256Of, toHex } from '../../../src/transport/snapshot-chunks.js';
import { pullSnapshot, type PullSnapshotOptions } from '../../../src/transport/snapshot-pull.js';
import { serveStreamSnapshot, type ServeStreamSnapshotOptions, type SnapshotOffer } from '../../../src/transport/snapshot-serve.js';
import type { PulledChunk, SnapshotPull } from '../../../src/transport/types.js';
import { concat, corrupted, deadAddress, ManualClock, payload, scriptChunks, startSnapshotPeer, waitUntil, type FakeSnapshotPeer } from './fake-snapshot-peer.js';

const MiB = 1024 * 1024;
const RETRY: RetryPolicy = { maxAttempts: 3, timeoutMs: 2000, baseDelayMs: 10, maxDelayMs: 20, jitter: 0 };
type Call = ServerDuplexStream<SnapshotAck, SnapshotChunk>;

const peers: FakeSnapshotPeer[] = [];
after(async () => {
  for (const p of peers) await p.close();
});
async function peerWith(handler: (call: Call) => void): Promise<FakeSnapshotPeer> {
  const peer = await startSnapshotPeer({ StreamSnapshot: handler });
  peers.push(peer);
  return peer;
}

function offerOf(data: Uint8Array, extra: Partial<SnapshotOffer> = {}): SnapshotOffer {
  return { source: bytesSource(data, { withSha256: true }), lastIncludedIndex: 300, lastIncludedTerm: 5, leaderTerm: 6, leaderId: 2, ...extra };
}

/** Drains a pull: the chunks' seqs and the bytes in order. */
async function drain(pull: SnapshotPull): Promise<{ seqs: number[]; data: Uint8Array }> {
  const chunks: PulledChunk[] = [];
  for await (const c of pull) chunks.push(c);
  return { seqs: chunks.map((c) => c.seq), data: concat(chunks.map((c) => c.data)) };
}

/** A scripted sender: `run` writes chunks and reads the acks it got so far. */
function scripted(run: (call: Call, acks: SnapshotAck[]) => Promise<void>): (call: Call) => void {
  return (call) => {
    const acks: SnapshotAck[] = [];
    call.on('data', (ack: SnapshotAck) => acks.push(ack));
    call.on('error', () => undefined);
    run(call, acks).catch(() => undefined);
  };
}

function pull(peer: FakeSnapshotPeer, extra: Partial<PullSnapshotOptions> = {}): Promise<SnapshotPull> {
  return pullSnapshot(peer.client, peer.address, { retry: RETRY, ...extra });
}

describe('pullSnapshot', () => {
  test('8 MiB from serveStreamSnapshot: chunks in order, bytes intact, SHA-256 verified, every chunk acknowledged', async () => {
    const data = payload(8 * MiB, 3);
    let outcome: Parameters<NonNullable<ServeStreamSnapshotOptions['onDone']>>[0] | undefined;
    let clusterId: unknown;
    const offer = (md: Metadata): SnapshotOffer => {
      clusterId = md.get('raftctl-cluster-id')[0];
      return offerOf(data);
    };
    // The sender's clock never moves: on a loaded machine an ack later than the default 1 s
    // would otherwise be re-sent for (this test is about acknowledgements, not retransmission).
    const peer = await peerWith(serveStreamSnapshot({ offer, onDone: (o) => (outcome = o), clock: new ManualClock() }));
    const p = await pull(peer, { metadataHeaders: { 'raftctl-cluster-id': 'c-2' } });
    assert.equal(clusterId, 'c-2');
    assert.deepEqual(await p.info, { lastIncludedIndex: 300, lastIncludedTerm: 5, leaderId: 2, leaderTerm: 6, totalChunks: 8, announcedSha256: toHex(sha256Of(data)), chunkBytes: MiB, maxBytes: 8 * MiB });
    const { seqs, data: got } = await drain(p);
    assert.deepEqual(seqs, [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(got, data);
    assert.deepEqual(await p.result, { sha256: toHex(sha256Of(data)), verified: true, bytes: 8 * MiB, chunks: 8, warnings: [] });
    await waitUntil(() => outcome !== undefined, 'the sender to finish');
    assert.deepEqual(outcome, { ok: true, chunks: 8, bytes: 8 * MiB, retransmits: 0 });
  });

  test('an empty snapshot is one empty chunk 0: the pull yields it and verifies the SHA-256 of nothing', async () => {
    const peer = await peerWith(serveStreamSnapshot({ offer: () => offerOf(new Uint8Array(0)) }));
    const p = await pull(peer);
    const { seqs, data } = await drain(p);
    assert.deepEqual(seqs, [0]);
    assert.equal(data.byteLength, 0);
    assert.deepEqual(await p.result, { sha256: toHex(sha256Of(new Uint8Array(0))), verified: true, bytes: 0, chunks: 1, warnings: [] });
  });

  test('finished pulls leave no listener on a long-lived caller signal (the transport\'s shutdown signal)', async () => {
    const peer = await peerWith(serveStreamSnapshot({ offer: () => offerOf(payload(3000, 4)) }));
    const shutdown = new AbortController();
    for (let i = 0; i < 5; i++) {
      const p = await pull(peer, { signal: shutdown.signal });
      await drain(p);
      await p.result;
    }
    await waitUntil(() => getEventListeners(shutdown.signal, 'abort').length === 0, 'every abort listener removed');
  });

  test('a corrupt chunk is answered CHECKSUM_MISMATCH, retransmitted by the sender and accepted', async () => {
    const data = payload(MiB, 4);
    let outcome: Parameters<NonNullable<ServeStreamSnapshotOptions['onDone']>>[0] | undefined;
    const acks: SnapshotAck[] = [];
    const serve = serveStreamSnapshot({ offer: () => offerOf(data), chunkBytes: 128 * 1024, onDone: (o) => (outcome = o) });
    const peer = await peerWith((call) => {
      const write = call.write.bind(call) as (c: SnapshotChunk) => boolean;
      let corruptOnce = true;
      (call as unknown as { write: (c: SnapshotChunk) => boolean }).write = (c) => {
        if (c.seq === 2 && corruptOnce) {
          corruptOnce = false;
          return write(corrupted(c));
        }
        return write(c);
      };
      call.on('data', (ack: SnapshotAck) => acks.push(ack));
      serve(call);
    });
    const p = await pull(peer);
    const { seqs, data: got } = await drain(p);
    assert.deepEqual(seqs, [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(got, data);
    assert.equal((await p.result).verified, true);
    await waitUntil(() => outcome !== undefined, 'the sender to finish');
    assert.equal(outcome?.ok && outcome.retransmits, 1);
    assert.deepEqual(acks.filter((a) => a.seq === 2).map((a) => [a.status, a.nextRequested]), [[ChunkStatus.CHECKSUM_MISMATCH, 2], [ChunkStatus.ACCEPTED, 3]]);
  });

  test('duplicates (d-engine re-sends unacknowledged chunks) are dropped and acknowledged again', async () => {
    const data = payload(4000, 5);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    const peer = await peerWith(scripted(async (call, acks) => {
      for (const seq of [0, 1, 1, 0, 2, 2, 3]) call.write(chunks[seq]!);
      await waitUntil(() => acks.length === 7, 'seven acks');
      call.end();
    }));
    const p = await pull(peer);
    const { seqs, data: got } = await drain(p);
    assert.deepEqual(seqs, [0, 1, 2, 3]);
    assert.deepEqual(got, data);
    assert.equal((await p.result).chunks, 4);
  });

  test('chunks arriving out of order are placed by sequence number', async () => {
    const data = payload(5000, 6);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    const acks: SnapshotAck[] = [];
    const peer = await peerWith(scripted(async (call, got) => {
      // Later chunks omit total_chunks (0), which receivers accept.
      for (const seq of [0, 3, 2, 4, 1]) call.write(seq === 0 ? chunks[seq]! : { ...chunks[seq]!, totalChunks: 0 });
      await waitUntil(() => got.length === 5, 'five acks');
      acks.push(...got);
      call.end();
    }));
    const p = await pull(peer);
    const { seqs, data: got } = await drain(p);
    assert.deepEqual(seqs, [0, 1, 2, 3, 4]);
    assert.deepEqual(got, data);
    await waitUntil(() => acks.length === 5, 'the acks');
    assert.deepEqual(acks.map((a) => [a.seq, a.status, a.nextRequested]), [[0, 1, 1], [3, 1, 4], [2, 1, 3], [4, 1, 5], [1, 1, 2]]);
  });

  test('a chunk beyond the reorder window is dropped unacknowledged and accepted when re-sent', async () => {
    const data = payload(4000, 7);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    let acksBeforeResend: number[] = [];
    const peer = await peerWith(scripted(async (call, acks) => {
      for (const seq of [0, 3, 1, 2]) call.write(chunks[seq]!);
      await waitUntil(() => acks.length === 3, 'three acks');
      acksBeforeResend = acks.map((a) => a.seq ?? 0);
      call.write(chunks[3]!);
      await waitUntil(() => acks.length === 4, 'four acks');
      call.end();
    }));
    const p = await pull(peer, { reorderWindow: 2 });
    const { seqs } = await drain(p);
    assert.deepEqual(seqs, [0, 1, 2, 3]);
    assert.deepEqual(acksBeforeResend, [0, 1, 2]);
  });

  test('an all-zero checksum means "not provided": chunks verified, our SHA-256 reported, a warning added', async () => {
    const data = payload(300_000, 8);
    const peer = await peerWith(serveStreamSnapshot({ offer: () => offerOf(data, { zeroChecksum: true }), chunkBytes: 100_000 }));
    const p = await pull(peer);
    assert.equal((await p.info).announcedSha256, null);
    assert.deepEqual((await drain(p)).data, data);
    const result = await p.result;
    assert.equal(result.verified, false);
    assert.equal(result.sha256, toHex(sha256Of(data)));
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /no SHA-256/);
  });

  test('a SHA-256 mismatch of the whole fails the iteration with IntegrityError CHECKSUM_MISMATCH (exit 7)', async () => {
    const data = payload(3000, 9);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(payload(3000, 10)) });
    const peer = await peerWith(scripted(async (call) => {
      for (const c of chunks) call.write(c);
    }));
    const p = await pull(peer);
    const isMismatch = (err: unknown): boolean => err instanceof IntegrityError && err.code === 'CHECKSUM_MISMATCH' && err.exitCode === EXIT.INTEGRITY;
    await assert.rejects(drain(p), isMismatch);
    await assert.rejects(p.result, isMismatch);
  });

  test('a chunk that keeps failing its CRC more than maxChunkRetries times fails the pull (IntegrityError)', async () => {
    const data = payload(3000, 11);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    const peer = await peerWith(scripted(async (call, acks) => {
      call.write(chunks[0]!);
      for (let i = 1; i <= 3; i++) {
        call.write(corrupted(chunks[1]!));
        await waitUntil(() => acks.length === i + 1, `nack ${i}`);
      }
      call.write(corrupted(chunks[1]!));
    }));
    const p = await pull(peer, { maxChunkRetries: 3 });
    await assert.rejects(drain(p), (err: unknown) => err instanceof IntegrityError && err.code === 'CHECKSUM_MISMATCH' && err.details?.failures === 4 && err.details?.seq === 1);
  });

  // The hint names what exists: no `raftctl snapshot` command exists yet, so it names the admin RPC.
  test('NOT_FOUND "No snapshot available" is a RejectedError NO_SNAPSHOT (exit 6), not retried, whose hint names no missing command', async () => {
    let calls = 0;
    const serve = serveStreamSnapshot({ offer: () => null });
    const peer = await peerWith((call) => {
      calls += 1;
      serve(call);
    });
    await assert.rejects(pull(peer), (err: unknown) => err instanceof RejectedError && err.code === 'NO_SNAPSHOT' && err.exitCode === EXIT.REJECTED && err.details?.attempts === 1 && /Admin\.TriggerSnapshot/.test(err.hint ?? '') && !/raftctl snapshot/.test(err.hint ?? ''));
    assert.equal(calls, 1);
  });

  test('a non-leader\'s FAILED_PRECONDITION "Not the leader" is a NoLeaderError (exit 3)', async () => {
    const peer = await peerWith(serveStreamSnapshot({
      offer: () => {
        throw new GrpcStatusError(status.FAILED_PRECONDITION, 'Not the leader');
      },
    }));
    await assert.rejects(pull(peer), (err: unknown) => err instanceof NoLeaderError && err.exitCode === EXIT.NO_LEADER);
  });

  test('a leader term/id change mid-stream is a ProtocolError answered OUT_OF_ORDER', async () => {
    const data = payload(3000, 12);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    let acks: SnapshotAck[] = [];
    const peer = await peerWith(scripted(async (call, got) => {
      acks = got;
      call.write(chunks[0]!);
      call.write({ ...chunks[1]!, leaderTerm: 4 });
    }));
    const p = await pull(peer);
    await assert.rejects(drain(p), (err: unknown) => err instanceof ProtocolError && /leader \(term 4, id 1\) differs from \(term 3, id 1\)/.test(err.message));
    await waitUntil(() => acks.length === 2, 'the final ack to reach the sender');
    assert.deepEqual(acks.map((a) => [a.seq, a.status]), [[0, ChunkStatus.ACCEPTED], [1, ChunkStatus.OUT_OF_ORDER]]);
  });

  test('a sender that sends more data than it declared (a chunk larger than chunk 0, or a chunk 0 over 4 MiB) fails the pull with a ProtocolError answered FAILED', async () => {
    // The protocol declares total_chunks only; chunks of one size bound the whole to
    // total_chunks × chunk 0's size. A client channel takes 64 MiB messages, so a sender could
    // hand the consumer (and its reorder window) chunks of up to 64 MiB each, far past what it declared.
    const data = payload(3000, 19);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    const big = payload(8 * MiB, 20);
    const cases: Array<{ sent: SnapshotChunk[]; message: RegExp }> = [
      { sent: [chunks[0]!, { ...chunks[1]!, data: big, chunkChecksum: chunkChecksum(big) }], message: /chunk 1: 8388608 bytes, more than chunk 0's 1000 .*3000 bytes its total_chunks declared/ },
      { sent: [{ ...chunks[0]!, data: big, chunkChecksum: chunkChecksum(big) }], message: /chunk 0: chunk 0 carries 8388608 bytes, more than the 4194304 a chunk may carry/ },
    ];
    for (const { sent, message } of cases) {
      let acks: SnapshotAck[] = [];
      const peer = await peerWith(scripted(async (call, got) => {
        acks = got;
        for (const c of sent) call.write(c);
      }));
      const failed = (err: unknown) => err instanceof ProtocolError && message.test(err.message);
      if (sent.length === 1) {
        // A pull that fails before chunk 0 was taken is abandoned: its call cancelled at once.
        await assert.rejects(pull(peer), failed);
        continue;
      }
      await assert.rejects(pull(peer).then(drain), failed);
      await waitUntil(() => acks.length === 2, 'the final ack to reach the sender');
      assert.deepEqual(acks.map((a) => [a.seq, a.status]), [[0, ChunkStatus.ACCEPTED], [1, ChunkStatus.FAILED]]);
    }
  });

  test('a chunk beyond total_chunks (more chunks than declared) fails the pull with a ProtocolError answered FAILED', async () => {
    const data = payload(3000, 22);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    let acks: SnapshotAck[] = [];
    const peer = await peerWith(scripted(async (call, got) => {
      acks = got;
      call.write(chunks[0]!);
      call.write({ ...chunks[1]!, seq: 3 });
    }));
    await assert.rejects(pull(peer).then(drain), (err: unknown) => err instanceof ProtocolError && /chunk 3: seq 3 is not below total_chunks 3/.test(err.message));
    await waitUntil(() => acks.length === 2, 'the final ack to reach the sender');
    assert.deepEqual(acks.map((a) => [a.seq, a.status]), [[0, ChunkStatus.ACCEPTED], [3, ChunkStatus.FAILED]]);
  });

  test('maxSnapshotBytes: a pull whose chunk 0 declares more (total_chunks × its size) fails at once with RejectedError SNAPSHOT_TOO_LARGE', async () => {
    const data = payload(3000, 21);
    const peer = await peerWith(serveStreamSnapshot({ offer: () => offerOf(data), chunkBytes: 1000 }));
    await assert.rejects(pull(peer, { maxSnapshotBytes: 2999 }), (err: unknown) => err instanceof RejectedError && err.code === 'SNAPSHOT_TOO_LARGE' && /up to 3000 bytes \(3 chunks of 1000\), more than the 2999 accepted/.test(err.message));
    const p = await pull(peer, { maxSnapshotBytes: 3000 });
    assert.deepEqual((await drain(p)).data, data);
    assert.equal((await p.info).maxBytes, 3000);
  });

  test('a first chunk without metadata is a ProtocolError', async () => {
    const data = payload(2000, 13);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    const peer = await peerWith(scripted(async (call) => {
      call.write({ ...chunks[0]!, metadata: null });
    }));
    await assert.rejects(pull(peer), (err: unknown) => err instanceof ProtocolError && /must be seq 0 and carry metadata/.test(err.message));
  });

  test('initial-call failures are retried: two UNAVAILABLE answers, then the pull succeeds', async () => {
    const data = payload(10_000, 14);
    let calls = 0;
    const serve = serveStreamSnapshot({ offer: () => offerOf(data) });
    const peer = await peerWith((call) => {
      calls += 1;
      if (calls <= 2) call.emit('error', { code: status.UNAVAILABLE, details: 'Service is not ready' });
      else serve(call);
    });
    const retries: number[] = [];
    const p = await pull(peer, { onRetry: ({ delayMs }) => retries.push(delayMs) });
    assert.deepEqual((await drain(p)).data, data);
    assert.equal(calls, 3);
    assert.deepEqual(retries, [10, 20]);
  });

  test('no chunk 0 within retry.timeoutMs (injected clock) fails the attempt, which is retried after the backoff', async () => {
    let calls = 0;
    const peer = await peerWith((call) => {
      calls += 1;
      call.on('error', () => undefined);
    });
    const clock = new ManualClock();
    let retried = 0;
    const pending = pull(peer, { clock, retry: { maxAttempts: 2, timeoutMs: 500, baseDelayMs: 10, maxDelayMs: 10, jitter: 0 }, onRetry: () => (retried += 1) });
    await waitUntil(() => calls === 1 && clock.pending.length === 2, 'the first attempt (first-chunk and receive timers)');
    clock.advance(499);
    assert.equal(retried, 0);
    clock.advance(1);
    // onRetry runs just before the backoff sleep is registered, in the same turn.
    await waitUntil(() => retried === 1, 'the retry');
    assert.equal(clock.pending.length, 1);
    clock.advance(10);
    await waitUntil(() => calls === 2 && clock.pending.length === 2, 'the second attempt');
    clock.advance(500);
    await assert.rejects(pending, (err: unknown) => err instanceof TimeoutError && /no snapshot chunk within 500 ms/.test(err.message) && err.details?.attempts === 2);
  });

  test('a leader that is down: UnreachableError after maxAttempts attempts', async () => {
    const address = await deadAddress();
    const pool = new ChannelPool();
    try {
      await assert.rejects(pullSnapshot(pool.forAddress(address, 'bulk'), address, { retry: { ...RETRY, maxAttempts: 2 } }), (err: unknown) => err instanceof UnreachableError && err.details?.attempts === 2);
    } finally {
      pool.close();
    }
  });

  test('a slow consumer pauses the call: only readAhead chunks are taken (and acknowledged) until it reads', async () => {
    const data = payload(MiB, 15);
    const acks: SnapshotAck[] = [];
    const serve = serveStreamSnapshot({ offer: () => offerOf(data), chunkBytes: 64 * 1024 });
    const peer = await peerWith((call) => {
      call.on('data', (ack: SnapshotAck) => acks.push(ack));
      serve(call);
    });
    const p = await pull(peer, { readAhead: 2 });
    // Wait for the two chunks read ahead, then give any further ones time to arrive (none may:
    // a loaded machine can only make this pass late, never fail it early).
    await waitUntil(() => acks.length >= 2, 'the chunks read ahead');
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(acks.length, 2);
    const { seqs, data: got } = await drain(p);
    assert.equal(seqs.length, 16);
    assert.deepEqual(got, data);
    await waitUntil(() => acks.length === 16, 'all acks');
  });

  test('no chunk for receiveChunkTimeoutMs (injected clock) fails the pull with TimeoutError', async () => {
    const data = payload(2000, 16);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    const peer = await peerWith(scripted(async (call) => {
      call.write(chunks[0]!);
    }));
    const clock = new ManualClock();
    const p = await pull(peer, { clock, receiveChunkTimeoutMs: 30_000 });
    const it = p[Symbol.asyncIterator]();
    assert.equal((await it.next()).value?.seq, 0);
    const next = it.next();
    assert.equal(clock.pending.length, 1);
    clock.advance(29_999);
    assert.equal(clock.pending.length, 1);
    clock.advance(1);
    await assert.rejects(next, (err: unknown) => err instanceof TimeoutError && /no snapshot chunk for 30000 ms/.test(err.message));
  });

  test('a sender that keeps re-sending a chunk we hold does not restart the receive timeout', async () => {
    const data = payload(2000, 18);
    const chunks = scriptChunks(data, 1000, { leaderTerm: 3, leaderId: 1, checksum: sha256Of(data) });
    let resend: (() => void) | null = null;
    const peer = await peerWith(scripted(async (call) => {
      call.write(chunks[0]!);
      resend = () => call.write(chunks[0]!);
    }));
    const clock = new ManualClock();
    const p = await pull(peer, { clock, receiveChunkTimeoutMs: 30_000 });
    const it = p[Symbol.asyncIterator]();
    assert.equal((await it.next()).value?.seq, 0);
    const timedOut = assert.rejects(it.next(), (err: unknown) => err instanceof TimeoutError && /no snapshot chunk for 30000 ms/.test(err.message));
    for (let i = 0; i < 3; i++) {
      clock.advance(10_000);
      resend!();
      await new Promise((r) => setTimeout(r, 20));
    }
    await timedOut;
  });

  test('breaking out of the iteration cancels the call at the sender', async () => {
    const data = payload(2 * MiB, 17);
    let outcome: Parameters<NonNullable<ServeStreamSnapshotOptions['onDone']>>[0] | undefined;
    const peer = await peerWith(serveStreamSnapshot({ offer: () => offerOf(data), chunkBytes: 64 * 1024, onDone: (o) => (outcome = o) }));
    const p = await pull(peer, { readAhead: 1 });
    for await (const c of p) if (c.seq === 1) break;
    await waitUntil(() => outcome !== undefined, 'the sender to finish');
    assert.equal(outcome?.ok, false);
    await assert.rejects(p.result, TimeoutError);
  });
});
