/**
 * The gRPC server adapter: hosts handlers for every service on one port, answers the standard
 * health service, accepts gzip-compressed requests (grpc-js decompresses them; it cannot
 * compress responses, see docs/transport.md), and enforces message-size limits with a clear
 * RESOURCE_EXHAUSTED status. Test peers use it; the node runtime serves through it.
 */
import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { constants as http2Constants, type Http2Session } from 'node:http2';
import { EXIT, NoLeaderError, RaftCtlError } from '../errors.js';
import type { HealthCheckRequest, HealthCheckResponse } from './messages.js';
import { HealthService, MalformedMessage, SERVICE_NAMES, tolerantSingleRequestMethods } from './services.js';
import { TRAILER } from './status.js';

export interface GrpcServerOptions {
  /** Largest request accepted (default 64 MiB). Larger ones fail with RESOURCE_EXHAUSTED. */
  readonly maxReceiveMessageBytes?: number;
  /** Largest response sent (default 64 MiB). */
  readonly maxSendMessageBytes?: number;
  /** Plaintext when absent (TLS, roadmap item 7, will plug in here through one module, src/transport/credentials.ts, which does not exist yet). */
  readonly credentials?: ServerCredentials;
}

export const ServingStatus = { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } as const;
export type ServingStatusValue = (typeof ServingStatus)[keyof typeof ServingStatus];

/** An error a handler can throw or pass to a callback to answer with a specific status. */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: status,
    readonly details: string,
    readonly trailers: Record<string, string> = {},
  ) {
    super(details);
    this.name = 'GrpcStatusError';
  }
}

/**
 * The gRPC code that carries a RaftCtlError's exit class to any client (status.ts maps it back
 * for raftctl clients, together with the `raftctl-error` trailer): a timeout or unknown outcome
 * DEADLINE_EXCEEDED, a node that is not ready (or cannot reach another) UNAVAILABLE, an integrity
 * failure DATA_LOSS, a usage error INVALID_ARGUMENT; "not the leader" and other refusals
 * FAILED_PRECONDITION, as d-engine answers them.
 */
function statusCodeFor(err: RaftCtlError): status {
  if (err instanceof NoLeaderError) return status.FAILED_PRECONDITION;
  switch (err.exitCode) {
    case EXIT.TIMEOUT:
      return status.DEADLINE_EXCEEDED;
    case EXIT.NO_LEADER:
    case EXIT.UNREACHABLE:
      return status.UNAVAILABLE;
    case EXIT.INTEGRITY:
      return status.DATA_LOSS;
    case EXIT.USAGE:
      return status.INVALID_ARGUMENT;
    default:
      return status.FAILED_PRECONDITION;
  }
}

/**
 * The status a handler failure is answered with: a {@link GrpcStatusError} as it is; a
 * RaftCtlError with the code of its exit class ({@link statusCodeFor}, or its `details.grpcCode`)
 * and the `raftctl-error` trailer; anything else as INTERNAL.
 */
export function toServiceError(err: unknown): { code: status; details: string; metadata: Metadata } {
  const metadata = new Metadata();
  if (err instanceof GrpcStatusError) {
    for (const [k, v] of Object.entries(err.trailers)) metadata.set(k, v);
    return { code: err.code, details: err.details, metadata };
  }
  if (err instanceof RaftCtlError) {
    metadata.set(TRAILER.error, err.code);
    const grpcCode = typeof err.details?.grpcCode === 'number' ? (err.details.grpcCode as status) : statusCodeFor(err);
    return { code: grpcCode, details: err.message, metadata };
  }
  return { code: status.INTERNAL, details: err instanceof Error ? err.message : String(err), metadata };
}

/**
 * Wraps an async unary handler: its resolved value is the response, a rejection becomes a
 * status via {@link toServiceError}. A request that did not decode or that a guard refused (a
 * {@link MalformedMessage}, for methods served through `tolerantRequests`) is answered
 * INVALID_ARGUMENT without calling `fn`.
 */
export function unaryHandler<Req, Res>(fn: (request: Req, call: ServerUnaryCall<Req, Res>) => Promise<Res> | Res) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    const request: unknown = call.request;
    if (request instanceof MalformedMessage) {
      callback(malformedStatus(request));
      return;
    }
    Promise.resolve()
      .then(() => fn(call.request, call))
      .then(
        (res) => callback(null, res),
        (err: unknown) => callback(toServiceError(err)),
      );
  };
}

/** The INVALID_ARGUMENT status a {@link MalformedMessage} request is answered with. */
function malformedStatus(request: MalformedMessage): ReturnType<typeof toServiceError> {
  return toServiceError(new GrpcStatusError(status.INVALID_ARGUMENT, `the request is refused: ${request.describe('request message')}`));
}

/**
 * `implementation` with each server-streaming handler of `definition` refusing a
 * {@link MalformedMessage} request (methods served through `tolerantRequests`) with
 * INVALID_ARGUMENT before the handler runs, as {@link unaryHandler} does for unary ones.
 */
function refusingMalformed(definition: ServiceDefinition, implementation: UntypedServiceImplementation): UntypedServiceImplementation {
  const out: UntypedServiceImplementation = { ...implementation };
  for (const [name, m] of Object.entries(definition)) {
    const handler = implementation[name];
    if (m.requestStream || !m.responseStream || typeof handler !== 'function') continue;
    out[name] = (call: ServerWritableStream<unknown, unknown>) => {
      const request: unknown = call.request;
      if (request instanceof MalformedMessage) call.emit('error', malformedStatus(request));
      else (handler as (c: ServerWritableStream<unknown, unknown>) => void)(call);
    };
  }
  return out;
}

/** Serving status per service name ("" is the whole server), as grpc.health.v1 reports it. */
export class HealthRegistry {
  readonly #statuses = new Map<string, ServingStatusValue>([['', ServingStatus.SERVING]]);
  readonly #watchers = new Set<{ service: string; call: ServerWritableStream<HealthCheckRequest, HealthCheckResponse> }>();

  set(service: string, value: ServingStatusValue): void {
    this.#statuses.set(service, value);
    for (const w of this.#watchers) if (w.service === service) w.call.write({ status: value });
  }

  get(service: string): ServingStatusValue | undefined {
    return this.#statuses.get(service);
  }

  /** grpc.health.v1.Health handlers. */
  implementation(): UntypedServiceImplementation {
    return {
      Check: unaryHandler<HealthCheckRequest, HealthCheckResponse>((req) => {
        const s = this.#statuses.get(req.service ?? '');
        if (s === undefined) throw new GrpcStatusError(status.NOT_FOUND, `unknown service ${req.service}`);
        return { status: s };
      }),
      Watch: (call: ServerWritableStream<HealthCheckRequest, HealthCheckResponse>) => {
        const service = call.request.service ?? '';
        const watcher = { service, call };
        this.#watchers.add(watcher);
        call.write({ status: this.#statuses.get(service) ?? ServingStatus.SERVICE_UNKNOWN });
        call.on('cancelled', () => this.#watchers.delete(watcher));
      },
    };
  }

  /** Ends every open Watch (on shutdown). */
  endWatches(): void {
    for (const w of this.#watchers) w.call.end();
    this.#watchers.clear();
  }
}

/**
 * One gRPC server on one port. Add services, then {@link listen}. Missing methods of an added
 * service answer UNIMPLEMENTED (grpc-js's default).
 */
export class GrpcServer {
  readonly health = new HealthRegistry();
  readonly #server: Server;
  readonly #credentials: ServerCredentials;
  #address: { host: string; port: number } | undefined;

  constructor(options: GrpcServerOptions = {}) {
    this.#credentials = options.credentials ?? ServerCredentials.createInsecure();
    this.#server = new Server({
      'grpc.max_receive_message_length': options.maxReceiveMessageBytes ?? 64 * 1024 * 1024,
      'grpc.max_send_message_length': options.maxSendMessageBytes ?? 64 * 1024 * 1024,
      // No channelz service is served: skip its per-call and per-message bookkeeping.
      'grpc.enable_channelz': 0,
    });
    this.#server.addService(tolerantSingleRequestMethods(HealthService), refusingMalformed(HealthService, this.health.implementation()));
  }

  /**
   * Registers a service's handlers and marks it SERVING in health (unless `serving` is false).
   */
  addService(name: string, definition: ServiceDefinition, implementation: UntypedServiceImplementation, serving = true): this {
    this.#server.addService(definition, refusingMalformed(definition, implementation));
    this.health.set(name, serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    return this;
  }

  /** Binds `host:port` (port 0 picks a free one) and resolves with the bound address. */
  listen(address: string): Promise<{ host: string; port: number }> {
    const { host } = splitHostPort(address);
    return new Promise((resolve, reject) => {
      this.#server.bindAsync(address, this.#credentials, (err, port) => {
        if (err) return reject(err);
        this.#address = { host, port };
        resolve(this.#address);
      });
    });
  }

  /** `host:port` once listening. */
  get address(): string {
    if (!this.#address) throw new Error('server is not listening');
    return `${this.#address.host}:${this.#address.port}`;
  }

  /**
   * Stops accepting calls, lets running calls finish for up to `graceMs`, then cancels the rest.
   */
  async shutdown(graceMs = 1000): Promise<void> {
    this.health.set('', ServingStatus.NOT_SERVING);
    this.health.endWatches();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#cancelAll();
        resolve();
      }, graceMs);
      this.#server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Cancels every call at once. */
  forceShutdown(): void {
    this.health.endWatches();
    this.#cancelAll();
  }

  /**
   * grpc-js's forceShutdown, then the destruction of the HTTP/2 sessions it left open: grpc-js
   * 1.14 destroys only the sessions it tracks for channelz, and channelz is off here, so every
   * call still open ran on until its client's deadline (a leader's snapshot push to an
   * in-process node stopped mid-receive waited out its 20 s).
   */
  #cancelAll(): void {
    const sessions = openSessions(this.#server);
    this.#server.forceShutdown();
    for (const session of sessions) if (!session.destroyed) session.destroy(undefined, http2Constants.NGHTTP2_CANCEL);
  }
}

/**
 * The HTTP/2 sessions of a grpc-js server, read from the per-listener sets grpc-js keeps whether
 * or not channelz is on (`Server.sessions` is filled only with it on). Empty if a grpc-js release
 * changes that shape; the test "a force shutdown ends the calls still open" then fails.
 */
function openSessions(server: Server): Http2Session[] {
  const listeners = (server as unknown as { http2Servers?: Map<unknown, { sessions?: Set<Http2Session> }> }).http2Servers;
  const sessions: Http2Session[] = [];
  for (const listener of listeners?.values() ?? []) sessions.push(...(listener.sessions ?? []));
  return sessions;
}

/** Splits `host:port` (IPv6 in brackets allowed). */
export function splitHostPort(address: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(address);
  if (!m) throw new RangeError(`expected host:port, got "${address}"`);
  return { host: m[1]!, port: Number(m[2]) };
}

export { SERVICE_NAMES };
