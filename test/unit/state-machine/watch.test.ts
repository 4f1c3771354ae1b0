// Watches (reference §6): key and prefix watches, revisions, prev values, bounded buffers that
// end in CANCELED on overflow, membership watches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidCommandError } from '../../../src/state-machine/errors.js';
import { KvStateMachine } from '../../../src/state-machine/kv-state-machine.js';
import { WatchRegistry, type EventQueue, type WatchEvent } from '../../../src/state-machine/watch.js';
import { RejectedError } from '../../../src/errors.js';
import { cas, del, put } from './helpers.js';

async function drain(q: EventQueue<WatchEvent>, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = await q.next();
    if (r.done) break;
    const e = r.value;
    out.push([e.type, e.key.toString(), e.value.toString(), e.revision, e.prevValue?.toString() ?? null]);
  }
  return out;
}

test('key watch: PUT and DELETE with revisions and prev values', async () => {
  const sm = new KvStateMachine();
  const w = sm.watch({ key: Buffer.from('k'), prevKv: true });
  sm.apply(put(1, 'k', 'v1'));
  sm.apply(put(2, 'other', 'x'));
  sm.apply(put(3, 'k', 'v2'));
  sm.apply(cas(4, 'k', 'nope', 'v3')); // fails: no event
  sm.apply(del(5, 'k'));
  assert.deepEqual(await drain(w, 3), [
    ['PUT', 'k', 'v1', 1, null],
    ['PUT', 'k', 'v2', 3, 'v1'],
    ['DELETE', 'k', '', 5, 'v2'],
  ]);
  assert.equal(w.pending, 0);
});

test('prefix watch matches keys under the prefix; prefix must start and end with "/"', async () => {
  const sm = new KvStateMachine();
  const w = sm.watch({ key: Buffer.from('/app/') });
  assert.throws(() => sm.watch({ key: Buffer.from('/app'), prefix: true }), InvalidCommandError);
  assert.throws(() => sm.watch({ key: Buffer.alloc(0) }), InvalidCommandError);
  const p = sm.watch({ key: Buffer.from('/app/'), prefix: true });
  sm.apply(put(1, '/app/a', '1'));
  sm.apply(put(2, '/apple', '2'));
  sm.apply(put(3, '/app/b/c', '3'));
  assert.deepEqual(await drain(p, 2), [
    ['PUT', '/app/a', '1', 1, null],
    ['PUT', '/app/b/c', '3', 3, null],
  ]);
  assert.equal(w.pending, 0, 'an exact watch on "/app/" sees nothing');
});

test('overflow: a slow watcher gets its buffered events, then CANCELED, then the end', async () => {
  const sm = new KvStateMachine();
  const w = sm.watch({ key: Buffer.from('k'), bufferSize: 3 });
  for (let i = 1; i <= 10; i++) sm.apply(put(i, 'k', `v${i}`));
  assert.equal(sm.watcherCount, 0, 'the overflowing watcher was dropped');
  const events = [];
  for await (const e of w) events.push([e.type, e.revision, e.reason ?? null]);
  assert.deepEqual(events, [['PUT', 1, null], ['PUT', 2, null], ['PUT', 3, null], ['CANCELED', 0, 'overflow']]);
});

// Scenario: a watcher with prev values that nobody reads while 30-byte values are written.
// Expectation: the byte bound (not the event count, 1024 here) ends it: the buffered events that
// fit in 100 bytes (31 + 61), then CANCELED. Without a byte bound a stopped consumer held every
// large value (and previous value) up to 1024 events: a gigabyte with 1 MiB values.
test('overflow by bytes: a slow watcher of large values is canceled once its buffer holds bufferBytes', async () => {
  const sm = new KvStateMachine();
  const w = sm.watch({ key: Buffer.from('k'), prevKv: true, bufferBytes: 100 });
  for (let i = 1; i <= 10; i++) sm.apply(put(i, 'k', String(i).padStart(30, 'v')));
  assert.equal(sm.watcherCount, 0, 'the overflowing watcher was dropped');
  const events = [];
  for await (const e of w) events.push([e.type, e.revision, e.reason ?? null]);
  assert.deepEqual(events, [['PUT', 1, null], ['PUT', 2, null], ['CANCELED', 0, 'overflow']]);
});

// Scenario: one event larger than the byte bound, to a consumer that reads between writes.
// Expectation: it is delivered (an empty buffer always takes one event); the byte count returns to 0.
test('overflow by bytes: one event larger than bufferBytes still reaches a consumer that keeps up', async () => {
  const sm = new KvStateMachine();
  const w = sm.watch({ key: Buffer.from('k'), bufferBytes: 10 });
  sm.apply(put(1, 'k', 'x'.repeat(50)));
  assert.equal(w.pendingBytes, 51);
  assert.deepEqual(await drain(w, 1), [['PUT', 'k', 'x'.repeat(50), 1, null]]);
  assert.equal(w.pendingBytes, 0);
  sm.apply(put(2, 'k', 'y'.repeat(50)));
  assert.deepEqual(await drain(w, 1), [['PUT', 'k', 'y'.repeat(50), 2, null]]);
  assert.equal(sm.watcherCount, 1);
  assert.throws(() => sm.watch({ key: Buffer.from('k'), bufferBytes: 0 }), InvalidCommandError);
});

test('a consumer that keeps up never overflows; closing the iterator removes the watcher', async () => {
  const sm = new KvStateMachine();
  const w = sm.watch({ key: Buffer.from('k'), bufferSize: 2 });
  const seen: number[] = [];
  const consumer = (async () => {
    for await (const e of w) {
      seen.push(e.revision);
      if (seen.length === 20) break;
    }
  })();
  for (let i = 1; i <= 20; i++) {
    sm.apply(put(i, 'k', 'v'));
    await new Promise((r) => setImmediate(r));
  }
  await consumer;
  assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => i + 1));
  assert.equal(sm.watcherCount, 0);
});

test('membership watch: current membership first, then one per configuration entry', async () => {
  const sm = new KvStateMachine();
  sm.apply({ index: 1, term: 1, kind: 'configuration', configuration: { voters: [1], votersOutgoing: [], learners: [], addresses: {} } });
  const m = sm.watchMembership();
  sm.apply({ index: 2, term: 1, kind: 'noop' });
  sm.apply({ index: 3, term: 1, kind: 'configuration', configuration: { voters: [1], votersOutgoing: [], learners: [{ id: 2, readOnly: false }], addresses: {} } });
  assert.deepEqual((await m.next()).value, { members: [1], learners: [], committedIndex: 1 });
  assert.deepEqual((await m.next()).value, { members: [1], learners: [2], committedIndex: 3 });
  sm.close();
  assert.equal((await m.next()).done, true);
});

test('key and membership watchers share the maxWatchers bound (RESOURCE_EXHAUSTED beyond it)', () => {
  const registry = new WatchRegistry(3);
  const membership = { members: [1], learners: [], committedIndex: 1 };
  registry.watch({ key: Buffer.from('a') });
  registry.watchMembership(membership);
  const third = registry.watchMembership(membership);
  assert.throws(() => registry.watchMembership(membership), (e: unknown) => e instanceof RejectedError && e.code === 'RESOURCE_EXHAUSTED');
  assert.throws(() => registry.watch({ key: Buffer.from('b') }), (e: unknown) => e instanceof RejectedError && e.code === 'RESOURCE_EXHAUSTED');
  third.close();
  registry.watch({ key: Buffer.from('b') });
});

test('watchers are found by key and by prefix: nested prefixes, several watchers of one key, binary keys; each gets what a full comparison gives', async () => {
  // The registry indexes watchers (it once compared every write with every watcher); this checks
  // the index against that comparison over seeded random keys and watchers.
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const alphabet = [0x2f, 0x61, 0x62, 0xff, 0x00];
  const randomKey = (slashFirst: boolean): Buffer => {
    const bytes = Array.from({ length: 1 + rand(5) }, () => alphabet[rand(alphabet.length)]!);
    if (slashFirst) bytes[0] = 0x2f;
    return Buffer.from(bytes);
  };
  const registry = new WatchRegistry();
  const watchers: { key: Buffer; prefix: boolean; queue: EventQueue<WatchEvent>; expected: number[] }[] = [];
  for (let i = 0; i < 300; i++) {
    const prefix = rand(2) === 0;
    let key = randomKey(prefix);
    if (prefix && key[key.length - 1] !== 0x2f) key = Buffer.concat([key, Buffer.from('/')]);
    watchers.push({ key, prefix, queue: registry.watch({ key, prefix, bufferSize: 100_000 }), expected: [] });
  }
  for (let revision = 1; revision <= 2000; revision++) {
    const key = randomKey(rand(3) !== 0);
    registry.notify('PUT', key, Buffer.from('v'), revision, undefined);
    for (const w of watchers) {
      const match = w.prefix ? key.length >= w.key.length && key.subarray(0, w.key.length).equals(w.key) : key.equals(w.key);
      if (match) w.expected.push(revision);
    }
  }
  let delivered = 0;
  for (const w of watchers) {
    const got: number[] = [];
    while (w.queue.pending > 0) got.push(((await w.queue.next()).value as WatchEvent).revision);
    assert.deepEqual(got, w.expected, `watcher ${w.prefix ? 'prefix' : 'key'} ${w.key.toString('hex')}`);
    delivered += got.length;
  }
  assert.ok(delivered > 1000, `the random schedule matched often enough to mean something (${delivered})`);
  assert.equal(registry.count, 300);
  for (const w of watchers.slice(0, 100)) w.queue.close();
  assert.equal(registry.count, 200);
});
