/**
 * Role transitions (Raft §5.2, dissertation §9.6 Pre-Vote): becomeFollower,
 * becomePreCandidate, becomeCandidate, becomeLeader, and `campaign` which picks the first.
 */
import { allVoters } from './membership.js';
import { jointVoteResult } from './quorum.js';
import { failFollowerReads, failForwardedReads, failLeaderReads } from './reads.js';
import { syncProgress } from './replication.js';
import type { CoreState } from './state.js';
import type { NodeId, Term } from './types.js';

/**
 * Becomes a follower in `term` (>= current). A higher term clears votedFor (Raft §5.1).
 * Leader-only state (progress, transfer, lease, rounds) is dropped; pending reads on the
 * leader are rejected NOT_LEADER, and so are a follower's forwarded and held reads when its
 * leader changes (reads.ts); pending proposals stay and are resolved by what commits.
 */
export function becomeFollower(s: CoreState, term: Term, leaderId: NodeId): void {
  if (leaderId !== s.leaderId) failFollowerReads(s, leaderId);
  else if (term > s.term) failForwardedReads(s, leaderId);
  if (term > s.term) {
    s.setHardState(term, 0);
    retractStaleAcks(s, term);
  }
  const wasLeader = s.role === 'leader';
  s.role = 'follower';
  s.leaderId = leaderId;
  s.votes.clear();
  s.resetElectionTimer();
  if (wasLeader) {
    s.progress.clear();
    s.leadTransferee = 0;
    s.transferElapsed = 0;
    s.leaseStartMs = Number.NEGATIVE_INFINITY;
    s.needBroadcast = false;
    s.commitBroadcast = false;
    s.pendingConfigIndex = 0;
    failLeaderReads(s);
  }
}

/** Starts an election: Pre-Vote first when enabled (dissertation §9.6), else a real one. */
export function campaign(s: CoreState): void {
  if (s.cfg.preVote) becomePreCandidate(s);
  else becomeCandidate(s, false);
}

/** Pre-Vote round: asks voters whether they would vote in term+1, without changing any state. */
export function becomePreCandidate(s: CoreState): void {
  failFollowerReads(s, 0);
  s.role = 'pre-candidate';
  s.leaderId = 0;
  s.votes.clear();
  s.votes.set(s.id, true);
  s.resetElectionTimer();
  if (jointVoteResult(s.config(), s.votes) === 'won') {
    becomeCandidate(s, false);
    return;
  }
  const lastLogIndex = s.log.lastIndex();
  const lastLogTerm = s.log.lastTerm();
  for (const to of allVoters(s.config())) {
    if (to === s.id) continue;
    s.send({ type: 'PreVote', from: s.id, to, term: s.term + 1, lastLogIndex, lastLogTerm });
  }
}

/**
 * Real election (Raft §5.2): term+1, vote for self; the RequestVotes leave only once the
 * new term and self-vote are durable (they sit in messagesAfterPersist).
 * `transfer` sets the leadership-transfer flag (dissertation §3.10).
 */
export function becomeCandidate(s: CoreState, transfer: boolean): void {
  s.setHardState(s.term + 1, s.id);
  failFollowerReads(s, 0);
  s.role = 'candidate';
  s.leaderId = 0;
  s.votes.clear();
  s.votes.set(s.id, true);
  s.resetElectionTimer();
  if (jointVoteResult(s.config(), s.votes) === 'won') {
    becomeLeader(s);
    return;
  }
  const lastLogIndex = s.log.lastIndex();
  const lastLogTerm = s.log.lastTerm();
  for (const to of allVoters(s.config())) {
    if (to === s.id) continue;
    s.send({ type: 'Vote', from: s.id, to, term: s.term, lastLogIndex, lastLogTerm, leadershipTransfer: transfer });
  }
}

/**
 * Wins the election: probes every peer from lastIndex+1 and appends a no-op of the new term
 * so earlier-term entries can commit (Raft §5.4.2, §8). Configuration changes wait until
 * that no-op commits (pendingConfigIndex).
 */
export function becomeLeader(s: CoreState): void {
  s.role = 'leader';
  s.leaderId = s.id;
  s.votes.clear();
  s.electionElapsed = 0;
  s.heartbeatElapsed = 0;
  s.ticksSinceLeaderContact = 0;
  s.leadTransferee = 0;
  s.transferElapsed = 0;
  s.transferStartedInTerm = false;
  s.leaseStartMs = Number.NEGATIVE_INFINITY;
  s.progress.clear();
  s.rounds = [];
  s.openReads = [];
  syncProgress(s);
  const index = s.log.lastIndex() + 1;
  s.log.append({ index, term: s.term, payload: { type: 'noop' } });
  s.pendingConfigIndex = index;
  s.needBroadcast = true;
}

/**
 * Acknowledgements of an older term still waiting in this Ready become "higher term" answers
 * once we adopt `term`: a leader of the new term may truncate what they acknowledge before
 * the Ready is persisted, and an ack must describe the log as it is when it leaves (found by
 * the simulation's "ack before durable" check: a paused follower drained a backlog holding the
 * old leader's Appends and the new leader's truncating one in one Ready). Every request still
 * gets exactly one answer; Raft lets a server answer with its current term.
 */
function retractStaleAcks(s: CoreState, term: Term): void {
  const q = s.msgsAfterPersist;
  for (let i = 0; i < q.length; i++) {
    const m = q[i]!;
    if (m.type === 'AppendResponse' && m.result.kind === 'success' && m.term < term) {
      q[i] = { ...m, term, result: { kind: 'higherTerm', higherTerm: term } };
    }
  }
}
