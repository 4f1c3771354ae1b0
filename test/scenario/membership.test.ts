/**
 * Membership scenarios (dissertation §4.2-§4.3): learner promotion, joint replacement of two
 * voters under load, removal of the leader. Safety checks run throughout, including
 * configuration safety (every configuration entry is a legal joint step).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProposalHandle, SimCluster } from '../harness/sim-cluster.js';
import { awaitConverged, awaitLeader, awaitOutcomes, cluster, committed } from './helpers.js';

/** Proposes at the leader every `everyMs` until `until()` holds; returns the handles. */
function proposeWhile(c: SimCluster, until: () => boolean, maxMs: number, everyMs = 15) {
  const hs = [];
  const end = c.now + maxMs;
  let i = 0;
  while (!until() && c.now < end) {
    const l = c.leader();
    if (l !== undefined) {
      const h = c.propose(l, `w${i++}`);
      if (h) hs.push(h);
    }
    c.runFor(everyMs);
  }
  assert.ok(until(), `seed ${c.opts.seed}: condition not reached within ${maxMs}ms`);
  return hs;
}

function committedConfig(c: SimCluster) {
  const l = c.leader();
  if (l === undefined) return undefined;
  const s = c.status(l)!;
  return s.configIndex <= s.commitIndex && s.configuration.votersOutgoing.length === 0 ? s.configuration : undefined;
}

/**
 * Scenario: a new node joins as a learner, catches up, and is promoted.
 * Expected: it receives the whole log without voting, then becomes a voter through the
 * joint configuration; the leader leaves the joint state by itself.
 */
test('a learner catches up and is promoted to voter', () => {
  const c = cluster({ seed: 31, voters: [1, 2, 3] });
  let leader = awaitLeader(c);
  proposeWhile(c, () => c.status(leader)!.commitIndex >= 20, 5000);
  c.addNode(4);
  const add = c.changeMembership(leader, { addLearners: [{ id: 4, address: '10.0.0.4:9081' }] }, c.status(leader)!.configIndex)!;
  awaitOutcomes(c, [add]);
  assert.equal(add.outcome!.status, 'committed');
  awaitConverged(c, [4]);
  assert.equal(c.status(4)!.configuration.learners[0]!.id, 4);
  assert.equal(c.roleLog.some((r) => r.node === 4 && r.role !== 'follower'), false, 'a learner never campaigns');
  leader = awaitLeader(c);
  const promote = c.changeMembership(leader, { promote: [4] }, c.status(leader)!.configIndex)!;
  awaitOutcomes(c, [promote]);
  assert.equal(promote.outcome!.status, 'committed');
  assert.ok(c.runUntil(() => committedConfig(c)?.voters.includes(4) === true, 5000));
  assert.deepEqual(committedConfig(c)!.voters, [1, 2, 3, 4]);
  assert.deepEqual(committedConfig(c)!.learners, []);
});

/**
 * Scenario: two learners are added; then one change promotes both and removes the two
 * followers, while clients keep writing.
 * Expected: C(old,new) then C(new) commit; writes keep committing throughout; the removed
 * nodes are gone from the configuration; nothing acknowledged is lost.
 */
test('a joint change replaces two of three voters while proposals continue', () => {
  const c = cluster({ seed: 41, voters: [1, 2, 3], latencyMs: [5, 25] });
  const leader = awaitLeader(c);
  c.addNode(4);
  c.addNode(5);
  const add = c.changeMembership(leader, { addLearners: [{ id: 4, address: 'a4' }, { id: 5, address: 'a5' }] }, c.status(leader)!.configIndex)!;
  awaitOutcomes(c, [add]);
  assert.equal(add.outcome!.status, 'committed');
  awaitConverged(c, [4, 5]);
  // A client writes every 5 ms from before the change until after it completes.
  const writes: ProposalHandle[] = [];
  let writing = true;
  const writer = () => {
    if (!writing) return;
    const l = c.leader();
    if (l !== undefined) writes.push(c.propose(l, `w${writes.length}`)!);
    c.at(5, writer);
  };
  writer();
  c.runFor(50);
  const [a, b] = [1, 2, 3].filter((id) => id !== leader);
  const replace = c.changeMembership(leader, { promote: [4, 5], remove: [a!, b!] }, c.status(leader)!.configIndex)!;
  const before = writes.length;
  assert.ok(c.runUntil(() => committedConfig(c)?.voters.includes(4) === true, 10_000), 'C(new) committed');
  const during = writes.length - before;
  c.runFor(50);
  writing = false;
  awaitOutcomes(c, [replace, ...writes]);
  assert.equal(replace.outcome!.status, 'committed');
  assert.deepEqual(committedConfig(c)!.voters, [leader, 4, 5].sort());
  assert.ok(during >= 3, `writes were proposed while the change ran (${during})`);
  assert.equal(committed(writes), writes.length, 'every write committed, before, during and after the change');
  awaitConverged(c, [leader, 4, 5]);
});

/**
 * Scenario: the leader removes itself.
 * Expected: it keeps leading through C(old,new) and C(new), steps down once C(new) commits,
 * and one of the remaining voters takes over (dissertation §4.2.2).
 */
test('removing the leader: it steps down after C(new) commits and the rest elect a leader', () => {
  const c = cluster({ seed: 52, voters: [1, 2, 3] });
  const leader = awaitLeader(c);
  const rest = [1, 2, 3].filter((id) => id !== leader);
  const remove = c.changeMembership(leader, { remove: [leader] }, c.status(leader)!.configIndex)!;
  awaitOutcomes(c, [remove]);
  assert.equal(remove.outcome!.status, 'committed');
  const next = awaitLeader(c, rest);
  assert.ok(c.runUntil(() => committedConfig(c) !== undefined, 5000));
  assert.deepEqual(committedConfig(c)!.voters, rest);
  assert.equal(c.node(leader).role, 'follower');
  const w = c.propose(next, 'after-removal')!;
  awaitOutcomes(c, [w]);
  assert.equal(w.outcome!.status, 'committed');
  awaitConverged(c, rest);
});
