/**
 * Server-side snapshot transfer handlers for grpc-js: the receiver of an InstallSnapshot push
 * and the sender of a StreamSnapshot pull. Test peers use them now; the node runtime serves
 * through them later. They know nothing of storage: the bytes go to a sink and come from a
 * {@link SnapshotSource} that the caller passes in. Wire flow: docs/snapshot-transfer.md.
 */
import type { handleBidiStreamingCall, handleClientStreamingCall, Metadata, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { asRaftCtlError, EXIT, IntegrityError, ProtocolError, RaftCtlError, RejectedError, TimeoutError } from '../errors.js';
import { raceAbort } from './abort.js';
import { DENGINE_MAX_MESSAGE_BYTES } from './channels.js';
import { systemClock, type Clock } from './clock.js';
import { ChunkStatus, type SnapshotAck, type SnapshotChunk, type SnapshotResponse } from './messages.js';
import { GrpcStatusError, toServiceError } from './server.js';
import { MalformedMessage } from './services.js';
import {
  chunkChecksum,
  createSha256,
  hashSource,
  isChecksumNotProvided,
  rechunk,
  toHex,
  totalChunksFor,
  validateChunkBytes,
  verifyChunkChecksum,
} from './snapshot-chunks.js';
import type { PulledSnapshotInfo, SnapshotSource } from './types.js';

/** Where a received snapshot's bytes go. */
export interface SnapshotSink {
  /** Receives the chunks' data in sequence order, one call at a time (awaited before the next). */
  write(data: Uint8Array): Promise<void> | void;
  /**
   * Called once after the last chunk, when the SHA-256 matched (or was not provided): make the
   * snapshot durable and apply it. A rejection answers `success: false`.
   */
  finish?(outcome: { sha256: string; verified: boolean; bytes: number; chunks: number }): Promise<void> | void;
  /** Called once when the transfer fails after `open`: discard what was written. */
  abort?(error: RaftCtlError): Promise<void> | void;
}

export interface ServeInstallSnapshotOptions {
  /** Our current term, answered in SnapshotResponse.term. */
  currentTerm(): number;
  /**
   * Called with chunk 0's facts before any data is written; returns the sink of this transfer.
   * Throw a GrpcStatusError to refuse the whole call (a leader answers PERMISSION_DENIED "Not
   * Follower or Learner.", reference §3.3).
   */
  open(info: PulledSnapshotInfo, requestMetadata: Metadata): Promise<SnapshotSink> | SnapshotSink;
  /** Told why a transfer was answered `success: false` (for logs); a sender's cancel has code CANCELLED. */
  onFailure?(error: RaftCtlError): void;
  /** Told of non-fatal findings (an all-zero checksum). */
  onWarning?(message: string): void;
  /**
   * Longest wait for the next chunk, or for the end of the stream after the last one (default
   * {@link DEFAULT_RECEIVE_CHUNK_TIMEOUT_MS}, d-engine's `receive_chunk_timeout_in_sec`); the
   * time the sink takes to write a chunk does not count.
   */
  readonly receiveChunkTimeoutMs?: number;
  /** Time of that wait (default the system clock; tests inject a manual one). */
  readonly clock?: Clock;
  /**
   * The largest snapshot accepted, in bytes (default: no limit). A push whose chunk 0 declares
   * more (`total_chunks` × chunk 0's size, {@link PulledSnapshotInfo.maxBytes}) is refused
   * RESOURCE_EXHAUSTED before `open`, so nothing is written.
   */
  readonly maxSnapshotBytes?: number;
  /**
   * Where {@link maxSnapshotBytes} comes from and how to raise it, added to the refusal's message
   * (e.g. the node's flags): the message reaches the sender's log too, and the operator reading
   * either must learn what to change.
   */
  readonly maxSnapshotBytesOrigin?: string;
}

/**
 * An InstallSnapshot handler (reference §3.3). It reads the chunks in order with stream
 * backpressure, checks each chunk's CRC32, `seq` (duplicates dropped, a gap fails: a client
 * stream has no retransmission), constant `leader_term`/`leader_id`/`total_chunks`, metadata
 * on chunk 0 and the count at the end, writes every data to the sink, verifies the SHA-256 of
 * the whole (all-zero = not provided: warn, report our own), calls `sink.finish`, and answers
 * exactly once: `{term: currentTerm(), success, next_chunk: 0}`. A failure is answered as soon
 * as it is found and the sink aborted, with `success: false`, once the abort is done; so is a
 * chunk that does not decode (a MalformedMessage, served through `tolerantRequests`).
 */
export function serveInstallSnapshot(options: ServeInstallSnapshotOptions): handleClientStreamingCall<SnapshotChunk | MalformedMessage, SnapshotResponse> {
  return (call, callback) => {
    let answered = false;
    const answer = (outcome: boolean | RaftCtlError): void => {
      if (answered) return;
      answered = true;
      if (typeof outcome === 'boolean') callback(null, { term: options.currentTerm(), success: outcome, nextChunk: 0 });
      else callback(toServiceError(outcome));
    };
    receivePush(call, options, answer).catch((err: unknown) => {
      if (answered) return;
      answered = true;
      callback(toServiceError(err));
    });
  };
}

async function receivePush(
  call: ServerReadableStream<SnapshotChunk | MalformedMessage, SnapshotResponse>,
  options: ServeInstallSnapshotOptions,
  answer: (outcome: boolean | RaftCtlError) => void,
): Promise<void> {
  let sink: SnapshotSink | undefined;
  let info: PulledSnapshotInfo | undefined;
  const hash = createSha256();
  let expected = 0;
  let bytes = 0;
  // The answer leaves once the sink discarded what was written: a sender told `success: false`
  // finds no half-written file left behind. A refusal on a bound (`asStatus`) is answered with
  // the error's gRPC status, so the sender learns why.
  const failWith = async (error: RaftCtlError, asStatus = false): Promise<void> => {
    options.onFailure?.(error);
    try {
      if (sink?.abort) await sink.abort(error);
    } finally {
      answer(asStatus ? error : false);
    }
  };
  const chunks = (call as AsyncIterable<SnapshotChunk | MalformedMessage>)[Symbol.asyncIterator]();
  const timeoutMs = options.receiveChunkTimeoutMs ?? DEFAULT_RECEIVE_CHUNK_TIMEOUT_MS;
  const clock = options.clock ?? systemClock;
  const maxSnapshotBytes = options.maxSnapshotBytes ?? Number.POSITIVE_INFINITY;
  // Released as `for await` would on an early exit; not after a timeout, when a read is still
  // pending (an async iterator queues return() behind it): the answer ends the call then.
  let release = true;
  // When the last new chunk was written (or the call began): the receive timeout counts from
  // here, so a sender repeating a chunk already written cannot hold the call (and a receive
  // slot) for ever.
  let quietSince = clock.now();
  try {
    try {
      for (;;) {
        const next = await nextOrTimeout(chunks, Math.max(0, timeoutMs - (clock.now() - quietSince)), clock);
        if (next === TIMED_OUT) {
          // A sender that stopped sending without closing or cancelling the call (a paused or
          // partitioned leader) held the handler and the sink's `.part` file until the connection
          // died, hours later.
          release = false;
          const of = info ? `after ${expected} of ${info.totalChunks} chunks` : 'before any chunk';
          return await failWith(new TimeoutError(`InstallSnapshot: no chunk for ${timeoutMs} ms ${of}`, { details: { receiveChunkTimeoutMs: timeoutMs } }));
        }
        if (next.done) {
          release = false;
          break;
        }
        const chunk = next.value;
        // A chunk that does not decode (served through `tolerantRequests`): grpc-js would end the
        // call INTERNAL on its own and cancel it, which read here as the sender's cancel.
        if (chunk instanceof MalformedMessage) return await failWith(new ProtocolError(`InstallSnapshot: chunk ${expected} of the stream is refused: ${chunk.describe('SnapshotChunk')}`));
        const seq = chunk.seq ?? 0;
        if (!info) {
          if (seq !== 0 || !chunk.metadata) return await failWith(new ProtocolError(`InstallSnapshot: the first chunk must be seq 0 with metadata (got seq ${seq}${chunk.metadata ? '' : ', no metadata'})`));
          info = snapshotInfoOf(chunk);
          if (info.totalChunks < 1) return await failWith(new ProtocolError('InstallSnapshot: total_chunks is 0'));
          const problem = firstChunkProblem(info);
          if (problem !== null) return await failWith(new ProtocolError(`InstallSnapshot: ${problem}`, { details: { grpcCode: status.INVALID_ARGUMENT } }), true);
          if (info.maxBytes > maxSnapshotBytes) return await failWith(snapshotTooLarge(info, maxSnapshotBytes, options.maxSnapshotBytesOrigin), true);
          sink = await options.open(info, call.metadata);
        } else {
          // More data than chunk 0 carried would take the transfer past what it declared.
          const over = oversizeChunk(info, chunk);
          if (over !== null) return await failWith(new ProtocolError(`InstallSnapshot chunk ${seq}: ${over}`, { details: { grpcCode: status.INVALID_ARGUMENT } }), true);
          const mismatch = envelopeMismatch(info, chunk);
          if (mismatch) return await failWith(new ProtocolError(`InstallSnapshot chunk ${seq}: ${mismatch}`));
          if (seq < expected) continue;
          if (seq > expected) return await failWith(new ProtocolError(`InstallSnapshot: chunk ${seq} arrived, expected ${expected}`));
        }
        const data = chunk.data ?? new Uint8Array(0);
        if (!verifyChunkChecksum(data, chunk.chunkChecksum)) return await failWith(new IntegrityError('CHECKSUM_MISMATCH', `InstallSnapshot chunk ${seq}: CRC32 mismatch`));
        hash.update(data);
        bytes += data.byteLength;
        await sink!.write(data);
        quietSince = clock.now();
        expected += 1;
        if (expected > info.totalChunks) return await failWith(new ProtocolError(`InstallSnapshot: more than total_chunks (${info.totalChunks}) chunks`));
      }
    } finally {
      if (release) await chunks.return?.().catch(() => undefined);
    }
    // A cancelled call's stream just ends: the sender gave up (a leader that stepped down or
    // stopped, a deadline), which breaks no protocol. grpc-js ends the stream before it reports
    // the cancel, so a stream that ended short waits a moment for that report.
    if ((!info || expected !== info.totalChunks) && (await cancelledSoon(call))) return await failWith(senderCancelled(expected, info));
    if (!info) return await failWith(new ProtocolError('InstallSnapshot: the stream ended before any chunk'));
    if (expected !== info.totalChunks) return await failWith(new ProtocolError(`InstallSnapshot: ${expected} of ${info.totalChunks} chunks arrived`));
    const sha256 = toHex(hash.digest());
    const verified = info.announcedSha256 !== null;
    if (verified && sha256 !== info.announcedSha256) {
      return await failWith(new IntegrityError('CHECKSUM_MISMATCH', `InstallSnapshot: SHA-256 ${sha256} differs from the announced ${info.announcedSha256}`));
    }
    if (!verified) options.onWarning?.(`InstallSnapshot from leader ${info.leaderId}: no SHA-256 provided (all-zero checksum); chunks verified, our SHA-256 is ${sha256}`);
    try {
      await sink!.finish?.({ sha256, verified, bytes, chunks: expected });
    } catch (err) {
      return await failWith(asRaftCtlError(err, 'InstallSnapshot: finishing the snapshot failed: '));
    }
    answer(true);
  } catch (err) {
    if (!sink) {
      // `open` refused the push: a RaftCtlError (a bound of the node) is reported as a failure;
      // a GrpcStatusError (a leader's PERMISSION_DENIED, another cluster) only answered.
      if (err instanceof RaftCtlError) options.onFailure?.(err);
      throw err;
    }
    if (call.cancelled && !(err instanceof RaftCtlError)) return await failWith(senderCancelled(expected, info));
    await failWith(err instanceof RaftCtlError ? err : new TimeoutError(`InstallSnapshot: the stream broke (${err instanceof Error ? err.message : String(err)})`, { cause: err }));
  }
}

/** RESOURCE_EXHAUSTED: the push declares more than `maxSnapshotBytes`. */
function snapshotTooLarge(info: PulledSnapshotInfo, maxSnapshotBytes: number, origin: string | undefined): RejectedError {
  return new RejectedError(
    'SNAPSHOT_TOO_LARGE',
    `InstallSnapshot: the snapshot may be up to ${info.maxBytes} bytes (${info.totalChunks} chunks of ${info.chunkBytes}), more than the ${maxSnapshotBytes} this node accepts${origin ? ` (${origin})` : ''}`,
    { details: { grpcCode: status.RESOURCE_EXHAUSTED, maxBytes: info.maxBytes, maxSnapshotBytes } },
  );
}

/** The default of {@link ServeInstallSnapshotOptions.receiveChunkTimeoutMs}: d-engine's `receive_chunk_timeout_in_sec` (30 s). */
export const DEFAULT_RECEIVE_CHUNK_TIMEOUT_MS = 30_000;

const TIMED_OUT: unique symbol = Symbol('timed out');

/** The next chunk of `chunks`, or {@link TIMED_OUT} when none came within `timeoutMs`. */
async function nextOrTimeout<T>(chunks: AsyncIterator<T>, timeoutMs: number, clock: Clock): Promise<IteratorResult<T> | typeof TIMED_OUT> {
  const timer = new AbortController();
  try {
    return await Promise.race([chunks.next(), clock.sleep(timeoutMs, timer.signal).then((): typeof TIMED_OUT => TIMED_OUT, (): typeof TIMED_OUT => TIMED_OUT)]);
  } finally {
    timer.abort();
  }
}

/** How long a stream that ended short waits for grpc-js to report it cancelled (it follows the end at once). */
const CANCEL_REPORT_WAIT_MS = 50;

/** True when `call` is, or within {@link CANCEL_REPORT_WAIT_MS} turns out to be, cancelled. */
function cancelledSoon(call: ServerReadableStream<SnapshotChunk | MalformedMessage, SnapshotResponse>): Promise<boolean> {
  if (call.cancelled) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      call.removeListener('cancelled', done);
      resolve(call.cancelled);
    };
    const timer = setTimeout(done, CANCEL_REPORT_WAIT_MS);
    call.on('cancelled', done);
  });
}

/**
 * The sender cancelled an InstallSnapshot push after `received` chunks: code CANCELLED (exit
 * class of a timeout, as a cancelled call's), not a protocol violation.
 */
export function senderCancelled(received: number, info: PulledSnapshotInfo | undefined): RaftCtlError {
  const of = info ? ` after ${received} of ${info.totalChunks} chunks` : ' before any chunk';
  return new RaftCtlError('CANCELLED', EXIT.TIMEOUT, `InstallSnapshot: the sender cancelled the push${of}`, { details: { grpcCode: status.CANCELLED } });
}

/** The facts chunk 0 announces (its metadata must be present). */
export function snapshotInfoOf(chunk: SnapshotChunk): PulledSnapshotInfo {
  const checksum = chunk.metadata?.checksum;
  const chunkBytes = chunk.data?.byteLength ?? 0;
  return {
    lastIncludedIndex: chunk.metadata?.lastIncluded?.index ?? 0,
    lastIncludedTerm: chunk.metadata?.lastIncluded?.term ?? 0,
    leaderId: chunk.leaderId ?? 0,
    leaderTerm: chunk.leaderTerm ?? 0,
    totalChunks: chunk.totalChunks ?? 0,
    announcedSha256: isChecksumNotProvided(checksum) ? null : toHex(checksum!),
    chunkBytes,
    maxBytes: (chunk.totalChunks ?? 0) * chunkBytes,
  };
}

/**
 * The most data bytes one received chunk may carry: d-engine's 4 MiB message limit (tonic's
 * default, reference §1.6). No sender that d-engine nodes accept cuts larger chunks; a client
 * channel allows 64 MiB messages, so a pull checks this itself.
 */
export const MAX_RECEIVED_CHUNK_BYTES = DENGINE_MAX_MESSAGE_BYTES;

/** Why chunk 0's facts `info` cannot start a transfer (no chunks declared, more data than a chunk may carry), or null. */
export function firstChunkProblem(info: PulledSnapshotInfo): string | null {
  if (info.totalChunks < 1) return 'total_chunks is 0';
  if (info.chunkBytes > MAX_RECEIVED_CHUNK_BYTES) return `chunk 0 carries ${info.chunkBytes} bytes, more than the ${MAX_RECEIVED_CHUNK_BYTES} a chunk may carry`;
  return null;
}

/**
 * Why `chunk` does not belong to the transfer `info` describes (leader term or id changed,
 * total_chunks changed, seq out of range, more data than chunk 0 carried), or null when it does.
 * A later chunk's total_chunks of 0 is accepted: the reference only promises it on chunk 0.
 * Chunks no larger than chunk 0 keep a transfer within `info.maxBytes` (total_chunks × chunk 0's
 * size): a sender cannot deliver more than it declared up front.
 */
export function envelopeMismatch(info: PulledSnapshotInfo, chunk: SnapshotChunk): string | null {
  if ((chunk.leaderTerm ?? 0) !== info.leaderTerm || (chunk.leaderId ?? 0) !== info.leaderId) {
    return `leader (term ${chunk.leaderTerm ?? 0}, id ${chunk.leaderId ?? 0}) differs from (term ${info.leaderTerm}, id ${info.leaderId}) of chunk 0`;
  }
  const total = chunk.totalChunks ?? 0;
  if (total !== 0 && total !== info.totalChunks) return `total_chunks ${total} differs from ${info.totalChunks}`;
  if ((chunk.seq ?? 0) >= info.totalChunks) return `seq ${chunk.seq ?? 0} is not below total_chunks ${info.totalChunks}`;
  return oversizeChunk(info, chunk);
}

/** Why `chunk` carries more data than chunk 0 of the transfer `info` describes, or null. */
export function oversizeChunk(info: PulledSnapshotInfo, chunk: SnapshotChunk): string | null {
  const bytes = chunk.data?.byteLength ?? 0;
  if (bytes <= info.chunkBytes) return null;
  return `${bytes} bytes, more than chunk 0's ${info.chunkBytes} (the sender's chunk size): the transfer would pass the ${info.maxBytes} bytes its total_chunks declared`;
}

/** What a StreamSnapshot server offers: the snapshot and the envelope fields. */
export interface SnapshotOffer {
  readonly source: SnapshotSource;
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  /** Sent as `leader_term`: raftctl sends its current term (PROTOCOL.md departure). */
  readonly leaderTerm: number;
  readonly leaderId: number;
  /**
   * Send 32 zero bytes as the checksum, as d-engine's built-in state machines do (for
   * compatibility tests). Default false: the real SHA-256 (the source's, or a first pass's).
   */
  readonly zeroChecksum?: boolean;
}

export interface ServeStreamSnapshotOptions {
  /**
   * The snapshot to send, or null when there is none (answered NOT_FOUND "No snapshot
   * available"). Throw a GrpcStatusError to refuse (a non-leader answers FAILED_PRECONDITION
   * "Not the leader", reference §3.4). `signal` aborts when the client cancels or the transfer
   * deadline passes: an offer that waits (for a digest, say) should stop waiting then.
   */
  offer(requestMetadata: Metadata, signal: AbortSignal): Promise<SnapshotOffer | null> | SnapshotOffer | null;
  /** Payload bytes per chunk (default 1 MiB, validated as for a push). */
  readonly chunkBytes?: number;
  /** CHECKSUM_MISMATCH acks tolerated per chunk before the transfer fails (default 3; d-engine: 1). */
  readonly maxRetries?: number;
  /** Chunks sent and not yet acknowledged at most (default 32): bounds memory and the client's reorder buffer. */
  readonly window?: number;
  /** A chunk unacknowledged this long is sent again (default 1000 ms; d-engine re-sends after 10 ms idle). */
  readonly retransmitAfterMs?: number;
  /** Deadline of the whole transfer (default 600000 ms, d-engine's transfer_timeout_in_sec). */
  readonly transferTimeoutMs?: number;
  readonly clock?: Clock;
  /** Told how each transfer ended. */
  onDone?(outcome: { ok: true; chunks: number; bytes: number; retransmits: number } | { ok: false; error: RaftCtlError }): void;
}

/** d-engine's "all chunks re-sent after 10 ms idle" made calmer: resend after 1 s without an ack. */
export const DEFAULT_RETRANSMIT_AFTER_MS = 1000;
/** Unacknowledged chunks a StreamSnapshot server keeps in flight. */
export const DEFAULT_SEND_WINDOW = 32;

/**
 * A StreamSnapshot handler (reference §3.4). Sends chunks 0..N−1 in order (chunk 0 with
 * metadata; every chunk with total_chunks and its CRC32), at most `window` unacknowledged at a
 * time, reading the source lazily. Acks: ACCEPTED removes a seq; CHECKSUM_MISMATCH re-sends
 * that seq at once and fails the transfer (DATA_LOSS) after more than `maxRetries`; any other
 * status drops the seq (as d-engine does); seq 0xFFFFFFFF and unknown seqs are ignored; an ack
 * that does not decode (a MalformedMessage, served through `tolerantRequests`) fails the
 * transfer with INVALID_ARGUMENT. Chunks
 * unacknowledged for `retransmitAfterMs` are re-sent. Done, and the stream ended OK, when every
 * chunk was sent and acknowledged. The client half-closing before that fails the transfer
 * (ABORTED); the whole transfer is bounded by `transferTimeoutMs` (DEADLINE_EXCEEDED). A first
 * pass that hashes a source lacking `sha256` or `size` ends there too, and when the client
 * cancels, so an abandoned pull does not leave the source being read to its end.
 */
export function serveStreamSnapshot(options: ServeStreamSnapshotOptions): handleBidiStreamingCall<SnapshotAck | MalformedMessage, SnapshotChunk> {
  const chunkBytes = validateChunkBytes(options.chunkBytes);
  return (call) => {
    sendPull(call, options, chunkBytes).then(
      (outcome) => options.onDone?.({ ok: true, ...outcome }),
      (err: unknown) => {
        const error = asRaftCtlError(err);
        if (!call.cancelled && !call.writableEnded) call.emit('error', toServiceError(err instanceof GrpcStatusError || err instanceof RaftCtlError ? err : error));
        options.onDone?.({ ok: false, error });
      },
    );
  };
}

interface Pending {
  readonly chunk: SnapshotChunk;
  sentAt: number;
}

async function sendPull(call: ServerDuplexStream<SnapshotAck | MalformedMessage, SnapshotChunk>, options: ServeStreamSnapshotOptions, chunkBytes: number): Promise<{ chunks: number; bytes: number; retransmits: number }> {
  const clock = options.clock ?? systemClock;
  const maxRetries = options.maxRetries ?? 3;
  const window = Math.max(1, options.window ?? DEFAULT_SEND_WINDOW);
  const retransmitAfterMs = options.retransmitAfterMs ?? DEFAULT_RETRANSMIT_AFTER_MS;
  const transferTimeoutMs = options.transferTimeoutMs ?? 600_000;

  const events = new Wakeup();
  const acks: Array<SnapshotAck | MalformedMessage> = [];
  let clientClosed = false;
  let cancelled = false;
  call.on('data', (ack: SnapshotAck | MalformedMessage) => {
    acks.push(ack);
    events.notify();
  });
  call.on('end', () => {
    clientClosed = true;
    events.notify();
  });
  // Ends the offer's wait and a first hashing pass over the source (either may read a whole
  // snapshot file) when the client cancels or the deadline passes; the send loop checks the
  // flags itself. Listening starts before the offer: grpc-js reports a cancel only once.
  const stop = new AbortController();
  call.on('cancelled', () => {
    cancelled = true;
    stop.abort(cancelledError());
    events.notify();
  });
  call.on('drain', () => events.notify());
  call.on('error', () => undefined);

  let timedOut = false;
  const deadline = new AbortController();
  clock.sleep(transferTimeoutMs, deadline.signal).then(() => {
    timedOut = true;
    stop.abort(deadlineError(transferTimeoutMs));
    events.notify();
  }, () => undefined);
  if (call.cancelled) {
    cancelled = true;
    stop.abort(cancelledError());
  }

  let chunks: AsyncIterator<Uint8Array> | null = null;
  try {
    const offer = await raceAbort(Promise.resolve(options.offer(call.metadata, stop.signal)), stop.signal);
    if (!offer) throw new GrpcStatusError(status.NOT_FOUND, 'No snapshot available');
    const digest = offer.zeroChecksum
      ? { sha256: new Uint8Array(32), size: offer.source.size ?? (await hashSource(offer.source, stop.signal)).size }
      : offer.source.sha256 !== undefined && offer.source.size !== undefined
        ? { sha256: offer.source.sha256, size: offer.source.size }
        : await hashSource(offer.source, stop.signal);
    const totalChunks = totalChunksFor(digest.size, chunkBytes);
    chunks = rechunk(offer.source.open(), chunkBytes)[Symbol.asyncIterator]();
    const pending = new Map<number, Pending>();
    const retries = new Map<number, number>();
    let nextSeq = 0;
    let bytes = 0;
    let retransmits = 0;
    let needDrain = false;

    const send = (p: Pending): void => {
      p.sentAt = clock.now();
      if (!call.write(p.chunk)) needDrain = true;
    };

    for (;;) {
      if (cancelled) throw cancelledError();
      if (timedOut) throw deadlineError(transferTimeoutMs);
      while (acks.length > 0) {
        const ack = acks.shift()!;
        if (ack instanceof MalformedMessage) throw new GrpcStatusError(status.INVALID_ARGUMENT, `StreamSnapshot: an ack is refused: ${ack.describe('SnapshotAck')}`);
        const seq = ack.seq ?? 0;
        if (seq === 0xffff_ffff || !pending.has(seq)) continue;
        if ((ack.status ?? 0) === ChunkStatus.CHECKSUM_MISMATCH) {
          const n = (retries.get(seq) ?? 0) + 1;
          retries.set(seq, n);
          if (n > maxRetries) throw new GrpcStatusError(status.DATA_LOSS, `chunk ${seq} failed its checksum at the receiver ${n} times`);
          retransmits += 1;
          send(pending.get(seq)!);
        } else {
          pending.delete(seq);
        }
      }
      const now = clock.now();
      for (const p of pending.values()) {
        if (needDrain) break;
        if (now - p.sentAt >= retransmitAfterMs) {
          retransmits += 1;
          send(p);
        }
      }
      while (!needDrain && nextSeq < totalChunks && pending.size < window) {
        const next = await chunks.next();
        if (next.done) throw sourceSizeMismatch('fewer', digest.size);
        const data = next.value;
        bytes += data.byteLength;
        // Before the last chunk leaves: the source must end exactly at the announced size. A file
        // that grew or shrank since it was measured would otherwise reach the puller cut or
        // padded, and with a zero checksum (d-engine's) nothing downstream could tell.
        if (nextSeq + 1 === totalChunks) await expectSourceEnd(chunks, bytes, digest.size);
        const chunk: SnapshotChunk = {
          leaderTerm: offer.leaderTerm,
          leaderId: offer.leaderId,
          seq: nextSeq,
          totalChunks,
          chunkChecksum: chunkChecksum(data),
          data,
          ...(nextSeq === 0 ? { metadata: { lastIncluded: { index: offer.lastIncludedIndex, term: offer.lastIncludedTerm }, checksum: digest.sha256 } } : {}),
        };
        const p: Pending = { chunk, sentAt: 0 };
        pending.set(nextSeq, p);
        nextSeq += 1;
        send(p);
      }
      if (nextSeq === totalChunks && pending.size === 0) {
        call.end();
        return { chunks: totalChunks, bytes, retransmits };
      }
      if (clientClosed) throw new GrpcStatusError(status.ABORTED, `the client closed its ack stream with ${pending.size} chunks unacknowledged`);
      const wait = new AbortController();
      const waitMs = pending.size > 0 ? retransmitAfterMs : transferTimeoutMs;
      const timer = clock.sleep(waitMs, wait.signal).then(() => undefined, () => undefined);
      await Promise.race([events.next(), timer]);
      wait.abort();
      needDrain = call.writableNeedDrain;
    }
  } finally {
    deadline.abort();
    // Close the source (a snapshot file handle) however the transfer ended: cancelled, failed,
    // or complete without the generator having been resumed past its last chunk.
    await chunks?.return?.(undefined).catch(() => undefined);
  }
}

function cancelledError(): TimeoutError {
  return new TimeoutError('StreamSnapshot: the client cancelled the pull');
}

function deadlineError(transferTimeoutMs: number): GrpcStatusError {
  return new GrpcStatusError(status.DEADLINE_EXCEEDED, `snapshot transfer exceeded ${transferTimeoutMs} ms`);
}

/** Refuses a snapshot source that did not yield exactly `announced` bytes by its last chunk. */
async function expectSourceEnd(chunks: AsyncIterator<Uint8Array>, read: number, announced: number): Promise<void> {
  if (read < announced) throw sourceSizeMismatch('fewer', announced);
  if (read > announced || !(await chunks.next()).done) throw sourceSizeMismatch('more', announced);
}

function sourceSizeMismatch(what: 'fewer' | 'more', announced: number): IntegrityError {
  return new IntegrityError('CHECKSUM_MISMATCH', `snapshot source yielded ${what} than the ${announced} bytes announced`, { details: { grpcCode: status.DATA_LOSS } });
}

/**
 * A wake-up flag: `next()` resolves at the next `notify()`, or at once if one came since the last
 * `next()`. Every `next()` before a notify shares one promise, so a notify is never lost.
 */
class Wakeup {
  #pending = false;
  #waiter: { promise: Promise<void>; resolve: () => void } | null = null;

  notify(): void {
    if (this.#waiter) {
      this.#waiter.resolve();
      this.#waiter = null;
    } else {
      this.#pending = true;
    }
  }

  next(): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    if (!this.#waiter) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#waiter = { promise, resolve };
    }
    return this.#waiter.promise;
  }
}
