/**
 * abortable(), raceAbort() and linkedSignal() (src/transport/abort.ts): abandoning a stalled source when a
 * signal aborts, and holding nothing the iteration already yielded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { abortable, linkedSignal } from '../../../src/transport/abort.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('abortable() holds no value it already yielded: earlier chunks are collectable while the iteration runs', async () => {
  // A snapshot push iterates the file's chunks through abortable(); before the fix every
  // Promise.race against one long-lived abort promise kept its settled step (the chunk)
  // reachable until the iteration ended: a 1.1 GB push held 1.1 GB on the leader.
  const refs: WeakRef<object>[] = [];
  async function* source(): AsyncGenerator<object> {
    for (let i = 0; i < 20; i++) {
      const chunk = { seq: i, data: new Uint8Array(1024) };
      refs.push(new WeakRef(chunk));
      yield chunk;
    }
  }
  const controller = new AbortController();
  let seen = 0;
  for await (const chunk of abortable(source(), controller.signal)) {
    assert.ok(chunk);
    if (++seen < 20) continue;
    // Last chunk: let the current job end (WeakRefs are kept for it), collect, then look.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const alive = refs.slice(0, 10).filter((r) => r.deref() !== undefined).length;
    assert.equal(alive, 0, `${alive} of the first 10 yielded chunks are still reachable`);
  }
  assert.equal(seen, 20);
});

test('abortable() throws the signal\'s reason at once while the source stalls, and returns the source', async () => {
  let returned = false;
  const stalled: AsyncIterable<number> = {
    [Symbol.asyncIterator]: () => ({
      next: () => new Promise<IteratorResult<number>>(() => undefined),
      return: async () => {
        returned = true;
        return { done: true, value: undefined };
      },
    }),
  };
  const controller = new AbortController();
  const reason = new Error('stop');
  const run = (async () => {
    for await (const _ of abortable(stalled, controller.signal)) assert.fail('nothing is yielded');
  })();
  controller.abort(reason);
  await assert.rejects(run, (e) => e === reason);
  assert.equal(returned, true);
});

test('linkedSignal() aborts with whichever source aborts first, and dispose() leaves no listener on either', () => {
  for (const which of ['a', 'b'] as const) {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkedSignal(a.signal, b.signal);
    assert.equal(getEventListeners(a.signal, 'abort').length, 1);
    assert.equal(getEventListeners(b.signal, 'abort').length, 1);
    const reason = new Error(which);
    (which === 'a' ? a : b).abort(reason);
    assert.equal(linked.signal.aborted, true);
    assert.equal(linked.signal.reason, reason);
    linked.dispose();
    assert.equal(getEventListeners(a.signal, 'abort').length, 0);
    assert.equal(getEventListeners(b.signal, 'abort').length, 0);
  }
});

test('linkedSignal() of a source already aborted is that source; a long-lived source keeps nothing per disposed link', () => {
  const done = new AbortController();
  done.abort(new Error('done'));
  const long = new AbortController();
  assert.equal(linkedSignal(done.signal, long.signal).signal, done.signal);
  assert.equal(linkedSignal(long.signal, done.signal).signal, done.signal);
  for (let i = 0; i < 1000; i++) linkedSignal(new AbortController().signal, long.signal).dispose();
  assert.equal(getEventListeners(long.signal, 'abort').length, 0);
});
