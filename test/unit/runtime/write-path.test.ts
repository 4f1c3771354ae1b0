/**
 * The write path's waits (docs/benchmarks.md, "where the time went"): a committed write is
 * answered as soon as it is applied, never behind the fsync of entries proposed after it, and
 * nothing is acknowledged before it is durable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogWrite } from '../../../src/storage/index.js';
import { MemCluster, put, until } from './helpers.js';

/** Holds every write of `log` until released, in order (a slow fsync under the test's control). */
function holdWrites(log: { write(w: LogWrite): Promise<void> }): { held: (() => void)[]; releaseAll(): void } {
  const held: (() => void)[] = [];
  let holding = true;
  const write = log.write.bind(log);
  log.write = (w: LogWrite): Promise<void> => (holding ? new Promise<void>((resolve, reject) => held.push(() => void write(w).then(resolve, reject))) : write(w));
  return {
    held,
    releaseAll() {
      holding = false;
      for (const r of held.splice(0)) r();
    },
  };
}

test("a committed write is answered while the leader's next log write is still in flight", async () => {
  const c = await MemCluster.create([1, 2, 3]);
  let gate: ReturnType<typeof holdWrites> | undefined;
  try {
    const leader = await until('leader', () => c.leader());
    await leader.propose(put('warm', 'up'));
    const g = holdWrites(c.nodes.get(leader.id)!.log);
    gate = g;
    const a = leader.propose(put('a', '1'));
    let answered = false;
    void a.then(
      () => (answered = true),
      () => undefined,
    );
    await until("a's write is held on the leader", () => (g.held.length === 1 ? true : undefined));
    const followers = [1, 2, 3].filter((id) => id !== leader.id);
    const aIndex = leader.status().lastLogIndex;
    // Both followers hold `a` durably: it is committed (2 of 3) though the leader's copy is not.
    await until('followers durable', () => (followers.every((id) => c.nodes.get(id)!.log.durableIndex() >= aIndex) ? true : undefined));
    const b = leader.propose(put('b', '2'));
    b.catch(() => undefined);
    assert.equal(answered, false, 'nothing is answered before the Ready that commits it');
    g.held.shift()!(); // the leader's copy of `a` becomes durable; the next Ready carries `b`
    await until("b's write is held on the leader", () => (g.held.length === 1 ? true : undefined));
    await until("`a` answered while `b`'s write is still in flight", () => (answered ? true : undefined), 2000);
    assert.equal(g.held.length, 1);
    const outcome = await a;
    assert.equal(outcome.index, aIndex);
    assert.equal(leader.sm.get(Buffer.from('a'), Date.now())?.toString(), '1');
    g.releaseAll();
    assert.equal((await b).index, aIndex + 1);
  } finally {
    gate?.releaseAll();
    await c.stop();
  }
});

test("a leader's log writes ask for a background fsync; a follower's do not (its answer waits for the fsync anyway)", async () => {
  const c = await MemCluster.create([1, 2, 3]);
  const seen = new Map<number, boolean[]>();
  try {
    const leader = await until('leader', () => c.leader());
    for (const [id, n] of c.nodes) {
      const write = n.log.write.bind(n.log);
      seen.set(id, []);
      n.log.write = (w: LogWrite): Promise<void> => {
        if (w.entries?.length) seen.get(id)!.push(w.syncInBackground === true);
        return write(w);
      };
    }
    await leader.propose(put('k', 'v'));
    await until('followers wrote it', () => ([...seen].every(([, v]) => v.length > 0) ? true : undefined));
    for (const [id, flags] of seen) assert.ok(flags.every((f) => f === (id === leader.id)), `node ${id}: ${flags.join(',')}`);
  } finally {
    await c.stop();
  }
});

test('a leader alone in its configuration fsyncs in the foreground: it has no answers to wait for', async () => {
  const c = await MemCluster.create([1]);
  const flags: boolean[] = [];
  try {
    const leader = await until('leader', () => c.leader());
    const n = c.nodes.get(1)!;
    const write = n.log.write.bind(n.log);
    n.log.write = (w: LogWrite): Promise<void> => {
      if (w.entries?.length) flags.push(w.syncInBackground === true);
      return write(w);
    };
    await leader.propose(put('k', 'v'));
    assert.deepEqual(flags, [false]);
  } finally {
    await c.stop();
  }
});
