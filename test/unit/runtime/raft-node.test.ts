/**
 * RaftNode on memory storage, three nodes wired in-process (helpers.ts): the Ready contract
 * end to end without gRPC. Each test bounds every wait and stops the cluster in `finally`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoLeaderError, RejectedError } from '../../../src/errors.js';
import { laggingFollowerCluster, MemCluster, put, until } from './helpers.js';
import type { RaftNode } from '../../../src/runtime/raft-node.js';

test('a leader is elected and a write is applied on every node, in the same order (Raft §5.3)', async () => {
  const c = await MemCluster.create([1, 2, 3]);
  try {
    const leader = await until('leader', () => c.leader());
    const outcomes = [];
    for (let i = 0; i < 20; i++) outcomes.push(await leader.propose(put(`k${i}`, `v${i}`)));
    const last = outcomes.at(-1)!.index;
    assert.equal(outcomes.every((o) => o.result.kind === 'write' && o.result.succeeded), true);
    for (const id of [1, 2, 3]) {
      await until(`node ${id} applied ${last}`, () => (c.node(id).sm.appliedIndex >= last ? true : undefined));
      assert.equal(c.node(id).sm.get(Buffer.from('k19'), Date.now())?.toString(), 'v19');
    }
    assert.deepEqual(
      [1, 2, 3].map((id) => c.node(id).sm.scan(Buffer.alloc(0), Date.now()).entries.length),
      [20, 20, 20],
    );
  } finally {
    await c.stop();
  }
});

test('the leader batches concurrent proposals: every one is answered with its own index', async () => {
  const c = await MemCluster.create([1, 2, 3]);
  try {
    const leader = await until('leader', () => c.leader());
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => leader.propose(put(`p${i}`, 'x'))));
    const indexes = results.map((r) => r.index);
    assert.equal(new Set(indexes).size, 200);
    assert.deepEqual([...indexes].sort((a, b) => a - b), indexes);
  } finally {
    await c.stop();
  }
});

test('a follower refuses a proposal with NOT_LEADER and the leader hint', async () => {
  const c = await MemCluster.create([1, 2, 3]);
  try {
    const leader = await until('leader', () => c.leader());
    const follower = [1, 2, 3].map((id) => c.node(id)).find((n) => n !== leader)!;
    await until('follower knows the leader', () => (follower.leaderId === leader.id ? true : undefined));
    assert.throws(() => follower.propose(put('a', 'b')), (err: unknown) => err instanceof NoLeaderError && err.code === 'NOT_LEADER' && err.leaderId === leader.id);
  } finally {
    await c.stop();
  }
});

test('linearizable reads on a follower go through the leader (ReadIndex, dissertation §6.4) and see every acknowledged write', async () => {
  const c = await MemCluster.create([1, 2, 3]);
  try {
    const leader = await until('leader', () => c.leader());
    const follower = [1, 2, 3].map((id) => c.node(id)).find((n) => n !== leader)!;
    const { index } = await leader.propose(put('r', '1'));
    const readIndex = await follower.readBarrier('linearizable');
    assert.ok(readIndex >= index, `read index ${readIndex} covers the write at ${index}`);
    assert.equal(follower.sm.get(Buffer.from('r'), Date.now())?.toString(), '1');
    const leaseIndex = await leader.readBarrier('lease');
    assert.ok(leaseIndex >= index);
  } finally {
    await c.stop();
  }
});

test('a follower read the leader granted expires with TIMEOUT when the follower\'s log does not catch up (it used to wait forever)', async () => {
  const c = await MemCluster.create([1, 2, 3]);
  let restore = (): void => undefined;
  try {
    const leader = await until('leader', () => c.leader());
    const follower = [1, 2, 3].map((id) => c.node(id)).find((n) => n !== leader)!;
    await leader.propose(put('a', '1'));
    await until('follower applied', () => (follower.sm.appliedIndex >= leader.sm.appliedIndex ? true : undefined));
    const stepFollower = follower.step.bind(follower);
    restore = () => (follower.step = stepFollower);
    // The follower hears heartbeats (it keeps its leader, no election) but no entries any more.
    follower.step = (m) => (m.type === 'Append' && m.entries.length > 0 ? undefined : stepFollower(m));
    await leader.propose(put('a', '2')); // committed by the other two
    assert.ok(follower.status().commitIndex < leader.status().commitIndex);
    const started = Date.now();
    const outcome = await Promise.race([
      follower.readBarrier('linearizable').then(
        (i) => `resolved ${i}`,
        (e: Error & { code?: string }) => `rejected ${e.code}`,
      ),
      new Promise((r) => setTimeout(() => r('still pending after 3 s'), 3000)),
    ]);
    // The read index (the leader's commit) is never reached here: refused after an election
    // timeout (10 ticks of 10 ms) of the request, with the leader still known.
    assert.equal(outcome, 'rejected TIMEOUT');
    assert.ok(Date.now() - started < 1000, `answered after ${Date.now() - started} ms`);
    assert.equal(follower.leaderId, leader.id);
  } finally {
    restore();
    await c.stop();
  }
});

/**
 * Proposes `make(0)`, `make(1)`, … on `node` until one is refused at once (the error) or `max`
 * were accepted; accepted proposals are returned unawaited (their rejections are handled).
 */
function proposeUntilRefused(node: RaftNode, max: number, make: (i: number) => Uint8Array): { pending: Promise<unknown>[]; refused: unknown } {
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < max; i++) {
    try {
      const p = node.propose(make(i));
      p.catch(() => undefined);
      pending.push(p);
    } catch (err) {
      return { pending, refused: err };
    }
  }
  return { pending, refused: undefined };
}

test('proposals are refused with RESOURCE_EXHAUSTED while the uncommitted log is over its bound', async () => {
  const c = await MemCluster.create([1, 2, 3], { maxUncommittedEntries: 5 });
  try {
    const leader = await until('leader', () => c.leader());
    for (const id of [1, 2, 3]) if (id !== leader.id) c.isolated.add(id);
    const { pending, refused } = proposeUntilRefused(leader, 10, (i) => put(`u${i}`, 'x'));
    assert.ok(refused instanceof RejectedError && refused.code === 'RESOURCE_EXHAUSTED', `expected RESOURCE_EXHAUSTED, got ${String(refused)}`);
    assert.ok(pending.length <= 5);
  } finally {
    await c.stop();
  }
});

test('proposals are refused with RESOURCE_EXHAUSTED when they would take the uncommitted bytes over their bound; commits release it', async () => {
  // 10 000 uncommitted entries of 1 MiB were 10 GiB in the leader's memory under the entry bound alone.
  const c = await MemCluster.create([1, 2, 3], { maxUncommittedBytes: 10_000 });
  try {
    const leader = await until('leader', () => c.leader());
    await leader.propose(put('warm', 'x')); // the leader's no-op and this are committed
    for (const id of [1, 2, 3]) if (id !== leader.id) c.isolated.add(id);
    const value = 'v'.repeat(3000);
    const { pending, refused } = proposeUntilRefused(leader, 10, (i) => put(`u${i}`, value));
    assert.ok(refused instanceof RejectedError && refused.code === 'RESOURCE_EXHAUSTED', `expected RESOURCE_EXHAUSTED, got ${String(refused)}`);
    assert.match((refused as Error).message, /uncommitted bytes/);
    assert.equal(pending.length, 3, 'three entries of about 3 KB fit in 10 000 bytes, the fourth does not');
    // The quorum is back: the three commit, and the bound is free again (no drift).
    c.isolated.clear();
    await Promise.all(pending);
    for (let round = 0; round < 3; round++) {
      await Promise.all([0, 1, 2].map((i) => leader.propose(put(`r${round}-${i}`, value))));
    }
  } finally {
    await c.stop();
  }
});

test('one entry larger than the uncommitted byte bound is accepted when nothing is uncommitted, as etcd-raft does', async () => {
  const c = await MemCluster.create([1, 2, 3], { maxUncommittedBytes: 1000 });
  try {
    const leader = await until('leader', () => c.leader());
    await leader.propose(put('warm', 'x'));
    for (let i = 0; i < 3; i++) await leader.propose(put(`big${i}`, 'b'.repeat(5000)));
    // With one in flight, the next is refused.
    const first = leader.propose(put('big-a', 'b'.repeat(5000)));
    assert.throws(() => leader.propose(put('big-b', 'b'.repeat(5000))), (e: unknown) => e instanceof RejectedError && e.code === 'RESOURCE_EXHAUSTED');
    await first;
  } finally {
    await c.stop();
  }
});

test('a new leader counts the uncommitted entries it inherited toward the byte bound', async () => {
  const c = await MemCluster.create([1, 2, 3], { maxUncommittedBytes: 20_000 });
  try {
    const old = await until('leader', () => c.leader());
    await old.propose(put('warm', 'x'));
    const [heir, other] = [1, 2, 3].filter((id) => id !== old.id) as [number, number];
    // The old leader and `heir` commit four entries of about 3 KB while `other` is away, but
    // `heir` never hears that they committed (Appends carrying the new commit index are lost).
    c.isolated.add(other);
    const { index: warmIndex } = await old.propose(put('warm2', 'x'));
    c.drop = (m) => m.type === 'Append' && m.from === old.id && m.leaderCommitIndex > warmIndex;
    await Promise.all([0, 1, 2, 3].map((i) => old.propose(put(`k${i}`, 'v'.repeat(3000)))));
    // The old leader goes away, `other` comes back but hears no Append from `heir`: `heir` wins
    // its vote and leads with the four entries (about 12 KB) uncommitted in its own term's view.
    c.isolated.add(old.id);
    c.isolated.delete(other);
    c.drop = (m) => m.type === 'Append' && m.from === heir && m.to === other;
    const next = c.nodes.get(heir)!.node;
    await until('new leader', () => (next.role === 'leader' ? true : undefined));
    const { pending: accepted, refused } = proposeUntilRefused(next, 6, (i) => put(`n${i}`, 'v'.repeat(3000)));
    assert.ok(refused instanceof RejectedError && refused.code === 'RESOURCE_EXHAUSTED', `expected RESOURCE_EXHAUSTED, got ${String(refused)}`);
    assert.equal(accepted.length, 2, 'about 12 KB inherited + 2 × 3 KB fit in 20 000 bytes, a third does not');
    c.drop = undefined;
    await Promise.all(accepted);
    await next.propose(put('after', 'v'.repeat(3000)));
  } finally {
    await c.stop();
  }
});

test('a storage error stops the node: no retry, waiting writes fail, later proposals are refused', async () => {
  const c = await MemCluster.create([1]);
  try {
    const leader = await until('leader', () => c.leader());
    c.nodes.get(1)!.log.failNextWrite('disk on fire');
    await assert.rejects(leader.propose(put('a', 'b')));
    await until('fatal error reported', () => (c.fatalErrors.length > 0 ? true : undefined));
    assert.match(c.fatalErrors[0]!.message, /disk on fire/);
    assert.equal(leader.stopped, true);
    assert.throws(() => leader.propose(put('c', 'd')));
  } finally {
    await c.stop();
  }
});

test('snapshot, compaction, and a lagging follower catching up through an installed snapshot (Raft §7)', async () => {
  const { c, leader, lagging, last } = await laggingFollowerCluster();
  try {
    assert.ok((await c.nodes.get(leader.id)!.snapshots.latest()) !== null);
    c.isolated.delete(lagging);
    const f = c.node(lagging);
    await until(`node ${lagging} caught up to ${last}`, () => (f.sm.appliedIndex >= last ? true : undefined), 8000);
    assert.equal(f.sm.get(Buffer.from('s0'), Date.now())?.toString(), 'v0');
    assert.equal(f.sm.get(Buffer.from('s59'), Date.now())?.toString(), 'v59');
    assert.ok((await c.nodes.get(lagging)!.snapshots.latest()) !== null, 'the follower holds the received snapshot');
    assert.equal(f.status().configIndex, leader.status().configIndex, 'the installed snapshot carries the configuration index');
    assert.equal(f.sm.configIndex, leader.status().configIndex);
  } finally {
    await c.stop();
  }
});

test('restart from memory storage: the state machine is rebuilt from snapshot + log and nothing acknowledged is lost', async () => {
  const c = await MemCluster.create([1], { snapshotEvery: 10, keepLogEntries: 2 });
  try {
    let leader = await until('leader', () => c.leader());
    for (let i = 0; i < 25; i++) await leader.propose(put(`r${i}`, `v${i}`));
    const configIndex = leader.status().configIndex;
    assert.ok(leader.status().snapshotIndex > configIndex, 'the configuration entry is behind the snapshot');
    await c.restart(1, { snapshotEvery: 10, keepLogEntries: 2 });
    leader = await until('leader after restart', () => c.leader());
    assert.equal(leader.status().configIndex, configIndex, 'the snapshot records the configuration index');
    await until('all applied again', () => (leader.sm.get(Buffer.from('r24'), Date.now()) ? true : undefined));
    assert.equal(leader.sm.scan(Buffer.from('r'), Date.now()).entries.length, 25);
  } finally {
    await c.stop();
  }
});

test('TTL: the leader proposes one expiry entry; every node deletes the key at the same index', async () => {
  const c = await MemCluster.create([1, 2, 3]);
  try {
    const leader = await until('leader', () => c.leader());
    const watches = [1, 2, 3].map((id) => c.node(id).sm.watch({ key: Buffer.from('ttl') }));
    await leader.propose(put('ttl', 'soon', 1));
    const revisions = await Promise.all(
      watches.map(async (q) => {
        for await (const ev of q) if (ev.type === 'DELETE') return ev.revision;
        return -1;
      }),
    );
    assert.equal(new Set(revisions).size, 1, `same delete revision everywhere: ${revisions.join(',')}`);
    assert.ok(revisions[0]! > 0);
    for (const w of watches) w.close();
  } finally {
    await c.stop();
  }
});

test('configuration change through the log: a learner added by the leader is replicated to', async () => {
  const c = await MemCluster.create([1, 2, 3]);
  try {
    const leader = await until('leader', () => c.leader());
    const { index } = await leader.proposeConfChange({ addLearners: [{ id: 4, address: 'mem:4' }] });
    assert.ok(index > 1);
    for (const id of [1, 2, 3]) {
      await until(`node ${id} sees learner 4`, () => (c.node(id).configuration.learners.some((l) => l.id === 4) ? true : undefined));
    }
  } finally {
    await c.stop();
  }
});

test('stop() abandons a snapshot being written at its next record: the stop does not wait for the whole state to be written, no file is left', async () => {
  // Measured before the fix: SIGTERM on a node writing a 700 MB snapshot waited for it, passed
  // node start's 15 s grace period and exited 1 ("graceful stop took longer than 15 s").
  const c = await MemCluster.create([1], { snapshotEvery: 0 });
  const snapshots = c.nodes.get(1)!.snapshots;
  const create = snapshots.create.bind(snapshots);
  let firstRead: () => void = () => undefined;
  const started = new Promise<void>((r) => (firstRead = r));
  let stopCalled: () => void = () => undefined;
  const stopping = new Promise<void>((r) => (stopCalled = r));
  let consumed = 0;
  // The writer reads one record, then the node is told to stop, then the writer goes on reading.
  snapshots.create = (meta, records) =>
    create(meta, (async function* () {
      for await (const r of records as AsyncIterable<Parameters<typeof create>[1] extends Iterable<infer R> ? R : never>) {
        consumed++;
        if (consumed === 1) {
          firstRead();
          await stopping;
        }
        yield r;
      }
    })());
  try {
    const leader = await until('leader', () => c.leader());
    for (let i = 0; i < 50; i++) await leader.propose(put(`k${i}`, `v${i}`));
    const snap = leader.snapshot();
    const outcome = snap.then(() => 'written', (e: unknown) => e);
    await started;
    const stop = leader.stop();
    stopCalled();
    await stop;
    const err = await outcome;
    assert.ok(err instanceof RejectedError && err.code === 'NODE_STOPPED', `the snapshot is abandoned, got ${String(err)}`);
    assert.ok(consumed < 50, `stopped reading at once (read ${consumed} of 50+ records)`);
    assert.equal(await snapshots.latest(), null, 'no snapshot file was left behind');
  } finally {
    stopCalled();
    await c.stop();
  }
});

test('stop() called again while the first stop waits (a fatal error started it) returns only once that stop is done', async () => {
  // NodeHost.stop() after a fatal error calls node.stop() a second time and then closes the
  // transport and the storage: that must not happen while the first stop still waits.
  const c = await MemCluster.create([1]);
  const snapshots = c.nodes.get(1)!.snapshots;
  const create = snapshots.create.bind(snapshots);
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  snapshots.create = async (...args: Parameters<typeof create>) => {
    await released; // a snapshot file being written: stop() waits for it
    return create(...args);
  };
  try {
    const leader = await until('leader', () => c.leader());
    const snap = leader.snapshot();
    snap.catch(() => undefined);
    leader.fail(new Error('disk on fire')); // starts the first stop
    let secondDone = false;
    const second = leader.stop().then(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(secondDone, false, 'the second stop() must wait for the first');
    release();
    await second;
    await snap;
  } finally {
    release();
    await c.stop();
  }
});

test('a failed policy snapshot (say, a full disk) is not retried after every apply: the policy waits 1 s, doubling per failure', async () => {
  const c = await MemCluster.create([1], { snapshotEvery: 5 });
  const snapshots = c.nodes.get(1)!.snapshots;
  let attempts = 0;
  snapshots.create = async () => {
    attempts++;
    throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  };
  try {
    const leader = await until('leader', () => c.leader());
    for (let i = 0; i < 40; i++) await leader.propose(put(`k${i}`, 'v'));
    assert.equal(attempts, 1, `one attempt, then the policy waits (${attempts} attempts over 40 applies)`);
    assert.equal(c.fatalErrors.length, 0, 'a failed snapshot does not stop the node');
  } finally {
    await c.stop();
  }
});

test('large entries: a snapshot is taken once the log reaches maxLogBytes, long before everyEntries, and the kept tail fits in maxLogBytes too (QA at scale: 10 000 entries of 1 MiB were held in memory, and 1 000 kept)', async () => {
  const c = await MemCluster.create([1], { snapshotEvery: 10_000, keepLogEntries: 1_000, maxLogBytes: 64 * 1024 });
  try {
    const leader = await until('leader', () => c.leader());
    const big = 'v'.repeat(8 * 1024);
    for (let i = 0; i < 12; i++) await leader.propose(put(`k${i}`, big));
    const snap = await until('a policy snapshot', () => leader.latestSnapshot ?? undefined);
    assert.ok(snap.index < 20, `snapshot at index ${snap.index}, after about 64 KiB of log`);
    // Seven 8 KiB entries fit in 64 KiB: the log keeps those behind the snapshot, not 1 000.
    await until('the log compacted behind it', () => (leader.status().snapshotIndex > 0 ? true : undefined));
    assert.ok(snap.index - leader.status().snapshotIndex <= 7, `kept ${snap.index - leader.status().snapshotIndex} entries behind the snapshot`);
  } finally {
    await c.stop();
  }
});

test('every snapshot the node writes is announced through onLatestSnapshot (the StreamSnapshot digests start from it)', async () => {
  const seen: { id: number; index: number; name: string }[] = [];
  const c = await MemCluster.create([1], { snapshotEvery: 0, onLatestSnapshot: (id, s) => seen.push({ id, index: s.index, name: s.name }) });
  try {
    const leader = await until('leader', () => c.leader());
    for (let i = 0; i < 5; i++) await leader.propose(put(`a${i}`, 'v'));
    const first = await leader.snapshot();
    for (let i = 0; i < 5; i++) await leader.propose(put(`b${i}`, 'v'));
    const second = await leader.snapshot();
    assert.deepEqual(seen, [
      { id: 1, index: first.index, name: first.name },
      { id: 1, index: second.index, name: second.name },
    ]);
    assert.equal(leader.latestSnapshot?.name, second.name);
  } finally {
    await c.stop();
  }
});

test('an old snapshot that cannot be deleted does not fail the new snapshot: it resolves, the log is compacted behind it (storage QA)', async () => {
  const c = await MemCluster.create([1], { snapshotEvery: 0, keepLogEntries: 2 });
  try {
    const leader = await until('leader', () => c.leader());
    for (let i = 0; i < 10; i++) await leader.propose(put(`a${i}`, 'v'));
    await leader.snapshot();
    for (let i = 0; i < 10; i++) await leader.propose(put(`b${i}`, 'v'));
    await leader.snapshot();
    for (let i = 0; i < 10; i++) await leader.propose(put(`c${i}`, 'v'));
    const store = leader.snapshots as unknown as { retain(count: number): Promise<string[]> };
    let retentions = 0;
    store.retain = async () => {
      retentions++;
      throw new Error('EIO: i/o error, unlink');
    };
    const compactedBefore = leader.status().snapshotIndex;
    const written = await leader.snapshot();
    assert.equal(retentions, 1, 'the retention ran once');
    assert.equal(written.index, leader.status().appliedIndex);
    // keepLogEntries 2: the log keeps the two entries before the snapshot's index.
    await until('the log compacted behind the new snapshot', () => (leader.status().snapshotIndex === written.index - 2 ? true : undefined));
    assert.ok(leader.status().snapshotIndex > compactedBefore);
    assert.equal((await leader.snapshots.list()).length, 3, 'the old files are still there');
  } finally {
    await c.stop();
  }
});

test("the first Append to a member added through the log leaves with the member's address known (configuration on append)", async () => {
  // The core sends to a new member in the very Ready that appends its configuration entry
  // (membership.ts: effective on append). GrpcPeerSender drops a message to an id without an
  // address in the node's configuration, so the node must follow the configuration before it
  // sends that Ready's messages; else the first probe is lost and the member waits a heartbeat.
  const c = await MemCluster.create([1]);
  try {
    const leader = await until('leader', () => c.leader());
    const seen: (string | undefined)[] = [];
    leader.setPeerSender({
      send: (m) => {
        if (m.type === 'Append' && m.to === 2) seen.push(leader.addressOf(2));
      },
      close: () => undefined,
    });
    await leader.proposeConfChange({ addLearners: [{ id: 2, address: 'mem:2' }] });
    await until('an Append to the learner', () => (seen.length > 0 ? true : undefined));
    assert.equal(seen[0], 'mem:2');
  } finally {
    await c.stop();
  }
});

test('handOffLeadership: the leader hands over to a caught-up follower without an election timeout; a write during the hand-off is refused NOT_LEADER naming the transferee, never proposed', async () => {
  // electionTimeout 10 ticks of 20 ms: a new leader by election would take at least 200 ms after the old one stops.
  const c = await MemCluster.create([1, 2, 3]);
  try {
    const old = await until('leader', () => c.leader());
    for (let i = 0; i < 5; i++) await old.propose(put(`h${i}`, 'v'));
    const term = old.term;
    const inFlight = old.propose(put('in-flight', 'z'));
    const lastBefore = old.status().lastLogIndex;
    const handing = old.handOffLeadership(5_000);
    const transferee = old.status().leadTransferee;
    assert.ok(transferee !== 0 && transferee !== old.id, `a transfer started (transferee ${transferee})`);
    await assert.rejects(old.propose(put('during', 'x')), (e: NoLeaderError) => e instanceof NoLeaderError && e.leaderId === transferee);
    const leader = await handing;
    assert.equal(leader, transferee, 'the transferee leads now');
    assert.notEqual(old.role, 'leader');
    // The hand-off waits for the answers of writes proposed before it: a stop right after it
    // (NodeHost.stop) does not turn them into "outcome unknown".
    await old.stop();
    assert.equal((await inFlight).result.kind, 'write', 'the write proposed before the hand-off was applied and answered');
    const next = c.node(transferee);
    assert.equal(next.term, term + 1, 'one new term: the transferee campaigned once, at once');
    await until('the new leader is ready', () => (next.leaderReady ? true : undefined));
    assert.equal(next.sm.get(Buffer.from('during'), Date.now()), undefined, 'the refused write was never proposed');
    assert.ok(next.status().lastLogIndex >= lastBefore + 1, 'the new leader has every entry and its own no-op');
    await next.propose(put('after', 'y'));
  } finally {
    await c.stop();
  }
});

test('handOffLeadership resolves null at once on a follower and on a single-voter leader', async () => {
  const three = await MemCluster.create([1, 2, 3]);
  try {
    const leader = await until('leader', () => three.leader());
    const follower = [1, 2, 3].map((id) => three.node(id)).find((n) => n !== leader)!;
    assert.equal(await follower.handOffLeadership(5_000), null);
  } finally {
    await three.stop();
  }
  const one = await MemCluster.create([1]);
  try {
    const leader = await until('leader', () => one.leader());
    assert.equal(await leader.handOffLeadership(5_000), null);
    assert.equal(leader.role, 'leader');
  } finally {
    await one.stop();
  }
});

test('handOffLeadership: a write proposed before the hand-off started is answered by its commit under the new leader, not "outcome unknown" by the stop that follows', async () => {
  const c = await MemCluster.create([1, 2, 3, 4, 5]);
  try {
    const old = await until('leader', () => c.leader());
    await old.propose(put('before', 'v'));
    const others = [1, 2, 3, 4, 5].filter((id) => id !== old.id);
    const transferee = others[0]!;
    // The old leader's entries reach only the transferee: with 2 of 5 nothing new commits before
    // the hand-off; votes still flow, so the transferee wins and commits the entry in its term.
    c.drop = (m) => m.type === 'Append' && m.from === old.id && m.to !== transferee;
    const inFlight = old.propose(put('in-flight', 'x'));
    const index = old.status().lastLogIndex;
    await until('the transferee holds the entry', () => (old.status().peers.find((p) => p.id === transferee)?.matchIndex === index ? true : undefined));
    assert.ok(old.status().commitIndex < index, 'not committed before the hand-off');
    assert.equal(await old.handOffLeadership(5_000), transferee);
    await old.stop();
    const outcome = await inFlight;
    assert.equal(outcome.index, index, 'committed at its index');
    const next = c.node(transferee);
    assert.equal(next.sm.get(Buffer.from('in-flight'), Date.now())?.toString(), 'x');
  } finally {
    await c.stop();
  }
});
