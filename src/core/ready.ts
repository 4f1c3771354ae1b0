/**
 * The Ready contract: the work the runtime must do, in this order, before `advance(rd)`.
 *
 * 1. If `snapshotToInstall`: restore the state machine from the received snapshot file and
 *    make it the durable log base (every durable entry is discarded).
 * 2. If `truncateFrom`: delete durable entries with index >= truncateFrom; then append
 *    `entriesToAppend`. Steps 1-2 must be one atomic, durable write (e.g. one WAL record).
 * 3. If `hardState`: persist it durably (Raft Figure 2 "persistent state").
 *    `messages` may be sent at any time, even before 1-3 are durable (a leader's own
 *    entries need not be durable before it replicates them, dissertation §10.2.1).
 * 4. Once 1-3 are durable: send `messagesAfterPersist` (acknowledgements, votes, pre-vote
 *    answers, and RequestVotes, which depend on the persisted term and self-vote, Raft §5.1).
 * 5. Apply `committedEntries` in order; answer `proposals`; then serve `readStates`
 *    (each read is valid once the entries in this Ready are applied).
 * 6. Call `advance(rd)`. Only one Ready is outstanding at a time.
 *
 * `commitIndex` may be persisted lazily and handed back as `RestoredState.commitIndex`.
 */
import type { Outbound } from './messages.js';
import type { Configuration, Entry, HardState, LogIndex, NodeId, SnapshotMeta, Term } from './types.js';
import type { ProgressState } from './progress.js';

/** A node's role. `pre-candidate` = running a Pre-Vote round (term unchanged). */
export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** Volatile state worth reporting when it changes. */
export interface SoftState {
  readonly role: Role;
  readonly leaderId: NodeId;
  readonly term: Term;
}

/** Why a proposal, configuration change or read was refused. */
export type RejectReason =
  | 'NOT_LEADER'
  | 'CHANGE_IN_PROGRESS'
  | 'CONFIG_CHANGED'
  | 'TRANSFER_IN_PROGRESS'
  | 'INVALID_CHANGE'
  /** Another entry was committed at the proposal's index: it will never be applied. */
  | 'OVERWRITTEN';

/** Outcome of one proposal (command or configuration change), identified by the id `propose` returned. */
export type ProposalOutcome =
  /** The entry is committed and appears in this Ready's `committedEntries`. */
  | { readonly id: number; readonly status: 'committed'; readonly index: LogIndex; readonly term: Term }
  /** Definitive: the entry is not, and never will be, applied. */
  | { readonly id: number; readonly status: 'rejected'; readonly reason: RejectReason; readonly leaderHint?: NodeId; readonly message?: string }
  /**
   * The entry left this node's log (leadership lost and the log was repaired, or a snapshot
   * replaced it); it may still be committed by another leader. Clients should retry idempotently.
   */
  | { readonly id: number; readonly status: 'unknown'; readonly reason: 'LEADERSHIP_LOST'; readonly leaderHint?: NodeId };

/** Outcome of one read request, identified by the caller's `ctx`. */
export type ReadState =
  /** Serve the read once entries up to `index` are applied (true after this Ready's committedEntries). */
  | { readonly ctx: number; readonly status: 'ready'; readonly index: LogIndex }
  | { readonly ctx: number; readonly status: 'rejected'; readonly reason: 'NOT_LEADER' | 'TIMEOUT'; readonly leaderHint?: NodeId };

/** See the module comment for the order in which the runtime must handle the fields. */
export interface Ready {
  readonly snapshotToInstall?: SnapshotMeta;
  readonly truncateFrom?: LogIndex;
  readonly entriesToAppend: readonly Entry[];
  readonly hardState?: HardState;
  readonly commitIndex: LogIndex;
  readonly messages: readonly Outbound[];
  readonly messagesAfterPersist: readonly Outbound[];
  readonly committedEntries: readonly Entry[];
  readonly proposals: readonly ProposalOutcome[];
  readonly readStates: readonly ReadState[];
  readonly softState?: SoftState;
}

/** Leader's view of one peer in `status()`. */
export interface PeerStatus {
  readonly id: NodeId;
  readonly matchIndex: LogIndex;
  readonly nextIndex: LogIndex;
  readonly state: ProgressState;
  readonly inflight: number;
  readonly ticksSinceContact: number;
}

/** Snapshot of the core's state for admin/status output. JSON-safe. */
export interface Status {
  readonly id: NodeId;
  readonly role: Role;
  readonly term: Term;
  readonly votedFor: NodeId;
  readonly leaderId: NodeId;
  readonly commitIndex: LogIndex;
  readonly appliedIndex: LogIndex;
  readonly firstLogIndex: LogIndex;
  readonly lastLogIndex: LogIndex;
  readonly lastLogTerm: Term;
  readonly snapshotIndex: LogIndex;
  readonly snapshotTerm: Term;
  readonly configuration: Configuration;
  readonly configIndex: LogIndex;
  /** Target of a leadership transfer in progress, 0 if none. */
  readonly leadTransferee: NodeId;
  /** Leader only; empty otherwise. */
  readonly peers: readonly PeerStatus[];
}
