/**
 * Watch backpressure (src/runtime/services/stream-pipe.ts): events leave the watcher's bounded
 * queue only while the call's send buffer takes them, so a client that stops reading overflows
 * the queue and gets the state machine's final CANCELED event (docs/storage.md "Watches")
 * instead of an ever-growing gRPC buffer. The call is a fake whose `write()` answers like a
 * Node Writable: false once its buffer is full, 'drain' when the client reads again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { WatchRegistry, type WatchEvent } from '../../../src/state-machine/index.js';
import { pipeEvents } from '../../../src/runtime/services/stream-pipe.js';
import type { ServerStreamLike } from '../../../src/runtime/services/grpc-shapes.js';

/** A server-streaming call whose client reads only while `reading` is true; `highWater` messages fit in its buffer. */
class FakeCall extends EventEmitter implements ServerStreamLike<unknown, WatchEvent> {
  readonly request = {};
  readonly metadata = { get: () => [] };
  cancelled = false;
  /** Messages written and not yet read by the client. */
  buffered: WatchEvent[] = [];
  /** Messages the client read. */
  received: WatchEvent[] = [];
  ended = false;
  /** The status the server ended the call with (`emit('error', status)`), if any. */
  status: { code: number; details: string } | null = null;
  reading = false;
  constructor(readonly highWater: number) {
    super();
    this.on('error', (status: { code: number; details: string }) => {
      this.status = status;
      this.ended = true;
    });
  }
  write(m: WatchEvent): boolean {
    this.buffered.push(m);
    if (this.reading) this.read();
    return this.buffered.length < this.highWater;
  }
  end(): void {
    this.ended = true;
  }
  /** The client reads everything buffered; the buffer drains. */
  read(): void {
    const wasFull = this.buffered.length >= this.highWater;
    this.received.push(...this.buffered.splice(0));
    if (wasFull) this.emit('drain');
  }
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

function put(reg: WatchRegistry, i: number): void {
  reg.notify('PUT', Buffer.from(`/w/k${i}`), Buffer.from(`v${i}`), i, undefined);
}

test('a watcher that stops reading gets the buffered events, one CANCELED (overflow) and the end of the stream (UNAVAILABLE), not every event', async () => {
  const reg = new WatchRegistry();
  const queue = reg.watch({ key: Buffer.from('/w/'), prefix: true, bufferSize: 4 });
  const call = new FakeCall(2);
  const done = pipeEvents(call, queue, (e) => e, (last) => `after ${last?.type} (${last?.reason})`);
  for (let i = 1; i <= 20; i++) {
    put(reg, i);
    await turn();
  }
  assert.equal(call.buffered.length, 2, 'nothing more is written while the call is full');
  assert.equal(reg.count, 0, 'the overflowing watcher was canceled and dropped');
  call.reading = true;
  call.read(); // the client reads again
  await done;
  const revisions = call.received.map((e) => `${e.type}:${e.revision}`);
  assert.deepEqual(revisions, ['PUT:1', 'PUT:2', 'PUT:3', 'PUT:4', 'PUT:5', 'PUT:6', 'CANCELED:0'], '2 in the call buffer, 4 in the watcher queue, then CANCELED');
  assert.equal(call.received.at(-1)!.reason, 'overflow');
  assert.deepEqual(call.status, { code: 14, details: 'after CANCELED (overflow)' }, 'ended with UNAVAILABLE, as d-engine ends every stream its server closes, saying why');
});

test('a watcher that keeps reading gets every event and no CANCELED', async () => {
  const reg = new WatchRegistry();
  const queue = reg.watch({ key: Buffer.from('/w/'), prefix: true, bufferSize: 4 });
  const call = new FakeCall(2);
  call.reading = true;
  void pipeEvents(call, queue, (e) => e, () => 'closed');
  for (let i = 1; i <= 20; i++) {
    put(reg, i);
    await turn();
  }
  assert.deepEqual(call.received.map((e) => e.revision), Array.from({ length: 20 }, (_, i) => i + 1));
  assert.equal(reg.count, 1);
  queue.close();
});

test('a call cancelled while the pipe waits for drain drops the watcher and ends the pipe', async () => {
  const reg = new WatchRegistry();
  const queue = reg.watch({ key: Buffer.from('/w/'), prefix: true, bufferSize: 4 });
  const call = new FakeCall(1);
  const done = pipeEvents(call, queue, (e) => e, () => 'closed');
  put(reg, 1);
  await turn();
  assert.equal(call.buffered.length, 1);
  call.cancelled = true;
  call.emit('cancelled');
  await done;
  assert.equal(reg.count, 0);
  assert.equal(call.ended, false, 'a cancelled call is not ended again');
  assert.equal(call.listenerCount('drain'), 0, 'no listener is left behind');
});

// Scenario: a client that stopped reading (its call's buffer is full, the pipe waits for 'drain')
// through 1000 PROGRESS rounds of a watcher whose queue holds 4 events, then 4 changes. Expectation:
// the watcher's queue holds one PROGRESS event at most, never more; the changes replace it and
// fill the queue without an overflow (a fifth would overflow, as before); once the client reads
// again it gets the call's buffer and the 4 changes, in revision order, and the watch goes on.
test('a stalled client through many PROGRESS rounds: one progress event at most is buffered, and it never causes an overflow', async () => {
  const reg = new WatchRegistry();
  const queue = reg.watch({ key: Buffer.from('/w/'), prefix: true, bufferSize: 4 });
  const call = new FakeCall(1);
  void pipeEvents(call, queue, (e) => e, () => 'closed');
  put(reg, 1);
  await turn();
  assert.equal(call.buffered.length, 1, 'the call is full: the pipe waits for drain');
  for (let i = 0; i < 1000; i++) {
    reg.progress(1);
    await turn();
    assert.ok(queue.pending <= 1, `round ${i}: ${queue.pending} events buffered`);
  }
  for (let i = 2; i <= 5; i++) put(reg, i);
  await turn();
  assert.equal(reg.count, 1, 'not canceled');
  assert.equal(queue.pending, 4);
  call.reading = true;
  call.read();
  await turn();
  assert.deepEqual(call.received.map((e) => `${e.type}:${e.revision}`), ['PUT:1', 'PUT:2', 'PUT:3', 'PUT:4', 'PUT:5']);
  reg.progress(5);
  await turn();
  assert.deepEqual(call.received.at(-1), { type: 'PROGRESS', key: Buffer.alloc(0), value: Buffer.alloc(0), revision: 5 });
  queue.close();
});
