/**
 * InstallSnapshot receive backpressure (src/runtime/services/peer-services.ts `installSink`,
 * src/runtime/async-queue.ts): received chunks wait for the snapshot store in a queue of at most
 * MAX_QUEUED_SNAPSHOT_CHUNKS; the sink's `write` (awaited by the server before it reads the next
 * chunk off the stream) stays pending while the queue is full, so a leader sending faster than
 * the follower's disk writes is slowed by HTTP/2 flow control instead of filling the follower's
 * memory. A store that fails ends the wait with its error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncQueue } from '../../../src/runtime/async-queue.js';
import { installSink, MAX_QUEUED_SNAPSHOT_CHUNKS, type PeerServiceContext } from '../../../src/runtime/services/peer-services.js';

/** Resolves to true when `p` settled within a few event-loop turns. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

/** A snapshot store whose `receive` takes chunks only when `take()` is called (or fails on `fail()`). */
function gatedStore() {
  const taken: Uint8Array[] = [];
  let allow = 0;
  let wake: (() => void) | null = null;
  let failWith: ((e: Error) => void) | null = null;
  const store = {
    receive(_index: number, _term: number, chunks: AsyncIterable<Uint8Array>) {
      return new Promise((resolve, reject) => {
        failWith = reject;
        void (async () => {
          try {
            const it = chunks[Symbol.asyncIterator]();
            for (;;) {
              while (allow === 0) await new Promise<void>((r) => (wake = r));
              allow--;
              const next = await it.next();
              if (next.done) break;
              taken.push(next.value);
            }
            resolve({ name: 'x', index: 1, term: 1, bytes: 0 });
          } catch (err) {
            reject(err as Error);
          }
        })();
      });
    },
  };
  return {
    store,
    taken,
    take(n = 1) {
      allow += n;
      const w = wake;
      wake = null;
      w?.();
    },
    fail(e: Error) {
      failWith?.(e);
    },
  };
}

function ctxWith(store: unknown): PeerServiceContext {
  return { snapshots: store } as unknown as PeerServiceContext;
}

test('AsyncQueue.room waits while the queue holds the limit and resolves when the consumer takes one, or the queue ends or fails', async () => {
  const q = new AsyncQueue<number>();
  for (let i = 0; i < 3; i++) q.push(i);
  assert.equal(await settled(q.room(4)), true, 'below the limit: at once');
  q.push(3);
  const waiting = q.room(4);
  assert.equal(await settled(waiting), false, 'four waiting: the producer waits');
  const it = q[Symbol.asyncIterator]();
  assert.deepEqual(await it.next(), { value: 0, done: false });
  assert.equal(await settled(waiting), true, 'the consumer took one');

  q.push(4);
  const beforeEnd = q.room(4);
  assert.equal(await settled(beforeEnd), false);
  q.end();
  assert.equal(await settled(beforeEnd), true, 'end releases the producer');

  const f = new AsyncQueue<number>();
  for (let i = 0; i < 4; i++) f.push(i);
  const beforeFail = f.room(4);
  f.fail(new Error('disk full'));
  assert.equal(await settled(beforeFail), true, 'fail releases the producer');
  assert.equal(f.size, 0, 'a failed queue drops what it held');
  await assert.rejects(f[Symbol.asyncIterator]().next(), /disk full/);
});

test(`an InstallSnapshot sink holds at most ${MAX_QUEUED_SNAPSHOT_CHUNKS} chunks the store has not taken; its write waits until the store takes one`, async () => {
  const g = gatedStore();
  const sink = installSink(ctxWith(g.store), 10, 2, 1, 2);
  const chunk = () => new Uint8Array(1024);
  for (let i = 0; i < MAX_QUEUED_SNAPSHOT_CHUNKS - 1; i++) assert.equal(await settled(Promise.resolve(sink.write(chunk()))), true, `chunk ${i} is taken at once`);
  const full = Promise.resolve(sink.write(chunk()));
  assert.equal(await settled(full), false, 'the queue is full: the server stops reading the stream');
  g.take();
  assert.equal(await settled(full), true, 'the store took a chunk: the next one may be read');
  assert.equal(g.taken.length, 1);

  // 1,000 more chunks while the store takes one per write: never more than the limit waits.
  let queuedMax = 0;
  for (let i = 0; i < 1000; i++) {
    const w = Promise.resolve(sink.write(chunk()));
    while (!(await settled(w))) g.take();
    queuedMax = Math.max(queuedMax, MAX_QUEUED_SNAPSHOT_CHUNKS + 1 + i - g.taken.length);
  }
  assert.ok(queuedMax <= MAX_QUEUED_SNAPSHOT_CHUNKS, `at most ${MAX_QUEUED_SNAPSHOT_CHUNKS} chunks waited (saw ${queuedMax})`);
});

test('a store that fails while the sink waits for room ends the write with its error', async () => {
  const g = gatedStore();
  const sink = installSink(ctxWith(g.store), 10, 2, 1, 2);
  for (let i = 0; i < MAX_QUEUED_SNAPSHOT_CHUNKS - 1; i++) await sink.write(new Uint8Array(8));
  const full = Promise.resolve(sink.write(new Uint8Array(8)));
  assert.equal(await settled(full), false);
  g.fail(new Error('ENOSPC: no space left on device'));
  await assert.rejects(full, /ENOSPC/);
});
