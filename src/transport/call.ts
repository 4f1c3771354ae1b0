/**
 * Single gRPC calls with a deadline, cancellation and error mapping. Every client call of
 * src/transport goes through these helpers, so every call has a deadline (grpc-node's rule)
 * and every failure is a RaftCtlError (src/transport/status.ts).
 */
import { connectivityState, Metadata, status, type CallOptions as GrpcCallOptions, type Client, type ClientDuplexStream, type ClientReadableStream, type ClientWritableStream, type MethodDefinition, type ServiceError } from '@grpc/grpc-js';
import { ConfigError, type RaftCtlError, UnreachableError } from '../errors.js';
import { MAX_TIMER_MS } from './clock.js';
import { fromGrpcError, type ResponseSeen } from './status.js';

/** Per-call options. */
export interface CallOptions {
  /** Deadline of this call in ms from now (> 0; 0 or less counts as 1 ms; not a number: ConfigError). */
  readonly deadlineMs: number;
  /** Cancels the call (it then fails with TimeoutError, details.grpcCode CANCELLED; `sent: false` when the signal had aborted before the call started, so nothing was sent). */
  readonly signal?: AbortSignal;
  /** Extra request metadata, e.g. `raftctl-cluster-id`. */
  readonly metadata?: Record<string, string>;
  /**
   * Unary calls: give up when the channel is not connected this many ms after the call starts
   * (an {@link UnreachableError}, `sent: false`: nothing left this host); once connected, only
   * `deadlineMs` applies. For a caller with other endpoints to try, so that a node that accepts
   * TCP but never answers (hung, SIGSTOPped) costs this long rather than the whole deadline.
   * Unset (or not below `deadlineMs`): the deadline alone. Must be a number > 0 when set
   * (0, a negative number or NaN: ConfigError, nothing sent); one above MAX_TIMER_MS (about
   * 24.8 days) waits that long.
   */
  readonly connectTimeoutMs?: number;
}

/** Metadata key of the cluster id raftctl nodes send on peer RPCs (PROTOCOL.md). */
export const CLUSTER_ID_METADATA = 'raftctl-cluster-id';

function buildMetadata(extra: Record<string, string> | undefined): Metadata {
  const md = new Metadata();
  if (extra) for (const [k, v] of Object.entries(extra)) md.set(k, v);
  return md;
}

/**
 * The grpc-js deadline `deadlineMs` from now: 0 or less counts as 1 ms (a spent budget still
 * makes a call that fails at once). Throws {@link ConfigError} for a value that is not a number
 * (NaN, undefined from plain JavaScript): grpc-js would take it as a deadline already passed, and
 * the call would fail as an unreachable node.
 */
function deadlineOf(deadlineMs: number): number {
  if (typeof deadlineMs !== 'number' || Number.isNaN(deadlineMs)) {
    throw new ConfigError(`call deadlineMs must be a number of milliseconds (got ${typeof deadlineMs === 'string' ? JSON.stringify(deadlineMs) : String(deadlineMs)})`);
  }
  return Date.now() + Math.max(1, deadlineMs);
}

function grpcOptions(opts: CallOptions): GrpcCallOptions {
  // A connect timer given 0, a negative number or NaN would fire after 1 ms (or never):
  // a call to a live node failed as unreachable before its channel could connect.
  const connectMs = opts.connectTimeoutMs;
  if (connectMs !== undefined && !(typeof connectMs === 'number' && connectMs > 0)) {
    throw new ConfigError(`call connectTimeoutMs must be a number of milliseconds > 0 (got ${String(connectMs)})`);
  }
  return { deadline: deadlineOf(opts.deadlineMs) };
}

/** Options of a streaming call: a deadline only when one is given. */
function streamOptions(deadlineMs: number | undefined): GrpcCallOptions {
  return deadlineMs === undefined ? {} : { deadline: deadlineOf(deadlineMs) };
}

function neverConnected(err: ServiceError, endpoint: string, connectTimeoutMs: number | null): UnreachableError {
  const why = connectTimeoutMs === null ? 'no connection was established before the call was cancelled' : `no connection within ${(connectTimeoutMs / 1000).toFixed(3)}s`;
  return new UnreachableError(`cannot connect to ${endpoint}: ${why}`, {
    cause: err,
    details: { endpoint, grpcCode: err.code, sent: false },
    hint: 'check the address and that the node is running (it accepts connections but does not answer?)',
  });
}

/** Whether {@link unaryCall} arms its connect timer for `opts`. */
function connectTimeoutMsGiven(opts: CallOptions): boolean {
  return opts.connectTimeoutMs !== undefined && opts.connectTimeoutMs < opts.deadlineMs;
}

/**
 * A call whose signal had aborted before it started: a TimeoutError (CANCELLED) like any
 * cancelled call, but with `sent: false`, since no request left this host (for a write, the
 * outcome is known: nothing was applied).
 */
function cancelledBeforeStart(endpoint: string): RaftCtlError {
  const error = fromGrpcError(Object.assign(new Error('cancelled before start'), { code: status.CANCELLED, details: 'cancelled before start' }), endpoint);
  error.details = { ...error.details, sent: false };
  return error;
}

/**
 * What `call` sees of the response's headers (filled in when they arrive), for
 * {@link fromGrpcError} to tell a server that is not gRPC from a node's error.
 */
export function watchResponse(call: { on(event: 'metadata', listener: (md: Metadata) => void): unknown }): ResponseSeen {
  const seen: { contentType?: string } = {};
  call.on('metadata', (md: Metadata) => {
    const v = md.get('content-type')[0];
    seen.contentType = v === undefined ? '' : typeof v === 'string' ? v : v.toString('utf8');
  });
  return seen;
}

/**
 * One unary call. Resolves with the decoded response; rejects with a RaftCtlError whose
 * `details.endpoint` is `endpoint`.
 */
export function unaryCall<Req, Res>(client: Client, method: MethodDefinition<Req, Res>, request: Req, opts: CallOptions, endpoint: string): Promise<Res> {
  return new Promise<Res>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(cancelledBeforeStart(endpoint));
    const call = client.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      buildMetadata(opts.metadata),
      grpcOptions(opts),
      (err: ServiceError | null, value?: Res) => {
        settled = true;
        opts.signal?.removeEventListener('abort', onAbort);
        clearTimeout(connectTimer);
        if (err) reject(abortedUnconnected && err.code === status.CANCELLED ? neverConnected(err, endpoint, connectGaveUp ? connectTimeoutMs! : null) : fromGrpcError(err, endpoint, seen));
        else resolve(value as Res);
      },
    );
    const seen = watchResponse(call);
    // A call cancelled while its channel was not READY never left this host: grpc-js fails the
    // calls of a connection that drops at once (UNAVAILABLE), so a call still pending then was
    // waiting for a connection. That makes it "unreachable" (exit 4, nothing sent), not a
    // timeout whose outcome is unknown.
    let abortedUnconnected = false;
    // Not READY now is not enough: a call sent on a READY connection stays in flight when the
    // channel leaves READY (a GOAWAY from a node stopping gracefully, which lets running calls
    // finish), so the channel must not have been READY at any moment since the call started.
    const channel = client.getChannel();
    let settled = false;
    let wasReady = false;
    const unconnected = (): boolean => {
      if (channel.getConnectivityState(false) === connectivityState.READY) wasReady = true;
      return !wasReady;
    };
    const watchReady = (): void => {
      if (settled || !unconnected()) return;
      try {
        // Called synchronously on every change of state, so no READY moment goes unseen.
        channel.watchConnectivityState(channel.getConnectivityState(false), Infinity, () => watchReady());
      } catch {
        // The channel was closed: the call fails on its own.
      }
    };
    const onAbort = (): void => {
      abortedUnconnected = unconnected();
      call.cancel();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal !== undefined || connectTimeoutMsGiven(opts)) watchReady();
    // The connect timeout cancels only a call still waiting for its connection (checked and
    // cancelled in one turn: a call queued on a channel never READY since it started has not
    // been sent).
    const connectTimeoutMs = opts.connectTimeoutMs;
    let connectGaveUp = false;
    const connectTimer =
      connectTimeoutMs !== undefined && connectTimeoutMsGiven(opts)
        ? setTimeout(() => {
            if (!unconnected()) return;
            connectGaveUp = abortedUnconnected = true;
            call.cancel();
          }, Math.min(MAX_TIMER_MS, connectTimeoutMs)) // a longer timer fires after 1 ms
        : undefined;
  });
}

/**
 * Cancels a streaming `call` (with `cancel`, by default `call.cancel()`) when `signal` aborts,
 * at once when it already has (an abort listener added then would never fire). The listener is
 * removed when the call ends (its 'status' event), so a long-lived signal (a transport's shutdown
 * signal, a watch's budget) does not collect one listener per call.
 */
export function cancelOnAbort(call: { cancel(): void; once(event: 'status', listener: () => void): unknown }, signal: AbortSignal | undefined, cancel: () => void = () => call.cancel()): void {
  if (!signal) return;
  if (signal.aborted) {
    cancel();
    return;
  }
  const onAbort = (): void => cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  call.once('status', () => signal.removeEventListener('abort', onAbort));
}

/** Opens a bidirectional stream (the caller owns it and must end or cancel it). */
export function duplexCall<Req, Res>(client: Client, method: MethodDefinition<Req, Res>, opts: Omit<CallOptions, 'deadlineMs'> & { deadlineMs?: number }): ClientDuplexStream<Req, Res> {
  const options = streamOptions(opts.deadlineMs);
  const call = client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, buildMetadata(opts.metadata), options);
  cancelOnAbort(call, opts.signal);
  return call;
}

/** Opens a server stream (the caller consumes or cancels it). */
export function serverStreamCall<Req, Res>(client: Client, method: MethodDefinition<Req, Res>, request: Req, opts: Omit<CallOptions, 'deadlineMs'> & { deadlineMs?: number }): ClientReadableStream<Res> {
  const options = streamOptions(opts.deadlineMs);
  const call = client.makeServerStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, request, buildMetadata(opts.metadata), options);
  cancelOnAbort(call, opts.signal);
  return call;
}

/**
 * Opens a client stream; `done` settles with the single response or a mapped RaftCtlError.
 */
export function clientStreamCall<Req, Res>(client: Client, method: MethodDefinition<Req, Res>, opts: CallOptions, endpoint: string): { call: ClientWritableStream<Req>; done: Promise<Res> } {
  let resolveDone!: (r: Res) => void;
  let rejectDone!: (e: unknown) => void;
  const done = new Promise<Res>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  const call = client.makeClientStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, buildMetadata(opts.metadata), grpcOptions(opts), (err: ServiceError | null, value?: Res) => {
    if (err) rejectDone(fromGrpcError(err, endpoint, seen));
    else resolveDone(value as Res);
  });
  const seen = watchResponse(call);
  cancelOnAbort(call, opts.signal);
  return { call, done };
}
