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

test('a follower acknowledges an Append only once its own write is durable: with both followers\' writes held, nothing commits (Raft §5.1)', async () => {
  const c = await MemCluster.create([1, 2, 3]);
  const gates: ReturnType<typeof holdWrites>[] = [];
  try {
    const leader = await until('leader', () => c.leader());
    await leader.propose(put('warm', 'up'));
    const followers = [1, 2, 3].filter((id) => id !== leader.id);
    for (const id of followers) gates.push(holdWrites(c.nodes.get(id)!.log));
    let answered = false;
    const a = leader.propose(put('a', '1'));
    void a.then(() => (answered = true), () => undefined);
    await until('both followers hold a write', () => (gates.every((g) => g.held.length > 0) ? true : undefined));
    await new Promise((r) => setTimeout(r, 100)); // ten ticks: heartbeats and retries come and go
    assert.equal(answered, false, 'no acknowledgement left a follower before its fsync');
    assert.equal(leader.status().commitIndex < leader.status().lastLogIndex, true);
    gates[0]!.releaseAll(); // one follower's copy durable: with the leader's, a quorum
    assert.equal((await a).index, leader.status().lastLogIndex);
  } finally {
    for (const g of gates) g.releaseAll();
    await c.stop();
  }
});

test("no election completes while the voters' writes are held: a candidate's own term and vote, and every grant, are durable before they count (Raft §5.1)", async () => {
  const c = await MemCluster.create([1, 2, 3]);
  const gates: ReturnType<typeof holdWrites>[] = [];
  try {
    const old = await until('leader', () => c.leader());
    const others = [1, 2, 3].filter((id) => id !== old.id);
    for (const id of others) gates.push(holdWrites(c.nodes.get(id)!.log));
    c.isolated.add(old.id);
    await until('a campaign wrote its term', () => (gates.some((g) => g.held.length > 0) ? true : undefined), 3000);
    // Watched in the core (the node's role follows it only once the blocked Ready is done), for
    // two election timeouts and more.
    const won = new Set<number>();
    for (const end = Date.now() + 400; Date.now() < end; ) {
      for (const id of others) if (c.node(id).status().role === 'leader') won.add(id);
      await new Promise((r) => setTimeout(r, 1));
    }
    assert.deepEqual([...won], [], 'a node won with nothing durable');
    for (const g of gates) g.releaseAll();
    const next = await until('a new leader', () => c.leader(), 5000);
    assert.ok(others.includes(next.id));
  } finally {
    for (const g of gates) g.releaseAll();
    await c.stop();
  }
});

test('stop() during a held leader fsync waits for it, and the write in it is answered "outcome unknown", never applied', async () => {
  const c = await MemCluster.create([1, 2, 3]);
  let gate: ReturnType<typeof holdWrites> | undefined;
  try {
    const leader = await until('leader', () => c.leader());
    await leader.propose(put('warm', 'up'));
    const g = holdWrites(c.nodes.get(leader.id)!.log);
    gate = g;
    const a = leader.propose(put('a', '1'));
    const outcome = a.then(() => 'applied', (err: unknown) => (err as Error).name);
    await until("a's write is held on the leader", () => (g.held.length === 1 ? true : undefined));
    let stopped = false;
    const stop = leader.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(stopped, false, 'stop() waits for the fsync in flight');
    g.releaseAll();
    await stop;
    assert.equal(await outcome, 'OutcomeUnknownError');
    assert.equal(leader.sm.get(Buffer.from('a'), Date.now()), undefined);
  } finally {
    gate?.releaseAll();
    await c.stop();
  }
});
