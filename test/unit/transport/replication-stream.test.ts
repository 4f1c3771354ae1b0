/**
 * GrpcReplicationStream over a scripted duplex call (no network): the window, HTTP/2
 * write backpressure, FIFO matching, breaks, protocol violations, close and abort.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { RaftCtlError } from '../../../src/errors.js';
import type { AppendEntriesRequest, AppendEntriesResponse } from '../../../src/transport/messages.js';
import { GrpcReplicationStream, StreamBrokenError, type DuplexCall } from '../../../src/transport/replication-stream.js';
import { ManualClock } from '../../harness/manual-clock.js';

class FakeCall extends EventEmitter implements DuplexCall<AppendEntriesRequest> {
  readonly written: AppendEntriesRequest[] = [];
  ended = false;
  cancelled = false;
  /** What write() returns (false = the HTTP/2 buffer is full). */
  writable = true;
  write(message: AppendEntriesRequest): boolean {
    this.written.push(message);
    return this.writable;
  }
  end(): void {
    this.ended = true;
  }
  cancel(): void {
    this.cancelled = true;
    this.fail(status.CANCELLED, 'Cancelled on client');
  }
  answer(index: number): void {
    this.emit('data', { nodeId: 2, term: 1, success: { lastMatch: { index, term: 1 } } } satisfies AppendEntriesResponse);
  }
  fail(code: status, details: string): void {
    this.emit('error', Object.assign(new Error(details), { code, details, metadata: undefined }));
    this.emit('status', { code, details });
  }
  finishOk(): void {
    this.emit('end');
    this.emit('status', { code: status.OK, details: 'OK' });
  }
}

const req = (prevLogIndex: number): AppendEntriesRequest => ({ term: 1, leaderId: 1, prevLogIndex, prevLogTerm: 1, entries: [], leaderCommitIndex: 0 });
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const idx = (r: AppendEntriesResponse): number => r.success?.lastMatch?.index ?? -1;

function open(capacity = 2): { call: FakeCall; stream: GrpcReplicationStream; finished: Array<RaftCtlError | null> } {
  const call = new FakeCall();
  const finished: Array<RaftCtlError | null> = [];
  const stream = new GrpcReplicationStream(call, { peerId: 2, endpoint: 'h:2', capacity, closeGraceMs: 30, onFinished: (e) => finished.push(e) });
  return { call, stream, finished };
}

describe('GrpcReplicationStream', () => {
  it('writes at most `capacity` requests; the rest wait in order and go out as responses arrive', async () => {
    const { call, stream } = open(2);
    const sends = [1, 2, 3, 4].map((i) => stream.send(req(i)));
    assert.deepEqual(call.written.map((r) => r.prevLogIndex), [1, 2]);
    assert.equal(stream.inflight, 2);
    assert.equal(stream.waiting, 2);
    call.answer(1);
    assert.deepEqual(call.written.map((r) => r.prevLogIndex), [1, 2, 3]);
    call.answer(2);
    call.answer(3);
    call.answer(4);
    assert.deepEqual((await Promise.all(sends)).map(idx), [1, 2, 3, 4]);
    assert.equal(stream.inflight, 0);
    assert.equal(stream.capacity, 2);
    assert.equal(new GrpcReplicationStream(new FakeCall(), { peerId: 2, endpoint: 'h:2' }).capacity, 128);
    assert.throws(() => new GrpcReplicationStream(new FakeCall(), { peerId: 2, endpoint: 'h:2', capacity: 0 }), RangeError);
  });

  it('holds further writes while the HTTP/2 buffer is full, until drain', async () => {
    const { call, stream } = open(10);
    call.writable = false;
    const a = stream.send(req(1));
    const b = stream.send(req(2));
    assert.equal(call.written.length, 1);
    assert.equal(stream.waiting, 1);
    call.writable = true;
    call.emit('drain');
    assert.equal(call.written.length, 2);
    call.answer(1);
    call.answer(2);
    assert.deepEqual([idx(await a), idx(await b)], [1, 2]);
  });

  it('on a non-OK status rejects written then waiting sends in order and resolves closed with the error', async () => {
    const { call, stream, finished } = open(2);
    const order: number[] = [];
    const sends = [1, 2, 3].map((i) => stream.send(req(i)).catch((e: RaftCtlError) => { order.push(i); return e; }));
    call.fail(status.UNAVAILABLE, 'Connection dropped');
    const errors = await Promise.all(sends);
    assert.deepEqual(order, [1, 2, 3]);
    const closed = await stream.closed;
    assert.ok(closed instanceof StreamBrokenError);
    assert.equal(closed.code, 'STREAM_BROKEN');
    assert.equal(closed.exitCode, 4);
    assert.equal(closed.details?.grpcCode, status.UNAVAILABLE);
    assert.ok(errors.every((e) => e === closed));
    assert.deepEqual(finished, [closed]);
    await assert.rejects(stream.send(req(9)), (e: RaftCtlError) => e === closed);
  });

  it('a response with nothing pending is a protocol violation: the call is cancelled and the stream broken', async () => {
    const { call, stream } = open(2);
    call.answer(5);
    const closed = await stream.closed;
    assert.ok(closed instanceof StreamBrokenError);
    assert.equal(closed.details?.protocolViolation, true);
    assert.equal((closed.cause as RaftCtlError).code, 'PROTOCOL_VIOLATION');
    assert.equal(call.cancelled, true);
  });

  it('the peer ending the stream unasked is a break, even with nothing pending', async () => {
    const { call, stream } = open(2);
    call.finishOk();
    const closed = await stream.closed;
    assert.match(closed!.message, /ended the replication stream$/);
  });

  it('close() half-closes, lets pending sends be answered, then resolves closed with null', async () => {
    const { call, stream, finished } = open(1);
    const a = stream.send(req(1));
    const waiting = stream.send(req(2));
    stream.close();
    assert.equal(call.ended, true);
    await assert.rejects(waiting, (e: RaftCtlError) => e.code === 'STREAM_BROKEN' && /closed before this request was sent/.test(e.message));
    await assert.rejects(stream.send(req(3)), (e: RaftCtlError) => e.code === 'STREAM_BROKEN' && /is closed/.test(e.message));
    call.answer(1);
    assert.equal(idx(await a), 1);
    call.finishOk();
    assert.equal(await stream.closed, null);
    assert.deepEqual(finished, [null]);
  });

  it('close() cancels the call after the grace period if the peer never finishes; unanswered sends reject', async () => {
    const { call, stream } = open(2);
    const a = stream.send(req(1));
    stream.close();
    await assert.rejects(a, (e: RaftCtlError) => e.code === 'STREAM_BROKEN' && /closed before this request was answered/.test(e.message));
    assert.equal(call.cancelled, true);
    assert.equal(await stream.closed, null);
  });

  it('abort() cancels at once and rejects pending sends with the given reason', async () => {
    const { call, stream } = open(2);
    const a = stream.send(req(1));
    const reason = new StreamBrokenError('shutting down');
    stream.abort(reason);
    await assert.rejects(a, (e: unknown) => e === reason);
    assert.equal(await stream.closed, reason);
    assert.equal(call.cancelled, true);
    await tick();
  });
});

describe('GrpcReplicationStream abort after close', () => {
  it('abort() of a stream being closed (the transport closing) rejects what is unanswered but resolves closed with null: it was closed, not broken', async () => {
    const { call, stream, finished } = open(2);
    const a = stream.send(req(1));
    stream.close();
    const reason = new StreamBrokenError('the transport is closed');
    stream.abort(reason);
    await assert.rejects(a, (e: unknown) => e === reason);
    assert.equal(await stream.closed, null);
    assert.deepEqual(finished, [null]);
    assert.equal(call.cancelled, true);
  });
});

describe('GrpcReplicationStream response timeout (injected clock)', () => {
  function timed(timeoutMs: number): { call: FakeCall; stream: GrpcReplicationStream; clock: ManualClock; finished: Array<RaftCtlError | null> } {
    const call = new FakeCall();
    const clock = new ManualClock();
    const finished: Array<RaftCtlError | null> = [];
    const stream = new GrpcReplicationStream(call, { peerId: 2, endpoint: 'h:2', capacity: 128, responseTimeoutMs: timeoutMs, clock, onFinished: (e) => finished.push(e) });
    return { call, stream, clock, finished };
  }

  it('answers that keep coming never trip it; the watchdog sleeps once per period, not once per request', async () => {
    const { call, stream, clock, finished } = timed(1000);
    for (let i = 1; i <= 300; i++) {
      const sent = stream.send(req(i));
      clock.advance(10);
      call.answer(i);
      assert.equal(idx(await sent), i);
      await tick();
    }
    assert.equal(clock.now(), 3000);
    assert.deepEqual(finished, []);
    assert.ok(clock.sleeps.length <= 6, `${clock.sleeps.length} sleeps for 300 requests`);
    stream.close();
  });

  it('the oldest request unanswered for the timeout aborts the stream: every send rejects with STREAM_BROKEN marked responseTimeout, the call is cancelled', async () => {
    const { call, stream, clock, finished } = timed(1000);
    const first = stream.send(req(1));
    clock.advance(400);
    const second = stream.send(req(2));
    const outcomes = Promise.allSettled([first, second]);
    await tick();
    clock.advance(599);
    await tick();
    assert.equal(call.cancelled, false, '999 ms: not yet');
    clock.advance(1);
    await tick();
    await tick(); // the watchdog reads waiting answers for one turn before it judges
    assert.equal(call.cancelled, true);
    for (const o of await outcomes) {
      assert.equal(o.status, 'rejected');
      const e = (o as PromiseRejectedResult).reason as RaftCtlError;
      assert.ok(e instanceof StreamBrokenError && e.details?.responseTimeout === true && /no answer within 1000 ms/.test(e.message), String(e));
    }
    assert.equal(finished.length, 1);
    assert.equal(finished[0]?.details?.responseTimeout, true);
    assert.deepEqual(clock.pending, [], 'no sleep left behind');
  });

  it('a follower that keeps answering a backlog never trips it, though its oldest requests were written long before', async () => {
    const { call, stream, clock, finished } = timed(1000);
    const sends = Array.from({ length: 10 }, (_, i) => stream.send(req(i + 1)));
    for (let i = 1; i <= 10; i++) {
      clock.advance(300); // one answer every 300 ms: the 10th request waits 3 s in all
      await tick();
      call.answer(i);
      await tick();
    }
    assert.deepEqual((await Promise.all(sends)).map(idx), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(finished, []);
    assert.equal(call.cancelled, false);
    stream.close();
  });

  it('after the deadline passed while this process stalled, an answer already waiting to be read is taken before the stream is judged', async () => {
    const { call, stream, clock, finished } = timed(1000);
    const a = stream.send(req(1));
    const b = stream.send(req(2)).then(() => null, (e: RaftCtlError) => e);
    await tick();
    setImmediate(() => call.answer(1)); // in the socket, read in the same turn as the timer fires
    clock.advance(1500);
    assert.equal(idx(await a), 1);
    await tick();
    await tick();
    assert.equal(call.cancelled, false, 'the answer restarted the timeout');
    assert.deepEqual(finished, []);
    clock.advance(1000);
    await tick();
    await tick();
    assert.equal(call.cancelled, true, 'silent for 1000 ms after that answer');
    assert.equal((await b)?.details?.responseTimeout, true);
  });

  it('the timeout counts from when a request is written, not from when it waited for room in the window', async () => {
    const call = new FakeCall();
    const clock = new ManualClock();
    const stream = new GrpcReplicationStream(call, { peerId: 2, endpoint: 'h:2', capacity: 1, responseTimeoutMs: 1000, clock });
    const a = stream.send(req(1));
    const b = stream.send(req(2)); // waits for room
    clock.advance(900);
    call.answer(1);
    assert.equal(idx(await a), 1);
    await tick();
    clock.advance(900); // b was written 900 ms ago
    await tick();
    assert.equal(call.cancelled, false);
    call.answer(2);
    assert.equal(idx(await b), 2);
    stream.close();
  });

  it('a closed or broken stream leaves no watchdog sleeping; 0 disables the timeout', async () => {
    const { call, stream, clock } = timed(1000);
    void stream.send(req(1)).catch(() => undefined);
    await tick();
    assert.equal(clock.pending.length, 1);
    call.fail(status.UNAVAILABLE, 'gone');
    await tick();
    assert.deepEqual(clock.pending, []);

    const off = timed(0);
    const sent = off.stream.send(req(1));
    await tick();
    assert.deepEqual(off.clock.pending, []);
    off.call.answer(1);
    assert.equal(idx(await sent), 1);
    assert.throws(() => new GrpcReplicationStream(new FakeCall(), { peerId: 2, endpoint: 'h:2', responseTimeoutMs: -1 }), RangeError);
  });
});
