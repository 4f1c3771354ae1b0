/**
 * openReplicationStream against a fake peer: FIFO matching under load, the bounded sender
 * (capacity 128, backpressure), breaks (status, network, peer restart, protocol violation) and
 * reconnecting (issue 2; reference §2.1, §3.2).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { RaftCtlError } from '../../../src/errors.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import type { AppendEntriesRequest, AppendEntriesResponse } from '../../../src/transport/messages.js';
import { StreamBrokenError } from '../../../src/transport/replication-stream.js';
import type { Membership, ReplicationStream } from '../../../src/transport/types.js';
import { deadAddress, FakePeer, type StreamControl } from '../../harness/fake-peer.js';

function append(prevLogIndex: number, entries = 0): AppendEntriesRequest {
  return {
    term: 2,
    leaderId: 1,
    prevLogIndex,
    prevLogTerm: 2,
    leaderCommitIndex: 0,
    entries: Array.from({ length: entries }, (_, i) => ({ index: prevLogIndex + i + 1, term: 2, payload: { command: new Uint8Array(256).fill(i) } })),
  };
}

const answered = (r: AppendEntriesResponse): number => r.success?.lastMatch?.index ?? -1;

let peer: FakePeer;
let m: Membership;
before(async () => {
  peer = await FakePeer.start({ id: 2 });
  m = { selfId: 1, members: [{ id: 2, address: peer.address, role: 'voter' }] };
});
after(() => peer.stop());

/** Collects the order in which sends settle and how. */
function track(sends: Promise<AppendEntriesResponse>[]): Promise<Array<{ i: number; ok: boolean; err?: RaftCtlError }>> {
  const order: Array<{ i: number; ok: boolean; err?: RaftCtlError }> = [];
  return Promise.all(sends.map((p, i) => p.then(() => order.push({ i, ok: true }), (err: RaftCtlError) => order.push({ i, ok: false, err })))).then(() => order);
}

describe('replication stream', () => {
  it('matches 2000 pipelined requests to their responses in FIFO order, never more than 128 in flight', async () => {
    const t = new GrpcTransport({ selfId: 1, clusterId: 'c-1' });
    try {
      const stream = await t.openReplicationStream(2, m, false);
      assert.equal(stream.capacity, 128);
      const first = peer.callsTo('StreamAppendEntries').length;
      let maxInflight = 0;
      const sends: Promise<AppendEntriesResponse>[] = [];
      for (let i = 0; i < 2000; i++) {
        sends.push(stream.send(append(i * 3, i % 3)));
        maxInflight = Math.max(maxInflight, stream.inflight);
        if (i % 100 === 0) await new Promise((r) => setImmediate(r));
      }
      const responses = await Promise.all(sends);
      assert.deepEqual(responses.map(answered), Array.from({ length: 2000 }, (_, i) => i * 3 + (i % 3)));
      assert.ok(maxInflight <= 128, `inflight reached ${maxInflight}`);
      const got = peer.callsTo('StreamAppendEntries').slice(first);
      assert.deepEqual(got.map((c) => (c.request as AppendEntriesRequest).prevLogIndex), Array.from({ length: 2000 }, (_, i) => i * 3));
      assert.equal(new Set(got.map((c) => c.streamNo)).size, 1, 'one persistent stream');
      assert.equal(got[0]!.metadata['raftctl-cluster-id'], 'c-1');
      stream.close();
      assert.equal(await stream.closed, null);
    } finally {
      t.close();
    }
  });

  it('applies backpressure: with the peer silent, 128 requests are written and the rest wait in order', async () => {
    const held: Array<{ ctl: StreamControl; req: AppendEntriesRequest }> = [];
    peer.streamBehaviour = (req, ctl) => void held.push({ ctl, req });
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const stream = (await t.openReplicationStream(2, m, false)) as ReplicationStream & { waiting: number };
      const sends = Array.from({ length: 200 }, (_, i) => stream.send(append(i)));
      await waitUntil(() => held.length === 128);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(held.length, 128, 'the peer received exactly the window');
      assert.equal(stream.inflight, 128);
      assert.equal(stream.waiting, 72);
      for (let k = 0; k < 10; k++) held[k]!.ctl.respond(held[k]!.ctl.fallback());
      await waitUntil(() => held.length === 138);
      assert.equal(stream.inflight, 128);
      for (let k = 10; k < 200; k++) {
        await waitUntil(() => held.length > k);
        held[k]!.ctl.respond(held[k]!.ctl.fallback());
      }
      assert.deepEqual((await Promise.all(sends)).map(answered), Array.from({ length: 200 }, (_, i) => i));
      stream.close();
    } finally {
      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      t.close();
    }
  });

  it('a stream the peer fails rejects every pending send in order with STREAM_BROKEN; a new stream works', async () => {
    // Scenario: the peer answers requests 0–2, then fails the stream on request 5 without
    // answering 3–5. Expectation: 0–2 resolve; 3, 4, 5 and the sends still waiting reject in
    // order; `closed` resolves with the error; reopening gives a working stream.
    peer.streamBehaviour = (req, ctl) => {
      if (ctl.streamNo === peer.streamsOpened && ctl.seq < 3) ctl.respond(ctl.fallback());
      if (ctl.seq === 5) ctl.fail(status.UNAVAILABLE, 'leader changed its mind');
    };
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const stream = await t.openReplicationStream(2, m, false);
      const order = await track(Array.from({ length: 8 }, (_, i) => stream.send(append(i))));
      assert.deepEqual(order.map((o) => [o.i, o.ok]), [[0, true], [1, true], [2, true], [3, false], [4, false], [5, false], [6, false], [7, false]]);
      const err = order[3]!.err!;
      assert.ok(err instanceof StreamBrokenError);
      assert.equal(err.code, 'STREAM_BROKEN');
      assert.match(err.message, /peer 2 .* broke: .*leader changed its mind/);
      const closed = await stream.closed;
      assert.equal(closed, err);
      await assert.rejects(stream.send(append(99)), (e: RaftCtlError) => e.code === 'STREAM_BROKEN');

      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      const again = await t.openReplicationStream(2, m, false);
      assert.equal(answered(await again.send(append(40, 2))), 42);
      again.close();
      assert.equal(await again.closed, null);
    } finally {
      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      t.close();
    }
  });

  it('a network break rejects pending sends; the next open reconnects on a new connection', async () => {
    const held: StreamControl[] = [];
    peer.streamBehaviour = (req, ctl) => void held.push(ctl);
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const stream = await t.openReplicationStream(2, m, false);
      const sends = [stream.send(append(1)), stream.send(append(2))];
      await waitUntil(() => held.length === 2);
      const connections = peer.wire.connections;
      peer.sever();
      const order = await track(sends);
      assert.deepEqual(order.map((o) => [o.i, o.ok, o.err?.code]), [[0, false, 'STREAM_BROKEN'], [1, false, 'STREAM_BROKEN']]);
      assert.ok((await stream.closed) instanceof StreamBrokenError);

      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      const again = await t.openReplicationStream(2, m, false);
      assert.equal(answered(await again.send(append(7))), 7);
      assert.ok(peer.wire.connections > connections, 'a new TCP connection');
      again.close();
    } finally {
      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      t.close();
    }
  });

  it('a peer that stops answering breaks the stream after the response timeout; the next open dials a new connection', async () => {
    // A frozen peer keeps its TCP connection open, so only the response timeout notices it
    // (HTTP/2 keepalive would take up to 150 s on the data class).
    peer.streamBehaviour = () => undefined;
    const t = new GrpcTransport({ selfId: 1, replicationResponseTimeoutMs: 200 });
    try {
      const stream = await t.openReplicationStream(2, m, false);
      const connections = peer.wire.connections;
      const started = performance.now();
      const order = await track([stream.send(append(1)), stream.send(append(2))]);
      const waited = performance.now() - started;
      assert.deepEqual(order.map((o) => [o.i, o.ok, o.err?.code]), [[0, false, 'STREAM_BROKEN'], [1, false, 'STREAM_BROKEN']]);
      assert.match(order[0]!.err!.message, /peer 2 .* broke: no answer within 200 ms/);
      assert.equal(order[0]!.err!.details?.responseTimeout, true);
      assert.ok(waited >= 190 && waited < 5_000, `broke after ${waited.toFixed(0)} ms`);
      assert.ok((await stream.closed) instanceof StreamBrokenError);

      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      const again = await t.openReplicationStream(2, m, false);
      assert.equal(answered(await again.send(append(7))), 7);
      assert.ok(peer.wire.connections > connections, 'the data connection was redialled');
      again.close();
    } finally {
      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      t.close();
    }
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => new GrpcTransport({ replicationResponseTimeoutMs: bad }), (e: RaftCtlError) => e.code === 'INVALID_CONFIG' && e.exitCode === 2, `replicationResponseTimeoutMs ${bad}`);
    }
  });

  it('while the peer is down, opening fails with UnreachableError; after it is back, opening works', async () => {
    const t = new GrpcTransport({ selfId: 1, streamConnectTimeoutMs: 150 });
    const patient = new GrpcTransport({ selfId: 1 });
    const nowhere = await deadAddress();
    try {
      await assert.rejects(t.openReplicationStream(3, { members: [{ id: 3, address: nowhere, role: 'voter' }] }, false), (e: RaftCtlError) => e.code === 'UNREACHABLE' && e.message.includes(nowhere));
      await peer.kill();
      await assert.rejects(t.openReplicationStream(2, m, false), (e: RaftCtlError) => e.code === 'UNREACHABLE');
      await peer.revive();
      const stream = await patient.openReplicationStream(2, m, false);
      assert.equal(answered(await stream.send(append(5))), 5);
      stream.close();
    } finally {
      await peer.revive();
      t.close();
      patient.close();
    }
  });

  it('a response with no request pending is a protocol violation that breaks the stream', async () => {
    peer.streamBehaviour = (req, ctl) => {
      ctl.respond(ctl.fallback());
      ctl.respond(ctl.fallback());
    };
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const stream = await t.openReplicationStream(2, m, false);
      assert.equal(answered(await stream.send(append(3))), 3);
      const closed = await withTimeout(stream.closed);
      assert.ok(closed instanceof StreamBrokenError);
      assert.equal(closed.details?.protocolViolation, true);
      assert.equal((closed.cause as RaftCtlError).code, 'PROTOCOL_VIOLATION');
    } finally {
      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      t.close();
    }
  });

  it('the peer ending the stream (OK status) unasked is a break (closing it ourselves resolves closed with null, test 1)', async () => {
    peer.streamBehaviour = (req, ctl) => {
      ctl.respond(ctl.fallback());
      if (ctl.seq === 1) ctl.end();
    };
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const stream = await t.openReplicationStream(2, m, false);
      await stream.send(append(1));
      await stream.send(append(2));
      const closed = await withTimeout(stream.closed);
      assert.ok(closed instanceof StreamBrokenError);
      assert.match(closed.message, /ended the replication stream/);
    } finally {
      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      t.close();
    }
  });

  it('a request that does not encode is refused alone (USAGE, sent: false); the stream goes on and the requests around it are answered in order', async () => {
    // Scenario: a library user sends a request with leader id -3 between good ones. Expectation:
    // that send rejects with a UsageError and is never written; the others are answered, in FIFO
    // order, on the same stream. Before, grpc-js's encoder cancelled the call: the stream broke
    // and the requests already written lost their answers.
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const stream = await t.openReplicationStream(2, m, true);
      const before = peer.callsTo('StreamAppendEntries').length;
      const sends = [stream.send(append(10)), stream.send(append(11)), stream.send({ ...append(12), leaderId: -3 }), stream.send(append(13))];
      const settled = await Promise.allSettled(sends);
      assert.deepEqual(settled.map((r) => (r.status === 'fulfilled' ? answered(r.value) : (r.reason as RaftCtlError).code)), [10, 11, 'USAGE', 13]);
      const refused = (settled[2] as PromiseRejectedResult).reason as RaftCtlError;
      assert.equal(refused.exitCode, 2);
      assert.equal(refused.details?.sent, false);
      assert.match(refused.message, /cannot be encoded, so nothing was sent: uint32 value -3/);
      assert.deepEqual(peer.callsTo('StreamAppendEntries').slice(before).map((c) => (c.request as AppendEntriesRequest).prevLogIndex), [10, 11, 13]);
      assert.equal(stream.inflight, 0);
      stream.close();
      assert.equal(await stream.closed, null, 'the stream was never broken');
    } finally {
      t.close();
    }
  });

  it('transport.close() aborts open streams: pending sends reject, closed resolves with the error', async () => {
    peer.streamBehaviour = () => undefined;
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const stream = await t.openReplicationStream(2, m, false);
      const pending = stream.send(append(1));
      t.close();
      await assert.rejects(pending, (e: RaftCtlError) => e.code === 'STREAM_BROKEN' && /aborted: the transport is closed$/.test(e.message) && e.details?.transportClosed === true && (e.cause as RaftCtlError).code === 'TRANSPORT_CLOSED');
      assert.ok((await stream.closed) instanceof StreamBrokenError);
      await assert.rejects(t.openReplicationStream(2, m, false), (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
    } finally {
      peer.streamBehaviour = (req, ctl) => ctl.respond(ctl.fallback());
      t.close();
    }
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

function withTimeout<T>(p: Promise<T>, ms = 3000): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}
