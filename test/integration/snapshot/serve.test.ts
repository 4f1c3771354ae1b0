/**
 * The server-side handlers on their own, driven by raw gRPC calls that send exactly the chunks or
 * acks a test scripts: the InstallSnapshot receiver's validation (reference §3.3, §3.4 receiver
 * rules) and the StreamSnapshot sender's ack handling (reference §3.4 server rules).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { ClientDuplexStream } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { InternalError, RaftCtlError } from '../../../src/errors.js';
import { clientStreamCall, duplexCall } from '../../../src/transport/call.js';
import { ChunkStatus, type SnapshotAck, type SnapshotChunk, type SnapshotResponse } from '../../../src/transport/messages.js';
import { SnapshotService } from '../../../src/transport/services.js';
import { bytesSource, chunkChecksum, sha256Of } from '../../../src/transport/snapshot-chunks.js';
import { pullSnapshot } from '../../../src/transport/snapshot-pull.js';
import { serveInstallSnapshot, serveStreamSnapshot, type ServeInstallSnapshotOptions, type ServeStreamSnapshotOptions } from '../../../src/transport/snapshot-serve.js';
import { concat, corrupted, ManualClock, payload, scriptChunks, startSnapshotPeer, waitUntil, type FakeSnapshotPeer } from './fake-snapshot-peer.js';

const peers: FakeSnapshotPeer[] = [];
after(async () => {
  for (const p of peers) await p.close();
});

/** A receiver peer that records what reached its sink. */
async function receiverPeer(clock?: ManualClock, extra: Partial<ServeInstallSnapshotOptions> = {}) {
  const seen = { written: [] as Uint8Array[], finished: [] as Array<{ verified: boolean; sha256: string }>, aborted: [] as string[], failures: [] as string[], failureCodes: [] as string[], warnings: [] as string[] };
  const peer = await startSnapshotPeer({
    InstallSnapshot: serveInstallSnapshot({
      ...(clock ? { clock } : {}),
      currentTerm: () => 5,
      open: () => ({
        write: (d) => {
          seen.written.push(new Uint8Array(d));
        },
        finish: (o) => {
          seen.finished.push({ verified: o.verified, sha256: o.sha256 });
        },
        abort: (e) => {
          seen.aborted.push(e.code);
        },
      }),
      onFailure: (e) => {
        seen.failures.push(e.message);
        seen.failureCodes.push(e.code);
      },
      onWarning: (m) => seen.warnings.push(m),
      ...extra,
    }),
  });
  peers.push(peer);
  return { peer, seen };
}

/** Sends `chunks` as one InstallSnapshot stream and returns the answer. */
async function send(peer: FakeSnapshotPeer, chunks: SnapshotChunk[]): Promise<SnapshotResponse> {
  const { call, done } = clientStreamCall(peer.client, SnapshotService.InstallSnapshot, { deadlineMs: 5000 }, peer.address);
  call.on('error', () => undefined);
  for (const c of chunks) call.write(c);
  call.end();
  return done;
}

const DATA = payload(4000, 21);
const CHUNKS = scriptChunks(DATA, 1000, { leaderTerm: 5, leaderId: 1, checksum: sha256Of(DATA) });

describe('serveInstallSnapshot', () => {
  test('a well-formed stream with a duplicate chunk is written once per seq and answered success with our term', async () => {
    const { peer, seen } = await receiverPeer();
    const res = await send(peer, [CHUNKS[0]!, CHUNKS[1]!, CHUNKS[1]!, CHUNKS[2]!, CHUNKS[3]!]);
    assert.deepEqual({ term: res.term, success: res.success, nextChunk: res.nextChunk }, { term: 5, success: true, nextChunk: 0 });
    assert.deepEqual(concat(seen.written), DATA);
    assert.equal(seen.finished.length, 1);
    assert.equal(seen.finished[0]?.verified, true);
  });

  test('a sink whose finish throws a plain Error fails the install as an InternalError (INTERNAL, exit 1), the sink aborted', async () => {
    const failures: RaftCtlError[] = [];
    const aborted: RaftCtlError[] = [];
    const peer = await startSnapshotPeer({
      InstallSnapshot: serveInstallSnapshot({
        currentTerm: () => 5,
        open: () => ({
          write: () => undefined,
          finish: () => {
            throw new Error('disk gone');
          },
          abort: (e) => {
            aborted.push(e);
          },
        }),
        onFailure: (e) => failures.push(e),
      }),
    });
    peers.push(peer);
    assert.equal((await send(peer, CHUNKS)).success, false);
    assert.equal(failures.length, 1);
    // It was a bare RaftCtlError('INTERNAL', 1): instanceof InternalError missed it.
    assert.ok(failures[0] instanceof InternalError && failures[0].exitCode === 1, String(failures[0]?.constructor.name));
    assert.match(failures[0].message, /^InstallSnapshot: finishing the snapshot failed: disk gone$/);
    assert.equal(aborted[0], failures[0]);
  });

  test('a corrupt chunk is answered success:false at once and the sink aborted with CHECKSUM_MISMATCH', async () => {
    const { peer, seen } = await receiverPeer();
    const res = await send(peer, [CHUNKS[0]!, corrupted(CHUNKS[1]!), CHUNKS[2]!, CHUNKS[3]!]);
    assert.equal(res.success, false);
    assert.deepEqual(seen.aborted, ['CHECKSUM_MISMATCH']);
    assert.equal(seen.written.length, 1);
    assert.deepEqual(seen.finished, []);
  });

  test('a gap in seq fails (a client stream has no retransmission)', async () => {
    const { peer, seen } = await receiverPeer();
    const res = await send(peer, [CHUNKS[0]!, CHUNKS[2]!]);
    assert.equal(res.success, false);
    assert.match(seen.failures[0]!, /chunk 2 arrived, expected 1/);
  });

  test('a first chunk without metadata, a short stream and a wrong SHA-256 are each success:false', async () => {
    const { peer, seen } = await receiverPeer();
    assert.equal((await send(peer, [{ ...CHUNKS[0]!, metadata: null }])).success, false);
    assert.equal((await send(peer, CHUNKS.slice(0, 3))).success, false);
    const wrongSha = scriptChunks(DATA, 1000, { leaderTerm: 5, leaderId: 1, checksum: sha256Of(payload(4000, 22)) });
    assert.equal((await send(peer, wrongSha)).success, false);
    assert.equal(seen.failures.length, 3);
    assert.match(seen.failures[2]!, /SHA-256 .* differs/);
    assert.deepEqual(seen.finished, []);
  });

  test('later chunks may omit total_chunks (0), but a different non-zero value or another leader fails', async () => {
    const { peer, seen } = await receiverPeer();
    const omitted = CHUNKS.map((c, i) => (i === 0 ? c : { ...c, totalChunks: 0 }));
    assert.equal((await send(peer, omitted)).success, true);
    assert.equal((await send(peer, [CHUNKS[0]!, { ...CHUNKS[1]!, totalChunks: 9 }])).success, false);
    assert.equal((await send(peer, [CHUNKS[0]!, { ...CHUNKS[1]!, leaderId: 2 }])).success, false);
    assert.match(seen.failures[0]!, /total_chunks 9 differs from 4/);
    assert.match(seen.failures[1]!, /leader \(term 5, id 2\) differs from \(term 5, id 1\)/);
  });

  test('a stream the sender cancels midway is reported as a cancel (CANCELLED), not a protocol violation, and the sink aborted', async () => {
    // QA: the receiver read the cancelled stream as one that ended early ("2 of 4 chunks
    // arrived", PROTOCOL_VIOLATION), and a node logged a leader's abandoned push as a peer
    // breaking the protocol.
    const { peer, seen } = await receiverPeer();
    const { call, done } = clientStreamCall(peer.client, SnapshotService.InstallSnapshot, { deadlineMs: 5000 }, peer.address);
    call.on('error', () => undefined);
    done.catch(() => undefined);
    call.write(CHUNKS[0]!);
    call.write(CHUNKS[1]!);
    await waitUntil(() => seen.written.length === 2, 'the first two chunks written');
    call.cancel();
    await waitUntil(() => seen.failures.length === 1, 'the failure reported');
    assert.deepEqual(seen.failureCodes, ['CANCELLED'], seen.failures.join('; '));
    assert.deepEqual(seen.aborted, ['CANCELLED']);
    assert.deepEqual(seen.finished, []);
  });

  test('a sender that stops sending without closing or cancelling the call: after 30 s (injected clock) without a chunk the sink is aborted and success:false answered', async () => {
    // QA: a push whose sender went silent mid-way (a paused or partitioned leader: no FIN, no
    // RST) held the handler and its `.part` file with no answer and no log line until the
    // connection died (36 s and counting against a live follower); d-engine's receiver gives up
    // after receive_chunk_timeout_in_sec (30 s). The same holds after the last chunk when the
    // sender never half-closes.
    for (const sent of [[CHUNKS[0]!, CHUNKS[1]!], CHUNKS]) {
      const clock = new ManualClock();
      const { peer, seen } = await receiverPeer(clock);
      const { call, done } = clientStreamCall(peer.client, SnapshotService.InstallSnapshot, { deadlineMs: 10_000 }, peer.address);
      call.on('error', () => undefined);
      for (const c of sent) call.write(c);
      await waitUntil(() => seen.written.length === sent.length, 'the chunks sent were written');
      await clock.waitForSleepers(1);
      clock.advance(29_999);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(seen.aborted, [], 'not before 30 s');
      clock.advance(1);
      const res = await done;
      assert.equal(res.success, false);
      assert.deepEqual(seen.aborted, ['TIMEOUT']);
      assert.match(seen.failures[0]!, new RegExp(`no chunk for 30000 ms after ${sent.length} of 4 chunks`));
      assert.deepEqual(seen.finished, []);
      call.end();
    }
  });

  test('a slow sink (a write or the finish taking minutes: a slow disk, a finish queued behind another push) is not timed out, and no receive timer outlives the call', async () => {
    // The receive timeout bounds the sender's silence only: while the handler writes a chunk or
    // finishes (fsync, verify, the core's answer), the sender is held by flow control or waits
    // for the answer, and neither may count against it.
    const clock = new ManualClock();
    const gates = { write: null as (() => void) | null, finish: null as (() => void) | null };
    const gate = (k: 'write' | 'finish') => new Promise<void>((r) => (gates[k] = r));
    const events: string[] = [];
    const peer = await startSnapshotPeer({
      InstallSnapshot: serveInstallSnapshot({
        clock,
        currentTerm: () => 5,
        open: () => ({
          write: (d) => (events.push(`write ${d.byteLength}`), events.length === 2 ? gate('write') : undefined),
          finish: () => (events.push('finish'), gate('finish')),
          abort: (e) => void events.push(`abort ${e.code}`),
        }),
      }),
    });
    peers.push(peer);
    const { call, done } = clientStreamCall(peer.client, SnapshotService.InstallSnapshot, { deadlineMs: 10_000 }, peer.address);
    call.on('error', () => undefined);
    for (const c of CHUNKS) call.write(c);
    call.end();
    await waitUntil(() => gates.write !== null, 'the second chunk is being written');
    assert.deepEqual(clock.pending, [], 'no receive timer runs while a chunk is written');
    clock.advance(120_000);
    gates.write!();
    await waitUntil(() => gates.finish !== null, 'the sink is finishing');
    assert.deepEqual(clock.pending, [], 'no receive timer runs while the sink finishes');
    clock.advance(120_000);
    gates.finish!();
    const res = await done;
    assert.equal(res.success, true);
    assert.deepEqual(events, ['write 1000', 'write 1000', 'write 1000', 'write 1000', 'finish']);
    assert.deepEqual(clock.pending, [], 'no receive timer outlives the call');
  });

  test('no receive timer outlives a call that timed out', async () => {
    const clock = new ManualClock();
    const { peer, seen } = await receiverPeer(clock);
    const { call, done } = clientStreamCall(peer.client, SnapshotService.InstallSnapshot, { deadlineMs: 10_000 }, peer.address);
    call.on('error', () => undefined);
    call.write(CHUNKS[0]!);
    await waitUntil(() => seen.written.length === 1, 'chunk 0 was written');
    await clock.waitForSleepers(1);
    clock.advance(30_000);
    assert.equal((await done).success, false);
    assert.deepEqual(seen.aborted, ['TIMEOUT']);
    assert.deepEqual(clock.pending, []);
    call.end();
  });

  test('a failure is answered only once the sink discarded what was written (the sender found a half-written .part file after its answer)', async () => {
    const events: string[] = [];
    const peer = await startSnapshotPeer({
      InstallSnapshot: serveInstallSnapshot({
        currentTerm: () => 5,
        open: () => ({
          write: () => undefined,
          abort: async () => {
            await new Promise((r) => setTimeout(r, 200));
            events.push('aborted');
          },
        }),
      }),
    });
    peers.push(peer);
    const wrongSha = scriptChunks(DATA, 1000, { leaderTerm: 5, leaderId: 1, checksum: sha256Of(payload(4000, 22)) });
    for (const chunks of [[CHUNKS[0]!, corrupted(CHUNKS[1]!)], [CHUNKS[0]!, CHUNKS[2]!], wrongSha]) {
      events.length = 0;
      const res = await send(peer, chunks);
      events.push('answered');
      assert.equal(res.success, false);
      assert.deepEqual(events, ['aborted', 'answered']);
    }
  });

  test('a chunk carrying more data than chunk 0 (the sender\'s chunk size) is refused INVALID_ARGUMENT before it is written, the sink aborted', async () => {
    // The protocol declares no byte size, only total_chunks; with chunks of one size (d-engine's
    // and raftctl's senders cut them so) a push delivers at most total_chunks × chunk 0's size.
    // A sender that sent larger chunks wrote them all to the receiver's `.part` file: 4 chunks
    // declared, 1000 bytes each, then 4 MiB − 1 KiB chunks, limited by nothing but the disk.
    const { peer, seen } = await receiverPeer();
    const big = payload(4 * 1024 * 1024 - 1024, 23);
    const over: SnapshotChunk = { ...CHUNKS[1]!, data: big, chunkChecksum: chunkChecksum(big) };
    await assert.rejects(send(peer, [CHUNKS[0]!, over, CHUNKS[2]!, CHUNKS[3]!]), (err: unknown) => {
      const e = err as RaftCtlError;
      return e.details?.grpcCode === status.INVALID_ARGUMENT && /chunk 1: 4193280 bytes, more than chunk 0's 1000 .*4000 bytes its total_chunks declared/.test(e.message);
    });
    assert.equal(seen.written.length, 1, 'only chunk 0 reached the sink');
    assert.deepEqual(seen.aborted, ['PROTOCOL_VIOLATION']);
    assert.deepEqual(seen.failureCodes, ['PROTOCOL_VIOLATION']);
    assert.deepEqual(seen.finished, []);
    // The last chunk may be shorter; a well-formed push still passes.
    assert.equal((await send(peer, scriptChunks(DATA.subarray(0, 3500), 1000, { leaderTerm: 5, leaderId: 1, checksum: sha256Of(DATA.subarray(0, 3500)) }))).success, true);
  });

  test('a chunk beyond total_chunks (more chunks than declared, total_chunks given or omitted) fails the push before it is written, the sink aborted', async () => {
    const { peer, seen } = await receiverPeer();
    const extra = scriptChunks(DATA.subarray(0, 1000), 1000, { leaderTerm: 5, leaderId: 1, checksum: sha256Of(DATA) })[0]!;
    for (const totalChunks of [4, 0]) {
      const res = await send(peer, [...CHUNKS, { ...extra, seq: 4, totalChunks, metadata: null }]);
      assert.equal(res.success, false);
    }
    assert.equal(seen.failures.length, 2);
    for (const f of seen.failures) assert.match(f, /chunk 4: seq 4 is not below total_chunks 4/);
    assert.deepEqual(seen.aborted, ['PROTOCOL_VIOLATION', 'PROTOCOL_VIOLATION']);
    assert.equal(seen.written.length, 8, 'the four declared chunks of each push, not the fifth');
    assert.deepEqual(seen.finished, []);
  });

  test('maxSnapshotBytes: a push whose chunk 0 declares more (total_chunks × its size) is refused RESOURCE_EXHAUSTED before the sink is opened', async () => {
    const { peer, seen } = await receiverPeer(undefined, { maxSnapshotBytes: 3999 });
    await assert.rejects(send(peer, CHUNKS), (err: unknown) => {
      const e = err as RaftCtlError;
      return e.details?.grpcCode === status.RESOURCE_EXHAUSTED && /up to 4000 bytes \(4 chunks of 1000\), more than the 3999 this node accepts/.test(e.message);
    });
    assert.deepEqual(seen.failureCodes, ['SNAPSHOT_TOO_LARGE']);
    assert.deepEqual(seen.written, []);
    assert.deepEqual(seen.aborted, [], 'no sink was opened');
    const { peer: roomy } = await receiverPeer(undefined, { maxSnapshotBytes: 4000 });
    assert.equal((await send(roomy, CHUNKS)).success, true);
  });

  test('a sender repeating a chunk already written does not restart the receive timeout (injected clock)', async () => {
    // Duplicates are dropped; they restarted the 30 s wait, so a sender repeating chunk 0 held
    // the handler and its `.part` file for as long as it kept sending.
    const clock = new ManualClock();
    const { peer, seen } = await receiverPeer(clock);
    const { call, done } = clientStreamCall(peer.client, SnapshotService.InstallSnapshot, { deadlineMs: 10_000 }, peer.address);
    call.on('error', () => undefined);
    call.write(CHUNKS[0]!);
    await waitUntil(() => seen.written.length === 1, 'chunk 0 written');
    await clock.waitForSleepers(1);
    for (let i = 0; i < 2; i++) {
      clock.advance(10_000);
      const sleeps = clock.sleeps.length;
      call.write(CHUNKS[0]!);
      // The duplicate was taken once the handler waits again: a fresh sleep, the old one ended.
      await waitUntil(() => clock.sleeps.length > sleeps && clock.pending.length === 1, 'the duplicate taken');
    }
    clock.advance(10_000);
    const res = await done;
    assert.equal(res.success, false);
    assert.deepEqual(seen.aborted, ['TIMEOUT']);
    assert.equal(seen.written.length, 1);
    call.end();
  });

  test('an all-zero checksum is accepted unverified, with a warning', async () => {
    const { peer, seen } = await receiverPeer();
    const zero = scriptChunks(DATA, 1000, { leaderTerm: 5, leaderId: 1, checksum: new Uint8Array(32) });
    assert.equal((await send(peer, zero)).success, true);
    assert.equal(seen.finished[0]?.verified, false);
    assert.equal(seen.warnings.length, 1);
  });
});

/** A raw StreamSnapshot call whose acks the test writes itself. */
function rawPull(peer: FakeSnapshotPeer): { call: ClientDuplexStream<SnapshotAck, SnapshotChunk>; chunks: SnapshotChunk[]; ended: Promise<number> } {
  const call = duplexCall(peer.client, SnapshotService.StreamSnapshot, { deadlineMs: 5000 });
  const chunks: SnapshotChunk[] = [];
  call.on('data', (c: SnapshotChunk) => chunks.push(c));
  const ended = new Promise<number>((resolve) => call.on('status', (s: { code: number }) => resolve(s.code)));
  call.on('error', () => undefined);
  return { call, chunks, ended };
}

type Outcome = Parameters<NonNullable<ServeStreamSnapshotOptions['onDone']>>[0];

async function senderPeer(options: Partial<ServeStreamSnapshotOptions>, data = DATA) {
  const outcomes: Outcome[] = [];
  const peer = await startSnapshotPeer({
    StreamSnapshot: serveStreamSnapshot({
      offer: () => ({ source: bytesSource(data), lastIncludedIndex: 40, lastIncludedTerm: 2, leaderTerm: 5, leaderId: 1 }),
      chunkBytes: 1000,
      onDone: (o) => outcomes.push(o),
      ...options,
    }),
  });
  peers.push(peer);
  return { peer, outcomes };
}

describe('serveStreamSnapshot', () => {
  test('a chunk left unacknowledged is re-sent after retransmitAfterMs; done when all are acknowledged', async () => {
    // The server's clock moves only when the test says so, and each ack is written only after the
    // server took the previous one (it then waits anew: one more 50 ms sleep), so no ack can be
    // "late" on a busy machine.
    const clock = new ManualClock();
    const { peer, outcomes } = await senderPeer({ retransmitAfterMs: 50, clock });
    const { call, chunks, ended } = rawPull(peer);
    const waits = (): number => clock.sleeps.filter((ms) => ms === 50).length;
    const ack = (seq: number): void => {
      call.write({ seq, status: ChunkStatus.ACCEPTED, nextRequested: seq + 1 });
    };
    await waitUntil(() => chunks.length === 4 && waits() === 1, 'chunks 0-3 sent');
    for (const seq of [0, 2, 3]) {
      const before = waits();
      ack(seq);
      await waitUntil(() => waits() > before, `the server to take the ack of chunk ${seq}`);
    }
    assert.equal(chunks.length, 4, 'nothing re-sent before retransmitAfterMs');
    clock.advance(50);
    await waitUntil(() => chunks.length === 5, 'chunk 1 re-sent');
    ack(1);
    assert.equal(await ended, status.OK);
    assert.deepEqual(chunks.map((c) => c.seq), [0, 1, 2, 3, 1]);
    assert.deepEqual(outcomes, [{ ok: true, chunks: 4, bytes: 4000, retransmits: 1 }]);
    call.end();
  });

  test('the source (a snapshot file) is closed however the transfer ends: complete with a size that is a multiple of the chunk size, or cancelled', async () => {
    const counts = { opened: 0, closed: 0 };
    const inner = bytesSource(DATA);
    const source = {
      size: DATA.length,
      sha256: sha256Of(DATA),
      async *open() {
        counts.opened++;
        try {
          yield* inner.open();
        } finally {
          counts.closed++;
        }
      },
    };
    const outcomes: Outcome[] = [];
    const peer = await startSnapshotPeer({
      StreamSnapshot: serveStreamSnapshot({ offer: () => ({ source, lastIncludedIndex: 40, lastIncludedTerm: 2, leaderTerm: 5, leaderId: 1 }), chunkBytes: 1000, onDone: (o) => outcomes.push(o) }),
    });
    peers.push(peer);
    const full = rawPull(peer);
    full.call.on('data', (c: SnapshotChunk) => full.call.write({ seq: c.seq, status: ChunkStatus.ACCEPTED, nextRequested: c.seq! + 1 }));
    assert.equal(await full.ended, status.OK);
    full.call.end();
    await waitUntil(() => outcomes.length === 1, 'the first outcome');
    assert.deepEqual(counts, { opened: 1, closed: 1 }, 'closed after a complete transfer (4000 bytes in 1000-byte chunks)');
    const cut = rawPull(peer);
    cut.call.once('data', () => cut.call.cancel());
    await cut.ended.catch(() => undefined);
    await waitUntil(() => outcomes.length === 2, 'the second outcome');
    assert.deepEqual(counts, { opened: 2, closed: 2 }, 'closed after a cancelled transfer');
  });

  test('a pull cancelled, or past its transfer deadline, while the sender hashes its source ends the hashing pass there', async () => {
    // QA: a source without sha256 and size (a raftctl leader's snapshot file) is hashed in a
    // first pass before chunk 0; that pass ignored both the client's cancel and the transfer
    // deadline, so a puller that gave up on chunk 0 (and retried) left the leader reading the whole
    // file for nobody, once per attempt, and a stalled file held the handler past its deadline.
    const PIECES = 1000;
    const make = () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const counts = { read: 0, opened: 0, closed: 0 };
      const source = {
        async *open() {
          counts.opened++;
          try {
            for (let i = 0; i < PIECES; i++) {
              if (i === 10) await gate;
              counts.read++;
              yield new Uint8Array(100).fill(i & 0xff);
            }
          } finally {
            counts.closed++;
          }
        },
      };
      return { source, counts, release };
    };
    const clock = new ManualClock();
    for (const ending of ['cancelled', 'deadline'] as const) {
      const { source, counts, release } = make();
      const outcomes: Outcome[] = [];
      const serve = serveStreamSnapshot({ offer: () => ({ source, lastIncludedIndex: 40, lastIncludedTerm: 2, leaderTerm: 5, leaderId: 1 }), chunkBytes: 1000, transferTimeoutMs: 1000, clock, onDone: (o) => outcomes.push(o) });
      const peer = await startSnapshotPeer({
        StreamSnapshot: (call) => {
          // The source resumes once the handler saw the cancel: a pass that ignores it reads on.
          call.on('cancelled', () => release());
          serve(call);
        },
      });
      peers.push(peer);
      const { call, ended } = rawPull(peer);
      await waitUntil(() => counts.read === 10, 'the hashing pass to reach the stalled piece');
      if (ending === 'cancelled') call.cancel();
      else clock.advance(1000);
      await waitUntil(() => outcomes.length === 1, `the transfer to end (${ending})`);
      assert.equal(outcomes[0]!.ok, false);
      if (ending === 'deadline') {
        assert.equal(await ended, status.DEADLINE_EXCEEDED);
        release();
      }
      await waitUntil(() => counts.closed === counts.opened, 'the source to be closed');
      assert.ok(counts.read <= 11, `the hashing pass stopped (${counts.read} of ${PIECES} pieces read)`);
      call.end();
    }
  });

  test('a pull cancelled, or past its transfer deadline, while the offer still waits (a leader hashing its file) ends there and the offer is told', async () => {
    // Review: a raftctl leader's offer waits for the file's digest; the cancel listener was added
    // only after the offer, so a cancel during that wait was never seen and the handler sent
    // chunks for nobody until the transfer deadline (600 s by default).
    const clock = new ManualClock();
    for (const ending of ['cancelled', 'deadline'] as const) {
      const offerSignals: AbortSignal[] = [];
      const outcomes: Outcome[] = [];
      const serve = serveStreamSnapshot({
        offer: (_md, signal) => {
          offerSignals.push(signal);
          // Answers only after a long wait (never within this test).
          return new Promise(() => undefined);
        },
        chunkBytes: 1000,
        transferTimeoutMs: 1000,
        clock,
        onDone: (o) => outcomes.push(o),
      });
      const peer = await startSnapshotPeer({ StreamSnapshot: (call) => serve(call) });
      peers.push(peer);
      const { call, ended } = rawPull(peer);
      await waitUntil(() => offerSignals.length === 1, 'the offer to be asked');
      if (ending === 'cancelled') call.cancel();
      else clock.advance(1000);
      await waitUntil(() => outcomes.length === 1, `the transfer to end (${ending})`);
      assert.equal(outcomes[0]!.ok, false);
      assert.equal(offerSignals[0]!.aborted, true, 'the offer\'s signal aborted');
      if (ending === 'deadline') assert.equal(await ended, status.DEADLINE_EXCEEDED);
      call.end();
    }
  });

  test('a source that yields more or fewer bytes than it announced fails with DATA_LOSS before its last chunk leaves', async () => {
    // A snapshot file that changed size after it was measured: with d-engine's zero checksum the
    // puller could not tell a cut or padded file, so the sender refuses to send the last chunk.
    for (const actual of [4500, 3500, 4001]) {
      const outcomes: Outcome[] = [];
      const bytes = payload(actual, 3);
      const peer = await startSnapshotPeer({
        StreamSnapshot: serveStreamSnapshot({
          offer: () => ({ source: { ...bytesSource(bytes), size: 4000 }, lastIncludedIndex: 40, lastIncludedTerm: 2, leaderTerm: 5, leaderId: 1, zeroChecksum: true }),
          chunkBytes: 1000,
          onDone: (o) => outcomes.push(o),
        }),
      });
      peers.push(peer);
      const { call, chunks, ended } = rawPull(peer);
      call.on('data', (c: SnapshotChunk) => call.write({ seq: c.seq, status: ChunkStatus.ACCEPTED, nextRequested: c.seq! + 1 }));
      assert.equal(await ended, status.DATA_LOSS, `${actual} bytes announced as 4000`);
      assert.deepEqual(chunks.map((c) => c.seq), [0, 1, 2], `${actual} bytes: the last chunk never left`);
      await waitUntil(() => outcomes.length === 1, 'the outcome');
      assert.equal(outcomes[0]?.ok, false);
      call.end();
    }
  });

  test('more than maxRetries CHECKSUM_MISMATCH acks for one chunk fail the transfer with DATA_LOSS', async () => {
    const { peer, outcomes } = await senderPeer({ maxRetries: 1 });
    const { call, ended } = rawPull(peer);
    call.on('data', (c: SnapshotChunk) => {
      call.write(c.seq === 2 ? { seq: 2, status: ChunkStatus.CHECKSUM_MISMATCH, nextRequested: 2 } : { seq: c.seq, status: ChunkStatus.ACCEPTED, nextRequested: c.seq! + 1 });
    });
    assert.equal(await ended, status.DATA_LOSS);
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0]?.ok, false);
  });

  test('the client closing its ack stream early fails the transfer with ABORTED', async () => {
    const { peer, outcomes } = await senderPeer({});
    const { call, ended } = rawPull(peer);
    call.once('data', () => call.end());
    assert.equal(await ended, status.ABORTED);
    await waitUntil(() => outcomes.length === 1, 'the outcome');
    assert.equal(outcomes[0]?.ok, false);
  });

  test('at most `window` chunks are in flight without acks', async () => {
    const { peer } = await senderPeer({ window: 2, retransmitAfterMs: 60_000 });
    const { call, chunks } = rawPull(peer);
    await waitUntil(() => chunks.length === 2, 'two chunks');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(chunks.length, 2);
    call.write({ seq: 0, status: ChunkStatus.ACCEPTED, nextRequested: 1 });
    await waitUntil(() => chunks.length === 3, 'a third chunk after one ack');
    call.cancel();
  });

  test('a sender whose chunk keeps arriving corrupt gives up after maxRetries; the pull fails with its DATA_LOSS status', async () => {
    const outcomes: Outcome[] = [];
    const serve = serveStreamSnapshot({
      offer: () => ({ source: bytesSource(DATA), lastIncludedIndex: 40, lastIncludedTerm: 2, leaderTerm: 5, leaderId: 1 }),
      chunkBytes: 1000,
      maxRetries: 1,
      onDone: (o) => outcomes.push(o),
    });
    const peer = await startSnapshotPeer({
      StreamSnapshot: (call) => {
        const write = call.write.bind(call) as (c: SnapshotChunk) => boolean;
        (call as unknown as { write: (c: SnapshotChunk) => boolean }).write = (c) => write(c.seq === 1 ? corrupted(c) : c);
        serve(call);
      },
    });
    peers.push(peer);
    const pull = await pullSnapshot(peer.client, peer.address, { retry: { maxAttempts: 1, timeoutMs: 2000, baseDelayMs: 10, maxDelayMs: 10, jitter: 0 }, maxChunkRetries: 5 });
    await assert.rejects(
      (async () => {
        for await (const c of pull) assert.equal(c.seq, 0);
      })(),
      (err: unknown) => err instanceof RaftCtlError && err.code === 'DATA_LOSS',
    );
    await waitUntil(() => outcomes.length === 1, 'the outcome');
    assert.equal(outcomes[0]?.ok, false);
  });
});
