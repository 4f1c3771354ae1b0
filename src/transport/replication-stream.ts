/**
 * One persistent StreamAppendEntries call to a peer, as a {@link ReplicationStream}
 * (reference §2.1, §2.6, §3.2).
 *
 * - Bounded sender: at most `capacity` (128, d-engine's sender capacity) requests are written and
 *   unanswered. `send` on a full window waits in FIFO order for room; a write that fills the
 *   HTTP/2 buffer also holds later sends until 'drain'. Nothing is buffered beyond that: a
 *   waiting request lives only in its pending `send` call.
 * - FIFO matching: the server answers exactly one response per request, in request order
 *   (StreamAppendEntries carries no request ids, reference §1.6), so the n-th response answers
 *   the n-th request. A response with no request pending is a protocol violation: the stream is
 *   cancelled and reported broken with a ProtocolError as its cause.
 * - Response timeout (a raftctl addition; d-engine's stream has none, reference §3.0): when a
 *   request is unanswered and neither it was written nor any answer arrived for
 *   `responseTimeoutMs`, the stream is aborted as broken (details `responseTimeout: true`). A
 *   follower that keeps answering a long backlog never trips it; after this process's own event
 *   loop stalled past the deadline, answers already in the socket are read (one turn) before
 *   the stream is judged. A peer that stopped answering (frozen process, a
 *   blackholed network) is otherwise noticed only by HTTP/2 keepalive, after up to 150 s on
 *   the data class; the transport also drops the peer's data connection then, so the next
 *   stream dials a fresh one instead of queueing behind a TCP connection in retransmit backoff.
 * - Breaks: a non-OK status, or the peer ending the stream while this side has not closed it,
 *   breaks the stream. Every pending and waiting `send` is rejected, in order, with a
 *   {@link StreamBrokenError}, and `closed` resolves with that error, so the caller (the
 *   leader's replication worker) resets the peer's progress and reconnects with backoff.
 */
import { status as grpcStatus, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { EXIT, ProtocolError, RaftCtlError } from '../errors.js';
import { systemClock, type Clock } from './clock.js';
import type { AppendEntriesRequest, AppendEntriesResponse } from './messages.js';
import { watchResponse } from './call.js';
import { fromGrpcError, notEncodedError, type ResponseSeen } from './status.js';
import type { ReplicationStream } from './types.js';

/** d-engine's replication sender capacity (reference §2.1). */
export const REPLICATION_STREAM_CAPACITY = 128;

/** The stream to a peer broke (or was closed) before a request was answered (exit 4). */
export class StreamBrokenError extends RaftCtlError {
  constructor(message: string, options: ConstructorParameters<typeof RaftCtlError>[3] = {}) {
    super('STREAM_BROKEN', EXIT.UNREACHABLE, message, { hint: 'reopen the replication stream (the caller resets the peer and reconnects)', ...options });
  }
}

/** The part of a grpc-js ClientDuplexStream the replication stream uses (tests pass a fake). */
export interface DuplexCall<Req> {
  write(message: Req): boolean;
  end(): void;
  cancel(): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- grpc-js's own listener type
  on(event: 'data' | 'error' | 'status' | 'end' | 'drain' | 'metadata', listener: (...args: any[]) => void): unknown;
}

export interface ReplicationStreamOptions {
  readonly peerId: number;
  /** `host:port`, for error messages. */
  readonly endpoint: string;
  /** Requests written and unanswered at most (default 128). */
  readonly capacity?: number;
  /** After {@link ReplicationStream.close}, how long to wait for the peer's final status before cancelling (default 1000 ms). */
  readonly closeGraceMs?: number;
  /** How long requests may wait with neither a new write nor any answer before the stream counts as broken (0 or absent: no limit). */
  readonly responseTimeoutMs?: number;
  /** Time for the response timeout (default the system clock). */
  readonly clock?: Clock;
  /** Called once when the stream is finished (broken or closed), with the outcome. */
  readonly onFinished?: (error: RaftCtlError | null) => void;
  /**
   * Encodes a request when it is sent (the call then gets the bytes). A request that does not
   * encode (an id out of uint32, a term above 2^53−1) is then refused on its own, with a
   * UsageError, and the stream goes on; without it, grpc-js's encoder refuses it by cancelling the
   * call, which breaks the stream and loses the answers to the requests written before it.
   */
  readonly encode?: (request: AppendEntriesRequest) => Buffer;
}

interface Settle {
  resolve(response: AppendEntriesResponse): void;
  reject(error: RaftCtlError): void;
}

interface Pending extends Settle {
  /** When the request was written ({@link Clock.now}). */
  readonly sentAt: number;
}

interface Waiting extends Settle {
  /** The request, encoded when the stream has an encoder. */
  readonly request: AppendEntriesRequest | Buffer;
}

/**
 * Wraps an open duplex call. The caller owns nothing else: the wrapper ends or cancels the call.
 * Use {@link GrpcTransport.openReplicationStream} rather than constructing this directly.
 */
export class GrpcReplicationStream implements ReplicationStream {
  readonly peerId: number;
  readonly capacity: number;
  readonly closed: Promise<RaftCtlError | null>;
  readonly #call: DuplexCall<AppendEntriesRequest | Buffer>;
  readonly #encode: ((request: AppendEntriesRequest) => Buffer) | undefined;
  readonly #endpoint: string;
  readonly #closeGraceMs: number;
  readonly #onFinished: ((error: RaftCtlError | null) => void) | undefined;
  readonly #responseTimeoutMs: number;
  readonly #clock: Clock;
  /** Ends the response watchdog's sleep when the stream finishes. */
  readonly #watchdogStop = new AbortController();
  #watchdogRunning = false;
  /** When the last answer arrived ({@link Clock.now}); an answer restarts the response timeout. */
  #lastAnswerAt = Number.NEGATIVE_INFINITY;
  readonly #pending: Pending[] = [];
  readonly #waiting: Waiting[] = [];
  #resolveClosed!: (e: RaftCtlError | null) => void;
  #needDrain = false;
  #closing = false;
  #finished: { error: RaftCtlError | null } | undefined;
  #okStatus = false;
  #readEnded = false;
  #graceTimer: NodeJS.Timeout | undefined;

  constructor(call: DuplexCall<AppendEntriesRequest | Buffer>, options: ReplicationStreamOptions) {
    this.peerId = options.peerId;
    this.capacity = options.capacity ?? REPLICATION_STREAM_CAPACITY;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new RangeError(`replication stream capacity must be an integer ≥ 1 (got ${this.capacity})`);
    this.#call = call;
    this.#endpoint = options.endpoint;
    this.#closeGraceMs = options.closeGraceMs ?? 1000;
    this.#onFinished = options.onFinished;
    this.#encode = options.encode;
    this.#responseTimeoutMs = options.responseTimeoutMs ?? 0;
    if (!(this.#responseTimeoutMs >= 0)) throw new RangeError(`replication stream response timeout must be ≥ 0 ms (got ${this.#responseTimeoutMs})`);
    this.#clock = options.clock ?? systemClock;
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    call.on('data', (response: AppendEntriesResponse) => this.#onResponse(response));
    call.on('drain', () => {
      this.#needDrain = false;
      this.#admit();
    });
    const seen = watchResponse(call);
    call.on('error', (err: ServiceError) => this.#onError(err, seen));
    call.on('end', () => {
      this.#readEnded = true;
      this.#maybeFinishOk();
    });
    call.on('status', (s: StatusObject) => {
      if (s.code === grpcStatus.OK) {
        this.#okStatus = true;
        this.#maybeFinishOk();
      }
    });
  }

  get inflight(): number {
    return this.#pending.length;
  }

  /** Sends waiting for room in the window (not yet written). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** See {@link ReplicationStream.send}; with an encoder, a request that does not encode rejects alone (UsageError, `sent: false`). */
  send(request: AppendEntriesRequest): Promise<AppendEntriesResponse> {
    if (this.#finished || this.#closing) {
      return Promise.reject(this.#finished?.error ?? new StreamBrokenError(`replication stream to peer ${this.peerId} (${this.#endpoint}) is closed`, { details: { peerId: this.peerId, endpoint: this.#endpoint } }));
    }
    let message: AppendEntriesRequest | Buffer = request;
    if (this.#encode) {
      try {
        message = this.#encode(request);
      } catch (err) {
        return Promise.reject(notEncodedError(this.#endpoint, err instanceof Error ? err.message : String(err), err, { peerId: this.peerId }));
      }
    }
    return new Promise<AppendEntriesResponse>((resolve, reject) => {
      this.#waiting.push({ request: message, resolve, reject });
      this.#admit();
    });
  }

  close(): void {
    if (this.#finished || this.#closing) return;
    this.#closing = true;
    this.#rejectWaiting(new StreamBrokenError(`replication stream to peer ${this.peerId} (${this.#endpoint}) was closed before this request was sent`, { details: { peerId: this.peerId, endpoint: this.#endpoint } }));
    this.#call.end();
    this.#graceTimer = setTimeout(() => this.#call.cancel(), this.#closeGraceMs);
  }

  /**
   * Cancels the call at once; pending sends reject with `reason` (or a STREAM_BROKEN "aborted").
   * `closed` resolves with that error, or with null when {@link close} was called before (the
   * stream was being closed, not broken).
   */
  abort(reason?: RaftCtlError): void {
    if (this.#finished) return;
    const error = reason ?? new StreamBrokenError(`replication stream to peer ${this.peerId} (${this.#endpoint}) was aborted`, { details: { peerId: this.peerId, endpoint: this.#endpoint } });
    this.#finish(this.#closing ? null : error, error);
    this.#call.cancel();
  }

  #admit(): void {
    while (!this.#finished && !this.#needDrain && this.#waiting.length > 0 && this.#pending.length < this.capacity) {
      const next = this.#waiting.shift()!;
      this.#pending.push({ resolve: next.resolve, reject: next.reject, sentAt: this.#clock.now() });
      if (!this.#call.write(next.request)) this.#needDrain = true;
    }
    if (this.#responseTimeoutMs > 0 && this.#pending.length > 0 && !this.#watchdogRunning) void this.#watchResponses();
  }

  /** Milliseconds until the peer counts as silent: from the later of the oldest request's write and the last answer; null when nothing is unanswered. */
  #silentIn(): number | null {
    const oldest = this.#pending[0];
    if (!oldest) return null;
    return Math.max(oldest.sentAt, this.#lastAnswerAt) + this.#responseTimeoutMs - this.#clock.now();
  }

  /**
   * Runs while requests are unanswered: sleeps until the peer would count as silent and aborts
   * the stream when it still does, after one event-loop turn that reads answers already waiting
   * in the socket (timers run before I/O after a stall of this process). One sleep per timeout
   * period at most, however many requests pass meanwhile.
   */
  async #watchResponses(): Promise<void> {
    this.#watchdogRunning = true;
    try {
      while (!this.#finished) {
        let left = this.#silentIn();
        if (left === null) return;
        if (left <= 0) {
          await this.#clock.sleep(0, this.#watchdogStop.signal);
          left = this.#silentIn();
          if (left === null || this.#finished) return;
        }
        if (left <= 0) {
          const details = { peerId: this.peerId, endpoint: this.#endpoint, responseTimeout: true, responseTimeoutMs: this.#responseTimeoutMs };
          this.#finish(new StreamBrokenError(`replication stream to peer ${this.peerId} (${this.#endpoint}) broke: no answer within ${this.#responseTimeoutMs} ms`, { details }));
          this.#call.cancel();
          return;
        }
        await this.#clock.sleep(left, this.#watchdogStop.signal);
      }
    } catch {
      // the stream finished while the watchdog slept
    } finally {
      this.#watchdogRunning = false;
    }
  }

  #onResponse(response: AppendEntriesResponse): void {
    if (this.#finished) return;
    const head = this.#pending.shift();
    if (!head) {
      const cause = new ProtocolError(`${this.#endpoint}: StreamAppendEntries response with no request pending (peer ${this.peerId})`, { details: { peerId: this.peerId, endpoint: this.#endpoint } });
      this.#finish(new StreamBrokenError(`replication stream to peer ${this.peerId} broke: ${cause.message}`, { cause, details: { peerId: this.peerId, endpoint: this.#endpoint, protocolViolation: true } }));
      this.#call.cancel();
      return;
    }
    if (this.#responseTimeoutMs > 0) this.#lastAnswerAt = this.#clock.now();
    head.resolve(response);
    this.#admit();
  }

  #onError(err: ServiceError, seen: ResponseSeen): void {
    if (this.#finished) return;
    const cause = fromGrpcError(err, this.#endpoint, seen);
    if (this.#closing && err.code === grpcStatus.CANCELLED) {
      // Our own cancel after the close grace period.
      this.#finish(null, new StreamBrokenError(`replication stream to peer ${this.peerId} (${this.#endpoint}) was closed before this request was answered`, { cause, details: { peerId: this.peerId, endpoint: this.#endpoint } }));
      return;
    }
    this.#finish(new StreamBrokenError(`replication stream to peer ${this.peerId} (${this.#endpoint}) broke: ${cause.message}`, { cause, details: { peerId: this.peerId, endpoint: this.#endpoint, grpcCode: err.code } }));
  }

  #maybeFinishOk(): void {
    if (this.#finished || !this.#okStatus || !this.#readEnded) return;
    const unanswered = this.#pending.length;
    if (this.#closing) {
      const err = new StreamBrokenError(`replication stream to peer ${this.peerId} (${this.#endpoint}) ended with ${unanswered} request(s) unanswered`, { details: { peerId: this.peerId, endpoint: this.#endpoint } });
      this.#finish(null, err);
      return;
    }
    this.#finish(new StreamBrokenError(`peer ${this.peerId} (${this.#endpoint}) ended the replication stream${unanswered > 0 ? ` with ${unanswered} request(s) unanswered` : ''}`, { details: { peerId: this.peerId, endpoint: this.#endpoint } }));
  }

  /** Settles everything once: `outcome` for `closed`, `rejectWith` (default `outcome`) for sends. */
  #finish(outcome: RaftCtlError | null, rejectWith?: RaftCtlError): void {
    if (this.#finished) return;
    this.#finished = { error: outcome };
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#watchdogStop.abort();
    const err = rejectWith ?? outcome!;
    for (const p of this.#pending.splice(0)) p.reject(err);
    this.#rejectWaiting(err);
    this.#resolveClosed(outcome);
    this.#onFinished?.(outcome);
  }

  #rejectWaiting(err: RaftCtlError): void {
    for (const w of this.#waiting.splice(0)) w.reject(err);
  }
}
