// The state machine's size accounting (stateBytes, growthOf) and its hard bound on keys, decided
// at apply so every replica agrees; the frozen map's overlay staying bounded under churn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY_OVERHEAD_BYTES, KvStateMachine, LayeredMap, StateFullError, type KvRecord } from '../../../src/state-machine/index.js';
import { cas, del, expire, put, s, T0 } from './helpers.js';

const size = (key: string, value: string) => key.length + value.length + KEY_OVERHEAD_BYTES;

/** Sums what the state machine holds the slow way: every live and expired key (a scan of '' at time 0 sees all). */
function recount(sm: KvStateMachine): number {
  return sm.scan(Buffer.alloc(0), 0).entries.reduce((n, p) => n + p.key.length + p.value.length + KEY_OVERHEAD_BYTES, 0);
}

test('stateBytes follows inserts, overwrites, CAS, deletes and expiry, and equals a recount after each', () => {
  const sm = new KvStateMachine();
  const steps = [
    put(1, 'a', 'xxxx'),
    put(2, 'bb', 'y'),
    put(3, 'a', 'z'), // overwrite, smaller
    cas(4, 'bb', 'y', 'longer value'),
    cas(5, 'bb', 'wrong', 'no'), // failed comparison: nothing changes
    cas(6, 'c', null, 'new'),
    del(7, 'a'),
    del(8, 'missing'),
    put(9, 'ttl', 'v', { ttlSecs: 1, at: T0 }),
    expire(10, ['ttl'], T0 + 5000),
  ];
  for (const e of steps) {
    sm.apply(e);
    assert.equal(sm.stateBytes, recount(sm), `after entry ${e.index}`);
  }
  assert.equal(sm.stateBytes, size('bb', 'longer value') + size('c', 'new'));
});

test('growthOf: what a write would add now; deletes and expiry add nothing', () => {
  const sm = new KvStateMachine();
  sm.apply(put(1, 'k', 'value'));
  const insert = (key: string, value: string) => ({ op: 'insert' as const, key: Buffer.from(key), value: Buffer.from(value), ttlSecs: 0 });
  assert.deepEqual(sm.growthOf(insert('new', 'abc')), { keys: 1, bytes: size('new', 'abc') });
  assert.deepEqual(sm.growthOf(insert('k', 'longer value')), { keys: 0, bytes: 7 });
  assert.deepEqual(sm.growthOf(insert('k', 'v')), { keys: 0, bytes: -4 });
  assert.deepEqual(sm.growthOf({ op: 'cas', key: Buffer.from('n'), expectedValue: null, newValue: Buffer.from('x') }), { keys: 1, bytes: size('n', 'x') });
  assert.deepEqual(sm.growthOf({ op: 'delete', key: Buffer.from('k') }), { keys: 0, bytes: 0 });
  assert.deepEqual(sm.growthOf({ op: 'expire', keys: [Buffer.from('k')] }), { keys: 0, bytes: 0 });
});

test('a write adding a key beyond maxKeys is rejected at apply (RESOURCE_EXHAUSTED), the same on every replica; overwrites and deletes go on', async () => {
  const replicas = [new KvStateMachine({ maxKeys: 3 }), new KvStateMachine({ maxKeys: 3 })];
  const entries = [put(1, 'a', '1'), put(2, 'b', '2'), put(3, 'c', '3'), put(4, 'd', '4'), cas(5, 'e', null, '5'), put(6, 'a', 'one'), del(7, 'b'), put(8, 'd', '4')];
  const results = await Promise.all(replicas.map(async (sm) => {
    const events: string[] = [];
    const q = sm.watch({ key: Buffer.from('d'), prefix: false });
    const out = entries.map((e) => sm.apply(e));
    while (q.pending > 0) {
      const { value: ev } = await q.next();
      events.push(`${ev.type}@${ev.revision}`);
    }
    return { out, events, keys: sm.scan(Buffer.alloc(0), 0).entries.map((p) => `${p.key}=${p.value}`) };
  }));
  assert.deepEqual(results[0], results[1]);
  const { out, events, keys } = results[0]!;
  for (const i of [3, 4]) {
    const r = out[i]!;
    assert.ok(r.kind === 'rejected' && r.error instanceof StateFullError && r.error.code === 'RESOURCE_EXHAUSTED', `entry ${i + 1}: ${JSON.stringify(r)}`);
    assert.match((r as { error: Error }).error.message, /holds 3 keys, the most it can \(3\)/);
  }
  assert.equal(out[5]!.kind, 'write', 'an overwrite of a stored key adds none');
  assert.equal(out[7]!.kind, 'write', 'after a delete there is room again');
  assert.deepEqual(events, ['PUT@8'], 'a rejected write sends no watch event');
  assert.deepEqual(keys, ['a=one', 'c=3', 'd=4']);
  assert.equal(replicas[0]!.appliedIndex, 8);
});

test('a snapshot holding more keys than maxKeys is refused and the state stays as it was; a restore recounts stateBytes', async () => {
  const src = new KvStateMachine();
  for (let i = 1; i <= 4; i++) src.apply(put(i, `k${i}`, `v${i}`));
  const snap = src.beginSnapshot();
  const records: KvRecord[] = [];
  for await (const r of snap.records()) records.push(r);
  snap.release();
  const meta = { index: snap.index, term: snap.term, configuration: snap.configuration, configIndex: snap.configIndex };
  const small = new KvStateMachine({ maxKeys: 3 });
  small.apply(put(1, 'mine', 'x'));
  await assert.rejects(small.restore(meta, (async function* () { yield* records; })()), (e: unknown) => e instanceof StateFullError && /more than 3 keys/.test((e as Error).message));
  assert.equal(s(small.get(Buffer.from('mine'), T0)), 'x');
  assert.equal(small.stateBytes, size('mine', 'x'));
  const big = new KvStateMachine();
  await big.restore(meta, (async function* () { yield* records; })());
  assert.equal(big.stateBytes, src.stateBytes);
  assert.equal(big.stateBytes, recount(big));
});

test('keys written and deleted while a snapshot holds the state frozen leave no tombstones behind', async () => {
  const map = new LayeredMap();
  const v = { value: Buffer.from('v'), expiresAtUnixMs: 0 };
  map.set('base', v);
  map.set('kept', v);
  const gen = map.freeze();
  for (let i = 0; i < 1000; i++) {
    map.set(`churn${i}`, v);
    assert.equal(map.delete(`churn${i}`), true);
  }
  map.delete('base'); // a frozen key needs its tombstone
  map.set('new', v);
  assert.equal(map.overlaySize, 2, 'the deleted frozen key and the new one; no churn');
  assert.deepEqual([...gen.map.keys()].sort(), ['base', 'kept'], 'the frozen generation is untouched');
  assert.deepEqual([...map.entries()].map(([k]) => k).sort(), ['kept', 'new']);
  assert.equal(map.size, 2);
  map.thaw(gen.generation);
  assert.equal(map.overlaySize, 0);
  assert.deepEqual([...map.entries()].map(([k]) => k).sort(), ['kept', 'new']);
});
