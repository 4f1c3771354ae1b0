/**
 * Value types shared by every module of the pure Raft core.
 *
 * Ids, terms and indexes are plain JavaScript numbers: node ids are positive uint32 values
 * (0 means "none"), terms and indexes are safe integers (the codec rejects anything above
 * 2^53-1 before a message reaches the core). Every value here is JSON-safe.
 */

/** A node id: positive uint32. `0` means "none" wherever a field may be empty. */
export type NodeId = number;
/** A Raft term (Raft §5.1). */
export type Term = number;
/** A log index; the first entry of a log has index 1, index 0 is the empty prefix. */
export type LogIndex = number;

/** The identity of one log entry (Raft §5.3: index and term identify an entry). */
export interface LogId {
  readonly term: Term;
  readonly index: LogIndex;
}

/** A learner: receives the log, never votes, never counts toward a quorum. */
export interface Learner {
  readonly id: NodeId;
  /** A read-only learner is never promoted to voter. */
  readonly readOnly: boolean;
}

/**
 * A cluster configuration (Raft dissertation §4.3). `votersOutgoing` is empty outside a
 * joint configuration; while it is non-empty, elections and commitment need a majority of
 * `voters` and a majority of `votersOutgoing`. Voter lists are sorted ascending.
 */
export interface Configuration {
  readonly voters: readonly NodeId[];
  readonly votersOutgoing: readonly NodeId[];
  readonly learners: readonly Learner[];
  /** `host:port` of every member, keyed by node id. */
  readonly addresses: Readonly<Record<number, string>>;
}

/** What an entry carries. Command bytes are opaque to the core. */
export type EntryPayload =
  | { readonly type: 'noop' }
  | { readonly type: 'command'; readonly data: Uint8Array }
  | { readonly type: 'configuration'; readonly configuration: Configuration };

/** One log entry. `proposedAtUnixMs` is the leader runtime's wall clock at proposal. */
export interface Entry {
  readonly index: LogIndex;
  readonly term: Term;
  readonly payload: EntryPayload;
  readonly proposedAtUnixMs?: number;
}

/** Persistent state that must be durable before any message that depends on it leaves (Raft Figure 2). */
export interface HardState {
  readonly term: Term;
  /** Candidate voted for in `term`; 0 = none. */
  readonly votedFor: NodeId;
}

/**
 * Metadata of a snapshot: the last entry it covers, the configuration in force at that entry
 * and `configIndex`, the log index of the entry that set that configuration (<= `index`; 0 for
 * the initial configuration of a brand-new member), so the configuration index survives
 * compaction and restarts.
 */
export interface SnapshotMeta {
  readonly index: LogIndex;
  readonly term: Term;
  readonly configuration: Configuration;
  readonly configIndex: LogIndex;
}

/**
 * What the runtime hands back on (re)start: the durable hard state, the latest durable
 * snapshot (absent for a node that has none yet), every durable entry after it (contiguous,
 * starting at snapshot.index + 1), and optionally a commit index it persisted (any value
 * that was once the node's commitIndex is safe).
 */
export interface RestoredState {
  readonly hardState: HardState;
  readonly snapshot?: SnapshotMeta;
  readonly entries: readonly Entry[];
  readonly commitIndex?: LogIndex;
}

/** The only source of randomness the core uses. */
export interface Random {
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
}

/** Core configuration. Only `id` and `random` are required. */
export interface RaftConfig {
  readonly id: NodeId;
  readonly random: Random;
  /** Minimum randomized election timeout in ticks (inclusive). Default 10. */
  readonly electionTimeoutMinTicks?: number;
  /** Maximum randomized election timeout in ticks (exclusive). Default 20. */
  readonly electionTimeoutMaxTicks?: number;
  /** Ticks between heartbeat rounds of a leader. Default 1. */
  readonly heartbeatTicks?: number;
  /** Leader steps down when it has not heard from a quorum for an election timeout. Default true. */
  readonly checkQuorum?: boolean;
  /** Campaign with a Pre-Vote round first (dissertation §9.6). Default true. */
  readonly preVote?: boolean;
  /** Maximum entry-carrying Appends in flight per peer in REPLICATE state. Default 256. */
  readonly maxInflightAppends?: number;
  /** Maximum entries per Append. Default 1024. */
  readonly maxEntriesPerAppend?: number;
  /**
   * Soft limit on the payload bytes of one Append (command bytes plus a fixed per-entry
   * allowance); an Append always carries at least one entry. Default 1 MiB, well under
   * gRPC's 4 MiB message limit.
   */
  readonly maxAppendBytes?: number;
  /** Milliseconds per tick, used only to size leases. Default 100. */
  readonly tickMs?: number;
  /** Safety margin for clock-rate drift subtracted from the lease. Default 100 ms. */
  readonly leaseDriftMs?: number;
}

/** `RaftConfig` with every default filled in. */
export interface ResolvedConfig {
  readonly id: NodeId;
  readonly random: Random;
  readonly electionTimeoutMinTicks: number;
  readonly electionTimeoutMaxTicks: number;
  readonly heartbeatTicks: number;
  readonly checkQuorum: boolean;
  readonly preVote: boolean;
  readonly maxInflightAppends: number;
  readonly maxEntriesPerAppend: number;
  readonly maxAppendBytes: number;
  readonly tickMs: number;
  readonly leaseDriftMs: number;
}

/** Fills defaults and validates; throws RangeError on a nonsensical configuration. */
export function resolveConfig(c: RaftConfig): ResolvedConfig {
  const r: ResolvedConfig = {
    id: c.id,
    random: c.random,
    electionTimeoutMinTicks: c.electionTimeoutMinTicks ?? 10,
    electionTimeoutMaxTicks: c.electionTimeoutMaxTicks ?? 20,
    heartbeatTicks: c.heartbeatTicks ?? 1,
    checkQuorum: c.checkQuorum ?? true,
    preVote: c.preVote ?? true,
    maxInflightAppends: c.maxInflightAppends ?? 256,
    maxEntriesPerAppend: c.maxEntriesPerAppend ?? 1024,
    maxAppendBytes: c.maxAppendBytes ?? 1024 * 1024,
    tickMs: c.tickMs ?? 100,
    leaseDriftMs: c.leaseDriftMs ?? 100,
  };
  if (!isNodeId(r.id)) throw new RangeError(`invalid node id ${r.id}`);
  if (r.heartbeatTicks < 1) throw new RangeError('heartbeatTicks must be >= 1');
  if (r.electionTimeoutMinTicks <= r.heartbeatTicks) {
    throw new RangeError('electionTimeoutMinTicks must exceed heartbeatTicks');
  }
  if (r.electionTimeoutMaxTicks <= r.electionTimeoutMinTicks) {
    throw new RangeError('electionTimeoutMaxTicks must exceed electionTimeoutMinTicks');
  }
  if (r.maxInflightAppends < 1 || r.maxEntriesPerAppend < 1 || r.maxAppendBytes < 1) throw new RangeError('flow limits must be >= 1');
  return r;
}

/** True for a valid node id: an integer in [1, 2^32). */
export function isNodeId(id: unknown): id is NodeId {
  return typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= 0xffffffff;
}
