/**
 * Replication, snapshot and read scenarios (Raft §5.3, §7; dissertation §6.4), plus the
 * seeded random schedules of `npm run sim`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSeed } from '../harness/schedule.js';
import { SimViolation, type ReadHandle, type SimCluster } from '../harness/sim-cluster.js';
import { awaitConverged, awaitLeader, awaitOutcomes, cluster, committed, proposeSeries } from './helpers.js';

/**
 * Scenario: a follower is down while the leader commits and compacts its log past the
 * follower's last entry; the follower restarts.
 * Expected: the leader sends a snapshot, the follower installs it and catches up (Raft §7).
 */
test('a snapshot is sent to a follower far behind', () => {
  const c = cluster({ seed: 61, voters: [1, 2, 3], compactEvery: 20, compactKeep: 2 });
  const leader = awaitLeader(c);
  const lagging = [1, 2, 3].find((id) => id !== leader)!;
  c.crash(lagging);
  const hs = proposeSeries(c, 100, 5);
  awaitOutcomes(c, hs);
  assert.equal(committed(hs), 100);
  assert.ok(c.status(leader)!.snapshotIndex > 20, 'leader compacted');
  c.restart(lagging);
  awaitConverged(c, [1, 2, 3]);
  assert.equal(c.node(lagging).installs, 1);
  assert.ok(c.status(lagging)!.snapshotIndex > 20);
});

/**
 * Scenario: followers and the leader diverge across several leader changes with lost
 * messages; then the network heals.
 * Expected: every log converges to the leader's; no committed entry changes (Raft §5.3 log repair).
 */
test('divergent logs are repaired', () => {
  const c = cluster({ seed: 71, voters: [1, 2, 3, 4, 5] });
  let all: ReturnType<typeof proposeSeries> = [];
  for (let round = 0; round < 4; round++) {
    const l = awaitLeader(c);
    c.isolate(l);
    for (let i = 0; i < 5; i++) c.propose(l, `orphan${round}-${i}`);
    c.runFor(30);
    awaitLeader(c, [1, 2, 3, 4, 5].filter((id) => id !== l));
    all = all.concat(proposeSeries(c, 5));
    c.heal();
  }
  awaitOutcomes(c, all);
  awaitConverged(c, [1, 2, 3, 4, 5]);
  const lasts = [1, 2, 3, 4, 5].map((id) => [c.status(id)!.lastLogIndex, c.status(id)!.lastLogTerm]);
  assert.equal(new Set(lasts.map(String)).size, 1, `logs end alike: ${JSON.stringify(lasts)}`);
});

/**
 * Stops the leader of a fresh cluster for two election timeouts with `stop` (a pause or a host
 * suspension), during which the others elect a new leader and commit writes; a lease read
 * reaches the old leader the moment it resumes, before it has read any message. Returns that
 * read once answered (the harness's stale-read check throws if it is served stale).
 */
function leaseReadOnResume(c: SimCluster, stop: 'pause' | 'suspend'): ReadHandle {
  const old = awaitLeader(c);
  proposeSeries(c, 5);
  const leaseRead = c.read(old, 'lease')!;
  c.runFor(50);
  assert.equal(leaseRead.result?.status, 'ready', 'the lease works before the stop');
  let afterResume: ReadHandle | null = null;
  c[stop](old, 2 * c.electionTimeoutMs, () => {
    afterResume = c.read(old, 'lease');
    assert.equal(afterResume!.result, undefined, 'not served from the lease');
  });
  const next = awaitLeader(c, [1, 2, 3].filter((id) => id !== old));
  assert.notEqual(next, old);
  const writes = proposeSeries(c, 5);
  awaitOutcomes(c, writes);
  c.runUntil(() => afterResume?.result !== undefined, 3 * c.electionTimeoutMs);
  return afterResume!;
}

/**
 * Scenario: the leader is paused (a GC pause, SIGSTOP) for two election timeouts (see
 * leaseReadOnResume). Expected: its lease has expired by its monotonic clock, so the read is not
 * served from the lease; it goes through ReadIndex and is refused once the old leader learns the
 * new term (dissertation §6.4.1). The harness's stale-read check would fail the run otherwise.
 */
test('a leader paused for two election timeouts serves no lease read after it resumes', () => {
  const read = leaseReadOnResume(cluster({ seed: 81, voters: [1, 2, 3] }), 'pause');
  assert.deepEqual(read.result, { status: 'rejected', reason: 'NOT_LEADER' });
});

/**
 * Scenario: as above, but the leader's host is suspended: its monotonic clock (Linux
 * CLOCK_MONOTONIC, performance.now()) does not advance meanwhile, its wall clock does.
 * Expected: the node's lease clock (src/runtime/lease-clock.ts) counts the suspension, so the
 * lease has expired and the read is refused as after a pause. With the monotonic clock alone,
 * the resumed leader serves the read from its lease while the new leader has committed writes:
 * a stale read, for every seed tried.
 */
test('a leader whose host was suspended for two election timeouts serves no lease read after it resumes (the monotonic clock alone missed the suspension)', () => {
  for (let seed = 81; seed < 86; seed++) {
    const read = leaseReadOnResume(cluster({ seed, voters: [1, 2, 3] }), 'suspend');
    assert.deepEqual(read.result, { status: 'rejected', reason: 'NOT_LEADER' }, `seed ${seed}`);
    assert.throws(() => leaseReadOnResume(cluster({ seed, voters: [1, 2, 3], coreClock: 'monotonic' }), 'suspend'), (err: unknown) => err instanceof SimViolation && err.property === 'stale read', `seed ${seed}`);
  }
});

/**
 * Scenario: linearizable reads on every node while a leader change happens.
 * Expected: every served read reflects every write applied anywhere before it was issued
 * (the harness checks it per read); followers forward to the leader.
 */
test('linearizable reads on followers and leaders across a leader change', () => {
  const c = cluster({ seed: 91, voters: [1, 2, 3] });
  const l = awaitLeader(c);
  const reads: NonNullable<ReturnType<typeof c.read>>[] = [];
  for (let i = 0; i < 20; i++) {
    proposeSeries(c, 1);
    for (const id of [1, 2, 3]) {
      const r = c.read(id, 'linearizable');
      if (r) reads.push(r);
    }
    if (i === 10) c.crash(l);
    if (i === 15) c.restart(l);
    c.runFor(20);
  }
  c.runUntil(() => reads.every((r) => r.result !== undefined), 5 * c.electionTimeoutMs);
  assert.ok(reads.filter((r) => r.result?.status === 'ready').length >= 30);
});

/**
 * The random seeded schedules of `npm run sim` (faults, membership changes, liveness after
 * healing). A failure prints the seed and the last events; `npm run sim -- --start S --seeds 1` replays it.
 */
test('400 random seeded schedules hold every safety and liveness property', () => {
  const failures: string[] = [];
  for (let seed = 1; seed <= 400; seed++) {
    const r = runSeed(seed);
    if (r.violation) failures.push(`seed ${seed}: ${r.violation.message}\n${r.violation.events.slice(-30).join('\n')}`);
  }
  assert.deepEqual(failures, []);
});
