// Snapshots of the state machine (STORAGE.md "Snapshot files"): the frozen generation captures
// the state exactly at the last included index while applies continue, creation yields to the
// event loop, and restore streams a verified file (a corrupt one changes nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IntegrityError, InternalError } from '../../../src/errors.js';
import { FileSnapshotStore } from '../../../src/storage/snapshot/snapshot-store.js';
import { KvStateMachine } from '../../../src/state-machine/kv-state-machine.js';
import type { KvRecord } from '../../../src/state-machine/types.js';
import { withTempDir } from '../storage/helpers.js';
import { del, put, s, T0 } from './helpers.js';

test('a snapshot captures the state at its index while applies continue', async () => {
  const sm = new KvStateMachine();
  for (let i = 1; i <= 100; i++) sm.apply(put(i, `k${String(i).padStart(3, '0')}`, `v${i}`));
  const src = sm.beginSnapshot();
  assert.equal(src.index, 100);
  assert.equal(src.entryCount, 100);
  // Applies after the freeze: overwrite, delete, insert.
  sm.apply(put(101, 'k001', 'changed'));
  sm.apply(del(102, 'k002'));
  sm.apply(put(103, 'k999', 'new'));
  const got = [];
  let n = 0;
  for await (const r of src.records()) {
    got.push([r.key.toString(), r.value.toString()]);
    if (++n === 50) sm.apply(put(104, 'k050', 'during-iteration'));
  }
  src.release();
  assert.equal(got.length, 100);
  assert.deepEqual(got[0], ['k001', 'v1']);
  assert.deepEqual(got[1], ['k002', 'v2']);
  assert.ok(!got.some(([k]) => k === 'k999'));
  // Live state has every later write, before and after release.
  assert.equal(s(sm.get(Buffer.from('k001'), T0)), 'changed');
  assert.equal(sm.get(Buffer.from('k002'), T0), undefined);
  assert.equal(s(sm.get(Buffer.from('k050'), T0)), 'during-iteration');
  assert.equal(sm.size, 100);
  // After release a new snapshot sees the merged state.
  const next = sm.beginSnapshot();
  assert.equal(next.index, 104);
  assert.equal(next.entryCount, 100);
  next.release();
});

test('a snapshot released unread cannot disturb the next one: its records() refuses, and each frozen generation has its own number', async () => {
  const sm = new KvStateMachine();
  sm.apply(put(1, 'a', '1'));
  const c = sm.beginSnapshot();
  c.release(); // released before its records were read
  const d = sm.beginSnapshot();
  sm.apply(put(2, 'b', '2'));
  await assert.rejects(async () => {
    for await (const _ of c.records()) void _;
  }, InternalError);
  const keys = [];
  for await (const r of d.records()) keys.push(r.key.toString());
  d.release();
  assert.equal(d.index, 1);
  assert.deepEqual(keys, ['a'], 'd holds exactly the state at its index (b came later)');
  await assert.rejects(async () => {
    for await (const _ of d.records()) void _;
  }, InternalError, 'a second read after release');
});

test('snapshot → file → restore on another replica gives the same state; corrupt file changes nothing', async () => {
  await withTempDir(async (dir) => {
    const a = new KvStateMachine();
    a.apply({ index: 1, term: 1, kind: 'configuration', configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [], addresses: { 1: 'h:1' } } });
    for (let i = 2; i <= 2000; i++) a.apply(put(i, `key/${i}`, `value ${i}`, { ttlSecs: i % 7 === 0 ? 60 : 0, at: T0 }));
    const store = await FileSnapshotStore.open(dir);
    const src = a.beginSnapshot();
    const w = await store.create(src, src.records());
    src.release();
    assert.equal(w.entryCount, 1999);

    const b = new KvStateMachine();
    b.apply(put(1, 'stale', 'x'));
    const info = (await store.latest())!;
    const header = await store.header(info);
    await b.restore(header, store.records(info));
    assert.equal(b.appliedIndex, 2000);
    assert.deepEqual(b.configuration.voters, [1, 2, 3]);
    assert.equal(b.get(Buffer.from('stale'), T0), undefined);
    assert.deepEqual(b.scan(Buffer.alloc(0), T0), a.scan(Buffer.alloc(0), T0));
    assert.deepEqual(b.expiredKeys(T0 + 60_000, 1000).length, a.expiredKeys(T0 + 60_000, 1000).length);
    b.apply(put(2001, 'after', 'restore'));

    // Corrupt the file: restore fails at the end and the replica keeps its state.
    const path = join(dir, info.name);
    const raw = await readFile(path);
    raw[raw.length - 10]! ^= 0xff;
    await writeFile(path, raw);
    const c = new KvStateMachine();
    c.apply(put(1, 'mine', 'kept'));
    await assert.rejects(c.restore(header, store.records(info)), IntegrityError);
    assert.equal(c.appliedIndex, 1);
    assert.equal(s(c.get(Buffer.from('mine'), T0)), 'kept');
    c.apply(put(2, 'still', 'works'));
  });
});

test('restore cancels key watchers (they must resync)', async () => {
  const a = new KvStateMachine();
  a.apply(put(1, 'k', 'v'));
  const src = a.beginSnapshot();
  const records = [];
  for await (const r of src.records()) records.push(r);
  src.release();
  const b = new KvStateMachine();
  const w = b.watch({ key: Buffer.from('k') });
  await b.restore({ index: src.index, term: src.term, configuration: src.configuration, configIndex: src.configIndex }, (async function* () { yield* records; })());
  const r = await w.next();
  assert.equal(r.value?.type, 'CANCELED');
  assert.equal(r.value?.reason, 'restored');
  assert.equal((await w.next()).done, true);
});

test('restore: a membership watcher gets the snapshot\'s configuration once, and nothing when the snapshot holds the membership it already got', async () => {
  const voters = (ids: number[]) => ({ voters: ids, votersOutgoing: [], learners: [], addresses: {} });
  const leader = new KvStateMachine();
  leader.apply({ index: 1, term: 1, kind: 'configuration', configuration: voters([1, 2]) });
  leader.apply(put(2, 'k', 'v'));
  const snapshotOf = async (sm: KvStateMachine) => {
    const src = sm.beginSnapshot();
    const records: KvRecord[] = [];
    for await (const r of src.records()) records.push(r);
    src.release();
    return { meta: { index: src.index, term: src.term, configuration: src.configuration, configIndex: src.configIndex }, records: async function* () { yield* records; } };
  };
  const first = await snapshotOf(leader);
  const follower = new KvStateMachine();
  follower.apply({ index: 1, term: 1, kind: 'configuration', configuration: voters([1, 2]) });
  const m = follower.watchMembership();
  assert.deepEqual((await m.next()).value, { members: [1, 2], learners: [], committedIndex: 1 });
  // Same configuration entry (index 1) in the snapshot: nothing new to tell.
  await follower.restore(first.meta, first.records());
  assert.equal(m.pending, 0, 'the same membership was delivered again');
  leader.apply({ index: 3, term: 1, kind: 'configuration', configuration: voters([1, 2, 3]) });
  const second = await snapshotOf(leader);
  await follower.restore(second.meta, second.records());
  assert.deepEqual((await m.next()).value, { members: [1, 2, 3], learners: [], committedIndex: 3 });
  assert.equal(m.pending, 0);
});

test('creating a snapshot of 200k keys keeps event-loop gaps short while applies continue', async () => {
  await withTempDir(async (dir) => {
    const sm = new KvStateMachine();
    const N = 200_000;
    const value = Buffer.alloc(32, 1);
    for (let i = 1; i <= N; i++) {
      sm.apply({ index: i, term: 1, kind: 'command', command: encodeInsert(`user/${(i * 7919) % N}/${i}`, value), proposedAtUnixMs: T0 });
    }
    const store = await FileSnapshotStore.open(dir);
    const src = sm.beginSnapshot();
    const gaps: number[] = [];
    let last = performance.now();
    let ticking = true;
    let ticks = 0;
    let applied = N;
    const tick = () => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
      ticks++;
      // Applies keep flowing on the event loop while the snapshot is written.
      if (ticks % 10 === 0) sm.apply(put(++applied, `late/${applied}`, 'x'));
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const started = performance.now();
    const w = await store.create(src, src.records());
    ticking = false;
    src.release();
    const ms = performance.now() - started;
    gaps.sort((x, y) => x - y);
    const maxGap = gaps.at(-1)!;
    const over10 = gaps.filter((g) => g > 10).length;
    console.log(`snapshot of ${N} keys: ${w.bytes} bytes in ${ms.toFixed(0)} ms; ${ticks} event-loop turns, longest gap ${maxGap.toFixed(1)} ms, ${over10} gaps over 10 ms (GC pauses and a loaded machine included); ${applied - N} applies during it`);
    assert.equal(w.entryCount, N);
    assert.ok(applied > N, 'no apply ran while the snapshot was being written');
    assert.equal(sm.size, N + (applied - N));
    // The longest gap is printed, not asserted: on a shared 2-core machine it includes GC pauses
    // and preemption (observed 23-185 ms under load, no gap over 10 ms standalone). What is
    // asserted is that the loop kept turning: a snapshot that blocked would allow only a few
    // turns, and long gaps must stay rare.
    assert.ok(ticks > 100, `only ${ticks} event-loop turns while writing the snapshot`);
    assert.ok(over10 <= Math.max(5, ticks * 0.05), `${over10} of ${ticks} event-loop gaps exceeded 10 ms`);
    const header = await store.verify((await store.latest())!);
    assert.equal(header.index, N);
  });
});

import { encodeWriteCommand } from '../../../src/state-machine/command.js';
function encodeInsert(key: string, value: Buffer): Uint8Array {
  return encodeWriteCommand({ op: 'insert', key: Buffer.from(key), value, ttlSecs: 0 });
}
