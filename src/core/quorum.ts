/**
 * Quorum arithmetic: simple majorities and joint configurations (Raft dissertation §4.3).
 * A joint configuration is two majorities; an empty half places no constraint (it commits
 * everything and wins every vote), so a non-joint configuration is a joint one with an
 * empty outgoing half.
 */
import type { Configuration, LogIndex, NodeId } from './types.js';

/** Outcome of counting votes. */
export type VoteResult = 'won' | 'lost' | 'pending';

const scratch: number[] = [];

/**
 * Largest index replicated on a majority of `voters` (Raft §5.3, §5.4). Empty set:
 * `Number.MAX_SAFE_INTEGER` (no constraint).
 */
export function majorityCommitIndex(voters: readonly NodeId[], matchOf: (id: NodeId) => LogIndex): LogIndex {
  const n = voters.length;
  if (n === 0) return Number.MAX_SAFE_INTEGER;
  scratch.length = n;
  for (let i = 0; i < n; i++) scratch[i] = matchOf(voters[i]!);
  scratch.sort((a, b) => b - a);
  return scratch[n >> 1]!;
}

/** Commit index of a (possibly joint) configuration: the minimum of both halves (dissertation §4.3). */
export function jointCommitIndex(c: Configuration, matchOf: (id: NodeId) => LogIndex): LogIndex {
  const a = majorityCommitIndex(c.voters, matchOf);
  if (c.votersOutgoing.length === 0) return a;
  return Math.min(a, majorityCommitIndex(c.votersOutgoing, matchOf));
}

/** Counts votes of one majority: won once a majority granted, lost once a majority can no longer grant. */
export function majorityVoteResult(voters: readonly NodeId[], votes: ReadonlyMap<NodeId, boolean>): VoteResult {
  if (voters.length === 0) return 'won';
  let granted = 0;
  let missing = 0;
  for (const id of voters) {
    const v = votes.get(id);
    if (v === undefined) missing++;
    else if (v) granted++;
  }
  const q = (voters.length >> 1) + 1;
  if (granted >= q) return 'won';
  if (granted + missing >= q) return 'pending';
  return 'lost';
}

/** Joint vote: won only if both halves won, lost if either half lost (dissertation §4.3). */
export function jointVoteResult(c: Configuration, votes: ReadonlyMap<NodeId, boolean>): VoteResult {
  const a = majorityVoteResult(c.voters, votes);
  const b = majorityVoteResult(c.votersOutgoing, votes);
  if (a === 'won' && b === 'won') return 'won';
  if (a === 'lost' || b === 'lost') return 'lost';
  return 'pending';
}

/** True when a majority of each half satisfies `has`. */
export function hasJointQuorum(c: Configuration, has: (id: NodeId) => boolean): boolean {
  return hasMajority(c.voters, has) && hasMajority(c.votersOutgoing, has);
}

function hasMajority(voters: readonly NodeId[], has: (id: NodeId) => boolean): boolean {
  if (voters.length === 0) return true;
  let n = 0;
  for (const id of voters) if (has(id)) n++;
  return n > voters.length >> 1;
}
