/**
 * A scriptable gRPC peer for transport tests: a real {@link GrpcServer} on 127.0.0.1 (port
 * chosen by the OS) inside the test process, hosting every raftctl/d-engine service, behind a
 * small TCP "wire tap" proxy.
 *
 * - Every call is recorded (method, decoded request, request metadata, the client connection it
 *   came on, receive time).
 * - Unary methods answer with a default (see {@link defaultResponse}) unless scripted: `handle`
 *   replaces a method's handler; `queue` adds one-shot behaviours consumed in order first.
 *   Behaviours can answer, fail with a status (`fail`), or wait first (`delay`, bounded by the
 *   call's own deadline: a cancelled call stops waiting).
 * - StreamAppendEntries answers each request in order through `streamBehaviour` (default: the
 *   AppendEntries default response); a behaviour may respond, fail the stream, end it, or send
 *   an unsolicited extra response.
 * - The wire tap counts TCP connections clients open to the peer (one per grpc-js subchannel),
 *   reads the gRPC message prefix of every client DATA frame (compressed flag = the message was
 *   sent with `grpc-encoding: gzip`, which the server must have seen to decode it), and can
 *   sever every connection at once (a network break).
 * - `kill()` stops the gRPC server but keeps the address (connections are refused by the tap);
 *   `revive()` starts a fresh server behind the same address.
 */
import net from 'node:net';
import {
  status,
  type sendUnaryData,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { AppendEntriesRequest, AppendEntriesResponse, SnapshotChunk } from '../../src/transport/messages.js';
import { GrpcServer, GrpcStatusError, toServiceError } from '../../src/transport/server.js';
import { SERVICE_NAMES, SERVICES } from '../../src/transport/services.js';

/** One call as the peer received it. */
export interface RecordedCall {
  readonly method: string;
  readonly request: unknown;
  /** Request metadata (string values only). */
  readonly metadata: Record<string, string>;
  /** The client connection (`ip:port` as the server saw it). */
  readonly peer: string;
  /** performance.now() at receipt. */
  readonly at: number;
  /** For StreamAppendEntries: which stream (1-based, in opening order). */
  readonly streamNo?: number;
}

/** What a unary behaviour gets besides the request. */
export interface CallContext {
  readonly record: RecordedCall;
  /** Aborts when the client cancels or the deadline passes. */
  readonly signal: AbortSignal;
  /** The peer's default answer for this method. */
  readonly fallback: () => unknown;
}

export type Behaviour = (request: any, ctx: CallContext) => unknown;

/** A behaviour that answers `value`. */
export const respond = (value: unknown): Behaviour => () => value;

/** A behaviour that fails with gRPC status `code`. */
export const fail =
  (code: status, details = status[code] ?? 'failed', trailers: Record<string, string> = {}): Behaviour =>
  () => {
    throw new GrpcStatusError(code, details, trailers);
  };

/** Waits `ms` (real time; stops early when the call is cancelled), then runs `then` (default: the default answer). */
export const delay =
  (ms: number, then?: Behaviour): Behaviour =>
  async (request, ctx) => {
    await abortableWait(ms, ctx.signal);
    return then ? then(request, ctx) : ctx.fallback();
  };

/** Controls one open StreamAppendEntries from a {@link StreamBehaviour}. */
export interface StreamControl {
  readonly streamNo: number;
  /** 0-based index of the request in this stream. */
  readonly seq: number;
  respond(response: AppendEntriesResponse): void;
  /** Ends the stream with a non-OK status. */
  fail(code: status, details: string): void;
  /** Ends the stream with OK status. */
  end(): void;
  /** The default answer to this request. */
  fallback(): AppendEntriesResponse;
}

export type StreamBehaviour = (request: AppendEntriesRequest, ctl: StreamControl) => void | Promise<void>;

export interface FakePeerOptions {
  /** Node id the defaults answer with (default 2). */
  readonly id?: number;
  /** Largest request the server accepts (default 64 MiB). */
  readonly maxReceiveMessageBytes?: number;
}

/** Counts of client→server gRPC messages seen on the wire. */
export interface WireStats {
  /** TCP connections accepted since start. */
  connections: number;
  /** Currently open connections. */
  open: number;
  compressedMessages: number;
  plainMessages: number;
}

export class FakePeer {
  readonly id: number;
  readonly calls: RecordedCall[] = [];
  readonly wire: WireStats = { connections: 0, open: 0, compressedMessages: 0, plainMessages: 0 };
  /** StreamAppendEntries streams opened so far. */
  streamsOpened = 0;
  /**
   * How long each new connection hears nothing from the server (its HTTP/2 handshake held
   * back): a far node whose connection takes this long to become READY. 0: none.
   */
  connectDelayMs = 0;
  streamBehaviour: StreamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
  /** Raw handler overrides for streaming methods (InstallSnapshot, StreamSnapshot, Watch, ...). */
  readonly raw = new Map<string, (call: any, callback?: sendUnaryData<unknown>) => void>();
  readonly #handlers = new Map<string, Behaviour>();
  readonly #queues = new Map<string, Behaviour[]>();
  readonly #options: FakePeerOptions;
  readonly #tap: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #server: GrpcServer | undefined;
  #upstreamPort = 0;
  #address = '';

  private constructor(options: FakePeerOptions) {
    this.id = options.id ?? 2;
    this.#options = options;
    this.#tap = net.createServer((socket) => this.#onConnection(socket));
  }

  /** Starts a peer on 127.0.0.1 with an OS-chosen port. */
  static async start(options: FakePeerOptions = {}): Promise<FakePeer> {
    const peer = new FakePeer(options);
    await peer.revive();
    await new Promise<void>((resolve, reject) => {
      peer.#tap.once('error', reject);
      peer.#tap.listen(0, '127.0.0.1', () => resolve());
    });
    const addr = peer.#tap.address() as net.AddressInfo;
    peer.#address = `127.0.0.1:${addr.port}`;
    return peer;
  }

  /** `127.0.0.1:port` clients use. */
  get address(): string {
    return this.#address;
  }

  /** Replaces `method`'s handler (short name, e.g. 'RequestVote'). */
  handle(method: string, behaviour: Behaviour): this {
    this.#handlers.set(method, behaviour);
    return this;
  }

  /** Queues one-shot behaviours for `method`, used in order before its handler. */
  queue(method: string, ...behaviours: Behaviour[]): this {
    const q = this.#queues.get(method) ?? [];
    q.push(...behaviours);
    this.#queues.set(method, q);
    return this;
  }

  /** Drops every queued one-shot behaviour not used yet (a test that queued more than it needed). */
  clearQueues(): this {
    this.#queues.clear();
    return this;
  }

  /** Recorded calls of `method`. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Destroys every client connection at once (the clients see the connection drop). */
  sever(): void {
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
    this.wire.open = 0;
  }

  /** Stops the gRPC server and drops every connection; the address stays reserved. */
  async kill(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.sever();
    server?.forceShutdown();
  }

  /** Starts a fresh gRPC server behind the same address (after {@link kill}). */
  async revive(): Promise<void> {
    if (this.#server) return;
    const server = new GrpcServer(this.#options.maxReceiveMessageBytes === undefined ? {} : { maxReceiveMessageBytes: this.#options.maxReceiveMessageBytes });
    for (const [name, definition] of Object.entries(SERVICES)) {
      if (name === SERVICE_NAMES.health) continue;
      server.addService(name, definition, this.#implementation(definition));
    }
    const bound = await server.listen('127.0.0.1:0');
    this.#upstreamPort = bound.port;
    this.#server = server;
  }

  /** Stops everything (server, tap, connections). */
  async stop(): Promise<void> {
    await this.kill();
    const closed = new Promise<void>((resolve) => this.#tap.close(() => resolve()));
    // A client reconnecting between kill() and close() left a connection that would keep
    // close() waiting forever (a test file that never exits); close() stops new ones first.
    this.sever();
    await closed;
  }

  // ---- services ----

  #implementation(definition: Record<string, { requestStream: boolean; responseStream: boolean; originalName?: string }>): UntypedServiceImplementation {
    const impl: UntypedServiceImplementation = {};
    for (const [name, m] of Object.entries(definition)) {
      if (!m.requestStream && !m.responseStream) impl[name] = this.#unary(name);
      else if (name === 'StreamAppendEntries') impl[name] = (call: ServerDuplexStream<AppendEntriesRequest, AppendEntriesResponse>) => this.#streamAppend(call);
      else impl[name] = (call: any, callback?: sendUnaryData<unknown>) => this.#streaming(name, call, callback);
    }
    return impl;
  }

  #record(method: string, request: unknown, call: { metadata: { getMap(): Record<string, unknown> }; getPeer(): string }, streamNo?: number): RecordedCall {
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(call.metadata.getMap())) if (typeof v === 'string') metadata[k] = v;
    const record: RecordedCall = { method, request, metadata, peer: call.getPeer(), at: performance.now(), ...(streamNo === undefined ? {} : { streamNo }) };
    this.calls.push(record);
    return record;
  }

  #unary(method: string) {
    return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void => {
      const record = this.#record(method, call.request, call);
      const controller = new AbortController();
      call.on('cancelled', () => controller.abort());
      const fallback = (): unknown => defaultResponse(method, call.request, this);
      const behaviour = this.#queues.get(method)?.shift() ?? this.#handlers.get(method) ?? fallback;
      Promise.resolve()
        .then(() => behaviour(call.request, { record, signal: controller.signal, fallback }))
        .then(
          (res) => callback(null, res),
          (err: unknown) => callback(toServiceError(err)),
        );
    };
  }

  #streamAppend(call: ServerDuplexStream<AppendEntriesRequest, AppendEntriesResponse>): void {
    const streamNo = ++this.streamsOpened;
    let seq = 0;
    let done = false;
    let chain = Promise.resolve();
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      fn();
    };
    call.on('error', () => (done = true));
    call.on('cancelled', () => (done = true));
    call.on('data', (req: AppendEntriesRequest) => {
      this.#record('StreamAppendEntries', req, call, streamNo);
      const ctl: StreamControl = {
        streamNo,
        seq: seq++,
        respond: (res) => {
          if (!done) call.write(res);
        },
        fail: (code, details) => finish(() => call.emit('error', { code, details })),
        end: () => finish(() => call.end()),
        fallback: () => defaultResponse('AppendEntries', req, this) as AppendEntriesResponse,
      };
      chain = chain.then(() => this.streamBehaviour(req, ctl)).catch((err: unknown) => finish(() => call.emit('error', toServiceError(err))));
    });
    call.on('end', () => {
      void chain.then(() => finish(() => call.end()));
    });
  }

  #streaming(method: string, call: any, callback?: sendUnaryData<unknown>): void {
    const override = this.raw.get(method);
    if (override) return override(call, callback);
    if (method === 'InstallSnapshot' && callback) return this.#installSnapshot(call, callback);
    this.#record(method, call.request ?? null, call);
    const error = { code: status.UNIMPLEMENTED, details: `${method} is not scripted on this fake peer` };
    if (callback) callback(error);
    else call.emit('error', error);
  }

  /** Default InstallSnapshot: records every chunk, answers success with the first chunk's term. */
  #installSnapshot(call: ServerReadableStream<SnapshotChunk, unknown>, callback: sendUnaryData<unknown>): void {
    let term = 0;
    call.on('data', (chunk: SnapshotChunk) => {
      if (term === 0) term = chunk.leaderTerm ?? 0;
      this.#record('InstallSnapshot', chunk, call);
    });
    call.on('end', () => callback(null, { term, success: true, nextChunk: 0 }));
    call.on('error', () => undefined);
  }

  // ---- wire tap ----

  #onConnection(socket: net.Socket): void {
    this.wire.connections++;
    if (!this.#server) {
      socket.destroy();
      return;
    }
    this.wire.open++;
    this.#sockets.add(socket);
    const upstream = net.connect(this.#upstreamPort, '127.0.0.1');
    socket.setNoDelay(true);
    upstream.setNoDelay(true);
    const parser = new Http2DataParser((compressed) => {
      if (compressed) this.wire.compressedMessages++;
      else this.wire.plainMessages++;
    });
    socket.on('data', (chunk: Buffer) => {
      parser.push(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => socket.write(chunk));
    if (this.connectDelayMs > 0) {
      upstream.pause();
      setTimeout(() => upstream.resume(), this.connectDelayMs).unref();
    }
    const close = (): void => {
      if (this.#sockets.delete(socket)) this.wire.open--;
      socket.destroy();
      upstream.destroy();
    };
    socket.on('close', close);
    upstream.on('close', close);
    socket.on('error', close);
    upstream.on('error', close);
  }
}

/** Default answers of the fake peer, per unary method (UNIMPLEMENTED for the rest). */
export function defaultResponse(method: string, request: any, peer: { id: number; address: string }): unknown {
  switch (method) {
    case 'RequestVote':
    case 'PreVote':
      return { term: request.term ?? 0, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 };
    case 'AppendEntries': {
      const entries = (request.entries ?? []) as Array<{ index?: number; term?: number }>;
      const last = entries.length > 0 ? entries[entries.length - 1]! : { index: request.prevLogIndex ?? 0, term: request.prevLogTerm ?? 0 };
      return { nodeId: peer.id, term: request.term ?? 0, success: { lastMatch: { index: last.index ?? 0, term: last.term ?? 0 } } };
    }
    case 'UpdateClusterConf':
      return { id: peer.id, term: request.term ?? 0, version: request.version ?? 0, success: true, errorCode: 0 };
    case 'GetClusterMetadata':
      return { version: 1, nodes: [{ id: peer.id, address: peer.address, role: 1, status: 3 }], currentLeaderId: peer.id };
    case 'JoinCluster':
      return { success: true, error: '', configVersion: 1, leaderId: peer.id };
    case 'DiscoverLeader':
      return { leaderId: peer.id, leaderAddress: peer.address, term: 1 };
    case 'TimeoutNow':
      return {};
    case 'ReadIndex':
      return { term: request.term ?? 0, ctx: request.ctx ?? 0, index: 1 };
    default:
      throw new GrpcStatusError(status.UNIMPLEMENTED, `${method} is not scripted on this fake peer`);
  }
}

/** An address on 127.0.0.1 where nothing listens (connections are refused). */
export async function deadAddress(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

function abortableWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Reads the client→server HTTP/2 byte stream far enough to see each gRPC message's 5-byte
 * prefix (compressed flag + length) inside DATA frames; everything else is skipped.
 */
class Http2DataParser {
  #preface = 24;
  #buf = Buffer.alloc(0);
  readonly #streams = new Map<number, { prefix: number[]; remaining: number }>();

  constructor(private readonly onMessage: (compressed: boolean) => void) {}

  push(chunk: Buffer): void {
    this.#buf = Buffer.concat([this.#buf, chunk]);
    if (this.#preface > 0) {
      const skip = Math.min(this.#preface, this.#buf.length);
      this.#preface -= skip;
      this.#buf = this.#buf.subarray(skip);
    }
    while (this.#buf.length >= 9) {
      const length = this.#buf.readUIntBE(0, 3);
      if (this.#buf.length < 9 + length) return;
      const type = this.#buf[3]!;
      const flags = this.#buf[4]!;
      const streamId = this.#buf.readUInt32BE(5) & 0x7fffffff;
      let payload = this.#buf.subarray(9, 9 + length);
      this.#buf = this.#buf.subarray(9 + length);
      if (type !== 0) continue;
      if (flags & 0x8) payload = payload.subarray(1, payload.length - payload[0]!);
      this.#data(streamId, payload);
    }
  }

  #data(streamId: number, payload: Buffer): void {
    let state = this.#streams.get(streamId);
    if (!state) {
      state = { prefix: [], remaining: 0 };
      this.#streams.set(streamId, state);
    }
    let i = 0;
    while (i < payload.length) {
      if (state.remaining > 0) {
        const take = Math.min(state.remaining, payload.length - i);
        state.remaining -= take;
        i += take;
        continue;
      }
      state.prefix.push(payload[i++]!);
      if (state.prefix.length === 5) {
        const [flag, a, b, c, d] = state.prefix as [number, number, number, number, number];
        this.onMessage(flag === 1);
        state.remaining = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
        state.prefix = [];
      }
    }
  }
}
