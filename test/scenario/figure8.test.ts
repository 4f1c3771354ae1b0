/**
 * Raft Figure 8 (§5.4.2), played step by step on the simulated cluster with every safety
 * check on: a leader that repairs a follower with an entry of an earlier term must not count
 * replicas of that entry as commitment. The random schedules reach this state only rarely, so
 * it is built here directly, over many seeds for varied timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimViolation } from '../harness/checker.js';
import { SimCluster } from '../harness/sim-cluster.js';
import { awaitLeader } from './helpers.js';

/**
 * 1. Leader A (term a) writes X to itself and B only (partition {A,B} | {C,D,E}).
 * 2. The other side elects E (term e > a), which appends its no-op at X's index and is cut off
 *    at once: the no-op stays on E alone.
 * 3. {A,B,C,D} elect A or B (the X holders; term > e), which repairs C and D one entry per
 *    Append, X first. The moment a quorum holds X, and before its own entries follow, it crashes.
 * 4. Everyone else heals: E, whose last term is now the highest, can win and overwrite X.
 * Correct: X was never committed, so nothing is lost. Counting X's replicas as commitment
 * (the Figure 8 bug) applies X, and E's election or its overwrite is then a violation.
 * Returns the violation, if any.
 */
function figure8(seed: number): SimViolation | undefined {
  const c = SimCluster.create({ seed, voters: [1, 2, 3, 4, 5], maxEntriesPerAppend: 1, latencyMs: [2, 8], persistMs: [0, 1] });
  const et = c.electionTimeoutMs;
  try {
    const a = awaitLeader(c);
    c.propose(a, 'base');
    c.runFor(et);
    const others = [1, 2, 3, 4, 5].filter((id) => id !== a);
    const b = others[0]!;
    const rest = others.slice(1);
    c.partition([[a, b], rest]);
    c.propose(a, 'X');
    c.runFor(50);
    const xIndex = c.status(a)!.lastLogIndex;
    let e: number | undefined;
    c.onReady = (n, rd) => {
      if (e === undefined && rd.softState?.role === 'leader' && rest.includes(n.id)) {
        e = n.id;
        c.partition([[a, b], [n.id], rest.filter((id) => id !== n.id)]);
      }
    };
    if (!c.runUntil(() => e !== undefined, 20 * et)) return undefined;
    c.onReady = undefined;
    const cd = rest.filter((id) => id !== e);
    c.partition([[a, b, ...cd], [e!]]);
    let repairer: number | undefined;
    c.onDeliver = (n, m) => {
      if (repairer !== undefined || n.role !== 'leader' || m.type !== 'AppendResponse' || m.result.kind !== 'success') return;
      if (m.result.lastMatch.term >= n.term || m.result.lastMatch.index < xIndex || !cd.includes(m.from)) return;
      repairer = n.id;
      c.at(2, () => c.crash(n.id));
    };
    if (!c.runUntil(() => repairer !== undefined && !c.node(repairer).up, 20 * et)) return undefined;
    c.onDeliver = undefined;
    c.heal();
    c.runFor(3 * et);
    const l = c.leader();
    if (l !== undefined) c.propose(l, 'after');
    c.runFor(3 * et);
    return undefined;
  } catch (err) {
    if (err instanceof SimViolation) return err;
    throw err;
  }
}

test('Raft Figure 8 (§5.4.2): a leader repairing an older-term entry onto a quorum does not commit it by counting', () => {
  const violations: string[] = [];
  for (let seed = 1; seed <= 40; seed++) {
    const v = figure8(seed);
    if (v) violations.push(`seed ${seed}: ${v.message}`);
  }
  assert.deepEqual(violations, []);
});
