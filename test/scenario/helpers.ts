/**
 * Shared steps for scenario tests on the simulated cluster. Every scenario runs with the
 * harness's property checks on (a violation throws with the property name); these helpers
 * only wait for the states a scenario needs and fail with the seed when they do not come.
 */
import assert from 'node:assert/strict';
import { SimCluster, type ProposalHandle, type SimOptions } from '../harness/sim-cluster.js';

export function cluster(opts: SimOptions): SimCluster {
  return SimCluster.create(opts);
}

/**
 * Waits for a leader (optionally among `among`) that has committed its whole log, so it is
 * ready for configuration changes (its no-op committed), and returns it.
 */
export function awaitLeader(c: SimCluster, among?: readonly number[], maxMs = 10 * c.electionTimeoutMs): number {
  let id: number | undefined;
  const ok = c.runUntil(() => {
    id = c.leader();
    if (id === undefined || (among && !among.includes(id))) return false;
    const s = c.status(id)!;
    return s.commitIndex === s.lastLogIndex;
  }, maxMs);
  assert.ok(ok && id !== undefined, `seed ${c.opts.seed}: no leader${among ? ` among ${among.join(',')}` : ''} within ${maxMs}ms`);
  return id;
}

/** Proposes `n` commands at the current leader, one every `everyMs`, and returns their handles. */
export function proposeSeries(c: SimCluster, n: number, everyMs = 10, prefix = 'p'): ProposalHandle[] {
  const out: ProposalHandle[] = [];
  for (let i = 0; i < n; i++) {
    const l = c.leader();
    if (l !== undefined) {
      const h = c.propose(l, `${prefix}${i}-${c.now}`);
      if (h) out.push(h);
    }
    c.runFor(everyMs);
  }
  return out;
}

/** Waits until every handle has an outcome. */
export function awaitOutcomes(c: SimCluster, hs: readonly ProposalHandle[], maxMs = 10 * c.electionTimeoutMs): void {
  const ok = c.runUntil(() => hs.every((h) => h.outcome !== undefined), maxMs);
  assert.ok(ok, `seed ${c.opts.seed}: ${hs.filter((h) => !h.outcome).length} proposals without an outcome`);
}

/** Waits until every live node in `ids` applied at least what the leader committed. */
export function awaitConverged(c: SimCluster, ids: readonly number[], maxMs = 10 * c.electionTimeoutMs): number {
  let target = 0;
  const ok = c.runUntil(() => {
    const l = c.leader();
    if (l === undefined) return false;
    target = c.status(l)!.commitIndex;
    return ids.every((id) => c.node(id).up && c.node(id).applied >= target);
  }, maxMs);
  assert.ok(ok, `seed ${c.opts.seed}: nodes ${ids.join(',')} did not converge`);
  return target;
}

export function committed(hs: readonly ProposalHandle[]): number {
  return hs.filter((h) => h.outcome?.status === 'committed').length;
}
