/**
 * Election handlers: RequestVote (Raft §5.2, §5.4.1), Pre-Vote (dissertation §9.6),
 * vote counting with joint quorums (dissertation §4.3), TimeoutNow (dissertation §3.10).
 * Every Vote and PreVote request gets exactly one response.
 */
import type { PreVoteMsg, TimeoutNowMsg, VoteMsg, VoteResponseMsg } from './messages.js';
import { isVoter } from './membership.js';
import { jointVoteResult } from './quorum.js';
import { becomeCandidate, becomeFollower, becomeLeader } from './roles.js';
import type { CoreState } from './state.js';
import type { LogIndex, Term } from './types.js';

/** Raft §5.4.1: the candidate's log is at least as up to date as ours. */
export function logUpToDate(s: CoreState, lastLogIndex: LogIndex, lastLogTerm: Term): boolean {
  const myTerm = s.log.lastTerm();
  return lastLogTerm > myTerm || (lastLogTerm === myTerm && lastLogIndex >= s.log.lastIndex());
}

/**
 * True while this node has heard from a leader within the minimum election timeout (or is
 * the leader): it then refuses to help depose that leader (dissertation §4.2.3, §6.4.1).
 */
export function inLease(s: CoreState): boolean {
  return s.cfg.checkQuorum && s.ticksSinceLeaderContact < s.electionTimeout;
}

/** Answers a vote-like request with a refusal in our own term. */
export function refuseVote(s: CoreState, m: VoteMsg | PreVoteMsg): void {
  s.send({
    type: m.type === 'Vote' ? 'VoteResponse' : 'PreVoteResponse',
    from: s.id,
    to: m.from,
    term: s.term,
    voteGranted: false,
    lastLogIndex: s.log.lastIndex(),
    lastLogTerm: s.log.lastTerm(),
  });
}

/**
 * Whether `m` may pass a leader lease as a leadership transfer (dissertation §3.10): it carries
 * the transfer flag and comes from a voter of this node's configuration (the only nodes a
 * leader hands over to), so no outsider can depose a healthy leader with the flag.
 */
export function isTransferVote(s: CoreState, m: VoteMsg | PreVoteMsg): boolean {
  return m.type === 'Vote' && m.leadershipTransfer && isVoter(s.config(), m.from);
}

/**
 * RequestVote in our term (the caller adopted a higher term first). Grant iff we have not
 * voted for someone else in this term, know no leader of it, the candidate's log is at
 * least as up to date (Raft §5.2, §5.4.1), and we are not inside a leader's lease
 * (dissertation §4.2.3) unless the request is a leadership transfer or repeats the vote we
 * already gave. The lease is checked here, whatever raised our term to the request's: a
 * higher-term answer (a refused PreVoteResponse, say) makes us a follower of that term
 * without resetting `ticksSinceLeaderContact`, so a Vote of that term must still honour
 * the lease. A grant resets the election timer (Raft §5.2).
 */
export function handleVote(s: CoreState, m: VoteMsg): void {
  const free = s.votedFor === m.from || (s.votedFor === 0 && s.leaderId === 0);
  const leased = inLease(s) && !isTransferVote(s, m) && s.votedFor !== m.from;
  // Term 0 is no election (every real term is at least 1): operators probe with it (runtime.md).
  const granted = m.term > 0 && m.term === s.term && free && !leased && logUpToDate(s, m.lastLogIndex, m.lastLogTerm);
  if (granted) {
    s.setHardState(s.term, m.from);
    s.electionElapsed = 0;
  }
  s.send({
    type: 'VoteResponse',
    from: s.id,
    to: m.from,
    term: s.term,
    voteGranted: granted,
    lastLogIndex: s.log.lastIndex(),
    lastLogTerm: s.log.lastTerm(),
  });
}

/**
 * Pre-Vote: grant iff the proposed term is above ours and the log is up to date; the
 * caller already refused requests arriving inside a leader lease. Changes no state; a grant
 * answers in the proposed term so the pre-candidate does not mistake it for a higher term.
 */
export function handlePreVote(s: CoreState, m: PreVoteMsg): void {
  const granted = m.term > s.term && logUpToDate(s, m.lastLogIndex, m.lastLogTerm);
  s.send({
    type: 'PreVoteResponse',
    from: s.id,
    to: m.from,
    term: granted ? m.term : s.term,
    voteGranted: granted,
    lastLogIndex: s.log.lastIndex(),
    lastLogTerm: s.log.lastTerm(),
  });
}

/** Counts a (pre-)vote answer; wins with a joint quorum, gives up once one half is lost. */
export function handleVoteResponse(s: CoreState, m: VoteResponseMsg): void {
  const expected = m.type === 'VoteResponse' ? 'candidate' : 'pre-candidate';
  if (s.role !== expected) return;
  s.votes.set(m.from, m.voteGranted);
  const result = jointVoteResult(s.config(), s.votes);
  if (result === 'won') {
    if (s.role === 'pre-candidate') becomeCandidate(s, false);
    else becomeLeader(s);
  } else if (result === 'lost') {
    becomeFollower(s, s.term, 0);
  }
}

/** TimeoutNow from our leader: campaign at once, skipping Pre-Vote, with the transfer flag. */
export function handleTimeoutNow(s: CoreState, m: TimeoutNowMsg): void {
  if (s.role === 'leader' || m.from !== s.leaderId || !s.promotable()) return;
  becomeCandidate(s, true);
}
