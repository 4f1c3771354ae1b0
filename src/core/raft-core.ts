/**
 * RaftCore: the Raft algorithm as a pure, synchronous state machine (etcd-style).
 *
 * Inputs: `step(msg)` for peer messages and runtime reports, `tick(nowMs)` for time,
 * `propose`, `proposeConfChange`, `readIndex`, `transferLeadership` for clients. Outputs:
 * `ready()` returns the work to do (persist, send, apply; see ready.ts for the order),
 * `advance(rd)` reports it done. No IO, no clock, no randomness except `config.random`.
 * The same state and the same inputs always give the same outputs.
 */
import { handlePreVote, handleTimeoutNow, handleVote, handleVoteResponse, inLease, isTransferVote, refuseVote } from './election.js';
import { handleAppend, handleSnapshot } from './follower.js';
import { peerMessageProblem } from './validate.js';
import type { Inbound } from './messages.js';
import type { MembershipChange } from './membership.js';
import { propose, proposeConfChange, resolveCommitted, transferLeadership, type TransferResult } from './proposals.js';
import { hasJointQuorum } from './quorum.js';
import type { PeerStatus, Ready, SoftState, Status } from './ready.js';
import {
  flushReads,
  handleReadIndex,
  handleReadIndexResponse,
  readIndex,
  readRejection,
  readsPending,
  startRound,
  tickFollowerReads,
  type ReadPolicy,
} from './reads.js';
import { broadcastAppends, handleAppendResponse, handleSnapshotResponse, handleUnreachable, maybeCommit } from './replication.js';
import { becomeFollower, campaign } from './roles.js';
import { CoreState } from './state.js';
import { resolveConfig, type LogIndex, type NodeId, type RaftConfig, type RestoredState, type SnapshotMeta, type Configuration } from './types.js';

export class RaftCore {
  readonly #s: CoreState;

  /** Starts as a follower from the durable state the runtime restored (Raft Figure 2). */
  constructor(config: RaftConfig, restored: RestoredState) {
    this.#s = new CoreState(resolveConfig(config), restored);
    this.#s.resetElectionTimer();
  }

  /** This node's id. */
  get id(): NodeId {
    return this.#s.id;
  }

  /**
   * Feeds one message. Never throws on peer input. Every Append, Vote, PreVote and Snapshot
   * request addressed to this node gets exactly one response; a message whose `to` is
   * another id is a routing bug in the runtime and is dropped without one, and so is one whose
   * `from` is this node's own id, and a malformed one ({@link peerMessageProblem}: the runtime refuses those at the wire).
   * A message with a higher term makes this node a follower of that term first (Raft §5.1),
   * except Vote/PreVote arriving inside a leader lease (refused without adopting the term,
   * dissertation §4.2.3) and granted Pre-Vote answers.
   */
  step(m: Inbound): void {
    const s = this.#s;
    // A message claiming to come from this node itself is no peer's (a node never sends to
    // itself): stepped, an Append would make this node follow itself as its own leader.
    if (m.to !== s.id || m.from === s.id || peerMessageProblem(m) !== null) return;
    // A leader hands over only to a follower caught up in its own term: a TimeoutNow of any
    // other term is no transfer, and adopting its term would let anyone depose a healthy leader.
    if (m.type === 'TimeoutNow' && m.term !== s.term) return;
    if (m.type === 'Unreachable') {
      handleUnreachable(s, m);
      return;
    }
    if (m.term > s.term) {
      if (m.type === 'Vote' || m.type === 'PreVote') {
        if (inLease(s) && !isTransferVote(s, m)) {
          refuseVote(s, m);
          return;
        }
        if (m.type === 'PreVote') {
          handlePreVote(s, m);
          return;
        }
        becomeFollower(s, m.term, 0);
      } else if (!(m.type === 'PreVoteResponse' && m.voteGranted)) {
        // Only an Append or a Snapshot proves its sender leads the new term.
        const leader = m.type === 'Append' || m.type === 'Snapshot' ? m.from : 0;
        becomeFollower(s, m.term, leader);
      }
    } else if (m.term < s.term) {
      this.#answerStale(m);
      return;
    }
    switch (m.type) {
      case 'Append':
        return handleAppend(s, m);
      case 'AppendResponse':
        if (s.role === 'leader') handleAppendResponse(s, m);
        return;
      case 'Vote':
        return handleVote(s, m);
      case 'PreVote':
        return handlePreVote(s, m);
      case 'VoteResponse':
      case 'PreVoteResponse':
        return handleVoteResponse(s, m);
      case 'Snapshot':
        return handleSnapshot(s, m);
      case 'SnapshotResponse':
        if (s.role === 'leader') handleSnapshotResponse(s, m);
        return;
      case 'TimeoutNow':
        return handleTimeoutNow(s, m);
      case 'ReadIndex':
        return handleReadIndex(s, m);
      case 'ReadIndexResponse':
        return handleReadIndexResponse(s, m);
    }
  }

  /** Requests from an older term are answered with our term (so the sender steps down); stale answers are dropped. */
  #answerStale(m: Inbound): void {
    const s = this.#s;
    switch (m.type) {
      case 'Append':
        s.send({ type: 'AppendResponse', from: s.id, to: m.from, term: s.term, result: { kind: 'higherTerm', higherTerm: s.term }, seq: m.seq });
        return;
      case 'Vote':
      case 'PreVote':
        refuseVote(s, m);
        return;
      case 'Snapshot':
        s.send({ type: 'SnapshotResponse', from: s.id, to: m.from, term: s.term, success: false, snapshotIndex: m.snapshot.index });
        return;
      case 'ReadIndex':
        s.send(readRejection(s, m));
        return;
      default:
        return;
    }
  }

  /**
   * Advances logical time by one tick. `nowMs` dates lease rounds and nothing else; it must
   * never decrease and must count all real time, a suspension of the host included (the runtime
   * passes its lease clock, src/runtime/lease-clock.ts, not the monotonic clock alone, which
   * on Linux stops while the host sleeps). Followers and candidates campaign after a randomized election
   * timeout (Raft §5.2); leaders send a heartbeat round every heartbeatTicks, step down when
   * a quorum was silent for an election timeout (CheckQuorum), and abandon a transfer after
   * an election timeout.
   */
  tick(nowMs: number): void {
    const s = this.#s;
    if (nowMs > s.lastTickNowMs) s.lastTickNowMs = nowMs;
    if (s.role === 'leader') {
      this.#tickLeader();
      return;
    }
    tickFollowerReads(s);
    s.ticksSinceLeaderContact++;
    s.electionElapsed++;
    if (s.electionElapsed >= s.randomizedElectionTimeout) {
      s.resetElectionTimer();
      if (s.promotable()) campaign(s);
    }
  }

  #tickLeader(): void {
    const s = this.#s;
    // Follower reads are refused when this node campaigns (reads.ts failFollowerReads); the
    // timeout runs on leaders too, as a second guard (the simulation's read liveness check
    // once found reads forwarded before an election never answered).
    tickFollowerReads(s);
    s.ticksSinceLeaderContact = 0;
    for (const pr of s.progress.values()) pr.ticksSinceContact++;
    if (s.leadTransferee !== 0 && ++s.transferElapsed >= s.electionTimeout) {
      s.leadTransferee = 0;
      s.transferElapsed = 0;
    }
    if (++s.electionElapsed >= s.electionTimeout) {
      s.electionElapsed = 0;
      if (s.cfg.checkQuorum) {
        const active = hasJointQuorum(s.config(), (id) => id === s.id || s.progress.get(id)?.recentActive === true);
        for (const pr of s.progress.values()) pr.recentActive = false;
        if (!active) {
          becomeFollower(s, s.term, 0);
          return;
        }
      }
    }
    if (++s.heartbeatElapsed >= s.cfg.heartbeatTicks) {
      s.heartbeatElapsed = 0;
      for (const pr of s.progress.values()) if (pr.state === 'PROBE') pr.probeSent = false;
      const reads = s.openReads;
      s.openReads = [];
      startRound(s, reads);
    }
  }

  /**
   * Proposes a command (opaque bytes). Returns the proposal id; its outcome arrives in a
   * later Ready's `proposals` (rejected NOT_LEADER / TRANSFER_IN_PROGRESS at once).
   */
  propose(data: Uint8Array, proposedAtUnixMs?: number): number {
    return propose(this.#s, data, proposedAtUnixMs);
  }

  /** Proposes a membership change (see membership.ts and proposals.ts); returns the proposal id. */
  proposeConfChange(change: MembershipChange, expectedConfigIndex?: LogIndex): number {
    return proposeConfChange(this.#s, change, expectedConfigIndex);
  }

  /**
   * Requests a read point for `ctx` (caller-chosen, echoed in `readStates`). Policy
   * 'lease' is served at once by a leader holding a valid lease at `nowMs` (ms on the same clock as
   * {@link RaftCore.tick}'s `nowMs`),
   * else it falls back to ReadIndex. Followers always forward a ReadIndex to the leader.
   */
  readIndex(ctx: number, opts: { readonly policy: ReadPolicy; readonly nowMs: number }): void {
    readIndex(this.#s, ctx, opts.policy, opts.nowMs);
  }

  /** Starts a leadership transfer to `target` (0 = most caught-up voter). */
  transferLeadership(target: NodeId = 0): TransferResult {
    return transferLeadership(this.#s, target);
  }

  /**
   * Drops every entry up to `index` behind a snapshot the runtime has made durable (it must
   * cover state up to `index`, so `index <= appliedIndex`). Returns the snapshot metadata the
   * runtime should record with the file (configuration in force at `index` and the index of
   * the entry that set it).
   */
  compact(index: LogIndex): SnapshotMeta {
    const s = this.#s;
    if (index > s.appliedIndex) throw new RangeError(`cannot compact to ${index}: applied only to ${s.appliedIndex}`);
    if (index <= s.log.snapshot.index) return s.log.snapshot;
    return s.log.compact(index);
  }

  /** True if `ready()` would return work. False while a Ready is outstanding. */
  hasReady(): boolean {
    const s = this.#s;
    if (s.readyOutstanding) return false;
    return (
      s.needBroadcast ||
      s.commitBroadcast ||
      s.msgs.length > 0 ||
      s.msgsAfterPersist.length > 0 ||
      s.log.hasUnstable() ||
      s.snapshotToInstall !== undefined ||
      s.log.commitIndex > s.handedCommitIndex ||
      s.proposalOutcomes.length > 0 ||
      s.readStates.length > 0 ||
      readsPending(s) ||
      s.term !== s.handedHardState.term ||
      s.votedFor !== s.handedHardState.votedFor ||
      this.#softStateChanged()
    );
  }

  /**
   * Collects the work to do (see ready.ts for the order the runtime must follow). Pending
   * proposals and reads are sent here, so everything proposed between two Ready calls
   * travels in one Append per peer. Throws if the previous Ready was not advanced.
   */
  ready(): Ready {
    const s = this.#s;
    if (s.readyOutstanding) throw new Error('ready() called before advance() of the previous Ready');
    flushReads(s); // first, so the entries sent below also count for the reads' round
    if (s.role === 'leader' && (s.needBroadcast || s.commitBroadcast)) broadcastAppends(s, s.commitBroadcast);
    s.needBroadcast = false;
    s.commitBroadcast = false;
    const log = s.log;
    let hardState;
    if (s.term !== s.handedHardState.term || s.votedFor !== s.handedHardState.votedFor) {
      hardState = { term: s.term, votedFor: s.votedFor };
      s.handedHardState = hardState;
    }
    const snapshotToInstall = s.snapshotToInstall;
    s.snapshotToInstall = undefined;
    const truncateFrom = log.pendingTruncateFrom;
    log.pendingTruncateFrom = undefined;
    const entriesToAppend = log.takeUnstable();
    const committedEntries = log.commitIndex > s.handedCommitIndex ? log.slice(s.handedCommitIndex + 1, log.commitIndex + 1) : [];
    s.handedCommitIndex = log.commitIndex;
    resolveCommitted(s, committedEntries);
    const rd: Ready = {
      ...(snapshotToInstall ? { snapshotToInstall } : {}),
      ...(truncateFrom !== undefined ? { truncateFrom } : {}),
      entriesToAppend,
      ...(hardState ? { hardState } : {}),
      commitIndex: log.commitIndex,
      messages: s.msgs,
      messagesAfterPersist: s.msgsAfterPersist,
      committedEntries,
      proposals: s.proposalOutcomes,
      readStates: s.readStates,
      ...(this.#softStateChanged() ? { softState: this.#takeSoftState() } : {}),
    };
    s.msgs = [];
    s.msgsAfterPersist = [];
    s.proposalOutcomes = [];
    s.readStates = [];
    s.readyOutstanding = true;
    return rd;
  }

  /**
   * Reports `rd` done: its writes are durable, its messages sent, its committed entries
   * applied. A leader may now count its own newly durable entries and commit further.
   */
  advance(rd: Ready): void {
    const s = this.#s;
    if (!s.readyOutstanding) throw new Error('advance() without an outstanding Ready');
    s.readyOutstanding = false;
    if (rd.hardState) s.persistedTerm = rd.hardState.term;
    const log = s.log;
    if (rd.snapshotToInstall) {
      const idx = rd.snapshotToInstall.index;
      if (idx > s.appliedIndex) s.appliedIndex = idx;
      if (log.snapshot.index === idx && log.durableIndex < idx) log.durableIndex = idx;
    }
    const n = rd.entriesToAppend.length;
    if (n > 0) {
      const last = rd.entriesToAppend[n - 1]!;
      if (last.index > log.durableIndex && log.term(last.index) === last.term) log.durableIndex = last.index;
    }
    const c = rd.committedEntries.length;
    if (c > 0) s.appliedIndex = Math.max(s.appliedIndex, rd.committedEntries[c - 1]!.index);
    if (s.role === 'leader' && n > 0) maybeCommit(s);
  }

  /** Current state for status/admin output (Raft Figure 2 fields plus configuration and peers). */
  status(): Status {
    const s = this.#s;
    const log = s.log;
    const peers: PeerStatus[] = [];
    if (s.role === 'leader') {
      for (const pr of [...s.progress.values()].sort((a, b) => a.id - b.id)) {
        peers.push({
          id: pr.id,
          matchIndex: pr.matchIndex,
          nextIndex: pr.nextIndex,
          state: pr.state,
          inflight: pr.inflight,
          ticksSinceContact: pr.ticksSinceContact,
        });
      }
    }
    return {
      id: s.id,
      role: s.role,
      term: s.term,
      votedFor: s.votedFor,
      leaderId: s.leaderId,
      commitIndex: log.commitIndex,
      appliedIndex: s.appliedIndex,
      firstLogIndex: log.firstIndex(),
      lastLogIndex: log.lastIndex(),
      lastLogTerm: log.lastTerm(),
      snapshotIndex: log.snapshot.index,
      snapshotTerm: log.snapshot.term,
      configuration: log.configuration(),
      configIndex: log.configIndex(),
      leadTransferee: s.leadTransferee,
      peers,
    };
  }

  #softStateChanged(): boolean {
    const s = this.#s;
    const l = s.lastSoftState;
    return l.role !== s.role || l.leaderId !== s.leaderId || l.term !== s.term;
  }

  #takeSoftState(): SoftState {
    const s = this.#s;
    s.lastSoftState = { role: s.role, leaderId: s.leaderId, term: s.term };
    return s.lastSoftState;
  }
}

/** Durable state of a brand-new member of the initial cluster: term 0, no vote, `configuration` at index 0. */
export function initialState(configuration: Configuration): RestoredState {
  return { hardState: { term: 0, votedFor: 0 }, snapshot: { index: 0, term: 0, configuration, configIndex: 0 }, entries: [] };
}
