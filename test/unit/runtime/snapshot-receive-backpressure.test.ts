/**
 * InstallSnapshot receive backpressure on a node (src/runtime/services/peer-services.ts
 * `installSink`): the sink's `write` (awaited by the server before it reads the next chunk off
 * the stream) is the snapshot store's own `write`, pending until the chunk is on disk, so a leader
 * sending faster than the follower's disk is slowed by HTTP/2 flow control instead of filling the
 * follower's memory (the transport half is in test/integration/snapshot/push.test.ts). A failed
 * disk write fails the push with its error; an aborted push discards the `.part` file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installSink, type PeerServiceContext } from '../../../src/runtime/services/peer-services.js';

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

/** A snapshot store whose receiver writes only when a test releases it (or fails it). */
function gatedStore() {
  const log: string[] = [];
  let release: (() => void) | null = null;
  let failWith: ((e: Error) => void) | null = null;
  const store = {
    beginReceive(index: number, term: number) {
      log.push(`begin ${index}-${term}`);
      return {
        write: (data: Uint8Array) =>
          new Promise<void>((resolve, reject) => {
            release = () => {
              log.push(`wrote ${data.byteLength}`);
              resolve();
            };
            failWith = reject;
          }),
        finish: async () => ({ name: 'x', index, term, bytes: 0 }),
        abort: async () => void log.push('abort'),
      };
    },
  };
  return {
    store,
    log,
    release: () => release?.(),
    fail: (e: Error) => failWith?.(e),
  };
}

const ctxWith = (store: unknown): PeerServiceContext => ({ snapshots: store } as unknown as PeerServiceContext);

test('an InstallSnapshot sink write is pending until the snapshot store wrote the chunk', async () => {
  const g = gatedStore();
  const sink = installSink(ctxWith(g.store), 10, 2, 1, 2);
  const first = Promise.resolve(sink.write(new Uint8Array(1024)));
  assert.equal(await settled(first), false, 'the disk has not taken the chunk: the server does not read the next one');
  g.release();
  assert.equal(await settled(first), true);
  assert.deepEqual(g.log, ['begin 10-2', 'wrote 1024']);
});

test('a failed disk write fails the sink write with its error; abort discards what was received', async () => {
  const g = gatedStore();
  const sink = installSink(ctxWith(g.store), 10, 2, 1, 2);
  const w = Promise.resolve(sink.write(new Uint8Array(8)));
  g.fail(new Error('ENOSPC: no space left on device'));
  await assert.rejects(w, /ENOSPC/);
  await sink.abort?.(undefined as never);
  assert.deepEqual(g.log, ['begin 10-2', 'abort']);
});
