/**
 * Watches on a follower that falls behind the leader's compaction and installs its snapshot
 * (in-process cluster, the production Ready/apply/restore path): the key watcher gets every
 * change it applied, in order, then one CANCELED (reason `restored`), never a silent gap; the
 * membership watcher gets the configuration the snapshot carries once, then the later ones,
 * each configuration index once and in order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeWriteCommand, type MembershipEvent, type WatchEvent } from '../../../src/state-machine/index.js';
import { MemCluster, put, until } from './helpers.js';

async function drain<T>(q: AsyncIterable<T>, out: T[]): Promise<void> {
  for await (const e of q) out.push(e);
}

test('a follower installing a snapshot: its key watchers end with CANCELED (restored); membership watchers get the snapshot configuration once', async () => {
  const c = await MemCluster.create([1, 2, 3], { snapshotEvery: 20, keepLogEntries: 5 });
  try {
    const leader = await until('leader', () => c.leader());
    const lagging = [1, 2, 3].find((id) => id !== leader.id)!;
    const f = c.node(lagging);
    // The membership watcher starts with the current membership: wait until the follower applied
    // the bootstrap configuration (index 1), or under load it may start with the empty one (index 0).
    await until('the follower applied the bootstrap configuration', () => (f.sm.appliedIndex >= 1 ? true : undefined));
    const keyEvents: WatchEvent[] = [];
    const memEvents: MembershipEvent[] = [];
    const keysDone = drain(f.sm.watch({ key: Buffer.from('/s/'), prefix: true, prevKv: true }), keyEvents);
    void drain(f.sm.watchMembership(), memEvents);

    const written: number[] = [];
    for (let i = 0; i < 5; i++) written.push((await leader.propose(put(`/s/${i}`, `a${i}`))).index);
    await until('the follower applied the first writes', () => (keyEvents.length >= 5 ? true : undefined));
    assert.deepEqual(keyEvents.map((e) => [e.type, e.revision, e.key.toString(), e.value.toString()]), written.map((r, i) => ['PUT', r, `/s/${i}`, `a${i}`]));

    c.isolated.add(lagging);
    const learner = await leader.proposeConfChange({ addLearners: [{ id: 4, address: 'mem:4' }] });
    let last = 0;
    for (let i = 0; i < 60; i++) last = (await leader.propose(put(`/s/${i % 7}`, `b${i}`))).index;
    last = (await leader.propose(encodeWriteCommand({ op: 'delete', key: Buffer.from('/s/1') }))).index;
    await until('the leader compacted past the follower', () => (leader.status().firstLogIndex > written.at(-1)! + 1 ? true : undefined));
    c.isolated.delete(lagging);
    await until('the follower caught up', () => (f.sm.appliedIndex >= last ? true : undefined), 8000);
    assert.ok(f.status().snapshotIndex > written.at(-1)!, 'the follower installed a snapshot');
    await keysDone;

    assert.equal(keyEvents.length, 6, 'the applied changes, then one CANCELED: the changes inside the snapshot are not replayed as events');
    assert.deepEqual([keyEvents[5]!.type, keyEvents[5]!.reason, keyEvents[5]!.revision], ['CANCELED', 'restored', 0]);
    assert.equal(f.sm.watcherCount, 0, 'the canceled watcher is dropped');

    const later = await leader.proposeConfChange({ addLearners: [{ id: 5, address: 'mem:5' }] });
    await until('the next configuration', () => (memEvents.some((m) => m.learners.includes(5)) ? true : undefined));
    assert.deepEqual(
      memEvents.map((m) => [m.committedIndex, m.members, m.learners]),
      [
        [1, [1, 2, 3], []],
        [learner.index, [1, 2, 3], [4]],
        [later.index, [1, 2, 3], [4, 5]],
      ],
    );
  } finally {
    await c.stop();
  }
});
