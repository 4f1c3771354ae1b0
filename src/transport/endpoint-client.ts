/**
 * An address-keyed client for operator calls that start from `--endpoints` and know no node
 * ids: one typed method per RPC the CLI uses, each with a deadline, all on the endpoint's
 * control-class channel from a shared {@link ChannelPool}. Failures are RaftCtlErrors
 * (src/transport/status.ts).
 */
import { setMaxListeners } from 'node:events';
import { connectivityState, type MethodDefinition } from '@grpc/grpc-js';
import { ConfigError, UnreachableError } from '../errors.js';
import { linkedSignal } from './abort.js';
import { badArgument, checkBoolean, checkCallOptions, checkObject, checkOptions, checkSignal } from './arguments.js';
import { serverStreamCall, unaryCall, watchResponse, type CallOptions } from './call.js';
import { ChannelPool, type ConnectionClass } from './channels.js';
import { MAX_TIMER_MS } from './clock.js';
import { endpointOf } from './membership.js';
import { EtcdKvService, type EtcdPutRequest, type EtcdPutResponse, type EtcdRangeRequest, type EtcdRangeResponse } from './etcd-services.js';
import { closedError, fromGrpcError } from './status.js';
import type {
  ClientReadRequest,
  ClientResponse,
  ClientWriteRequest,
  ClusterMembership,
  HealthCheckResponse,
  LeaderDiscoveryRequest,
  LeaderDiscoveryResponse,
  NodeStatus,
  ScanRequest,
  ScanResponse,
  ServerInfo,
  SnapshotInfo,
  VoteRequest,
  VoteResponse,
  WatchRequest,
  WatchResponse,
} from './messages.js';
import { AdminService, ClusterManagementService, ElectionService, HealthService, RaftClientService } from './services.js';

/** What a closed client's errors name. */
const CLIENT = 'the endpoint client';

export interface EndpointClientOptions {
  /** Shared pool; the client creates (and then owns) one when absent. */
  readonly pool?: ChannelPool;
  /** Gzip requests (default false). */
  readonly compress?: boolean;
}

export class EndpointClient {
  readonly #pool: ChannelPool;
  readonly #ownsPool: boolean;
  readonly #compress: boolean;
  /** Aborts every call and watch of this client when it closes. */
  readonly #closing = new AbortController();

  constructor(options: EndpointClientOptions = {}) {
    checkOptions('EndpointClient', 'options', options);
    if (options.pool !== undefined && !(options.pool instanceof ChannelPool)) throw badArgument('EndpointClient', 'pool', 'a ChannelPool or absent', options.pool);
    if (options.compress !== undefined) checkBoolean('EndpointClient', 'compress', options.compress);
    this.#pool = options.pool ?? new ChannelPool();
    this.#ownsPool = options.pool === undefined;
    this.#compress = options.compress ?? false;
    setMaxListeners(0, this.#closing.signal);
  }

  /**
   * Any unary method on `endpoint` (the typed methods below are shorthands). `endpoint` is
   * `host:port` as GrpcTransport takes one (a leading `http://` or `https://` stripped); anything
   * else rejects with a ConfigError (`sent: false`) before anything is dialled, as the CLI's
   * `--endpoints` check and GrpcTransport.discoverLeader refuse it.
   * @internal Not part of the package's public API (src/index.ts): `method` comes from the
   * internal service definitions; library users call the typed methods below.
   */
  async call<Req, Res>(endpoint: string, method: MethodDefinition<Req, Res>, request: Req, opts: CallOptions, cls: ConnectionClass = 'control'): Promise<Res> {
    if (this.#closing.signal.aborted) throw closedError(CLIENT);
    const target = endpointOf(endpoint);
    const where = `EndpointClient ${method.path.slice(method.path.lastIndexOf('/') + 1)}`;
    checkObject(where, 'request', request);
    checkCallOptions(where, opts);
    const stop = this.#signal(opts.signal);
    try {
      return await unaryCall(this.#pool.forAddress(target, cls, this.#compress), method, request, { ...opts, signal: stop.signal }, endpoint);
    } catch (err) {
      throw this.#closing.signal.aborted ? closedError(CLIENT, err) : err;
    } finally {
      stop.dispose();
    }
  }

  /** The caller's signal joined with this client's closing (dispose it when the call ends). */
  #signal(signal: AbortSignal | undefined): { readonly signal: AbortSignal; dispose(): void } {
    return linkedSignal(signal, this.#closing.signal);
  }

  getClusterMetadata(endpoint: string, opts: CallOptions): Promise<ClusterMembership> {
    return this.call(endpoint, ClusterManagementService.GetClusterMetadata, {}, opts);
  }

  discoverLeader(endpoint: string, request: LeaderDiscoveryRequest, opts: CallOptions): Promise<LeaderDiscoveryResponse> {
    return this.call(endpoint, ClusterManagementService.DiscoverLeader, request, opts);
  }

  /**
   * A RequestVote at term 0 from an id no member has: the denial carries the node's term and last
   * log id (PROTOCOL.md, "Reading a d-engine node"). raftctl nodes never grant term 0. A d-engine
   * node denies it once past its first election (term ≥ 1); one still at term 0 with an empty
   * log grants it (reference §3.1: it grants when the request's term is not below its own and
   * the log is as up to date), records a vote for this id in term 0, which its first election
   * supersedes, and a candidate still at term 0 steps down to do so. Never use AppendEntries as
   * a probe.
   */
  probeVote(endpoint: string, opts: CallOptions): Promise<VoteResponse> {
    const request: VoteRequest = { term: 0, candidateId: 0xffffffff, lastLogIndex: 0, lastLogTerm: 0 };
    return this.call(endpoint, ElectionService.RequestVote, request, opts);
  }

  healthCheck(endpoint: string, service: string, opts: CallOptions): Promise<HealthCheckResponse> {
    return this.call(endpoint, HealthService.Check, { service }, opts);
  }

  getServerInfo(endpoint: string, opts: CallOptions): Promise<ServerInfo> {
    return this.call(endpoint, AdminService.GetServerInfo, {}, opts);
  }

  getNodeStatus(endpoint: string, opts: CallOptions): Promise<NodeStatus> {
    return this.call(endpoint, AdminService.GetNodeStatus, {}, opts);
  }

  triggerSnapshot(endpoint: string, opts: CallOptions): Promise<SnapshotInfo> {
    return this.call(endpoint, AdminService.TriggerSnapshot, {}, opts);
  }

  scan(endpoint: string, request: ScanRequest, opts: CallOptions): Promise<ScanResponse> {
    return this.call(endpoint, RaftClientService.HandleClientScan, request, opts);
  }

  read(endpoint: string, request: ClientReadRequest, opts: CallOptions): Promise<ClientResponse> {
    return this.call(endpoint, RaftClientService.HandleClientRead, request, opts);
  }

  /** A client write. Never retried here: callers decide (a write's outcome may be unknown). */
  write(endpoint: string, request: ClientWriteRequest, opts: CallOptions): Promise<ClientResponse> {
    return this.call(endpoint, RaftClientService.HandleClientWrite, request, opts);
  }

  /**
   * A Watch of a key or prefix (d-engine client API): yields events as they arrive until the
   * server ends the stream (the iteration then ends, or throws the mapped RaftCtlError for a
   * non-OK status) or `signal` aborts (the call is cancelled and the iteration throws a
   * TimeoutError, code TIMEOUT with `details.grpcCode` 1, CANCELLED). Leaving the loop early cancels the call, and so does
   * {@link close} (the iteration then throws TRANSPORT_CLOSED).
   *
   * A stream has no deadline, so with `connectTimeoutMs` a call whose channel is still not
   * connected after that long (a hung process that accepts TCP but never completes the HTTP/2
   * handshake) is cancelled and throws UnreachableError with `sent: false`, as a unary call's
   * deadline would, instead of waiting as long as grpc-js keeps connecting. A refused connection
   * still fails at once, as grpc-js fails it. `connectTimeoutMs` must be a number > 0 (a
   * ConfigError otherwise, before anything is dialled); one above {@link MAX_TIMER_MS} waits that
   * long (about 24.8 days).
   *
   * A non-OK status that ends a stream the server had opened (its gRPC response headers
   * arrived, as a d-engine node's do as soon as its handler returns the stream) carries
   * `details.streamOpened: true`, events or not: the server ended a watch it served (a shutdown
   * ends d-engine watches with UNAVAILABLE, reference §6), as opposed to refusing it with a
   * trailers-only answer.
   */
  async *watch(endpoint: string, request: WatchRequest, opts: { readonly signal?: AbortSignal; readonly connectTimeoutMs?: number } = {}): AsyncGenerator<WatchResponse> {
    if (this.#closing.signal.aborted) throw closedError(CLIENT);
    checkObject('EndpointClient watch', 'request', request);
    checkOptions('EndpointClient watch', 'opts', opts);
    checkSignal('EndpointClient watch', 'opts.signal', opts.signal);
    const connectMs = opts.connectTimeoutMs;
    // A timer given NaN, 0 or a delay past its limit fires after 1 ms, when no channel is
    // connected yet: every watch would fail "no connection within ...".
    if (connectMs !== undefined && !(typeof connectMs === 'number' && connectMs > 0)) {
      throw new ConfigError(`watch connectTimeoutMs must be a number of milliseconds > 0 (got ${String(connectMs)})`);
    }
    const target = endpointOf(endpoint);
    const stop = this.#signal(opts.signal);
    try {
      const client = this.#pool.forAddress(target, 'control', this.#compress);
      const call = serverStreamCall(client, RaftClientService.Watch, request, { signal: stop.signal });
      const seen = watchResponse(call);
      let neverConnected = false;
      const connectTimer =
        connectMs === undefined
          ? undefined
          : setTimeout(() => {
              if (client.getChannel().getConnectivityState(false) === connectivityState.READY) return;
              neverConnected = true;
              call.cancel();
            }, Math.min(connectMs, MAX_TIMER_MS));
      try {
        for await (const event of call) yield event as WatchResponse;
      } catch (err) {
        if (this.#closing.signal.aborted) throw closedError(CLIENT, err);
        if (neverConnected && !stop.signal.aborted) throw notConnectedWithin(endpoint, connectMs!, err);
        const error = fromGrpcError(err as Error, endpoint, seen);
        if (seen.contentType !== undefined && /^application\/grpc\b/i.test(seen.contentType)) error.details = { ...error.details, streamOpened: true };
        throw error;
      } finally {
        clearTimeout(connectTimer);
        call.cancel();
      }
    } finally {
      stop.dispose();
    }
  }

  /** etcd's `KV/Put` (bench comparisons only). @internal Not part of the package's public API (src/index.ts). */
  etcdPut(endpoint: string, request: EtcdPutRequest, opts: CallOptions): Promise<EtcdPutResponse> {
    return this.call(endpoint, EtcdKvService.Put, request, opts, 'data');
  }

  /** etcd's `KV/Range` (bench comparisons only). @internal Not part of the package's public API (src/index.ts). */
  etcdRange(endpoint: string, request: EtcdRangeRequest, opts: CallOptions): Promise<EtcdRangeResponse> {
    return this.call(endpoint, EtcdKvService.Range, request, opts, 'data');
  }

  /**
   * Cancels this client's calls and watches in flight (they fail with RejectedError
   * TRANSPORT_CLOSED, as do later calls) and closes the channel pool if the client created it.
   * A shared pool stays open for its other users.
   */
  close(): void {
    if (this.#closing.signal.aborted) return;
    this.#closing.abort(closedError(CLIENT));
    if (this.#ownsPool) this.#pool.close();
  }
}

/** A watch whose channel did not connect within `timeoutMs` (nothing was sent). */
function notConnectedWithin(endpoint: string, timeoutMs: number, cause: unknown): UnreachableError {
  return new UnreachableError(`cannot connect to ${endpoint}: no connection within ${(timeoutMs / 1000).toFixed(3)}s`, {
    cause,
    details: { endpoint, sent: false },
    hint: 'check the address and that the node is running (a node that accepts connections but never answers looks like this too)',
  });
}
