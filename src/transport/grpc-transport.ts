/**
 * {@link GrpcTransport}: the gRPC implementation of the {@link Transport} interface, raftctl's
 * counterpart of d-engine's `GrpcTransport` (reference §2), with the departures listed in
 * docs/transport.md ("Departures from d-engine").
 *
 * Connection classes (reference §2.4): votes, pre-votes, TimeoutNow, cluster updates, leader
 * discovery, join and cluster metadata use the peer's `control` channel; AppendEntries and the
 * replication stream the `data` channel; snapshot push and pull the `bulk` channel. Channels
 * come from one {@link ChannelPool}, so a peer sees one TCP connection per class in use (plus
 * one more per class where both a gzip and a plain channel are used).
 *
 * Retries: every fan-out and join runs each peer's call through {@link withRetry} with the
 * given policy; only errors that may succeed on retry are retried (status.ts), and backoff
 * sleeps run on the injected clock. A connection failure evicts the peer's channels so the next
 * attempt reconnects at once instead of waiting out grpc-js's reconnect backoff.
 *
 * When `clusterId` is set every request carries gRPC metadata `raftctl-cluster-id` (PROTOCOL.md).
 */
import { setMaxListeners } from 'node:events';
import { type Client, type MethodDefinition } from '@grpc/grpc-js';
import { asRaftCtlError, ConfigError, NoLeaderError, RaftCtlError, RejectedError, TimeoutError, UnreachableError } from '../errors.js';
import { linkedSignal, raceAbort } from './abort.js';
import { AppendQueue, DEFAULT_APPEND_QUEUE_CAPACITY } from './append-queue.js';
import { CLUSTER_ID_METADATA, duplexCall, unaryCall } from './call.js';
import { ChannelNotReadyError, channelReady } from './channel-ready.js';
import { ChannelPool, type ConnectionClass } from './channels.js';
import { systemClock, type Clock, type RandomSource } from './clock.js';
import { addressOf, chooseLeader, distinctPeerIds, endpointOf, normalizeAddress, votersOf, type LeaderChoice } from './membership.js';
import type {
  AppendEntriesRequest,
  AppendEntriesResponse,
  ClusterConfChangeRequest,
  ClusterConfUpdateResponse,
  ClusterMembership,
  JoinRequest,
  JoinResponse,
  LeaderDiscoveryRequest,
  LeaderDiscoveryResponse,
  ReadIndexRequest,
  ReadIndexResponse,
  SnapshotResponse,
  TimeoutNowRequest,
  VoteRequest,
  VoteResponse,
} from './messages.js';
import { GrpcReplicationStream, StreamBrokenError } from './replication-stream.js';
import { backoffDelay, DEFAULT_RETRY, validateRetryPolicy, withRetry, type AttemptContext, type Retried, type RetryPolicy } from './retry.js';
import { acceptingEncoded, ClusterManagementService, ElectionService, RaftPeerExtService, ReplicationService } from './services.js';
import { pushSnapshot } from './snapshot-push.js';
import { pullSnapshot } from './snapshot-pull.js';
import { closedError, isRetryable } from './status.js';
import type {
  DiscoveryView,
  FanOutOptions,
  FanOutResult,
  Member,
  Membership,
  PeerCallOptions,
  PeerResult,
  ReplicationStream,
  SnapshotPull,
  SnapshotPushConfig,
  SnapshotPushMetadata,
  SnapshotSource,
  Transport,
} from './types.js';
import { FAN_OUT_CONCURRENCY, mapConcurrent } from './concurrency.js';
import { badArgument, checkBoolean, checkDeadline, checkEndpointList, checkFanOutOptions, checkMembership, checkNodeId, checkObject, checkOptions, checkPeerCallOptions, checkSignal } from './arguments.js';
import { DEFAULT_REPLICATION_RESPONSE_TIMEOUT_MS, validateOptions, type GrpcTransportOptions } from './transport-options.js';

export { DEFAULT_REPLICATION_RESPONSE_TIMEOUT_MS, type GrpcTransportOptions } from './transport-options.js';

/** StreamAppendEntries for a replication stream that encodes each request as it is sent. */
const STREAM_APPEND_ENTRIES = acceptingEncoded(ReplicationService.StreamAppendEntries);

/** One peer's address resolved from a membership. */
interface Peer {
  readonly id: number;
  readonly endpoint: string;
}

/**
 * The Transport over gRPC. One instance per process (or per CLI command); it owns its append
 * queues and replication streams, and its channel pool unless one was passed in.
 */
export class GrpcTransport implements Transport {
  readonly #selfId: number | undefined;
  readonly #headers: Record<string, string> | undefined;
  readonly #pool: ChannelPool;
  readonly #ownsPool: boolean;
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly #queue: AppendQueue;
  readonly #streams = new Set<GrpcReplicationStream>();
  readonly #streamConnectTimeoutMs: number;
  readonly #discoveryTimeoutMs: number;
  readonly #replicationResponseTimeoutMs: number;
  /** Aborts every call, retry loop and backoff sleep when the transport closes. */
  readonly #shutdown = new AbortController();
  #closed = false;

  constructor(options: GrpcTransportOptions = {}) {
    setMaxListeners(0, this.#shutdown.signal);
    validateOptions(options);
    this.#selfId = options.selfId;
    this.#headers = options.clusterId ? { [CLUSTER_ID_METADATA]: options.clusterId } : undefined;
    this.#queue = new AppendQueue(options.appendQueueCapacity ?? DEFAULT_APPEND_QUEUE_CAPACITY);
    this.#pool = options.pool ?? new ChannelPool();
    this.#ownsPool = options.pool === undefined;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#streamConnectTimeoutMs = options.streamConnectTimeoutMs ?? 1000;
    this.#discoveryTimeoutMs = options.discoveryTimeoutMs ?? DEFAULT_RETRY.autoDiscovery.timeoutMs;
    this.#replicationResponseTimeoutMs = options.replicationResponseTimeoutMs ?? DEFAULT_REPLICATION_RESPONSE_TIMEOUT_MS;
  }

  /**
   * Fans UpdateClusterConf out to the voters of `membership` (self and duplicates filtered) on
   * their control channels, concurrently, each with `retry` (use DEFAULT_RETRY.membership for
   * d-engine's policy). One result per voter in membership order; a response whose term is
   * above `req.term` is surfaced in `higherTerm`. Rejects with ConfigError when no voter remains
   * or `retry` is invalid. (Kept for trait parity: raftctl changes membership through log
   * entries, and a raftctl follower answers `success:false, INVALID_CHANGE`.) `opts.signal` ends
   * the fan-out early with every peer's outcome so far ({@link FanOutOptions}).
   */
  sendClusterUpdate(req: ClusterConfChangeRequest, retry: RetryPolicy, membership: Membership, opts?: FanOutOptions): Promise<FanOutResult<ClusterConfUpdateResponse>> {
    return this.#run(async () => {
      const where = 'sendClusterUpdate';
      checkObject(where, 'req', req);
      validateRetryPolicy(retry, 'membership retry policy');
      checkMembership(where, membership);
      checkFanOutOptions(where, opts);
      const voters = votersOf(this.#withSelf(membership));
      if (voters.length === 0) throw new ConfigError('sendClusterUpdate: the membership has no voting peer to send to');
      const results = await Promise.all(
        voters.map((m) => this.#retried(m, retry, (peer, ctx) => this.#unary(peer, 'control', false, ClusterManagementService.UpdateClusterConf, req, ctx.timeoutMs, ctx.signal), opts?.signal)),
      );
      return fanOut(results, (r) => r.term ?? 0, () => req.term ?? 0);
    });
  }

  /**
   * One unary AppendEntries per listed peer on its data channel (gzip when `compress`). Self and
   * repeated peer ids are dropped (the first request for a peer wins); peers need not be voters,
   * but each must be listed in `membership` for its address (otherwise its result carries a
   * ConfigError and `attempts` 0). Per peer the request waits behind that peer's earlier unary
   * appends (FIFO, one outstanding); peers run concurrently; each request is retried with `retry`
   * (DEFAULT_RETRY.appendEntries is one attempt). Results in input order; `higherTerm` reports a
   * response term (or `higher_term`) above the request's term. Rejects with ConfigError when no
   * peer remains or `retry` is invalid. `opts.signal` ends the fan-out early ({@link FanOutOptions}):
   * an append still queued in its lane then fails unsent.
   */
  sendAppendRequests(
    requests: ReadonlyArray<readonly [number, AppendEntriesRequest]>,
    retry: RetryPolicy,
    membership: Membership,
    compress: boolean,
    opts?: FanOutOptions,
  ): Promise<FanOutResult<AppendEntriesResponse>> {
    return this.#run(async () => {
      const where = 'sendAppendRequests';
      checkRequestList(where, requests);
      validateRetryPolicy(retry, 'append_entries retry policy');
      checkMembership(where, membership);
      checkBoolean(where, 'compress', compress);
      checkFanOutOptions(where, opts);
      const self = membership.selfId ?? this.#selfId;
      const ids = distinctPeerIds(
        requests.map(([id]) => id),
        self,
      );
      if (ids.length === 0) throw new ConfigError('sendAppendRequests: no peer to send to (the list is empty or names only this node)');
      const byId = new Map<number, AppendEntriesRequest>();
      for (const [id, req] of requests) if (!byId.has(id)) byId.set(id, req);
      const results = await Promise.all(
        ids.map(async (id): Promise<PeerResult<AppendEntriesResponse>> => {
          const address = addressOf(membership, id);
          if (address === undefined) return { peerId: id, endpoint: '', error: notAMember(id), attempts: 0 };
          let endpoint: string;
          try {
            endpoint = endpointOf(address, id);
          } catch (err) {
            return { peerId: id, endpoint: address, error: asRaftCtlError(err), attempts: 0 };
          }
          try {
            const r = await this.#append({ id, endpoint }, byId.get(id)!, retry, compress, opts?.signal);
            return { peerId: id, endpoint, response: r.value, attempts: r.attempts };
          } catch (err) {
            const error = asRaftCtlError(err);
            return { peerId: id, endpoint, error, attempts: attemptsOf(error) };
          }
        }),
      );
      return fanOut(results, appendTerm, (peerId) => byId.get(peerId)?.term ?? 0);
    });
  }

  /**
   * One unary AppendEntries to `peerId`, queued FIFO behind that peer's earlier unary appends,
   * retried with `retry`. Rejects with the last attempt's error (details.attempts set), a
   * ConfigError for self, an unknown peer or a bad policy, or RejectedError APPEND_QUEUE_FULL.
   */
  sendAppendRequest(peerId: number, req: AppendEntriesRequest, retry: RetryPolicy, membership: Membership, compress: boolean): Promise<AppendEntriesResponse> {
    return this.#run(async () => {
      const where = 'sendAppendRequest';
      checkNodeId(where, 'peerId', peerId);
      checkObject(where, 'req', req);
      validateRetryPolicy(retry, 'append_entries retry policy');
      checkMembership(where, membership);
      checkBoolean(where, 'compress', compress);
      const peer = this.#peer(peerId, membership);
      return (await this.#append(peer, req, retry, compress)).value;
    });
  }

  /**
   * RequestVote to the voters of `membership` (self and duplicates filtered) on their control
   * channels, concurrently, each with `retry` (DEFAULT_RETRY.election). Partial failures are
   * reported per peer; `higherTerm` reports a response term above `req.term`. No term or vote
   * checks here (the core does them). Rejects with ConfigError when no voter remains. `opts.signal`
   * ends the fan-out early with every peer's outcome so far ({@link FanOutOptions}).
   */
  sendVoteRequests(req: VoteRequest, retry: RetryPolicy, membership: Membership, opts?: FanOutOptions): Promise<FanOutResult<VoteResponse>> {
    return this.#run(async () => {
      const where = 'sendVoteRequests';
      checkObject(where, 'req', req);
      validateRetryPolicy(retry, 'election retry policy');
      checkMembership(where, membership);
      checkFanOutOptions(where, opts);
      const voters = votersOf(this.#withSelf(membership));
      if (voters.length === 0) throw new ConfigError('sendVoteRequests: the membership has no voting peer to ask');
      const results = await Promise.all(voters.map((m) => this.#retried(m, retry, (peer, ctx) => this.#unary(peer, 'control', false, ElectionService.RequestVote, req, ctx.timeoutMs, ctx.signal), opts?.signal)));
      return fanOut(results, (r) => r.term ?? 0, () => req.term ?? 0);
    });
  }

  /**
   * JoinCluster to `leaderId` (found in `membership`; when it is not listed or 0 the leader is
   * discovered first), each attempt bounded by `backoff.timeoutMs`, at most `backoff.maxAttempts`
   * attempts with backoff sleeps between them on the injected clock.
   * - A non-leader's answer (PERMISSION_DENIED, NOT_LEADER): the leader hint in the answer, else
   *   DiscoverLeader among the membership's voters (highest term, then highest id) names the next
   *   target; a different leader is tried at once, the same one after the backoff sleep.
   * - "already exists": GetClusterMetadata from the node that said so; joined when it lists
   *   `req.nodeId` with `req.address` (a JoinResponse built from that metadata is returned),
   *   otherwise RejectedError ID_TAKEN "id N is taken by ADDRESS".
   * - Other errors: retried when they may succeed (status.ts), thrown at once otherwise. After the
   *   last attempt the last error is thrown with `details.attempts`.
   * The leader's JoinResponse is returned as it is (d-engine never answers `success:false`).
   */
  joinCluster(leaderId: number, req: JoinRequest, backoff: RetryPolicy, membership: Membership): Promise<JoinResponse> {
    return this.#run(async () => {
      const where = 'joinCluster';
      checkNodeId(where, 'leaderId', leaderId, { allowZero: true });
      checkObject(where, 'req', req);
      validateRetryPolicy(backoff, 'join_cluster retry policy');
      checkMembership(where, membership);
      const listed = leaderId > 0 ? addressOf(membership, leaderId) : undefined;
      const known = listed === undefined ? undefined : endpointOf(listed, leaderId);
      let target: Peer | null = known === undefined ? null : { id: leaderId, endpoint: known };
      let lastError: RaftCtlError | undefined;
      for (let attempt = 1; attempt <= backoff.maxAttempts; attempt++) {
        let sleep = true;
        target ??= await this.#discoverJoinTarget(req, membership, backoff);
        if (target === null) {
          lastError = new NoLeaderError('joinCluster: no voter of the membership knows a leader', { details: { attempts: attempt } });
        } else {
          try {
            return await this.#unary(target, 'control', false, ClusterManagementService.JoinCluster, req, backoff.timeoutMs);
          } catch (err) {
            const error = asRaftCtlError(err);
            error.details = { ...(error.details ?? {}), attempts: attempt, leaderId: target.id };
            lastError = error;
            if (alreadyExists(error)) return await this.#verifyJoined(target, req, error, backoff.timeoutMs);
            if (notLeader(error)) {
              const refused = target;
              target = hintedLeader(error) ?? (await this.#discoverJoinTarget(req, membership, backoff));
              sleep = target === null || target.id === refused.id;
            } else if (!isRetryable(error)) {
              throw error;
            }
          }
        }
        if (attempt < backoff.maxAttempts && sleep) await this.#sleep(backoffDelay(backoff, attempt, this.#random));
      }
      throw lastError ?? new NoLeaderError('joinCluster: no attempt was made');
    });
  }

  /**
   * DiscoverLeader to every target concurrently (at most {@link FAN_OUT_CONCURRENCY} calls at a
   * time), once each, without retry; each call is bounded by `opts.deadlineMs` (default 100 ms). Targets are the voters of a membership (self and
   * duplicates filtered; `nodeId` set in each view) or bare `host:port` endpoints (repeats
   * dropped). One view per target in input order, with the response or the error. Rejects only for an argument of the wrong type (a ConfigError, arguments.ts); a target's failure is its view's error.
   * Pick the leader with {@link chooseLeader}.
   */
  async discoverLeader(req: LeaderDiscoveryRequest, compress: boolean, targets: Membership | readonly string[], opts?: PeerCallOptions): Promise<DiscoveryView[]> {
    const where = 'discoverLeader';
    checkObject(where, 'req', req);
    checkBoolean(where, 'compress', compress);
    if (isEndpointList(targets)) checkEndpointList(where, 'targets', targets);
    else if (typeof targets !== 'object' || targets === null) throw badArgument(where, 'targets', 'an array of host:port strings or a membership {members, selfId?}', targets);
    else checkMembership(where, targets, 'targets');
    checkOptions(where, 'opts', opts);
    if (opts?.deadlineMs !== undefined) checkDeadline(where, 'opts.deadlineMs', opts.deadlineMs);
    checkSignal(where, 'opts.signal', opts?.signal);
    const list: Array<{ endpoint: string; nodeId?: number }> = isEndpointList(targets)
      ? [...new Set(targets.map(normalizeAddress))].map((endpoint) => ({ endpoint }))
      : votersOf(this.#withSelf(targets)).map((m) => ({ endpoint: normalizeAddress(m.address), nodeId: m.id }));
    const deadlineMs = opts?.deadlineMs ?? this.#discoveryTimeoutMs;
    return mapConcurrent(list, FAN_OUT_CONCURRENCY, async (t): Promise<DiscoveryView> => {
      const base = t.nodeId === undefined ? { endpoint: t.endpoint } : { endpoint: t.endpoint, nodeId: t.nodeId };
      try {
        if (this.#closed) throw closedError();
        const peer = { id: t.nodeId ?? 0, endpoint: endpointOf(t.endpoint, t.nodeId) };
        const response = await this.#unary(peer, 'control', compress, ClusterManagementService.DiscoverLeader, req, deadlineMs, opts?.signal);
        return { ...base, response };
      } catch (err) {
        return { ...base, error: asRaftCtlError(err) };
      }
    });
  }

  /**
   * Pushes a snapshot to `peerId` over InstallSnapshot on its bulk channel; see `pushSnapshot`
   * in snapshot-push.ts for chunking, checksums, deadlines and errors. {@link close} cancels it.
   */
  sendSnapshot(peerId: number, metadata: SnapshotPushMetadata, source: SnapshotSource, membership: Membership, config: SnapshotPushConfig): Promise<SnapshotResponse> {
    return this.#run(() => {
      const where = 'sendSnapshot';
      checkNodeId(where, 'peerId', peerId);
      checkObject(where, 'metadata', metadata);
      checkObject(where, 'source', source);
      checkMembership(where, membership);
      checkObject(where, 'config', config);
      checkSignal(where, 'config.signal', config.signal);
      const peer = this.#peer(peerId, membership);
      // The channel is taken when the call starts, not before the first pass over the file: a
      // failed connect on another class meanwhile (the data stream to a peer that is down)
      // closes every channel to the peer, and a push holding one of them would fail with
      // "Channel has been shut down" although the peer may be back by then.
      const client = (): Client => this.#pool.forPeer(peer.id, peer.endpoint, 'bulk', false);
      const stop = linkedSignal(config.signal, this.#shutdown.signal);
      return pushSnapshot(client, peer.endpoint, metadata, source, { ...config, signal: stop.signal, clock: this.#clock, ...(this.#headers ? { metadataHeaders: this.#headers } : {}) }).finally(() => stop.dispose());
    });
  }

  /**
   * Pulls the leader's latest snapshot over StreamSnapshot on its bulk channel; see
   * `pullSnapshot` in snapshot-pull.ts for acknowledgements, verification and errors. `retry`
   * covers the initial call; {@link close} cancels the pull.
   */
  requestSnapshotFromLeader(leaderId: number, retry: RetryPolicy, membership: Membership): Promise<SnapshotPull> {
    return this.#run(() => {
      const where = 'requestSnapshotFromLeader';
      checkNodeId(where, 'leaderId', leaderId);
      validateRetryPolicy(retry, 'install_snapshot retry policy');
      checkMembership(where, membership);
      const peer = this.#peer(leaderId, membership);
      const client = this.#pool.forPeer(peer.id, peer.endpoint, 'bulk', false);
      return pullSnapshot(client, peer.endpoint, { retry, clock: this.#clock, random: this.#random, signal: this.#shutdown.signal, ...(this.#headers ? { metadataHeaders: this.#headers } : {}) });
    });
  }

  /**
   * Opens one StreamAppendEntries to `peerId` on its data channel (gzip when `compress`). Waits
   * up to `streamConnectTimeoutMs` for the connection; a peer that cannot be reached rejects with
   * UnreachableError (and its channels are rebuilt on the next call). The returned stream is
   * bounded (capacity 128, backpressure), FIFO-matched, and reports a break through `closed`
   * and STREAM_BROKEN rejections; the caller reconnects by calling this again (d-engine's
   * leader worker backs off 50 ms doubling to 1 s, DEFAULT_RETRY.appendEntries). Open streams
   * are aborted by {@link close}.
   */
  openReplicationStream(peerId: number, membership: Membership, compress: boolean): Promise<ReplicationStream> {
    return this.#run(async () => {
      const where = 'openReplicationStream';
      checkNodeId(where, 'peerId', peerId);
      checkMembership(where, membership);
      checkBoolean(where, 'compress', compress);
      const peer = this.#peer(peerId, membership);
      const client = this.#pool.forPeer(peer.id, peer.endpoint, 'data', compress);
      await this.#waitForReady(client, peer);
      if (this.#closed) throw closedError();
      const call = duplexCall(this.#pool.forPeer(peer.id, peer.endpoint, 'data', compress), STREAM_APPEND_ENTRIES, this.#headers ? { metadata: this.#headers } : {});
      const stream: GrpcReplicationStream = new GrpcReplicationStream(call, {
        peerId,
        endpoint: peer.endpoint,
        responseTimeoutMs: this.#replicationResponseTimeoutMs,
        clock: this.#clock,
        encode: (request) => ReplicationService.StreamAppendEntries.requestSerialize(request),
        onFinished: (error) => {
          this.#streams.delete(stream);
          // A peer that stopped answering: the next stream dials a new connection rather than
          // queueing behind this one (which may sit in TCP retransmit backoff for minutes).
          if (error?.details?.responseTimeout === true && !this.#closed) this.#pool.evictAddress(peer.endpoint, 'data');
        },
      });
      this.#streams.add(stream);
      return stream;
    });
  }

  /** One RequestVote to `peerId` (control channel), no retry, bounded by `opts.deadlineMs`. */
  requestVote(peerId: number, req: VoteRequest, membership: Membership, opts: PeerCallOptions): Promise<VoteResponse> {
    return this.#run(() => this.#unary(this.#checkedPeer('requestVote', peerId, req, membership, opts), 'control', false, ElectionService.RequestVote, req, opts.deadlineMs, opts.signal));
  }

  /** One PreVote (`raftctl.raft.v1.RaftPeerExt/PreVote`) to `peerId`, no retry. d-engine nodes answer UNIMPLEMENTED. */
  preVote(peerId: number, req: VoteRequest, membership: Membership, opts: PeerCallOptions): Promise<VoteResponse> {
    return this.#run(() => this.#unary(this.#checkedPeer('preVote', peerId, req, membership, opts), 'control', false, RaftPeerExtService.PreVote, req, opts.deadlineMs, opts.signal));
  }

  /** One TimeoutNow (`raftctl.raft.v1.RaftPeerExt/TimeoutNow`) to `peerId`, no retry. */
  timeoutNow(peerId: number, req: TimeoutNowRequest, membership: Membership, opts: PeerCallOptions): Promise<void> {
    return this.#run(async () => {
      await this.#unary(this.#checkedPeer('timeoutNow', peerId, req, membership, opts), 'control', false, RaftPeerExtService.TimeoutNow, req, opts.deadlineMs, opts.signal);
    });
  }

  /**
   * One ReadIndex (`raftctl.raft.v1.RaftPeerExt/ReadIndex`) to the leader `peerId` (dissertation
   * §6.4, followers), no retry. d-engine nodes answer UNIMPLEMENTED.
   */
  readIndex(peerId: number, req: ReadIndexRequest, membership: Membership, opts: PeerCallOptions): Promise<ReadIndexResponse> {
    return this.#run(() => this.#unary(this.#checkedPeer('readIndex', peerId, req, membership, opts), 'control', false, RaftPeerExtService.ReadIndex, req, opts.deadlineMs, opts.signal));
  }

  /**
   * Closes the channels of peers no longer in `membership` (call it when a member leaves).
   * Endpoint-only channels (discovery by bare endpoints) are not affected.
   */
  retainMembers(membership: Membership): void {
    checkMembership('retainMembers', membership);
    this.#pool.retainPeers(membership.members.map((m) => m.id));
  }

  /**
   * Aborts every open replication stream (pending sends reject with STREAM_BROKEN whose cause is
   * TRANSPORT_CLOSED, `details.transportClosed`), rejects queued appends and streams still
   * waiting for their connection (TRANSPORT_CLOSED), cancels calls, snapshot pushes and pulls in
   * flight (they fail with TRANSPORT_CLOSED), and closes the channel pool if this transport
   * created it.
   * Later calls reject with TRANSPORT_CLOSED (discoverLeader reports it per view).
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#shutdown.abort(closedError());
    this.#queue.close();
    for (const s of [...this.#streams]) s.abort(new StreamBrokenError(`replication stream to peer ${s.peerId} was aborted: the transport is closed`, { cause: closedError(), details: { peerId: s.peerId, transportClosed: true } }));
    this.#streams.clear();
    if (this.#ownsPool) this.#pool.close();
  }

  // ---- internals ----

  #run<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.#closed) return Promise.reject(closedError());
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err);
    }
  }

  #withSelf(membership: Membership): Membership {
    return membership.selfId !== undefined || this.#selfId === undefined ? membership : { selfId: this.#selfId, members: membership.members };
  }

  /** The peer's address from the membership; ConfigError for self or an unlisted id. */
  #peer(peerId: number, membership: Membership): Peer {
    const self = membership.selfId ?? this.#selfId;
    if (peerId === self) throw new ConfigError(`peer ${peerId} is this node; the transport does not send to itself`, { details: { peerId } });
    const address = addressOf(membership, peerId);
    if (address === undefined) throw notAMember(peerId);
    return { id: peerId, endpoint: endpointOf(address, peerId) };
  }

  /** {@link #peer} after checking the arguments of a one-peer send (`where`: the method). */
  #checkedPeer(where: string, peerId: number, req: object, membership: Membership, opts: PeerCallOptions): Peer {
    checkNodeId(where, 'peerId', peerId);
    checkObject(where, 'req', req);
    checkMembership(where, membership);
    checkPeerCallOptions(where, opts);
    return this.#peer(peerId, membership);
  }

  /** One unary call on the peer's channel of `cls`; a connection failure evicts its channels. */
  async #unary<Req, Res>(peer: Peer, cls: ConnectionClass, compress: boolean, method: MethodDefinition<Req, Res>, request: Req, deadlineMs: number, signal?: AbortSignal): Promise<Res> {
    if (this.#closed) throw closedError();
    const client = peer.id > 0 ? this.#pool.forPeer(peer.id, peer.endpoint, cls, compress) : this.#pool.forAddress(peer.endpoint, cls, compress);
    const stop = linkedSignal(signal, this.#shutdown.signal);
    try {
      return await unaryCall(client, method, request, { deadlineMs, signal: stop.signal, ...(this.#headers ? { metadata: this.#headers } : {}) }, peer.endpoint);
    } catch (err) {
      if (this.#closed) throw closedError(undefined, err);
      if (err instanceof UnreachableError) this.#pool.evictAddress(peer.endpoint);
      throw err;
    } finally {
      stop.dispose();
    }
  }

  /** A backoff sleep that ends (TRANSPORT_CLOSED) when the transport closes. */
  async #sleep(ms: number): Promise<void> {
    try {
      await this.#clock.sleep(ms, this.#shutdown.signal);
    } catch (err) {
      throw closedError(undefined, err);
    }
  }

  /** `call` to `member` through withRetry with `policy`, as a per-peer result (attempts 0 for an address that cannot be dialled). */
  async #retried<Res>(member: Member, policy: RetryPolicy, call: (peer: Peer, ctx: AttemptContext) => Promise<Res>, signal?: AbortSignal): Promise<PeerResult<Res>> {
    let peer: Peer;
    try {
      peer = { id: member.id, endpoint: endpointOf(member.address, member.id) };
    } catch (err) {
      return { peerId: member.id, endpoint: member.address, error: asRaftCtlError(err), attempts: 0 };
    }
    const stop = linkedSignal(signal, this.#shutdown.signal);
    try {
      const r = await withRetry(policy, (ctx) => call(peer, ctx), { clock: this.#clock, random: this.#random, signal: stop.signal });
      return { peerId: member.id, endpoint: member.address, response: r.value, attempts: r.attempts };
    } catch (err) {
      const error = asRaftCtlError(err);
      return { peerId: member.id, endpoint: member.address, error, attempts: attemptsOf(error) };
    } finally {
      stop.dispose();
    }
  }

  /**
   * A unary append through the peer's FIFO lane, retried with `retry` inside the lane. `until`
   * (a fan-out's signal) ends it early: an append still queued fails at once without being sent,
   * a running one has its call cancelled and no further attempt.
   */
  #append(peer: Peer, req: AppendEntriesRequest, retry: RetryPolicy, compress: boolean, until?: AbortSignal): Promise<Retried<AppendEntriesResponse>> {
    // close() aborts both the queue and #shutdown, so without `until` a call needs no signal of
    // its own (no per-call signal linking on the hot path); with it, its calls take `until`.
    const attempt = (signal: AbortSignal): Promise<Retried<AppendEntriesResponse>> =>
      withRetry(retry, (ctx) => this.#unary(peer, 'data', compress, ReplicationService.AppendEntries, req, ctx.timeoutMs, until === undefined ? undefined : ctx.signal), { clock: this.#clock, random: this.#random, signal });
    if (until === undefined) return this.#queue.submit(peer.id, attempt);
    const notSent = (): TimeoutError =>
      new TimeoutError(`${peer.endpoint}: the fan-out was cancelled while this append waited in peer ${peer.id}'s lane; it was not sent`, { details: { endpoint: peer.endpoint, peerId: peer.id, grpcCode: 1, sent: false } });
    let started = false;
    const job = this.#queue.submit(peer.id, (laneSignal) => {
      started = true;
      if (until.aborted) return Promise.reject(notSent());
      const stop = linkedSignal(until, laneSignal);
      return attempt(stop.signal).finally(() => stop.dispose());
    });
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        if (started) return; // the running attempt is cancelled through its signal and settles the job
        job.catch(() => undefined);
        reject(notSent());
      };
      until.addEventListener('abort', onAbort, { once: true });
      if (until.aborted) onAbort();
      job.then(resolve, reject).finally(() => until.removeEventListener('abort', onAbort));
    });
  }

  /**
   * Waits up to `streamConnectTimeoutMs` for `client`'s channel to be READY ({@link channelReady});
   * {@link close} ends the wait at once (TRANSPORT_CLOSED). A channel that does not get there is
   * evicted (the next stream dials anew) and the wait rejects with UnreachableError.
   */
  async #waitForReady(client: Client, peer: Peer): Promise<void> {
    const timeoutMs = this.#streamConnectTimeoutMs;
    try {
      await channelReady(client, timeoutMs, this.#shutdown.signal);
    } catch (err) {
      if (!(err instanceof ChannelNotReadyError)) throw err;
      if (!this.#closed) this.#pool.evictAddress(peer.endpoint);
      throw new UnreachableError(`cannot connect to ${peer.endpoint} (peer ${peer.id}) within ${timeoutMs} ms`, { cause: err, details: { endpoint: peer.endpoint, peerId: peer.id, sent: false }, hint: 'check the address and that the node is running' });
    }
  }

  /** DiscoverLeader among the membership's voters; the chosen leader, or null. */
  async #discoverJoinTarget(req: JoinRequest, membership: Membership, backoff: RetryPolicy): Promise<Peer | null> {
    const request: LeaderDiscoveryRequest = { nodeId: req.nodeId ?? 0, requesterAddress: req.address ?? '' };
    const views = await this.discoverLeader(request, false, membership, { deadlineMs: backoff.timeoutMs });
    const leader: LeaderChoice | null = chooseLeader(views);
    return leader === null ? null : { id: leader.leaderId, endpoint: leader.leaderAddress };
  }

  /** After "already exists": joined only if the metadata lists this id with this address. */
  async #verifyJoined(target: Peer, req: JoinRequest, original: RaftCtlError, deadlineMs: number): Promise<JoinResponse> {
    const id = req.nodeId ?? 0;
    const wanted = normalizeAddress(req.address ?? '');
    let metadata: ClusterMembership;
    try {
      metadata = await this.#unary(target, 'control', false, ClusterManagementService.GetClusterMetadata, {}, deadlineMs);
    } catch (err) {
      throw new RejectedError('JOIN_UNVERIFIED', `${target.endpoint} says node ${id} already exists, and its cluster metadata could not be read to check the address: ${asRaftCtlError(err).message}`, {
        cause: original,
        details: { nodeId: id, endpoint: target.endpoint },
        hint: 'check `cluster status` to see whether this node is a member',
      });
    }
    const node = (metadata.nodes ?? []).find((n) => n.id === id);
    if (node === undefined) throw original;
    const address = normalizeAddress(node.address ?? '');
    if (address !== wanted) {
      throw new RejectedError('ID_TAKEN', `id ${id} is taken by ${address || '(no address)'}`, {
        cause: original,
        details: { nodeId: id, takenBy: address, requestedAddress: wanted },
        hint: 'choose another node id, or remove the existing member first',
      });
    }
    return { success: true, error: '', config: metadata, configVersion: metadata.version ?? 0, leaderId: metadata.currentLeaderId ?? target.id };
  }
}

function isEndpointList(targets: Membership | readonly string[]): targets is readonly string[] {
  return Array.isArray(targets);
}

function fanOut<T>(results: PeerResult<T>[], termOf: (response: T) => number, requestTerm: (peerId: number) => number): FanOutResult<T> {
  let higherTerm: { peerId: number; term: number } | null = null;
  for (const r of results) {
    if (r.response === undefined) continue;
    const term = termOf(r.response);
    if (term > requestTerm(r.peerId) && (higherTerm === null || term > higherTerm.term)) higherTerm = { peerId: r.peerId, term };
  }
  return { results, higherTerm };
}

/** The term an AppendEntriesResponse reports: its `term`, or `higher_term` when that is larger. */
function appendTerm(response: AppendEntriesResponse): number {
  return Math.max(response.term ?? 0, response.higherTerm ?? 0);
}

function notAMember(peerId: number): ConfigError {
  return new ConfigError(`peer ${peerId} is not in the membership (no address known)`, { details: { peerId } });
}


/** Attempts behind an error: withRetry records them; an error without the count made none (a full lane, a closed transport). */
function attemptsOf(error: RaftCtlError): number {
  const n = error.details?.attempts;
  return typeof n === 'number' ? n : 0;
}

function alreadyExists(error: RaftCtlError): boolean {
  return /already exist/i.test(error.message) && (error.details?.grpcCode === 6 || error.details?.grpcCode === 9);
}

function notLeader(error: RaftCtlError): boolean {
  return error.code === 'NOT_LEADER' || error.details?.grpcCode === 7;
}

function hintedLeader(error: RaftCtlError): Peer | null {
  if (error instanceof NoLeaderError && error.leaderId !== null && error.leaderAddress) return { id: error.leaderId, endpoint: normalizeAddress(error.leaderAddress) };
  return null;
}

/** sendAppendRequests' list: an array of `[peerId, request]` pairs. */
function checkRequestList(where: string, requests: unknown): void {
  if (!Array.isArray(requests)) throw badArgument(where, 'requests', 'an array of [peerId, request] pairs', requests);
  requests.forEach((pair: unknown, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw badArgument(where, `requests[${i}]`, 'a [peerId, request] pair', pair);
    checkNodeId(where, `requests[${i}][0]`, pair[0]);
    checkObject(where, `requests[${i}][1]`, pair[1]);
  });
}
