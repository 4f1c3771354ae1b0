// Watch PROGRESS events (src/state-machine/watch.ts, WatchRegistry.progress; reference §6 "Watch":
// d-engine sends PROGRESS with the current revision to its watchers on a timer): who gets one,
// at which revision, and that a progress event never costs a watcher buffer room or an overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KvStateMachine } from '../../../src/state-machine/kv-state-machine.js';
import { WatchRegistry, type EventQueue, type WatchEvent } from '../../../src/state-machine/watch.js';
import { put } from './helpers.js';

/** The next `n` events of `q` as [type, key, value, revision]. */
async function drain(q: EventQueue<WatchEvent>, n: number): Promise<Array<[string, string, string, number]>> {
  const out: Array<[string, string, string, number]> = [];
  for (let i = 0; i < n; i++) {
    const r = await q.next();
    if (r.done) break;
    out.push([r.value.type, r.value.key.toString(), r.value.value.toString(), r.value.revision]);
  }
  return out;
}

// Scenario: an exact and a prefix watcher, idle, after three entries applied to other keys; a
// membership watcher alongside. Expectation: one round sends each key watcher one PROGRESS event
// with an empty key and value at the applied index (3), as d-engine's; membership watchers get none.
test('PROGRESS goes to every idle key and prefix watcher, at the applied index, with an empty key and value', async () => {
  const sm = new KvStateMachine();
  const exact = sm.watch({ key: Buffer.from('k') });
  const prefix = sm.watch({ key: Buffer.from('/a/'), prefix: true });
  const members = sm.watchMembership();
  await members.next(); // the current membership
  for (let i = 1; i <= 3; i++) sm.apply(put(i, `other${i}`, 'x'));
  assert.equal(sm.watchProgress(), 2);
  assert.deepEqual(await drain(exact, 1), [['PROGRESS', '', '', 3]]);
  assert.deepEqual(await drain(prefix, 1), [['PROGRESS', '', '', 3]]);
  assert.equal(members.pending, 0);
});

// Scenario: a consumer parked in next() (it keeps up). Expectation: the event is handed to it
// directly; nothing stays buffered.
test('a consumer waiting for its next event gets the PROGRESS event at once', async () => {
  const sm = new KvStateMachine();
  sm.apply(put(1, 'x', '1'));
  const w = sm.watch({ key: Buffer.from('k') });
  const next = w.next();
  assert.equal(sm.watchProgress(), 1);
  const r = await next;
  assert.equal(r.value?.type, 'PROGRESS');
  assert.equal(r.value?.revision, 1);
  assert.equal(w.pending, 0);
});

// Scenario: a watcher with a change buffered (its consumer has not taken it). Expectation: it is
// skipped (busy: its events carry revisions themselves, and progress only matters when idle);
// once drained, the next round reaches it.
test('a watcher with events buffered is skipped; once it has taken them it gets the next round', async () => {
  const sm = new KvStateMachine();
  const w = sm.watch({ key: Buffer.from('k') });
  sm.apply(put(1, 'k', 'v1'));
  assert.equal(sm.watchProgress(), 0);
  assert.equal(w.pending, 1);
  assert.deepEqual(await drain(w, 1), [['PUT', 'k', 'v1', 1]]);
  sm.apply(put(2, 'other', 'x'));
  assert.equal(sm.watchProgress(), 1);
  assert.deepEqual(await drain(w, 1), [['PROGRESS', '', '', 2]]);
});

// Scenario: a consumer that stopped reading, with a buffer of one event, through many rounds,
// then a change of its key. Expectation: it holds one PROGRESS event at most (later rounds skip
// it), and the change replaces that stale PROGRESS instead of overflowing the buffer: the watcher
// is not canceled and its consumer reads the change. Without the replacement, a progress event
// would take the room a change needs (d-engine's stalled watchers are canceled by progress events).
test('a stalled consumer holds at most one PROGRESS, and the next change replaces it: progress never overflows a watcher', async () => {
  const sm = new KvStateMachine();
  sm.apply(put(1, 'other', 'x'));
  const w = sm.watch({ key: Buffer.from('k'), bufferSize: 1, bufferBytes: 10 });
  assert.equal(sm.watchProgress(), 1);
  for (let i = 0; i < 100; i++) assert.equal(sm.watchProgress(), 0);
  assert.equal(w.pending, 1);
  assert.equal(w.pendingBytes, 0);
  sm.apply(put(2, 'k', 'v2'));
  assert.equal(sm.watcherCount, 1, 'not canceled');
  assert.equal(w.pending, 1);
  assert.equal(w.pendingBytes, 3);
  assert.deepEqual(await drain(w, 1), [['PUT', 'k', 'v2', 2]]);
  assert.equal(w.pending, 0);
  // A full buffer still overflows on the next change, as before: only the PROGRESS is replaceable.
  sm.apply(put(3, 'k', 'v3'));
  sm.apply(put(4, 'k', 'v4'));
  const rest = [];
  for await (const e of w) rest.push([e.type, e.revision]);
  assert.deepEqual(rest, [['PUT', 3], ['CANCELED', 0]]);
});

// Scenario: a watcher handed a change at revision 7, then a round at revision 5 (a caller that
// passes a lower revision). Expectation: nothing is sent: a stream never shows a revision lower
// than one it already carried (a client resuming from it would replay changes it has seen).
test('a round never sends a revision lower than one the watcher was already handed', async () => {
  const r = new WatchRegistry();
  const w = r.watch({ key: Buffer.from('k') });
  r.notify('PUT', Buffer.from('k'), Buffer.from('v'), 7, undefined);
  assert.deepEqual(await drain(w, 1), [['PUT', 'k', 'v', 7]]);
  assert.equal(r.progress(5), 0);
  assert.equal(w.pending, 0);
  assert.equal(r.progress(7), 1);
  assert.equal(r.progress(9), 0, 'busy: the PROGRESS at 7 is still buffered');
  assert.deepEqual(await drain(w, 1), [['PROGRESS', '', '', 7]]);
  assert.equal(r.progress(9), 1);
  assert.deepEqual(await drain(w, 1), [['PROGRESS', '', '', 9]]);
});

// Scenario: watchers closed by their consumer, canceled by overflow, and canceled by shutdown.
// Expectation: no round reaches them, and nothing follows their end.
test('no PROGRESS after a watcher ended: closed by its consumer, overflowed, or canceled', async () => {
  const sm = new KvStateMachine();
  const closed = sm.watch({ key: Buffer.from('a') });
  const overflowed = sm.watch({ key: Buffer.from('b'), bufferSize: 1 });
  const canceled = sm.watch({ key: Buffer.from('c') });
  await closed[Symbol.asyncIterator]().return!();
  sm.apply(put(1, 'b', '1'));
  sm.apply(put(2, 'b', '2'));
  assert.equal(sm.watcherCount, 1);
  assert.equal(sm.watchProgress(), 1);
  assert.deepEqual(await drain(canceled, 1), [['PROGRESS', '', '', 2]]);
  sm.close();
  assert.equal(sm.watchProgress(), 0);
  assert.deepEqual(await drain(closed, 5), []);
  assert.deepEqual(await drain(overflowed, 5), [['PUT', 'b', '1', 1], ['CANCELED', 'b', '', 0]]);
  assert.deepEqual(await drain(canceled, 5), [['CANCELED', 'c', '', 0]]);
});
