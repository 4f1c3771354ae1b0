/**
 * AppendQueue (src/transport/append-queue.ts): per-peer FIFO with one job running per peer,
 * concurrency across peers, a bounded lane, and close().
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RaftCtlError } from '../../../src/errors.js';
import { AppendQueue } from '../../../src/transport/append-queue.js';

/** A job whose completion the test controls. */
function gate<T>(): { promise: Promise<T>; open: (v: T) => void; shut: (e: unknown) => void } {
  let open!: (v: T) => void;
  let shut!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    open = res;
    shut = rej;
  });
  return { promise, open, shut };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('AppendQueue', () => {
  it('runs one job per peer at a time, in submission order, and peers independently', async () => {
    const q = new AppendQueue();
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate<string>>>();
    const job = (name: string) => () => {
      started.push(name);
      const g = gate<string>();
      gates.set(name, g);
      return g.promise;
    };
    const a1 = q.submit(1, job('a1'));
    const a2 = q.submit(1, job('a2'));
    const b1 = q.submit(2, job('b1'));
    await tick();
    assert.deepEqual(started, ['a1', 'b1'], 'a2 waits for a1; peer 2 runs at once');
    assert.equal(q.pending(1), 2);
    gates.get('b1')!.open('B1');
    assert.equal(await b1, 'B1');
    await tick();
    assert.deepEqual(started, ['a1', 'b1']);
    gates.get('a1')!.shut(new Error('a1 failed'));
    await assert.rejects(a1, /a1 failed/);
    await tick();
    assert.deepEqual(started, ['a1', 'b1', 'a2'], 'a failure does not block the lane');
    gates.get('a2')!.open('A2');
    assert.equal(await a2, 'A2');
    await tick();
    assert.equal(q.pending(1), 0);
  });

  it('bounds each lane at its capacity', async () => {
    const q = new AppendQueue(2);
    const g = gate<void>();
    const first = q.submit(7, () => g.promise);
    const second = q.submit(7, async () => undefined);
    await assert.rejects(q.submit(7, async () => undefined), (e: RaftCtlError) => e.code === 'APPEND_QUEUE_FULL' && e.details?.peerId === 7 && e.exitCode === 6);
    await q.submit(8, async () => undefined);
    g.open();
    await Promise.all([first, second]);
    await tick();
    await q.submit(7, async () => undefined);
    assert.throws(() => new AppendQueue(0), RangeError);
  });

  it('close() aborts the running job\'s signal, rejects queued jobs without running them, and refuses new ones', async () => {
    const q = new AppendQueue();
    let sawAbort = false;
    const running = q.submit(1, (signal) => new Promise<void>((_, reject) => signal.addEventListener('abort', () => { sawAbort = true; reject(signal.reason); })));
    let queuedRan = false;
    const queued = q.submit(1, async () => { queuedRan = true; });
    await tick();
    q.close();
    await assert.rejects(running, (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
    await assert.rejects(queued, (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
    assert.equal(sawAbort, true);
    assert.equal(queuedRan, false);
    await assert.rejects(q.submit(2, async () => 1), (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
  });
});
