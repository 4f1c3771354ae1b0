/**
 * Checks of what each simulated node has made durable, made at the moment it matters
 * (ARCHITECTURE.md "the Ready contract"; Raft §5.1, §5.4; dissertation §10.2.1):
 *
 * - an Append acknowledgement leaves only when the acknowledged (index, term) is durable, and
 *   that entry never leaves the node's durable log afterwards unless a leader of a later term
 *   truncates it;
 * - a granted vote leaves only when (term, votedFor = candidate), or a later term, is durable,
 *   and a RequestVote only once the candidate's term and self-vote are; a node grants at most
 *   one candidate per term, across all its incarnations, and only one whose RequestVote showed
 *   a log at least as up to date as its own (Raft §5.4.1);
 * - whenever a leader's commit index moves, a (joint) quorum of voters holds that entry in
 *   their durable logs.
 *
 * These catch a broken durability rule at the step that breaks it, rather than through the
 * rare schedule in which it costs a committed entry or a second leader.
 */
import type { Configuration, Entry, Outbound } from '../../src/core/index.js';
import type { Checker } from './checker.js';
import type { Durable, SimNode } from './sim-node.js';

/** Term of the entry at `index` in a durable log; undefined if absent (0 below the snapshot). */
export function durableTerm(d: Durable, index: number): number | undefined {
  if (index === d.snapshot.index) return d.snapshot.term;
  if (index < d.snapshot.index) return 0; // compacted: committed, matches any leader's log
  return d.entries[index - d.snapshot.index - 1]?.term;
}

function holds(d: Durable, index: number, term: number): boolean {
  const t = durableTerm(d, index);
  return index === 0 || t === term || (t === 0 && index < d.snapshot.index);
}

export class DurableChecks {
  /** Per node: the highest (index, term) it acknowledged, and the node's term when it did. */
  readonly #acked = new Map<number, { index: number; term: number; inTerm: number }>();
  /** "node:term" -> the candidate that node granted its vote of that term to. */
  readonly #votes = new Map<string, number>();
  /** "candidate:term" -> the last log entry its RequestVotes of that term carried. */
  readonly #candidateLog = new Map<string, { index: number; term: number }>();

  constructor(private readonly checker: Checker) {}

  /** `n` is about to send `m` (after the Ready's persistence, if it was in messagesAfterPersist). */
  sending(n: SimNode, m: Outbound): void {
    const d = n.durable;
    if (m.type === 'AppendResponse' && m.result.kind === 'success') {
      const { index, term } = m.result.lastMatch;
      if (!holds(d, index, term)) this.checker.fail('ack before durable', `node ${n.id} acknowledged (${index}, ${term}) to ${m.to}; durable log has term ${durableTerm(d, index)} there`);
      const a = this.#acked.get(n.id);
      if (!a || m.term > a.inTerm || (m.term === a.inTerm && index > a.index)) this.#acked.set(n.id, { index, term, inTerm: m.term });
    } else if (m.type === 'Vote') {
      this.#candidateLog.set(`${n.id}:${m.term}`, { index: m.lastLogIndex, term: m.lastLogTerm });
      const h = d.hardState;
      if (h.term < m.term || (h.term === m.term && h.votedFor !== n.id)) {
        this.checker.fail('vote before durable', `node ${n.id} asked ${m.to} for a term-${m.term} vote; its durable hard state is term ${h.term}, votedFor ${h.votedFor}`);
      }
    } else if (m.type === 'VoteResponse' && m.voteGranted) {
      // Raft Figure 2: at most one vote per term, whatever crashes and restarts happen between.
      const k = `${n.id}:${m.term}`;
      const before = this.#votes.get(k);
      if (before !== undefined && before !== m.to) this.checker.fail('one vote per term', `node ${n.id} granted its term-${m.term} vote to ${before}, then to ${m.to}`);
      this.#votes.set(k, m.to);
      // Raft §5.4.1 at the grant itself: the voter's log (as the answer reports it) is no more
      // up to date than the candidate's.
      const c = this.#candidateLog.get(`${m.to}:${m.term}`);
      if (c && (m.lastLogTerm > c.term || (m.lastLogTerm === c.term && m.lastLogIndex > c.index))) {
        this.checker.fail('election restriction', `node ${n.id} granted its term-${m.term} vote to ${m.to}, whose log ends at (${c.index}, term ${c.term}), with its own ending at (${m.lastLogIndex}, term ${m.lastLogTerm})`);
      }
      const h = d.hardState;
      // A later durable term also makes the grant safe: no other vote of m.term can follow.
      if (h.term < m.term || (h.term === m.term && h.votedFor !== m.to)) {
        this.checker.fail('vote before durable', `node ${n.id} granted its term-${m.term} vote to ${m.to}; durable hard state is term ${h.term}, votedFor ${h.votedFor}`);
      }
    }
  }

  /** `n`'s durable log loses its entries from `from` on (truncation or snapshot install) while its durable term is `term`. */
  truncated(n: SimNode, from: number, term: number, why: string): void {
    const a = this.#acked.get(n.id);
    if (a && from <= a.index && term <= a.inTerm && a.index > n.durable.snapshot.index) {
      this.checker.fail('acknowledged entry lost', `node ${n.id} acknowledged (${a.index}, ${a.term}) in term ${a.inTerm}, then its durable log lost it from ${from} (${why}) in term ${term}`);
    }
  }

  /**
   * Leader `n` of `term` reports commit index `commit` holding `e`; it decided under one of
   * `configs` (the caller cannot tell which), so a quorum of any of them will do.
   */
  leaderCommitted(n: SimNode, term: number, commit: number, e: Entry | undefined, configs: readonly Configuration[], nodes: ReadonlyMap<number, SimNode>): void {
    const t = e?.term ?? durableTerm(n.durable, commit);
    if (t === undefined) return;
    const count = (voters: readonly number[]) => voters.filter((v) => {
      const x = nodes.get(v);
      return x !== undefined && holds(x.durable, commit, t);
    }).length;
    const quorum = (c: Configuration) => [c.voters, c.votersOutgoing].every((half) => half.length === 0 || count(half) * 2 > half.length);
    if (!configs.some(quorum)) {
      const holders = [...nodes.values()].filter((x) => holds(x.durable, commit, t)).map((x) => x.id);
      this.checker.fail('commit without durable quorum', `leader ${n.id} of term ${term} committed ${commit} (term ${t}), durable on [${holders.join(',')}] only; configuration ${JSON.stringify(configs.at(-1))}`);
    }
  }
}
