/**
 * The mutable state of one Raft node, shared by the handler modules (roles, election,
 * replication, follower, reads, proposals). Internal to src/core: the runtime only sees
 * `RaftCore`. Each field says who maintains it and when it resets.
 */
import type { Outbound } from './messages.js';
import type { Progress } from './progress.js';
import type { ProposalOutcome, ReadState, Role, SoftState } from './ready.js';
import { RaftLog } from './raft-log.js';
import { isVoter, emptyConfiguration } from './membership.js';
import type { Configuration, HardState, LogIndex, NodeId, ResolvedConfig, RestoredState, SnapshotMeta, Term } from './types.js';

/** A read waiting for its ReadIndex round; `from` is this node or the follower that asked. */
export interface PendingRead {
  readonly ctx: number;
  readonly from: NodeId;
  readonly index: LogIndex;
}

/** A follower's read the leader granted at `index`, held until the local commit index reaches it. */
export interface HeldRead {
  readonly ctx: number;
  readonly index: LogIndex;
  /** Ticks since the read was forwarded (it expires with the forwarded reads' timeout). */
  age: number;
}

/**
 * One leadership-confirmation round (dissertation §6.4): an Append sent to every peer with
 * seq >= seqAt[peer]. Confirmed once a quorum answered such an Append in the current term.
 * `startMs` = monotonic time of the tick before the round was sent (lease start, §6.4.1).
 */
export interface Round {
  readonly seqAt: Map<NodeId, number>;
  readonly startMs: number;
  /** Configuration index when the round was sent: only a round of the current configuration renews the lease. */
  readonly configIndex: LogIndex;
  readonly reads: PendingRead[];
}

/** A proposal appended by this node as leader, waiting for its index to commit. */
export interface PendingProposal {
  readonly id: number;
  readonly term: Term;
}

export class CoreState {
  readonly cfg: ResolvedConfig;
  readonly id: NodeId;

  // Persistent state (Raft Figure 2). Changed only through setHardState().
  term: Term;
  votedFor: NodeId;
  /** The hard state last handed out in a Ready (or restored). */
  handedHardState: HardState;
  /** Term of the hard state the runtime reported durable (advance). */
  persistedTerm: Term;

  role: Role = 'follower';
  /** Leader of `term` as far as this node knows; 0 = unknown. */
  leaderId: NodeId = 0;
  readonly log: RaftLog;
  /** Highest index whose committed entry was handed out in a Ready (applied once advanced). */
  handedCommitIndex: LogIndex;
  /** Highest index the runtime applied (advance). */
  appliedIndex: LogIndex;

  // Timers, in ticks.
  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;
  /** Ticks since a valid message from a leader; starts at 0 on (re)start so a restarted node honours leases. */
  ticksSinceLeaderContact = 0;
  /** Monotonic ms passed to the last tick(); -Infinity before the first. */
  lastTickNowMs = Number.NEGATIVE_INFINITY;

  /** Candidate / pre-candidate: answers received in the current round. */
  readonly votes = new Map<NodeId, boolean>();
  /** Leader: one entry per replication target (voters and learners except self). */
  readonly progress = new Map<NodeId, Progress>();
  /** Leader: index of the last configuration entry it appended; a change is in flight while > commitIndex. */
  pendingConfigIndex: LogIndex = 0;
  /** Leader: transfer target (0 = none) and ticks since the transfer started. */
  leadTransferee: NodeId = 0;
  transferElapsed = 0;
  /** Leader: a transfer started in this term; leases stay off until the next term (reads.ts). */
  transferStartedInTerm = false;
  /** Leader: lease start (monotonic ms); -Infinity = no lease. */
  leaseStartMs = Number.NEGATIVE_INFINITY;
  /** Leader: new entries or commit progress to send at the next flush. */
  needBroadcast = false;
  /** Leader: the commit index moved since the last flush; peers with nothing else to receive get a commit-only Append. */
  commitBroadcast = false;

  // Reads.
  /** Leader: reads registered since the last flush (they join the next round). */
  openReads: PendingRead[] = [];
  /** Leader: rounds sent and not yet confirmed, oldest first. */
  rounds: Round[] = [];
  /** Leader: reads waiting until an entry of the current term commits (dissertation §6.4 step 1). */
  readsAwaitingTermCommit: PendingRead[] = [];
  /** Follower: reads forwarded to the leader, with ticks waited. */
  readonly forwardedReads = new Map<number, number>();
  /** Follower: read indexes granted by the leader, waiting for the local commit index, with ticks waited since the read was forwarded. */
  heldReads: HeldRead[] = [];

  // Proposals.
  readonly pendingProposals = new Map<LogIndex, PendingProposal>();
  nextProposalId = 1;

  // Outputs collected for the next Ready.
  msgs: Outbound[] = [];
  msgsAfterPersist: Outbound[] = [];
  proposalOutcomes: ProposalOutcome[] = [];
  readStates: ReadState[] = [];
  snapshotToInstall: SnapshotMeta | undefined;
  lastSoftState: SoftState;
  readyOutstanding = false;

  constructor(cfg: ResolvedConfig, restored: RestoredState) {
    this.cfg = cfg;
    this.id = cfg.id;
    this.term = restored.hardState.term;
    this.votedFor = restored.hardState.votedFor;
    this.handedHardState = { term: this.term, votedFor: this.votedFor };
    this.persistedTerm = this.term;
    const snap = restored.snapshot ?? { index: 0, term: 0, configuration: emptyConfiguration(), configIndex: 0 };
    this.log = new RaftLog(snap, restored.entries, restored.commitIndex ?? 0);
    // A log newer than the hard state: the write that carried entries of a new term and that
    // term was torn after the entries (the runtime writes entries before the hard state). The
    // node knew that term, so it starts in it (currentTerm never below a term in its own log,
    // §5.1/§5.3: else it could lead a lower term after entries of a higher one). It cast no vote
    // in it: a vote leaves only once its hard state is durable.
    if (this.log.lastTerm() > this.term) {
      this.term = this.log.lastTerm();
      this.votedFor = 0;
    }
    this.handedCommitIndex = snap.index;
    this.appliedIndex = snap.index;
    this.lastSoftState = { role: 'follower', leaderId: 0, term: this.term };
  }

  config(): Configuration {
    return this.log.configuration();
  }

  /**
   * True if this node may campaign: a voter (either half) of its current configuration, or
   * of the one before it while the current one is uncommitted. The second case is a leader
   * that appended a configuration without itself and lost its quorum before that entry
   * committed (dissertation §4.2.2): its log may be the only up-to-date one the remaining
   * voters would elect, so it must be able to win with their votes, commit the entry and
   * step down again.
   */
  promotable(): boolean {
    const log = this.log;
    if (isVoter(log.configuration(), this.id)) return true;
    const at = log.configIndex();
    return at > log.commitIndex && at > log.snapshot.index && isVoter(log.configurationAt(at - 1), this.id);
  }

  /** Sets term/votedFor; the next Ready carries the new hard state. */
  setHardState(term: Term, votedFor: NodeId): void {
    this.term = term;
    this.votedFor = votedFor;
  }

  /** Draws a new election timeout in [min, max) ticks (Raft §5.2). */
  resetElectionTimer(): void {
    this.electionElapsed = 0;
    const { electionTimeoutMinTicks: lo, electionTimeoutMaxTicks: hi } = this.cfg;
    this.randomizedElectionTimeout = lo + this.cfg.random.nextInt(hi - lo);
  }

  /**
   * Queues a message. Responses, votes and RequestVotes wait for persistence; requests whose
   * term is already durable (a leader's Appends, snapshots, TimeoutNow, Pre-Votes, reads)
   * may leave at once.
   */
  send(m: Outbound): void {
    switch (m.type) {
      case 'Append':
      case 'Snapshot':
      case 'TimeoutNow':
      case 'PreVote':
      case 'ReadIndex':
      case 'ReadIndexResponse':
        if (this.persistedTerm === this.term && this.handedHardState.term === this.term) {
          this.msgs.push(m);
          return;
        }
        this.msgsAfterPersist.push(m);
        return;
      default:
        this.msgsAfterPersist.push(m);
    }
  }

  /** Ticks in a minimum election timeout. */
  get electionTimeout(): number {
    return this.cfg.electionTimeoutMinTicks;
  }
}
