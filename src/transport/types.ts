/**
 * The Transport: raftctl's TypeScript counterpart of d-engine's `Transport` trait (reference §2),
 * following its documented contract and the departures table of PROTOCOL.md. Results are keyed
 * by peer id or endpoint, never by completion order.
 */
import type { RaftCtlError } from '../errors.js';
import type {
  AppendEntriesRequest,
  AppendEntriesResponse,
  ClusterConfChangeRequest,
  ClusterConfUpdateResponse,
  JoinRequest,
  JoinResponse,
  LeaderDiscoveryRequest,
  LeaderDiscoveryResponse,
  ReadIndexRequest,
  ReadIndexResponse,
  SnapshotChunk,
  SnapshotResponse,
  TimeoutNowRequest,
  VoteRequest,
  VoteResponse,
} from './messages.js';
import type { RetryPolicy } from './retry.js';

/** One member as the transport sees it. */
export interface Member {
  readonly id: number;
  /** `host:port`, no scheme. */
  readonly address: string;
  /** Voters vote and count toward quorums; learners only receive the log. */
  readonly role: 'voter' | 'learner';
}

/**
 * The membership a call is made against: who the peers are and where. `selfId` is filtered out
 * of every fan-out.
 */
export interface Membership {
  readonly selfId?: number;
  readonly members: readonly Member[];
}

/** The outcome of one peer in a fan-out. Exactly one of `response` / `error` is set. */
export interface PeerResult<T> {
  readonly peerId: number;
  readonly endpoint: string;
  readonly response?: T;
  readonly error?: RaftCtlError;
  /** Attempts made (1 when the first try settled it). */
  readonly attempts: number;
}

/** A fan-out's results, one per distinct non-self target, in input-peer order. */
export interface FanOutResult<T> {
  readonly results: readonly PeerResult<T>[];
  /**
   * The highest term seen in a response above the request's term, so the caller can step down
   * (null when none).
   */
  readonly higherTerm: { readonly peerId: number; readonly term: number } | null;
}

/** What one endpoint answered to DiscoverLeader. */
export interface DiscoveryView {
  readonly endpoint: string;
  /** Set when the target was given as a member. */
  readonly nodeId?: number;
  readonly response?: LeaderDiscoveryResponse;
  readonly error?: RaftCtlError;
}

/**
 * A snapshot's bytes for a push. `open()` may be called more than once (a first pass computes
 * the SHA-256 and size when either is not supplied) and must yield the same bytes each time;
 * a yielded buffer must not be reused by the source afterwards.
 */
export interface SnapshotSource {
  /** Total size in bytes, when known (used for total_chunks without a counting pass). */
  readonly size?: number;
  /** SHA-256 of the whole, when known up front (32 bytes). */
  readonly sha256?: Uint8Array;
  open(): AsyncIterable<Uint8Array>;
}

/** Snapshot metadata a push announces in chunk 0. */
export interface SnapshotPushMetadata {
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
}

export interface SnapshotPushConfig {
  /** The sender's current term (sent as `leader_term`; PROTOCOL.md departure). */
  readonly leaderTerm: number;
  readonly leaderId: number;
  /** Payload bytes per chunk (default 1 MiB; at most 4 MiB − 64 KiB with the envelope). */
  readonly chunkBytes?: number;
  /** Deadline of the whole transfer in ms, a first hashing pass included (default 300000, d-engine's push_timeout_in_ms). */
  readonly deadlineMs?: number;
  /** Longest wait for one chunk to be taken by the stream, in ms (default 30000). */
  readonly perChunkTimeoutMs?: number;
  /** Progress callback: bytes sent so far. */
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void;
  readonly signal?: AbortSignal;
}

/** One verified chunk of a pulled snapshot. */
export interface PulledChunk {
  readonly seq: number;
  readonly totalChunks: number;
  readonly data: Uint8Array;
}

/** Metadata of a pulled snapshot, known once chunk 0 arrived. */
export interface PulledSnapshotInfo {
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  readonly leaderId: number;
  readonly leaderTerm: number;
  readonly totalChunks: number;
  /** The leader's SHA-256, or null when it sent 32 zero bytes ("not provided"). */
  readonly announcedSha256: string | null;
  /**
   * Bytes of chunk 0's data: the sender's chunk size (d-engine and raftctl cut a snapshot into
   * pieces of one size, the last one shorter). No later chunk of the transfer may be larger.
   */
  readonly chunkBytes: number;
  /**
   * The most bytes the transfer can deliver: `totalChunks × chunkBytes`. The protocol declares
   * no byte size; this bound follows from `total_chunks` and chunk 0, and receivers enforce it
   * chunk by chunk. Check it before writing anything (disk space, a size limit).
   */
  readonly maxBytes: number;
}

/**
 * A StreamSnapshot pull in progress. Iterating yields verified chunks in sequence order; the
 * pull acknowledges every chunk itself. After iteration ends, `result` holds the outcome.
 */
export interface SnapshotPull extends AsyncIterable<PulledChunk> {
  /** Resolves once chunk 0 arrived (rejects if the pull fails first). */
  readonly info: Promise<PulledSnapshotInfo>;
  /**
   * Settles once the last chunk arrived and the whole was checked (possibly before the consumer
   * took the last chunk): our own SHA-256 (hex), whether it was verified against the leader's,
   * warnings. Rejects with the error iteration throws.
   */
  readonly result: Promise<{ sha256: string; verified: boolean; bytes: number; chunks: number; warnings: string[] }>;
  /**
   * Abandons the pull (the server sees the stream cancelled); iteration then throws TimeoutError.
   * Once every chunk has arrived there is nothing left to abandon: the chunks already received
   * are still handed out and `result` stands.
   */
  cancel(): void;
}

/**
 * One persistent StreamAppendEntries to a peer. At most `capacity` (128) requests are
 * outstanding; `send` waits for room (backpressure, never unbounded buffering). Responses are
 * matched to requests in FIFO order.
 */
export interface ReplicationStream {
  readonly peerId: number;
  readonly capacity: number;
  /** Requests sent and not yet answered. */
  readonly inflight: number;
  /**
   * Sends one request; resolves with its response. Rejects with a StreamBrokenError (a
   * RaftCtlError, code STREAM_BROKEN) if the stream breaks first; every pending request is
   * rejected then, in order.
   */
  send(request: AppendEntriesRequest): Promise<AppendEntriesResponse>;
  /** Resolves with the error when the stream breaks, or null when closed by {@link close}. */
  readonly closed: Promise<RaftCtlError | null>;
  /** Half-closes the stream and rejects nothing already answered. */
  close(): void;
}

/**
 * Options of a fan-out (sendClusterUpdate, sendVoteRequests, sendAppendRequests). `signal` is the
 * caller's overall deadline or cancel (e.g. `AbortSignal.timeout(ms)`): when it aborts, every
 * peer's attempt in flight is cancelled (TimeoutError, CANCELLED), no further attempt or backoff
 * sleep runs (a peer asleep in a backoff keeps its last attempt's error), an append still queued
 * in its peer's lane fails without being sent (TimeoutError, `sent: false`), and the fan-out
 * resolves at once with every peer's outcome so far. Without it a dead peer holds the result
 * back for its whole retry policy (DEFAULT_RETRY.membership: about two hours).
 */
export interface FanOutOptions {
  readonly signal?: AbortSignal;
}

/** Per-peer unary call options for the runtime's one-message-per-peer sends. */
export interface PeerCallOptions {
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
}

/**
 * The seed trait's methods plus the per-peer sends the node runtime needs (vote, pre-vote,
 * TimeoutNow). The aggregate fan-outs serve the CLI and library users; the runtime sends one
 * message per peer as the core asks and steps each response as it arrives.
 */
export interface Transport {
  /**
   * Fans a configuration change out to the voters of `membership` (self and duplicates
   * filtered), concurrently, each with `retry`. Rejects with a ConfigError on an empty peer
   * list. A response whose term is above `req.term` is surfaced in `higherTerm`.
   */
  sendClusterUpdate(req: ClusterConfChangeRequest, retry: RetryPolicy, membership: Membership, opts?: FanOutOptions): Promise<FanOutResult<ClusterConfUpdateResponse>>;
  /**
   * One AppendEntries per listed peer (self and duplicate ids dropped, the first request for a
   * peer wins), concurrent across peers and FIFO per peer: at most one unary AppendEntries is
   * outstanding per peer. Rejects with a ConfigError when no peer remains; a peer the membership
   * does not list gets a per-peer ConfigError.
   */
  sendAppendRequests(requests: ReadonlyArray<readonly [number, AppendEntriesRequest]>, retry: RetryPolicy, membership: Membership, compress: boolean, opts?: FanOutOptions): Promise<FanOutResult<AppendEntriesResponse>>;
  /** One AppendEntries to one peer, queued FIFO behind that peer's earlier unary appends. */
  sendAppendRequest(peerId: number, req: AppendEntriesRequest, retry: RetryPolicy, membership: Membership, compress: boolean): Promise<AppendEntriesResponse>;
  /**
   * RequestVote to the voters of `membership` (self and duplicates filtered); partial failures
   * reported per peer; a response term above `req.term` in `higherTerm`. Rejects with a
   * ConfigError when no voter remains.
   */
  sendVoteRequests(req: VoteRequest, retry: RetryPolicy, membership: Membership, opts?: FanOutOptions): Promise<FanOutResult<VoteResponse>>;
  /**
   * JoinCluster to `leaderId` with `backoff`. A non-leader's answer makes it rediscover the
   * leader among the membership's voters and retry there. "Already exists" counts as joined only
   * when the cluster's metadata lists this node id with this address; otherwise it fails with a
   * RejectedError "id N is taken by ADDRESS".
   */
  joinCluster(leaderId: number, req: JoinRequest, backoff: RetryPolicy, membership: Membership): Promise<JoinResponse>;
  /**
   * Asks every target concurrently, once, without retry: the voters of a membership (views carry
   * `nodeId`) or bare `host:port` endpoints (repeats dropped). One view per target in input
   * order; each call bounded by `opts.deadlineMs` (GrpcTransport's default: 100 ms). Rejects only for an argument of the wrong type (ConfigError); a target's failure is its view's error.
   */
  discoverLeader(req: LeaderDiscoveryRequest, compress: boolean, targets: Membership | readonly string[], opts?: PeerCallOptions): Promise<DiscoveryView[]>;
  /** Pushes a snapshot to one peer over InstallSnapshot (see SnapshotPushConfig). */
  sendSnapshot(peerId: number, metadata: SnapshotPushMetadata, source: SnapshotSource, membership: Membership, config: SnapshotPushConfig): Promise<SnapshotResponse>;
  /** Pulls the leader's latest snapshot over StreamSnapshot, acknowledging every chunk. */
  requestSnapshotFromLeader(leaderId: number, retry: RetryPolicy, membership: Membership): Promise<SnapshotPull>;
  /**
   * Opens the persistent StreamAppendEntries to one peer. Rejects with an UnreachableError when
   * the peer cannot be connected; after a break the caller opens a new stream (with backoff).
   */
  openReplicationStream(peerId: number, membership: Membership, compress: boolean): Promise<ReplicationStream>;

  /** Per-peer sends for the node runtime. */
  requestVote(peerId: number, req: VoteRequest, membership: Membership, opts: PeerCallOptions): Promise<VoteResponse>;
  preVote(peerId: number, req: VoteRequest, membership: Membership, opts: PeerCallOptions): Promise<VoteResponse>;
  timeoutNow(peerId: number, req: TimeoutNowRequest, membership: Membership, opts: PeerCallOptions): Promise<void>;
  /** A follower's ReadIndex to the leader `peerId` (dissertation §6.4, followers); no retry. */
  readIndex(peerId: number, req: ReadIndexRequest, membership: Membership, opts: PeerCallOptions): Promise<ReadIndexResponse>;

  /** Closes every channel and stream. */
  close(): void;
}

export type { SnapshotChunk };
