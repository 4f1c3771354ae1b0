/**
 * Snapshot push: the leader side of `SnapshotService/InstallSnapshot` (a client stream of
 * SnapshotChunks answered by one SnapshotResponse; reference §3.3, §5). Used by the
 * Transport's `sendSnapshot`. Wire flow, limits and departures: docs/snapshot-transfer.md.
 */
import type { Client, ClientWritableStream } from '@grpc/grpc-js';
import { asRaftCtlError, ConfigError, IntegrityError, ProtocolError, RaftCtlError, RejectedError, TimeoutError } from '../errors.js';
import { shown } from './arguments.js';
import { clientStreamCall } from './call.js';
import { systemClock, type Clock } from './clock.js';
import type { SnapshotChunk, SnapshotResponse } from './messages.js';
import { SnapshotService } from './services.js';
import { abortable, raceAbort } from './abort.js';
import {
  chunkChecksum,
  createSha256,
  hashSource,
  MAX_TOTAL_CHUNKS,
  rechunk,
  SHA256_BYTES,
  toHex,
  totalChunksFor,
  validateChunkBytes,
} from './snapshot-chunks.js';
import type { SnapshotPushConfig, SnapshotPushMetadata, SnapshotSource } from './types.js';

/** d-engine's `push_timeout_in_ms` (reference §5): the default deadline of a whole push. */
export const DEFAULT_PUSH_DEADLINE_MS = 300_000;
/** The default longest wait for the stream to take one chunk. */
export const DEFAULT_PER_CHUNK_TIMEOUT_MS = 30_000;
/**
 * Chunks written to the stream and not yet flushed to HTTP/2 that a push allows at once, in
 * bytes (at least two chunks). With grpc-js's own buffering this bounds a push's memory to
 * about 16 MiB whatever the snapshot size. 4 MiB left the stream idle between flushes: 64 MiB
 * pushes ran at 1.31–1.38x the bare grpc-js time; 16 MiB brings it to 1.17x (bench:transport).
 */
export const PUSH_INFLIGHT_BYTES = 16 * 1024 * 1024;

/** Everything {@link pushSnapshot} accepts besides the Transport's SnapshotPushConfig. */
export type PushSnapshotConfig = SnapshotPushConfig & {
  /** Time source of both deadlines (tests inject a manual clock). Default: the system clock. */
  readonly clock?: Clock;
  /** Extra request metadata, e.g. `raftctl-cluster-id`. */
  readonly metadataHeaders?: Record<string, string>;
};

/**
 * Pushes one snapshot to the peer at `endpoint` over InstallSnapshot and resolves with the
 * peer's SnapshotResponse when it answered `success: true`.
 *
 * - Chunks of `config.chunkBytes` (default 1 MiB, validated: {@link validateChunkBytes});
 *   every chunk carries `leader_term` = `config.leaderTerm` (our current term, a PROTOCOL.md
 *   departure), `leader_id`, `seq`, `total_chunks` and the big-endian CRC32 of its data; chunk 0
 *   also carries `SnapshotMetadata{last_included, checksum}` with the real SHA-256.
 * - When `source.sha256` or `source.size` is missing, a first pass over `source.open()`
 *   computes both; the second pass sends. That send pass hashes again and, if the bytes differ
 *   from what the first pass found (the source changed between passes), cancels the call before
 *   the last chunk and rejects with IntegrityError CHECKSUM_MISMATCH, so the peer never sees a
 *   complete stream with a wrong checksum. A SHA-256 the source supplies with its size is
 *   announced without a first pass (one read of the bytes), and the send pass checks the bytes
 *   against it the same way: a raftctl receiver verifies the SHA-256 too, but d-engine's does
 *   not, so this side must. A size mismatch is caught the same way.
 * - Backpressure: at most {@link PUSH_INFLIGHT_BYTES} (and at least two chunks) are handed to
 *   grpc-js and not yet flushed; when `write()` returns false or that window is full the push
 *   waits. One such wait longer than `perChunkTimeoutMs` (default 30 s) fails with
 *   TimeoutError; the whole push, first pass included, is bounded by `deadlineMs` (default
 *   300 s). Both run on `config.clock`. Neither the source nor the push holds the whole
 *   snapshot in memory.
 * - Failures: `success: false` → RejectedError `SNAPSHOT_REJECTED` (details: `term`, so a
 *   caller can step down on a higher term); gRPC statuses → the classes of status.ts (peer down
 *   → UnreachableError, PERMISSION_DENIED from a leader/candidate → RejectedError, ...);
 *   `config.signal` aborting → TimeoutError CANCELLED, or the signal's reason when that is a
 *   RaftCtlError (GrpcTransport.close(): TRANSPORT_CLOSED); bad config → ConfigError.
 * - `onProgress(sentBytes, totalBytes)` runs after each chunk is handed to the stream.
 * - `client` may be a getter: it is called once, when the call starts (after a first pass).
 */
export async function pushSnapshot(
  client: Client | (() => Client),
  endpoint: string,
  metadata: SnapshotPushMetadata,
  source: SnapshotSource,
  config: PushSnapshotConfig,
): Promise<SnapshotResponse> {
  const chunkBytes = validateChunkBytes(config.chunkBytes);
  const deadlineMs = config.deadlineMs ?? DEFAULT_PUSH_DEADLINE_MS;
  const perChunkTimeoutMs = config.perChunkTimeoutMs ?? DEFAULT_PER_CHUNK_TIMEOUT_MS;
  validatePushArguments(metadata, source, config, deadlineMs, perChunkTimeoutMs);
  const clock = config.clock ?? systemClock;

  const controller = new AbortController();
  let failure: RaftCtlError | undefined;
  const fail = (err: RaftCtlError): void => {
    if (failure) return;
    failure = err;
    controller.abort(err);
  };
  const timer = new AbortController();
  clock.sleep(deadlineMs, timer.signal).then(
    () => fail(new TimeoutError(`${endpoint}: snapshot push exceeded its deadline of ${deadlineMs} ms`, { details: { endpoint, deadlineMs } })),
    () => undefined,
  );
  // A signal aborted with a RaftCtlError (the transport's close(): TRANSPORT_CLOSED) fails the
  // push with that error; any other abort is the caller's cancel (TimeoutError, CANCELLED).
  const onCallerAbort = (): void => {
    const reason: unknown = config.signal?.reason;
    fail(reason instanceof RaftCtlError ? reason : new TimeoutError(`${endpoint}: snapshot push cancelled`, { details: { endpoint, grpcCode: 1 } }));
  };
  if (config.signal?.aborted) onCallerAbort();
  config.signal?.addEventListener('abort', onCallerAbort, { once: true });

  try {
    const { sha256, size } = await announcedDigest(source, controller.signal, () => failure);
    const totalChunks = totalChunksFor(size, chunkBytes);
    if (totalChunks > MAX_TOTAL_CHUNKS) throw new ConfigError(`snapshot of ${size} bytes needs ${totalChunks} chunks of ${chunkBytes} bytes; total_chunks is a uint32`);
    if (failure) throw failure;
    // A getter is asked only now, after the first pass (which reads the whole file and may take
    // seconds): a channel taken before it may have been closed meanwhile (the transport evicts a
    // peer's channels after a failed connect), and a call on it fails "Channel has been shut down".
    const { call, done } = clientStreamCall(typeof client === 'function' ? client() : client, SnapshotService.InstallSnapshot, { deadlineMs: deadlineMs + 1000, ...(config.metadataHeaders ? { metadata: config.metadataHeaders } : {}) }, endpoint);
    call.on('error', () => undefined); // failures arrive through `done`
    controller.signal.addEventListener('abort', () => call.cancel(), { once: true });
    const settled = watch(done);

    const sender = new ChunkWriter(call, clock, perChunkTimeoutMs, Math.max(2, Math.floor(PUSH_INFLIGHT_BYTES / chunkBytes)), controller.signal, settled, endpoint);
    // The send pass always hashes what it sends and checks it before the last chunk: after a
    // first pass, that the bytes did not change in between; for a supplied digest, that the bytes
    // match it (a d-engine receiver does not verify the SHA-256, so nobody else would).
    const hash = createSha256();
    const supplied = source.sha256 !== undefined && source.size !== undefined;
    let seq = 0;
    let sentBytes = 0;
    for await (const data of rechunk(abortable(source.open(), controller.signal), chunkBytes)) {
      if (failure) throw failure;
      if (settled.error !== undefined) throw settled.error;
      if (settled.value !== undefined) throw earlyAnswer(endpoint, settled.value, seq, totalChunks);
      if (seq >= totalChunks) throw sourceChanged(endpoint, `it yielded more than the ${size} bytes announced`);
      hash.update(data);
      sentBytes += data.byteLength;
      if (seq === totalChunks - 1 && (sentBytes !== size || !sameBytes(new Uint8Array(hash.digest()), sha256))) {
        throw sourceChanged(endpoint, sentBytes !== size ? `it yielded ${sentBytes} bytes, ${size} were announced` : supplied ? 'its bytes do not match the SHA-256 it supplies' : 'its SHA-256 differs from the first pass');
      }
      const chunk: SnapshotChunk = {
        leaderTerm: config.leaderTerm,
        leaderId: config.leaderId,
        seq,
        totalChunks,
        chunkChecksum: chunkChecksum(data),
        data,
        ...(seq === 0 ? { metadata: { lastIncluded: { term: metadata.lastIncludedTerm, index: metadata.lastIncludedIndex }, checksum: sha256 } } : {}),
      };
      await sender.write(chunk, seq);
      seq += 1;
      config.onProgress?.(sentBytes, size);
    }
    if (seq !== totalChunks) throw sourceChanged(endpoint, `it yielded ${sentBytes} bytes, ${size} were announced`);
    call.end();
    const response = await raceAbort(done, controller.signal);
    if (!response.success) {
      throw new RejectedError('SNAPSHOT_REJECTED', `${endpoint} refused the snapshot at index ${metadata.lastIncludedIndex} (term ${response.term})`, {
        details: { endpoint, term: response.term ?? 0 },
        hint: 'see the peer\'s log; a higher term means this node is no longer the leader',
      });
    }
    return response;
  } catch (err) {
    const error = failure ?? asError(err, endpoint);
    fail(error);
    throw error;
  } finally {
    timer.abort();
    config.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function validatePushArguments(metadata: SnapshotPushMetadata, source: SnapshotSource, config: SnapshotPushConfig, deadlineMs: number, perChunkTimeoutMs: number): void {
  // typeof first: a string '100' compares as a number and then reached the timers as a string.
  if (!(typeof deadlineMs === 'number' && deadlineMs > 0)) throw new ConfigError(`snapshot push deadlineMs must be a number > 0 (got ${shown(deadlineMs)})`);
  if (!(typeof perChunkTimeoutMs === 'number' && perChunkTimeoutMs > 0)) throw new ConfigError(`snapshot push perChunkTimeoutMs must be a number > 0 (got ${shown(perChunkTimeoutMs)})`);
  if (typeof source.open !== 'function') throw new ConfigError(`snapshot source open must be a function returning an async iterable of Uint8Array (got ${shown(source.open)})`);
  if (config.onProgress !== undefined && typeof config.onProgress !== 'function') throw new ConfigError(`snapshot push onProgress must be a function or absent (got ${shown(config.onProgress)})`);
  if (!Number.isSafeInteger(config.leaderId) || config.leaderId < 1 || config.leaderId > 0xffff_ffff) throw new ConfigError(`leaderId must be a uint32 ≥ 1 (got ${config.leaderId})`);
  for (const [name, v] of [['leaderTerm', config.leaderTerm], ['lastIncludedIndex', metadata.lastIncludedIndex], ['lastIncludedTerm', metadata.lastIncludedTerm]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new ConfigError(`${name} must be a safe non-negative integer (got ${v})`);
  }
  if (source.sha256 !== undefined && source.sha256.length !== SHA256_BYTES) throw new ConfigError(`snapshot source sha256 must be ${SHA256_BYTES} bytes (got ${source.sha256.length})`);
  if (source.size !== undefined && (!Number.isSafeInteger(source.size) || source.size < 0)) throw new ConfigError(`snapshot source size must be a safe non-negative integer (got ${source.size})`);
}

/** The SHA-256 and size chunk 0 announces: the source's own, or a first pass's. */
async function announcedDigest(source: SnapshotSource, signal: AbortSignal, failure: () => RaftCtlError | undefined): Promise<{ sha256: Uint8Array; size: number }> {
  if (source.sha256 !== undefined && source.size !== undefined) return { sha256: source.sha256, size: source.size };
  try {
    const pass = await hashSource(source, signal);
    if (source.sha256 !== undefined && !sameBytes(source.sha256, pass.sha256)) {
      throw new IntegrityError('CHECKSUM_MISMATCH', `snapshot source: its bytes hash to ${toHex(pass.sha256)}, it claims ${toHex(source.sha256)}`);
    }
    return pass;
  } catch (err) {
    throw failure() ?? err;
  }
}

/**
 * Writes chunks with bounded in-flight data: waits when grpc-js's buffer is full (`write()`
 * returned false → 'drain') or `window` chunks are not yet flushed; a wait is bounded by
 * `perChunkTimeoutMs` and ends early when the call fails or is aborted.
 */
class ChunkWriter {
  #unflushed = 0;
  #wake: (() => void) | null = null;
  #needDrain = false;

  constructor(
    private readonly call: ClientWritableStream<SnapshotChunk>,
    private readonly clock: Clock,
    private readonly perChunkTimeoutMs: number,
    private readonly window: number,
    private readonly signal: AbortSignal,
    private readonly settled: Watched<SnapshotResponse>,
    private readonly endpoint: string,
  ) {
    call.on('drain', () => {
      this.#needDrain = false;
      this.#poke();
    });
    settled.promise.then(() => this.#poke(), () => this.#poke());
    signal.addEventListener('abort', () => this.#poke(), { once: true });
  }

  #poke(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  async write(chunk: SnapshotChunk, seq: number): Promise<void> {
    if (this.#needDrain || this.#unflushed >= this.window) await this.#waitForRoom(seq);
    this.#unflushed += 1;
    const ok = this.call.write(chunk, () => {
      this.#unflushed -= 1;
      this.#poke();
    });
    if (!ok) this.#needDrain = true;
  }

  async #waitForRoom(seq: number): Promise<void> {
    const timer = new AbortController();
    let timedOut = false;
    this.clock.sleep(this.perChunkTimeoutMs, timer.signal).then(
      () => {
        timedOut = true;
        this.#poke();
      },
      () => undefined,
    );
    try {
      while (this.#needDrain || this.#unflushed >= this.window) {
        if (this.signal.aborted) throw this.signal.reason;
        if (this.settled.error !== undefined) throw this.settled.error;
        if (this.settled.value !== undefined) return;
        if (timedOut) {
          throw new TimeoutError(`${this.endpoint}: snapshot chunk ${seq} was not taken by the stream within ${this.perChunkTimeoutMs} ms`, {
            details: { endpoint: this.endpoint, seq, perChunkTimeoutMs: this.perChunkTimeoutMs },
            hint: 'the peer is not reading; check it, or raise the per-chunk timeout',
          });
        }
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      timer.abort();
    }
  }
}

/** A promise plus its settled value or error, readable synchronously. */
interface Watched<T> {
  readonly promise: Promise<T>;
  value?: T;
  error?: unknown;
}

function watch<T>(promise: Promise<T>): Watched<T> {
  const w: Watched<T> = { promise };
  promise.then(
    (v) => {
      w.value = v;
    },
    (e: unknown) => {
      w.error = e;
    },
  );
  return w;
}

function earlyAnswer(endpoint: string, response: SnapshotResponse, seq: number, totalChunks: number): RaftCtlError {
  if (!response.success) {
    return new RejectedError('SNAPSHOT_REJECTED', `${endpoint} refused the snapshot after ${seq} of ${totalChunks} chunks (term ${response.term})`, {
      details: { endpoint, term: response.term ?? 0, seq },
    });
  }
  return new ProtocolError(`${endpoint} answered success before receiving all ${totalChunks} chunks (after ${seq})`, { details: { endpoint, seq } });
}

function sourceChanged(endpoint: string, why: string): IntegrityError {
  return new IntegrityError('CHECKSUM_MISMATCH', `snapshot source changed while pushing to ${endpoint}: ${why}; the push was cancelled`, {
    details: { endpoint },
    hint: 'the snapshot file changed under the push; take a new snapshot and retry',
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function asError(err: unknown, endpoint: string): RaftCtlError {
  return asRaftCtlError(err, `${endpoint}: snapshot push failed: `);
}
