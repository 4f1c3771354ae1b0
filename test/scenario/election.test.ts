/**
 * Election scenarios on the simulated cluster (Raft §5.2, dissertation §6.2 CheckQuorum,
 * §9.6 Pre-Vote). Each runs with every safety check on; seeds are fixed, so each replays
 * exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awaitConverged, awaitLeader, awaitOutcomes, cluster, committed, proposeSeries } from './helpers.js';

/**
 * Scenario: the leader is cut off; the majority elects a new leader; the partition heals.
 * Expected: a new leader of a higher term, the old one steps down, all logs converge (Raft §5.2, §5.3).
 */
test('an isolated leader is replaced and rejoins as a follower', () => {
  const c = cluster({ seed: 11, voters: [1, 2, 3] });
  const first = awaitLeader(c);
  const before = proposeSeries(c, 5);
  c.isolate(first);
  const second = awaitLeader(c, [1, 2, 3].filter((id) => id !== first));
  assert.ok(c.node(second).term > c.node(first).term);
  const after = proposeSeries(c, 5);
  c.heal();
  c.runUntil(() => c.node(first).role === 'follower' && c.node(first).term === c.node(second).term, 3 * c.electionTimeoutMs);
  assert.equal(c.node(first).role, 'follower');
  awaitOutcomes(c, [...before, ...after]);
  assert.equal(committed(after), 5);
  awaitConverged(c, [1, 2, 3]);
});

/**
 * Scenario: without Pre-Vote and with election timeouts that can tie, candidates split the
 * vote of a term. Expected: no leader in that term, a leader in a later one (Raft §5.2 randomized timeouts).
 */
test('split votes are resolved by randomized timeouts', () => {
  const c = cluster({ seed: 13, voters: [1, 2, 3, 4], preVote: false, electionTimeoutMinTicks: 10, electionTimeoutMaxTicks: 12, latencyMs: [20, 40] });
  awaitLeader(c);
  const candidatesOfTerm = new Map<number, Set<number>>();
  for (const r of c.roleLog) if (r.role === 'candidate') (candidatesOfTerm.get(r.term) ?? candidatesOfTerm.set(r.term, new Set()).get(r.term)!).add(r.node);
  const leaderTerms = new Set(c.roleLog.filter((r) => r.role === 'leader').map((r) => r.term));
  const split = [...candidatesOfTerm].filter(([term, cs]) => cs.size > 1 && !leaderTerms.has(term));
  assert.ok(split.length > 0, 'this seed must produce a split vote');
  assert.ok(Math.max(...leaderTerms) > Math.min(...split.map(([t]) => t)));
});

/**
 * Scenario: a leader with CheckQuorum off is partitioned, keeps believing it leads and takes
 * writes; the majority elects another leader that commits writes; the partition heals.
 * Expected: the stale leader steps down at the first higher-term answer, its uncommitted
 * entries are replaced (outcome unknown, never applied), its log repaired (Raft §5.3).
 */
test('a stale leader rejoining steps down and its divergent log is repaired', () => {
  const c = cluster({ seed: 3, voters: [1, 2, 3], checkQuorum: false });
  const stale = awaitLeader(c);
  proposeSeries(c, 3);
  c.isolate(stale);
  const lost = [0, 1, 2, 3, 4].map((i) => c.propose(stale, `lost${i}`)!);
  c.runFor(50);
  assert.equal(c.node(stale).role, 'leader', 'without CheckQuorum it does not notice');
  const fresh = awaitLeader(c, [1, 2, 3].filter((id) => id !== stale));
  const kept = proposeSeries(c, 5, 10, 'kept');
  c.heal();
  awaitOutcomes(c, [...lost, ...kept]);
  assert.deepEqual(lost.map((h) => h.outcome!.status), ['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
  assert.equal(committed(kept), 5);
  assert.equal(c.node(stale).role, 'follower');
  assert.ok(c.node(fresh).term > 1);
  awaitConverged(c, [1, 2, 3]);
});

/**
 * Scenario: a follower is partitioned for five election timeouts, then rejoins.
 * Expected: with Pre-Vote it never raises its term, so the healthy leader is not disrupted
 * (dissertation §9.6).
 */
test('Pre-Vote prevents term inflation by a partitioned follower', () => {
  const c = cluster({ seed: 8, voters: [1, 2, 3] });
  const leader = awaitLeader(c);
  const term = c.node(leader).term;
  const f = [1, 2, 3].find((id) => id !== leader)!;
  c.isolate(f);
  c.runFor(5 * c.electionTimeoutMs);
  assert.equal(c.status(f)!.term, term);
  assert.ok(c.roleLog.some((r) => r.node === f && r.role === 'pre-candidate'), 'it did try');
  c.heal();
  c.runFor(2 * c.electionTimeoutMs);
  assert.equal(c.leader(), leader);
  assert.equal(c.node(leader).term, term);
  assert.equal(c.status(f)!.leaderId, leader);
});

/**
 * Scenario: the leader of five nodes is cut off from all of them (CheckQuorum on).
 * Expected: within one or two election timeouts it steps down by itself, without hearing
 * from a new leader (dissertation §6.2).
 */
test('a leader that loses its quorum steps down', () => {
  const c = cluster({ seed: 21, voters: [1, 2, 3, 4, 5] });
  const leader = awaitLeader(c);
  c.partition([[leader, [1, 2, 3, 4, 5].find((id) => id !== leader)!]]);
  const t0 = c.now;
  const ok = c.runUntil(() => c.node(leader).role !== 'leader', 2 * c.electionTimeoutMs + 200);
  assert.ok(ok, 'stepped down');
  assert.ok(c.now - t0 <= 2 * c.electionTimeoutMs + 200);
  const term = c.node(leader).term;
  assert.equal(c.status(leader)!.term, term, 'stepping down does not change the term');
});

/**
 * Scenario: the leader transfers leadership to a chosen follower while writes continue.
 * Expected: the target becomes leader in the next term, writes refused during the transfer
 * carry TRANSFER_IN_PROGRESS, nothing acknowledged is lost (dissertation §3.10).
 */
test('leader transfer hands leadership to the chosen follower', () => {
  const c = cluster({ seed: 4, voters: [1, 2, 3] });
  const leader = awaitLeader(c);
  const hs = proposeSeries(c, 10);
  const target = [1, 2, 3].find((id) => id !== leader)!;
  const term = c.node(leader).term;
  assert.equal(c.transfer(leader, target), true);
  const during = c.propose(leader, 'during-transfer')!;
  const ok = c.runUntil(() => c.leader() === target, c.electionTimeoutMs);
  assert.ok(ok, 'target leads');
  assert.equal(c.node(target).term, term + 1);
  awaitOutcomes(c, [...hs, during]);
  assert.deepEqual(during.outcome, { id: (during.outcome as { id: number }).id, status: 'rejected', reason: 'TRANSFER_IN_PROGRESS' });
  awaitConverged(c, [1, 2, 3]);
});
