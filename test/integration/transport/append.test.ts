/**
 * Unary AppendEntries: sendAppendRequests and sendAppendRequest against fake peers (issue 2:
 * "per-peer FIFO, at most one unary AppendEntries outstanding per peer, concurrency across
 * peers, duplicates dropped, per-peer results, the append-entries retry policy").
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { RaftCtlError } from '../../../src/errors.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import type { AppendEntriesRequest, AppendEntriesResponse } from '../../../src/transport/messages.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../../../src/transport/retry.js';
import type { Membership } from '../../../src/transport/types.js';
import { deadAddress, delay, fail, FakePeer, respond, type Behaviour } from '../../harness/fake-peer.js';
import { ManualClock } from '../../harness/manual-clock.js';

const POLICY: RetryPolicy = { maxAttempts: 1, timeoutMs: 2000, baseDelayMs: 50, maxDelayMs: 1000, jitter: 0 };

function heartbeat(prevLogIndex: number, term = 3): AppendEntriesRequest {
  return { term, leaderId: 1, prevLogIndex, prevLogTerm: term, entries: [], leaderCommitIndex: 0 };
}

let p2: FakePeer;
let p3: FakePeer;
let dead: string;
before(async () => {
  [p2, p3] = await Promise.all([FakePeer.start({ id: 2 }), FakePeer.start({ id: 3 })]);
  dead = await deadAddress();
});
after(() => Promise.all([p2.stop(), p3.stop()]));

function membership(): Membership {
  return {
    selfId: 1,
    members: [
      { id: 1, address: '127.0.0.1:1', role: 'voter' },
      { id: 2, address: p2.address, role: 'voter' },
      { id: 3, address: p3.address, role: 'learner' },
      { id: 7, address: dead, role: 'voter' },
    ],
  };
}

/** A handler that records how many AppendEntries it is serving at once. */
function concurrencyProbe(maxDelayMs: number): { behaviour: Behaviour; max: () => number } {
  let active = 0;
  let max = 0;
  return {
    behaviour: async (req, ctx) => {
      active++;
      max = Math.max(max, active);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * (maxDelayMs + 1))));
      active--;
      return ctx.fallback();
    },
    max: () => max,
  };
}

describe('sendAppendRequests', () => {
  it('one result per distinct non-self peer in input order; duplicates and self dropped; learners included', async () => {
    const t = new GrpcTransport();
    try {
      const r = await t.sendAppendRequests([[3, heartbeat(30)], [1, heartbeat(10)], [2, heartbeat(20)], [3, heartbeat(99)], [2, heartbeat(98)]], POLICY, membership(), false);
      assert.deepEqual(r.results.map((x) => [x.peerId, x.endpoint, x.attempts]), [[3, p3.address, 1], [2, p2.address, 1]]);
      assert.equal(r.results[0]!.response?.success?.lastMatch?.index, 30, 'the first request for peer 3 was sent');
      assert.equal(r.results[1]!.response?.success?.lastMatch?.index, 20);
      assert.equal(r.higherTerm, null);
    } finally {
      t.close();
    }
  });

  it('reports an unknown peer, a down peer and a slow peer per peer without failing the others', async () => {
    const t = new GrpcTransport();
    p3.queue('AppendEntries', delay(10_000));
    try {
      const r = await t.sendAppendRequests([[2, heartbeat(1)], [42, heartbeat(1)], [7, heartbeat(1)], [3, heartbeat(1)]], { ...DEFAULT_RETRY.appendEntries, timeoutMs: 1000 }, membership(), false);
      const [ok, unknown, down, slow] = r.results;
      assert.equal(ok!.response?.nodeId, 2);
      assert.equal(unknown!.error?.code, 'INVALID_CONFIG');
      assert.equal(unknown!.attempts, 0);
      assert.equal(down!.error?.code, 'UNREACHABLE');
      assert.equal(down!.error?.details?.sent, false);
      assert.equal(slow!.error?.code, 'TIMEOUT', 'd-engine policy (one attempt), with a 1 s deadline');
      assert.equal(slow!.attempts, 1);
    } finally {
      t.close();
    }
  });

  it('surfaces a higher term from `higher_term` or from `term`', async () => {
    const t = new GrpcTransport();
    p2.queue('AppendEntries', respond({ nodeId: 2, term: 3, higherTerm: 6 }));
    p3.queue('AppendEntries', respond({ nodeId: 3, term: 5, conflict: { conflictIndex: 1 } }));
    try {
      const r = await t.sendAppendRequests([[2, heartbeat(1)], [3, heartbeat(1)]], POLICY, membership(), false);
      assert.deepEqual(r.higherTerm, { peerId: 2, term: 6 });
    } finally {
      t.close();
    }
  });

  it('rejects a list that is empty or names only this node', async () => {
    const t = new GrpcTransport();
    try {
      await assert.rejects(t.sendAppendRequests([], POLICY, membership(), false), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
      await assert.rejects(t.sendAppendRequests([[1, heartbeat(1)]], POLICY, membership(), false), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
    } finally {
      t.close();
    }
  });

  it('runs peers concurrently: each peer receives its append before the other peer has answered', async () => {
    // Each peer holds its answer until the other peer has received its request (bounded by
    // 2 s). Sequential sends could not satisfy both, so both answering "saw the other" proves
    // the two appends were outstanding at the same time.
    const t = new GrpcTransport();
    const arrived = (p: FakePeer): boolean => p.callsTo('AppendEntries').some((c) => (c.request as AppendEntriesRequest).prevLogIndex === 777);
    const waitFor = (other: FakePeer) => async (req: AppendEntriesRequest, ctx: { fallback: () => unknown }) => {
      const end = Date.now() + 2000;
      while (!arrived(other) && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      return arrived(other) ? ctx.fallback() : { nodeId: 0, term: 0 };
    };
    p2.queue('AppendEntries', waitFor(p3));
    p3.queue('AppendEntries', waitFor(p2));
    try {
      const r = await t.sendAppendRequests([[2, heartbeat(777)], [3, heartbeat(777)]], POLICY, membership(), false);
      assert.deepEqual(r.results.map((x) => x.response?.nodeId), [2, 3], 'both saw the other peer\'s request while holding their own');
    } finally {
      t.close();
    }
  });
});

describe('sendAppendRequest: per-peer FIFO', () => {
  it('keeps 200 concurrent appends to one peer in order, one outstanding at a time, each matched to its response', async () => {
    // Scenario: 200 appends to peer 2 issued at once while the peer answers after random delays,
    // interleaved with appends to peer 3. Expectation: peer 2 receives them in submission order,
    // never serves two at once, and every promise resolves with its own response.
    const t = new GrpcTransport({ selfId: 1, appendQueueCapacity: 256 });
    const probe2 = concurrencyProbe(2);
    const probe3 = concurrencyProbe(2);
    p2.handle('AppendEntries', probe2.behaviour);
    p3.handle('AppendEntries', probe3.behaviour);
    const firstSeen2 = p2.callsTo('AppendEntries').length;
    try {
      const m = membership();
      const sends: Promise<AppendEntriesResponse>[] = [];
      for (let i = 1; i <= 200; i++) {
        sends.push(t.sendAppendRequest(2, heartbeat(i), POLICY, m, false));
        if (i % 4 === 0) sends.push(t.sendAppendRequest(3, heartbeat(i), POLICY, m, false));
      }
      const responses = await Promise.all(sends);
      const order = p2.callsTo('AppendEntries').slice(firstSeen2).map((c) => (c.request as AppendEntriesRequest).prevLogIndex);
      assert.deepEqual(order, Array.from({ length: 200 }, (_, i) => i + 1));
      assert.equal(probe2.max(), 1, 'at most one unary AppendEntries outstanding per peer');
      assert.equal(probe3.max(), 1);
      const to2 = responses.filter((r) => r.nodeId === 2).map((r) => r.success?.lastMatch?.index);
      assert.deepEqual(to2, Array.from({ length: 200 }, (_, i) => i + 1));
    } finally {
      p2.handle('AppendEntries', (req, ctx) => ctx.fallback());
      p3.handle('AppendEntries', (req, ctx) => ctx.fallback());
      t.close();
    }
  });

  it('retries inside the peer\'s lane: a later append waits until the earlier one succeeded on retry', async () => {
    const clock = new ManualClock();
    const t = new GrpcTransport({ selfId: 1, clock });
    p2.queue('AppendEntries', fail(status.UNAVAILABLE, 'busy'));
    const n = p2.callsTo('AppendEntries').length;
    try {
      const policy: RetryPolicy = { ...DEFAULT_RETRY.appendEntries, maxAttempts: 2, timeoutMs: 2000, jitter: 0 };
      const first = t.sendAppendRequest(2, heartbeat(100), policy, membership(), false);
      const second = t.sendAppendRequest(2, heartbeat(101), policy, membership(), false);
      await clock.waitForSleepers(1);
      assert.deepEqual(clock.pending, [50]);
      assert.equal(p2.callsTo('AppendEntries').length, n + 1, 'the second append has not been sent during the backoff');
      clock.advance(50);
      assert.equal((await first).success?.lastMatch?.index, 100);
      assert.equal((await second).success?.lastMatch?.index, 101);
      const order = p2.callsTo('AppendEntries').slice(n).map((c) => (c.request as AppendEntriesRequest).prevLogIndex);
      assert.deepEqual(order, [100, 100, 101]);
      assert.deepEqual(clock.sleeps, [50]);
    } finally {
      t.close();
    }
  });

  it('bounds each peer\'s lane (APPEND_QUEUE_FULL) and rejects queued appends on close (TRANSPORT_CLOSED)', async () => {
    const t = new GrpcTransport({ selfId: 1, appendQueueCapacity: 2 });
    p2.queue('AppendEntries', delay(300));
    try {
      const m = membership();
      const a = t.sendAppendRequest(2, heartbeat(1), POLICY, m, false);
      const b = t.sendAppendRequest(2, heartbeat(2), POLICY, m, false);
      await assert.rejects(t.sendAppendRequest(2, heartbeat(3), POLICY, m, false), (e: RaftCtlError) => e.code === 'APPEND_QUEUE_FULL');
      const other = await t.sendAppendRequest(3, heartbeat(3), POLICY, m, false);
      assert.equal(other.nodeId, 3, 'another peer is unaffected');
      const fanOut = await t.sendAppendRequests([[2, heartbeat(4)], [3, heartbeat(4)]], POLICY, m, false);
      assert.deepEqual(fanOut.results.map((r) => [r.peerId, r.error?.code, r.attempts]), [[2, 'APPEND_QUEUE_FULL', 0], [3, undefined, 1]]);
      t.close();
      await assert.rejects(b, (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
      await a.catch(() => undefined);
    } finally {
      t.close();
    }
  });

  it('the caller\'s signal ends a fan-out: an append queued behind another is not sent, a running one is cancelled', async () => {
    // Scenario: peer 2's lane is busy with a slow append from another caller (1.5 s); a fan-out to
    // peers 2 and 3 (3 slow too) runs with a signal that aborts after 200 ms. Expectation: the
    // fan-out resolves at once: 2's append fails without being sent (TIMEOUT, sent: false,
    // attempts 0) and never reaches the peer, 3's running call is cancelled (TIMEOUT, 1 attempt);
    // the other caller's append is unaffected.
    const t = new GrpcTransport({ selfId: 1 });
    p2.queue('AppendEntries', delay(1500));
    p3.queue('AppendEntries', delay(3000));
    try {
      const busy = t.sendAppendRequest(2, heartbeat(90_100), POLICY, membership(), false);
      await waitFor(() => p2.callsTo('AppendEntries').some((c) => (c.request as AppendEntriesRequest).prevLogIndex === 90_100));
      const started = performance.now();
      const r = await t.sendAppendRequests([[2, heartbeat(90_101)], [3, heartbeat(90_102)]], POLICY, membership(), false, { signal: AbortSignal.timeout(200) });
      assert.ok(performance.now() - started < 1500, 'resolves when the signal aborts');
      assert.deepEqual(r.results.map((x) => [x.peerId, x.error?.code, x.error?.details?.sent, x.attempts]), [[2, 'TIMEOUT', false, 0], [3, 'TIMEOUT', true, 1]]);
      assert.ok(await busy, 'the other caller\'s append still completes');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(p2.callsTo('AppendEntries').filter((c) => (c.request as AppendEntriesRequest).prevLogIndex === 90_101).length, 0, 'the cancelled append was never sent');
    } finally {
      p2.clearQueues();
      p3.clearQueues();
      t.close();
    }
  });

  it('rejects self, unknown peers and a bad policy with ConfigError', async () => {
    const t = new GrpcTransport({ selfId: 1 });
    try {
      await assert.rejects(t.sendAppendRequest(1, heartbeat(1), POLICY, membership(), false), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
      await assert.rejects(t.sendAppendRequest(9, heartbeat(1), POLICY, membership(), false), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
      await assert.rejects(t.sendAppendRequest(2, heartbeat(1), { ...POLICY, timeoutMs: 0 }, membership(), false), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
    } finally {
      t.close();
    }
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
