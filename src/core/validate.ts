/**
 * What a message from another node must satisfy before it may touch the core's state. Raft
 * trusts its peers, but a peer running a buggy build, a fuzzer or a hand-made request must not
 * crash a node, make its data directory unrestartable or push its term out of range. Pure
 * functions; no IO.
 *
 * {@link peerMessageProblem} is applied twice: by the runtime at the wire, which refuses a
 * request with INVALID_ARGUMENT and steps nothing, and by {@link RaftCore.step}, which drops
 * such a message (as a network may), so the core's invariants never rest on its callers.
 */
import { isNodeId, type Configuration, type Entry } from './types.js';
import type { Inbound } from './messages.js';

/**
 * The highest term a peer message may carry (2^52). Terms count up by one per election; the
 * limit leaves 2^52 elections of headroom below 2^53, where JavaScript numbers stop being exact,
 * so no node can be driven to a term it cannot add one to.
 */
export const MAX_TERM = 2 ** 52;

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/**
 * Why `c` cannot be a configuration (no voter, an id outside 1..2^32−1, a member twice), or null.
 * With `allowEmpty`, a configuration with no member at all passes: the initial one of a node that
 * joined knowing none, which a snapshot it takes may still carry (its configuration index is 0,
 * or the snapshot's own index in a version-1 snapshot header, which did not record it).
 */
export function configurationProblem(c: Configuration, allowEmpty = false): string | null {
  const empty = c.voters.length === 0 && c.votersOutgoing.length === 0 && c.learners.length === 0;
  if (allowEmpty && empty) return null;
  if (c.voters.length === 0) return 'a configuration needs at least one voter';
  const ids = [...c.voters, ...c.votersOutgoing, ...c.learners.map((l) => l.id)];
  const bad = ids.find((id) => !isNodeId(id));
  if (bad !== undefined) return `configuration member id ${bad} is not a node id (1 to 2^32-1)`;
  if (new Set(c.voters).size !== c.voters.length || new Set(c.votersOutgoing).size !== c.votersOutgoing.length) return 'a configuration lists a voter twice';
  const voters = new Set([...c.voters, ...c.votersOutgoing]);
  const learners = new Set<number>();
  for (const l of c.learners) {
    if (voters.has(l.id) || learners.has(l.id)) return `configuration member ${l.id} is listed twice (as a learner and a voter, or as two learners)`;
    learners.add(l.id);
  }
  return null;
}

/**
 * Why entries `entries` cannot follow (prevLogIndex, prevLogTerm) in a request of `term`, or
 * null: their indexes run on from prevLogIndex + 1 one by one, their terms never decrease,
 * start at or above prevLogTerm and stay at or below `term` (a leader writes only entries of
 * its own or earlier terms), and a configuration entry holds a valid configuration.
 */
function entriesProblem(term: number, prevLogIndex: number, prevLogTerm: number, entries: readonly Entry[]): string | null {
  let lastTerm = prevLogTerm;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    if (e.index !== prevLogIndex + 1 + k) return `entry ${k} has index ${e.index}, expected ${prevLogIndex + 1 + k} (entries must follow prev_log_index one by one)`;
    if (!Number.isSafeInteger(e.term) || e.term < 1) return `entry ${e.index} has term ${e.term}`;
    if (e.term < lastTerm) return `entry ${e.index} has term ${e.term}, below the term ${lastTerm} before it`;
    if (e.term > term) return `entry ${e.index} has term ${e.term}, above the request's term ${term}`;
    lastTerm = e.term;
    if (e.payload.type === 'configuration') {
      const why = configurationProblem(e.payload.configuration);
      if (why) return `entry ${e.index}: ${why}`;
    }
  }
  return null;
}

/**
 * Why the core must not step `m`, or null when it may. Every message: a term from 0 to
 * {@link MAX_TERM} and a sender that is a node id. Requests: indexes that are safe integers,
 * a last log term no later than the request's term; an Append's entries as in
 * {@link entriesProblem}; a Snapshot's metadata with a valid configuration. Local reports
 * (`Unreachable`) are not peer messages and always pass.
 */
export function peerMessageProblem(m: Inbound): string | null {
  if (m.type === 'Unreachable') return null;
  if (!Number.isSafeInteger(m.term) || m.term < 0 || m.term > MAX_TERM) return `term ${m.term} is out of range (0 to 2^52)`;
  if (!isNodeId(m.from)) return `sender ${m.from} is not a node id (1 to 2^32-1)`;
  switch (m.type) {
    case 'Vote':
    case 'PreVote':
      if (!isCount(m.lastLogIndex) || !isCount(m.lastLogTerm)) return 'last log index and term must be non-negative integers';
      if (m.lastLogTerm > m.term) return `last log term ${m.lastLogTerm} is above the request's term ${m.term}`;
      return null;
    case 'Append':
      if (m.leaderId !== m.from) return `leader id ${m.leaderId} differs from the sender ${m.from}`;
      if (!isCount(m.prevLogIndex) || !isCount(m.prevLogTerm) || !isCount(m.leaderCommitIndex)) return 'prev log index, prev log term and commit index must be non-negative integers';
      if (m.prevLogTerm > m.term) return `prev log term ${m.prevLogTerm} is above the request's term ${m.term}`;
      if (!Number.isSafeInteger(m.prevLogIndex + m.entries.length)) return 'the entries run past the largest index';
      return entriesProblem(m.term, m.prevLogIndex, m.prevLogTerm, m.entries);
    case 'Snapshot': {
      const s = m.snapshot;
      if (!isCount(s.index) || !isCount(s.term) || !isCount(s.configIndex) || s.configIndex > s.index) return 'snapshot index, term and configuration index must be non-negative integers, the configuration index at most the index';
      if (s.term > m.term) return `snapshot term ${s.term} is above the request's term ${m.term}`;
      return configurationProblem(s.configuration, true);
    }
    case 'ReadIndex':
    case 'ReadIndexResponse':
      return isCount(m.ctx) ? null : `read context ${m.ctx} must be a non-negative integer`;
    default:
      return null;
  }
}

/**
 * Why a node in term `node.term` that follows `node.leaderId` there (0: none known) must refuse
 * `m`, or null: an Append or Snapshot of that same term from another sender. Raft elects at most
 * one leader per term (Election Safety, §5.2), so no correct peer sends one. Stepped, its entries
 * took the place of the leader's at the same index and term, where Log Matching hid the
 * difference: the follower answered the leader's own entries as matching and its state machine
 * diverged for good (a follower then read a fake write and missed an acknowledged one). A node
 * that knows no leader of its term (just restarted, or campaigning) cannot tell, and takes the
 * first sender as its leader.
 */
export function secondLeaderProblem(m: Pick<Inbound, 'type' | 'term' | 'from'>, node: { readonly term: number; readonly leaderId: number }): string | null {
  if (m.type !== 'Append' && m.type !== 'Snapshot') return null;
  if (m.term !== node.term || node.leaderId === 0 || node.leaderId === m.from) return null;
  return `node ${m.from} claims to lead term ${m.term}, whose leader is node ${node.leaderId} (a term has at most one leader)`;
}
