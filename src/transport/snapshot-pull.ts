/**
 * Snapshot pull: the learner side of `SnapshotService/StreamSnapshot` (reference §3.4). The
 * leader streams SnapshotChunks; we answer every chunk with a SnapshotAck. Used by the
 * Transport's `requestSnapshotFromLeader` and by `raftctl snapshot pull`. Wire flow, bounds and
 * departures: docs/snapshot-transfer.md.
 */
import type { Client, ClientDuplexStream, ServiceError } from '@grpc/grpc-js';
import { IntegrityError, ProtocolError, RaftCtlError, RejectedError, TimeoutError } from '../errors.js';
import { cancelOnAbort, duplexCall, watchResponse } from './call.js';
import { systemClock, type Clock, type RandomSource } from './clock.js';
import { ChunkStatus, type SnapshotAck, type SnapshotChunk } from './messages.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { SnapshotService } from './services.js';
import { createSha256, toHex, verifyChunkChecksum } from './snapshot-chunks.js';
import { envelopeMismatch, firstChunkProblem, snapshotInfoOf } from './snapshot-serve.js';
import { fromGrpcError, type ResponseSeen } from './status.js';
import type { PulledChunk, PulledSnapshotInfo, SnapshotPull } from './types.js';

/** d-engine's `receive_chunk_timeout_in_sec` (30 s): the longest wait for the next chunk. */
export const DEFAULT_RECEIVE_CHUNK_TIMEOUT_MS = 30_000;
/** CRC failures of one chunk tolerated before the pull fails (the N+1th fails it). */
export const DEFAULT_MAX_CHUNK_RETRIES = 3;
/**
 * How far ahead of the next expected seq a chunk may be and still be kept (32 chunks: 32 MiB at
 * the 1 MiB default). A chunk further ahead is dropped without an ack, so the leader still
 * counts it as pending and sends it again later.
 */
export const DEFAULT_REORDER_WINDOW = 32;
/** How long a failed or finished pull waits for the sender to close the call before cancelling it. */
export const CLOSE_GRACE_MS = 1000;
/** Verified in-order chunks held for a slow consumer before the call is paused. */
export const DEFAULT_READ_AHEAD = 4;

export interface PullSnapshotOptions {
  /** Retries of the initial call (until chunk 0 arrived); `timeoutMs` bounds the wait for chunk 0. */
  readonly retry: RetryPolicy;
  readonly clock?: Clock;
  /** Jitter source of the retry backoff. */
  readonly random?: RandomSource;
  /** Extra request metadata, e.g. `raftctl-cluster-id`. */
  readonly metadataHeaders?: Record<string, string>;
  /**
   * Cancels the pull (before or after it started): it fails with TimeoutError, or with the
   * signal's reason when that is a RaftCtlError (GrpcTransport.close(): TRANSPORT_CLOSED).
   */
  readonly signal?: AbortSignal;
  /** Longest wait for the next chunk while the consumer is waiting (default 30 s). */
  readonly receiveChunkTimeoutMs?: number;
  /** CRC failures tolerated per chunk (default 3). */
  readonly maxChunkRetries?: number;
  /** See {@link DEFAULT_REORDER_WINDOW}. */
  readonly reorderWindow?: number;
  /** See {@link DEFAULT_READ_AHEAD}. */
  readonly readAhead?: number;
  /**
   * The largest snapshot accepted, in bytes (default: no limit). A pull whose chunk 0 declares
   * more (`total_chunks` × chunk 0's size, `info.maxBytes`) fails at once with RejectedError
   * `SNAPSHOT_TOO_LARGE`, before any chunk is handed out.
   */
  readonly maxSnapshotBytes?: number;
  /** Called before each retry of the initial call. */
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: RaftCtlError }) => void;
}

/**
 * Opens a StreamSnapshot pull from the leader at `endpoint` and resolves once chunk 0 (with the
 * snapshot's metadata) arrived; `info` is then settled. Failures before that (peer down, not
 * ready, no chunk 0 within `retry.timeoutMs`) are retried per `retry` when retryable; NOT_FOUND
 * ("No snapshot available") fails at once with RejectedError `NO_SNAPSHOT`, a non-leader's
 * FAILED_PRECONDITION with NoLeaderError.
 *
 * Iterating the returned pull yields verified chunks in sequence order; the pull acknowledges
 * each chunk itself as it arrives:
 * - CRC32 good → `{seq, ACCEPTED, next_requested: seq+1}`; a chunk ahead of the next expected
 *   seq is kept (up to `reorderWindow` ahead; further ahead it is dropped unacknowledged) and
 *   placed by seq; a duplicate is dropped and acknowledged ACCEPTED again.
 * - CRC32 bad → `{seq, CHECKSUM_MISMATCH, next_requested: seq}` and wait for the retransmission;
 *   more than `maxChunkRetries` failures of one chunk → IntegrityError CHECKSUM_MISMATCH.
 * - The first chunk fixes (leader_term, leader_id) and must be seq 0 with metadata; a later
 *   chunk of another leader → `{seq, OUT_OF_ORDER}` and ProtocolError.
 * - After the last chunk: the SHA-256 of the whole is compared with the announced one. A
 *   mismatch makes iteration throw IntegrityError CHECKSUM_MISMATCH (exit 7) instead of
 *   yielding the chunks not yet taken, so a consumer never commits a bad snapshot. An all-zero
 *   announced checksum means "not provided": `result.verified` is false, our SHA-256 is
 *   reported and a warning added.
 * Flow is consumer-driven: at most `readAhead` verified chunks (plus the reorder window) wait
 * for the consumer; beyond that the call is paused (HTTP/2 flow control stops the leader) and
 * the receive timeout does not run. Breaking out of the iteration, `cancel()` or the signal
 * cancels the call at once; iteration then throws TimeoutError. After the last chunk or another
 * failure the pull half-closes and cancels the call only if the leader has not closed it
 * within {@link CLOSE_GRACE_MS}.
 */
export async function pullSnapshot(client: Client, endpoint: string, opts: PullSnapshotOptions): Promise<SnapshotPull> {
  const clock = opts.clock ?? systemClock;
  const { value } = await withRetry(
    opts.retry,
    async (ctx) => {
      const session = new PullSession(client, endpoint, opts, clock);
      const timer = new AbortController();
      const firstChunkTimeout = clock.sleep(ctx.timeoutMs, timer.signal).then(
        () => {
          throw new TimeoutError(`${endpoint}: no snapshot chunk within ${ctx.timeoutMs} ms`, { details: { endpoint } });
        },
        () => undefined,
      );
      try {
        await Promise.race([session.info, firstChunkTimeout]);
        return session;
      } catch (err) {
        session.abandon(err instanceof RaftCtlError ? err : new TimeoutError(String(err)));
        throw err;
      } finally {
        timer.abort();
      }
    },
    { clock, ...(opts.random ? { random: opts.random } : {}), ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onRetry ? { onRetry: opts.onRetry } : {}) },
  );
  return value;
}

type PullResult = Awaited<SnapshotPull['result']>;

/** One StreamSnapshot call and its reassembly state. */
class PullSession implements SnapshotPull {
  readonly info: Promise<PulledSnapshotInfo>;
  readonly result: Promise<PullResult>;
  readonly #call: ClientDuplexStream<SnapshotAck, SnapshotChunk>;
  readonly #endpoint: string;
  readonly #clock: Clock;
  readonly #receiveTimeoutMs: number;
  readonly #maxChunkRetries: number;
  readonly #window: number;
  readonly #readAhead: number;
  readonly #maxSnapshotBytes: number;
  #resolveInfo!: (info: PulledSnapshotInfo) => void;
  #rejectInfo!: (err: RaftCtlError) => void;
  #resolveResult!: (r: PullResult) => void;
  #rejectResult!: (err: RaftCtlError) => void;

  #snapshot: PulledSnapshotInfo | undefined;
  /** Next seq to place in order. */
  #nextSeq = 0;
  readonly #ready: PulledChunk[] = [];
  readonly #ahead = new Map<number, Uint8Array>();
  readonly #crcFailures = new Map<number, number>();
  readonly #hash = createSha256();
  #bytes = 0;
  #complete = false;
  #error: RaftCtlError | undefined;
  #paused = false;
  #serverClosed = false;
  #wake: (() => void) | null = null;
  #timer: AbortController | null = null;
  readonly #warnings: string[] = [];

  constructor(client: Client, endpoint: string, opts: PullSnapshotOptions, clock: Clock) {
    this.#endpoint = endpoint;
    this.#clock = clock;
    this.#receiveTimeoutMs = opts.receiveChunkTimeoutMs ?? DEFAULT_RECEIVE_CHUNK_TIMEOUT_MS;
    this.#maxChunkRetries = opts.maxChunkRetries ?? DEFAULT_MAX_CHUNK_RETRIES;
    this.#window = Math.max(1, opts.reorderWindow ?? DEFAULT_REORDER_WINDOW);
    this.#readAhead = Math.max(1, opts.readAhead ?? DEFAULT_READ_AHEAD);
    this.#maxSnapshotBytes = opts.maxSnapshotBytes ?? Number.POSITIVE_INFINITY;
    this.info = new Promise((resolve, reject) => {
      this.#resolveInfo = resolve;
      this.#rejectInfo = reject;
    });
    this.result = new Promise((resolve, reject) => {
      this.#resolveResult = resolve;
      this.#rejectResult = reject;
    });
    this.info.catch(() => undefined);
    this.result.catch(() => undefined);
    this.#call = duplexCall(client, SnapshotService.StreamSnapshot, opts.metadataHeaders ? { metadata: opts.metadataHeaders } : {});
    this.#call.on('status', () => (this.#serverClosed = true));
    this.#call.on('data', (chunk: SnapshotChunk) => this.#onChunk(chunk));
    const seen = watchResponse(this.#call);
    this.#call.on('error', (err: ServiceError) => this.#fail(mapPullError(err, endpoint, seen)));
    this.#call.on('end', () => {
      if (!this.#complete) this.#fail(new ProtocolError(`${endpoint}: the snapshot stream ended after ${this.#nextSeq} of ${this.#snapshot?.totalChunks ?? '?'} chunks`, { details: { endpoint } }));
    });
    // A signal aborted with a RaftCtlError (the transport's close(): TRANSPORT_CLOSED) fails the
    // pull with that error; any other abort is a cancel (TimeoutError).
    cancelOnAbort(this.#call, opts.signal, () => {
      const reason: unknown = opts.signal?.reason;
      this.#abort(reason instanceof RaftCtlError ? reason : this.#cancelled());
    });
    this.#armTimer();
  }

  #ack(seq: number, status: number, nextRequested: number): void {
    if (this.#call.writableEnded || this.#call.destroyed) return;
    this.#call.write({ seq, status: status as SnapshotAck['status'], nextRequested });
  }

  #onChunk(chunk: SnapshotChunk): void {
    if (this.#error || this.#complete) return;
    const seq = chunk.seq ?? 0;
    const where = `${this.#endpoint}: snapshot chunk ${seq}`;
    if (!this.#snapshot) {
      if (seq !== 0 || !chunk.metadata) {
        this.#ack(seq, ChunkStatus.FAILED, 0);
        return this.#fail(new ProtocolError(`${where}: the first chunk must be seq 0 and carry metadata`, { details: { endpoint: this.#endpoint, seq } }));
      }
      const info = snapshotInfoOf(chunk);
      const problem = firstChunkProblem(info);
      if (problem !== null) {
        this.#ack(seq, ChunkStatus.FAILED, 0);
        return this.#fail(new ProtocolError(`${where}: ${problem}`, { details: { endpoint: this.#endpoint, seq } }));
      }
      if (info.maxBytes > this.#maxSnapshotBytes) {
        this.#ack(seq, ChunkStatus.FAILED, 0);
        return this.#fail(new RejectedError('SNAPSHOT_TOO_LARGE', `${this.#endpoint}: the snapshot may be up to ${info.maxBytes} bytes (${info.totalChunks} chunks of ${info.chunkBytes}), more than the ${this.#maxSnapshotBytes} accepted (maxSnapshotBytes)`, {
          details: { endpoint: this.#endpoint, maxBytes: info.maxBytes, maxSnapshotBytes: this.#maxSnapshotBytes },
        }));
      }
      this.#snapshot = info;
      this.#resolveInfo(info);
    } else {
      const mismatch = envelopeMismatch(this.#snapshot, chunk);
      if (mismatch) {
        const leaderChanged = mismatch.startsWith('leader');
        this.#ack(seq, leaderChanged ? ChunkStatus.OUT_OF_ORDER : ChunkStatus.FAILED, this.#nextSeq);
        return this.#fail(new ProtocolError(`${where}: ${mismatch}`, { details: { endpoint: this.#endpoint, seq } }));
      }
    }
    const total = this.#snapshot.totalChunks;
    if (seq < this.#nextSeq || this.#ahead.has(seq)) {
      this.#ack(seq, ChunkStatus.ACCEPTED, seq + 1);
      return;
    }
    if (seq >= this.#nextSeq + this.#window) return;
    const data = chunk.data ?? new Uint8Array(0);
    if (!verifyChunkChecksum(data, chunk.chunkChecksum)) {
      const failures = (this.#crcFailures.get(seq) ?? 0) + 1;
      this.#crcFailures.set(seq, failures);
      this.#ack(seq, ChunkStatus.CHECKSUM_MISMATCH, seq);
      if (failures > this.#maxChunkRetries) {
        this.#fail(new IntegrityError('CHECKSUM_MISMATCH', `${where} failed its CRC32 ${failures} times`, { details: { endpoint: this.#endpoint, seq, failures } }));
      }
      return;
    }
    this.#ack(seq, ChunkStatus.ACCEPTED, seq + 1);
    // Only a new chunk restarts the receive timeout: a sender re-sending what we hold (or
    // chunks outside the window, or corrupt ones) forever must not keep the pull alive.
    this.#armTimer();
    this.#ahead.set(seq, data);
    for (let next = this.#ahead.get(this.#nextSeq); next !== undefined; next = this.#ahead.get(this.#nextSeq)) {
      this.#ahead.delete(this.#nextSeq);
      this.#hash.update(next);
      this.#bytes += next.byteLength;
      this.#ready.push({ seq: this.#nextSeq, totalChunks: total, data: next });
      this.#nextSeq += 1;
    }
    if (this.#nextSeq === total) this.#finish();
    else if (this.#ready.length >= this.#readAhead && !this.#paused) {
      this.#paused = true;
      this.#call.pause();
      this.#disarmTimer();
    }
    this.#poke();
  }

  /** All chunks placed: verify the whole, half-close our side, settle `result`. */
  #finish(): void {
    const info = this.#snapshot!;
    this.#complete = true;
    this.#disarmTimer();
    const sha256 = toHex(this.#hash.digest());
    const verified = info.announcedSha256 !== null;
    if (verified && sha256 !== info.announcedSha256) {
      this.#complete = false;
      this.#fail(new IntegrityError('CHECKSUM_MISMATCH', `${this.#endpoint}: snapshot SHA-256 ${sha256} differs from the announced ${info.announcedSha256}`, {
        details: { endpoint: this.#endpoint, sha256, announced: info.announcedSha256 },
        hint: 'the snapshot was corrupted in transit or at the leader; pull again',
      }));
      return;
    }
    if (!verified) this.#warnings.push(`the leader sent no SHA-256 (all-zero checksum); every chunk's CRC32 was verified; our SHA-256 is ${sha256}`);
    this.#close();
    this.#resolveResult({ sha256, verified, bytes: this.#bytes, chunks: info.totalChunks, warnings: [...this.#warnings] });
  }

  #fail(error: RaftCtlError): void {
    if (this.#error || this.#complete) return;
    this.#error = error;
    this.#ready.length = 0;
    this.#ahead.clear();
    this.#disarmTimer();
    this.#close();
    this.#rejectInfo(error);
    this.#rejectResult(error);
    this.#poke();
  }

  /**
   * Ends a failed call gracefully: our acks already written (including a final FAILED or
   * OUT_OF_ORDER) go out, then our half-close tells the sender we stopped; the call is
   * cancelled when the sender has not closed it within {@link CLOSE_GRACE_MS}.
   */
  #close(): void {
    if (this.#serverClosed) return;
    const cancel = setTimeout(() => this.#call.cancel(), CLOSE_GRACE_MS);
    cancel.unref();
    this.#call.on('status', () => clearTimeout(cancel));
    this.#call.resume();
    if (!this.#call.writableEnded) this.#call.end();
  }

  #armTimer(): void {
    this.#disarmTimer();
    if (this.#complete || this.#error || this.#paused) return;
    const timer = new AbortController();
    this.#timer = timer;
    this.#clock.sleep(this.#receiveTimeoutMs, timer.signal).then(
      () => {
        if (this.#timer !== timer) return;
        this.#ack(0, ChunkStatus.FAILED, this.#nextSeq);
        this.#fail(new TimeoutError(`${this.#endpoint}: no snapshot chunk for ${this.#receiveTimeoutMs} ms (after ${this.#nextSeq} of ${this.#snapshot?.totalChunks ?? '?'})`, {
          details: { endpoint: this.#endpoint, receiveChunkTimeoutMs: this.#receiveTimeoutMs },
        }));
      },
      () => undefined,
    );
  }

  #disarmTimer(): void {
    this.#timer?.abort();
    this.#timer = null;
  }

  #poke(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /** Fails a session that never got going (the initial attempt gave up on it). */
  abandon(error: RaftCtlError): void {
    this.#fail(error);
    this.#call.cancel();
  }

  /** Fails the pull with TimeoutError and cancels the call at once (no final ack). */
  cancel(): void {
    this.#abort(this.#cancelled());
  }

  /** Fails the pull with `error` and cancels the call at once (no final ack). */
  #abort(error: RaftCtlError): void {
    if (this.#error || this.#complete) return;
    this.#fail(error);
    this.#call.cancel();
  }

  #cancelled(): TimeoutError {
    return new TimeoutError(`${this.#endpoint}: snapshot pull cancelled`, { details: { endpoint: this.#endpoint, grpcCode: 1 } });
  }

  async #next(): Promise<IteratorResult<PulledChunk>> {
    for (;;) {
      const chunk = this.#ready.shift();
      if (chunk) {
        if (this.#paused && this.#ready.length < this.#readAhead) {
          this.#paused = false;
          this.#call.resume();
          this.#armTimer();
        }
        return { value: chunk, done: false };
      }
      if (this.#error) throw this.#error;
      if (this.#complete) return { value: undefined, done: true };
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<PulledChunk> {
    return {
      next: () => this.#next(),
      return: async () => {
        if (!this.#complete) this.cancel();
        return { value: undefined, done: true };
      },
    };
  }
}

/**
 * A StreamSnapshot failure status as a RaftCtlError (`seen`: the response headers, so that an
 * endpoint that is not a gRPC server reads as unreachable); NOT_FOUND means the leader has no snapshot.
 */
function mapPullError(err: ServiceError, endpoint: string, seen: ResponseSeen): RaftCtlError {
  const error = fromGrpcError(err, endpoint, seen);
  if (error.details?.grpcCode === 5) {
    return new RejectedError('NO_SNAPSHOT', `${endpoint} has no snapshot to send (${err.details})`, {
      cause: err,
      details: error.details,
      hint: 'have the leader take a snapshot first (its Admin.TriggerSnapshot RPC), then pull again',
    });
  }
  return error;
}
