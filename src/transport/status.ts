/**
 * The one place a gRPC status becomes a raftctl error, and the rule for which errors may be
 * retried. Every client call in src/transport goes through {@link fromGrpcError}.
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import {
  type ErrorDetails,
  IntegrityError,
  NoLeaderError,
  NotReadyError,
  OutcomeUnknownError,
  ProtocolError,
  RaftCtlError,
  RejectedError,
  TimeoutError,
  UnreachableError,
  UsageError,
} from '../errors.js';
import { parseLeaderHint } from './membership.js';

/** Trailer keys of the admin service's errors (PROTOCOL.md, "Admin service"). */
export const TRAILER = {
  error: 'raftctl-error',
  leaderId: 'raftctl-leader-id',
  leaderAddress: 'raftctl-leader-address',
  firstIndex: 'raftctl-first-index',
} as const;

/** grpc-js's details when a request exceeds the channel's `grpc.max_send_message_length` (checked before anything is written). */
const LOCAL_SEND_LIMIT = /^Attempted to send message with a size larger than \d+/;

/** Details strings grpc-js uses when no connection could be made (nothing was sent). */
const CONNECT_FAILURE = /No connection established|Failed to parse DNS address|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|Name resolution failed|DNS resolution failed|Failed to connect|handshake|waiting for LB pick|Waiting for LB pick|connect ETIMEDOUT|Channel closed before call started/i;

/**
 * The details of d-engine's readiness gate: every handler but Watch answers UNAVAILABLE "Service
 * is not ready" before the request reaches Raft until the node is ready (reference §3.0), so
 * nothing was proposed.
 */
const DENGINE_NOT_READY_DETAILS = 'Service is not ready';

/** The hint of a live node's UNAVAILABLE answer. */
const NOT_READY_HINT = 'the node is up but not ready (no leader yet?); retry shortly';

/** Details strings of a connection that broke while a call was in flight. */
const CONNECTION_LOST = /Connection dropped|ECONNRESET|EPIPE|Received RST_STREAM|socket hang up|GOAWAY/i;

/**
 * The details of a d-engine node's own request timeout: its tonic server is built with a
 * server-wide timeout (`network.control.request_timeout_in_ms`, 100 ms by default) whose expiry
 * is answered CANCELLED "Timeout expired" (reference §3.0). The node gave up, not this client:
 * a timeout that may succeed when tried again, unlike a call this client cancelled.
 */
const SERVER_TIMEOUT_DETAILS = 'Timeout expired';

/** Details of a server refusing a compressed request (UNIMPLEMENTED): it does not decode gzip. */
const COMPRESSION_REFUSED = /compress|decompressor|grpc-encoding/i;

/** Codes that cannot turn into success by trying again. */
const NOT_RETRYABLE = new Set<number>([
  status.INVALID_ARGUMENT,
  status.PERMISSION_DENIED,
  status.UNIMPLEMENTED,
  status.NOT_FOUND,
  status.ALREADY_EXISTS,
  status.FAILED_PRECONDITION,
  status.OUT_OF_RANGE,
  status.UNAUTHENTICATED,
  status.DATA_LOSS,
  status.RESOURCE_EXHAUSTED,
  status.INTERNAL,
  status.CANCELLED,
]);

function firstString(md: Metadata | undefined, key: string): string | undefined {
  const v = md?.get(key)[0];
  return v === undefined ? undefined : typeof v === 'string' ? v : v.toString('utf8');
}

/**
 * grpc-js's status details without its internals: "No connection established. Last error:
 * Error: connect ECONNREFUSED h:p. Resolution note:" → "connection refused (ECONNREFUSED)";
 * "Deadline exceeded after 1.000s,name resolution: ...,Waiting for LB pick" → "no connection
 * within 1.000s"; "... Last error: Protocol error (timestamp)" (an HTTP/1 server, say) → "the endpoint
 * does not speak HTTP/2 gRPC"; "Channel closed before call started" (the pool gave up a channel still
 * connecting) → "no connection: it was dropped before the call started (...)"; an empty trailing
 * "Resolution note:" dropped. Anything else is kept.
 */
export function tidyDetails(details: string): string {
  let d = details.replace(/\.?\s*Resolution note:\s*\.?\s*$/, '');
  const lastError = /^No connection established\. Last error: (?:Error: )?(?:connect )?(E[A-Z]+)\b/.exec(d);
  if (lastError) d = lastError[1] === 'ECONNREFUSED' ? 'connection refused (ECONNREFUSED)' : `no connection (${lastError[1]})`;
  // An HTTP/1 server, or anything else that is not HTTP/2, on the port.
  if (/^No connection established\. Last error: Protocol error\b/.test(d)) d = 'the endpoint does not speak HTTP/2 gRPC (is this a raftctl or d-engine node\'s port?)';
  const lbPick = /^Deadline exceeded after ([\d.]+s)\b.*Waiting for LB pick\s*$/.exec(d);
  if (lbPick) d = `no connection within ${lbPick[1]}`;
  // grpc-js's per-phase timings ("name resolution: 0.002s,metadata filters: ...,remote_addr=...")
  // say nothing to an operator: keep "no answer within N s".
  const answerDeadline = /^Deadline exceeded after ([\d.]+s),/.exec(d);
  if (answerDeadline) d = `no answer within ${answerDeadline[1]}`;
  // The pool dropped a channel still connecting (another call to the peer failed or timed out,
  // or the peer left the configuration): the call never started.
  if (d === 'Channel closed before call started') d = 'no connection: it was dropped before the call started (another call to this peer failed, or the peer left)';
  return d;
}

/**
 * grpc-js's details for a response that carried no gRPC status, only an HTTP one (it makes the
 * gRPC code up from the HTTP status: 404 → UNIMPLEMENTED, 503 → UNAVAILABLE, ...).
 */
const HTTP_STATUS_ONLY = /^Received HTTP status code (\d+)$/;

/**
 * grpc-js's details when this client's own request did not encode (the codec refused a value: a
 * uint64 above 2^53−1, a uint32 id out of range, a negative term); the call is cancelled before
 * anything is sent.
 */
const REQUEST_NOT_ENCODED = /^Request message serialization failure: (.*)$/s;

/**
 * Whether an HTTP status without a gRPC status may come from a proxy that forwarded the request
 * before it failed (any 5xx, such as 502–504 or a CDN's 520–524, and 408/429): a write's outcome
 * is then unknown. Other statuses (404, 415, ...) prove nothing reached a node.
 */
function mayHaveForwarded(httpStatus: number): boolean {
  return httpStatus >= 500 || httpStatus === 408 || httpStatus === 429;
}

/** What a call saw of the response before it failed (its headers), to tell a gRPC server from something else. */
export interface ResponseSeen {
  /** The response's content-type header, when headers arrived. */
  readonly contentType?: string | undefined;
}

/**
 * Why the answer to a call did not come from a gRPC server, or null when it did: an HTTP status
 * without a gRPC status (grpc-js's synthesized code is not a node's answer), or a content-type
 * other than application/grpc (an HTML page read as a length-prefixed message, a stream ended
 * without trailers).
 */
function notGrpc(rawDetails: string, seen: ResponseSeen | undefined): { what: string; httpStatus?: number } | null {
  const http = HTTP_STATUS_ONLY.exec(rawDetails);
  if (http) return { what: `HTTP status ${http[1]} without a gRPC status`, httpStatus: Number(http[1]) };
  const contentType = seen?.contentType;
  if (contentType !== undefined && !/^application\/grpc\b/i.test(contentType)) return { what: `content-type ${contentType || '(empty)'}, not application/grpc` };
  return null;
}

/**
 * A request of ours that the codec refused (`reason`: its message): the caller's bad value, not
 * the endpoint's answer. A usage error (exit 2), never retried, `sent: false` (a write refused
 * this way has no unknown outcome).
 */
export function notEncodedError(endpoint: string, reason: string, cause: unknown, details: ErrorDetails = {}): UsageError {
  return new UsageError(`the request to ${endpoint} cannot be encoded, so nothing was sent: ${reason}`, {
    cause,
    details: { ...details, endpoint, sent: false },
    hint: 'ids are uint32 (0..4294967295); terms, indexes and other uint64 fields integers in 0..2^53-1; enums numbers, not names; keys, values and other bytes fields Uint8Arrays (Buffer.from(text)), not strings; addresses and other string fields strings',
  });
}

/**
 * Maps a grpc-js error from a call to `endpoint` onto the exit-code classes of CLI.md:
 * connection failures → UnreachableError (4); a live node's UNAVAILABLE → NotReadyError (3; d-engine's
 * readiness gate, "Service is not ready", with `details.refused`: nothing was proposed);
 * DEADLINE_EXCEEDED/CANCELLED → TimeoutError (5; a node's own timeout, CANCELLED "Timeout expired",
 * with `details.serverTimeout`); "not leader" (d-engine's FAILED_PRECONDITION
 * or our `raftctl-error: NOT_LEADER` trailer) → NoLeaderError (3) with the leader hint;
 * codec failures → ProtocolError (7), except a request of ours that did not encode → UsageError (2,
 * `sent: false`); other refusals → RejectedError (6). An answer that is not
 * gRPC at all (an HTTP/2 server that is not a gRPC one: an HTTP status without a gRPC status, or
 * a content-type other than application/grpc in `seen`) → UnreachableError (4) like an HTTP/1
 * server's, with no `grpcCode` (grpc-js made it up: a 404's UNIMPLEMENTED is no d-engine node's).
 * `details` carries `endpoint`, `grpcCode` and `sent`: false when the request certainly reached
 * no node (nothing left this host, or what answered is not a gRPC server and no proxy either).
 */
export function fromGrpcError(err: ServiceError | Error, endpoint: string, seen?: ResponseSeen): RaftCtlError {
  if (err instanceof RaftCtlError) return err;
  const e = err as Partial<ServiceError> & Error;
  const code = typeof e.code === 'number' ? e.code : status.UNKNOWN;
  const rawDetails = e.details ?? e.message;
  const notEncoded = code === status.INTERNAL ? REQUEST_NOT_ENCODED.exec(rawDetails) : null;
  if (notEncoded) return notEncodedError(endpoint, notEncoded[1]!, err, { grpcCode: code });
  const foreign = code === status.DEADLINE_EXCEEDED || code === status.CANCELLED ? null : notGrpc(rawDetails, seen);
  if (foreign) {
    const viaProxy = foreign.httpStatus !== undefined && mayHaveForwarded(foreign.httpStatus);
    return new UnreachableError(
      `cannot connect to ${endpoint}: the endpoint answers HTTP/2 but not gRPC (${foreign.what}; ${viaProxy ? 'a proxy whose backend is down, or not' : 'is this'} a raftctl or d-engine node's port?)`,
      {
        cause: err,
        details: { endpoint, sent: viaProxy, httpStatus: foreign.httpStatus },
        hint: 'check --endpoints: give the gRPC port of a raftctl or d-engine node (something else answers on this one)',
      },
    );
  }
  const detailsText = tidyDetails(rawDetails);
  const trailers = e.metadata;
  const raftctlCode = firstString(trailers, TRAILER.error);
  const connectFailure = (code === status.UNAVAILABLE || code === status.DEADLINE_EXCEEDED) && CONNECT_FAILURE.test(rawDetails);
  const details = { endpoint, grpcCode: code, sent: !connectFailure };
  const opts = { cause: err, details };
  const what = `${endpoint}: ${detailsText}`;

  if (raftctlCode === 'NOT_LEADER') {
    const { leaderId, leaderAddress } = parseLeaderHint(firstString(trailers, TRAILER.leaderId), firstString(trailers, TRAILER.leaderAddress));
    return new NoLeaderError(`${endpoint} is not the leader`, {
      ...opts,
      code: 'NOT_LEADER',
      leaderId,
      leaderAddress,
      hint: leaderAddress ? `the leader is at ${leaderAddress}` : 'retry once a leader is elected',
    });
  }
  if (raftctlCode !== undefined) {
    // A raftctl node's own error: its exit class travels as the gRPC code (server.ts grpcCodeOf).
    if (code === status.DEADLINE_EXCEEDED) return raftctlCode === 'OUTCOME_UNKNOWN' ? new OutcomeUnknownError(what, opts) : new TimeoutError(what, opts);
    if (code === status.UNAVAILABLE) return new NotReadyError(what, { ...opts, hint: NOT_READY_HINT });
    if (code === status.DATA_LOSS) return new IntegrityError(raftctlCode, what, opts);
    const firstIndex = firstString(trailers, TRAILER.firstIndex);
    return new RejectedError(raftctlCode, what, { ...opts, details: { ...details, firstIndex: firstIndex === undefined ? undefined : Number(firstIndex) } });
  }
  switch (code) {
    case status.UNAVAILABLE:
      if (connectFailure) return new UnreachableError(`cannot connect to ${endpoint}: ${detailsText}`, { ...opts, hint: 'check the address and that the node is running' });
      // The connection broke during the call (the node stopped, the network failed): the node
      // did not answer UNAVAILABLE itself, so this is not "up but not ready". The request was
      // sent (`sent` stays true): for a write the outcome is unknown.
      if (CONNECTION_LOST.test(rawDetails)) return new UnreachableError(`lost the connection to ${endpoint} during the call: ${detailsText}`, { ...opts, hint: 'the node stopped or the network failed; check the node' });
      // d-engine's readiness gate: refused before anything was proposed (`refused`).
      if (rawDetails === DENGINE_NOT_READY_DETAILS) return new NotReadyError(what, { ...opts, details: { ...details, refused: true }, hint: NOT_READY_HINT });
      return new NotReadyError(what, { ...opts, hint: NOT_READY_HINT });
    case status.DEADLINE_EXCEEDED:
      if (connectFailure) return new UnreachableError(`cannot connect to ${endpoint}: ${detailsText}`, { ...opts, hint: 'check the address and that the node is running (a node that accepts connections but never answers looks like this too)' });
      // grpc-js words its own (this call's) deadline "Deadline exceeded ...". Any other details
      // are the node's answer: d-engine's handlers give up after their own per-RPC timers
      // ("RPC timeout exceeded", "read request timeout", "write request timeout"; reference §3.0,
      // §6), which a larger --timeout does not change.
      if (!/^Deadline exceeded\b/i.test(rawDetails)) {
        return new TimeoutError(`${endpoint}: the node's own timeout expired before it answered (${detailsText})`, {
          ...opts,
          details: { ...details, serverTimeout: true },
          hint: 'the node gave up on the request (d-engine: raft.general_raft_timeout_duration_in_ms, 50 ms by default, bounds client, metadata and discovery requests); retry, or raise that timeout on the node',
        });
      }
      return new TimeoutError(`${endpoint}: deadline exceeded (${detailsText})`, { ...opts, hint: 'raise --timeout or check the node' });
    case status.CANCELLED:
      if (rawDetails === SERVER_TIMEOUT_DETAILS) {
        return new TimeoutError(`${endpoint}: the node's own request timeout expired before it answered (${detailsText})`, {
          ...opts,
          details: { ...details, serverTimeout: true },
          hint: 'the node gave up on the request (d-engine: its server-wide request timeout, network.control.request_timeout_in_ms, 100 ms by default); retry, or raise that timeout on the node',
        });
      }
      return new TimeoutError(`${endpoint}: call cancelled (${detailsText})`, opts);
    case status.FAILED_PRECONDITION:
      if (/not (the )?leader/i.test(detailsText)) return new NoLeaderError(`${endpoint} is not the leader`, { ...opts, code: 'NOT_LEADER' });
      return new RejectedError('FAILED_PRECONDITION', what, opts);
    case status.INTERNAL:
      if (/pars(e|ing)|deserializ|serializ|uint64/i.test(detailsText)) return new ProtocolError(`${endpoint}: malformed message (${detailsText})`, opts);
      return new RejectedError('REMOTE_INTERNAL', what, opts);
    case status.DATA_LOSS:
      return new IntegrityError('DATA_LOSS', what, opts);
    case status.INVALID_ARGUMENT:
      return new RejectedError('INVALID_ARGUMENT', what, { ...opts, hint: 'the node refused the request as invalid and changed nothing; the message says what to fix' });
    case status.RESOURCE_EXHAUSTED:
      // grpc-js's own send limit refuses the request before writing it: nothing left this host.
      if (LOCAL_SEND_LIMIT.test(rawDetails)) return new RejectedError('RESOURCE_EXHAUSTED', what, { ...opts, details: { ...details, sent: false }, hint: resourceExhaustedHint(detailsText) });
      return new RejectedError('RESOURCE_EXHAUSTED', what, { ...opts, hint: resourceExhaustedHint(detailsText) });
    case status.UNIMPLEMENTED:
      // A server built without gzip refuses a compressed request this way (tonic: "Content is
      // compressed with `gzip` which isn't supported"; grpc-go: "Decompressor is not installed
      // for grpc-encoding"); resending it compressed, or reopening a compressed stream, cannot help.
      if (COMPRESSION_REFUSED.test(rawDetails)) return new RejectedError('UNIMPLEMENTED', what, { ...opts, hint: 'the peer does not accept gzip-compressed requests: send with compression off (compress: false)' });
      return new RejectedError('UNIMPLEMENTED', what, opts);
    default:
      return new RejectedError(status[code] ?? 'UNKNOWN', what, opts);
  }
}

/**
 * What to do about a RESOURCE_EXHAUSTED refusal: a message over gRPC's size limit (either side),
 * an answer a raftctl node would not build ("would answer more than N bytes": retrying cannot
 * help, asking for less can), a raftctl node at its state quota or key bound (until keys are
 * deleted), or a node refusing work for now (the uncommitted-log bound).
 */
function resourceExhaustedHint(details: string): string {
  if (/larger than/i.test(details)) return 'the message exceeds the size limit';
  if (/would answer more than/i.test(details)) return 'the answer would be too large, and retrying will not change that: ask for less (the message says how)';
  if (/--max-state-bytes|keys, the most it can/.test(details)) return 'the node is full, and retrying will not change that: delete keys (deletes are accepted), or restart the nodes with a larger --max-state-bytes';
  return 'the node is overloaded; retry later';
}

/**
 * The error of a call on a closed transport or endpoint client (`what`), or cut short by its
 * closing (`cause`: the call's own error).
 */
export function closedError(what = 'the transport', cause?: unknown): RejectedError {
  return new RejectedError('TRANSPORT_CLOSED', `${what} is closed`, cause === undefined ? {} : { cause });
}

/**
 * Whether trying again can succeed: unreachable peers, not-ready nodes, timeouts (a node's own
 * request timeout, answered CANCELLED "Timeout expired", included) and ABORTED may;
 * INVALID_ARGUMENT, PERMISSION_DENIED, UNIMPLEMENTED, FAILED_PRECONDITION, a call this client
 * cancelled and the other definitive answers may not.
 */
export function isRetryable(error: RaftCtlError): boolean {
  // A caller's catch-all may hand over anything thrown (undefined, a string): not a retryable failure.
  if (typeof error !== 'object' || error === null) return false;
  if (error.details?.serverTimeout === true) return true;
  const grpcCode = error.details?.grpcCode;
  if (typeof grpcCode === 'number') return !NOT_RETRYABLE.has(grpcCode);
  return error.code === 'UNREACHABLE' || error.code === 'TIMEOUT' || error.code === 'NOT_READY';
}
