/**
 * sendVoteRequests, sendClusterUpdate and the runtime's per-peer sends (requestVote, preVote,
 * timeoutNow, readIndex) against fake peers on 127.0.0.1 (issue 2 "Transport"; reference §2.6).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { RaftCtlError } from '../../../src/errors.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import type { VoteRequest } from '../../../src/transport/messages.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../../../src/transport/retry.js';
import type { Membership } from '../../../src/transport/types.js';
import { deadAddress, delay, fail, FakePeer, respond } from '../../harness/fake-peer.js';
import { ManualClock } from '../../harness/manual-clock.js';

const VOTE: VoteRequest = { term: 5, candidateId: 1, lastLogIndex: 10, lastLogTerm: 4 };
/** Short backoff, generous deadlines: only peers scripted to be slow ever time out. */
const FAST: RetryPolicy = { maxAttempts: 3, timeoutMs: 3000, baseDelayMs: 50, maxDelayMs: 5000, jitter: 0 };

let p2: FakePeer;
let p3: FakePeer;
let p4: FakePeer;
let dead: string;

before(async () => {
  [p2, p3, p4] = await Promise.all([FakePeer.start({ id: 2 }), FakePeer.start({ id: 3 }), FakePeer.start({ id: 4 })]);
  dead = await deadAddress();
});
after(() => Promise.all([p2.stop(), p3.stop(), p4.stop()]));

function cluster(extra: Membership['members'] = []): Membership {
  return {
    selfId: 1,
    members: [
      { id: 3, address: p3.address, role: 'voter' },
      { id: 1, address: '127.0.0.1:1', role: 'voter' },
      { id: 2, address: p2.address, role: 'voter' },
      { id: 4, address: p4.address, role: 'learner' },
      ...extra,
    ],
  };
}

describe('sendVoteRequests', () => {
  it('asks voters only, self and duplicate ids filtered, one result per voter in membership order', async () => {
    const t = new GrpcTransport();
    try {
      const before4 = p4.callsTo('RequestVote').length;
      const r = await t.sendVoteRequests(VOTE, FAST, cluster([{ id: 2, address: dead, role: 'voter' }]));
      assert.deepEqual(r.results.map((x) => [x.peerId, x.endpoint, x.attempts]), [[3, p3.address, 1], [2, p2.address, 1]]);
      assert.equal(r.results[0]!.response?.voteGranted, true);
      assert.equal(r.higherTerm, null);
      assert.equal(p4.callsTo('RequestVote').length, before4, 'the learner is not asked');
      const seen = p2.callsTo('RequestVote').at(-1)!.request as VoteRequest;
      assert.deepEqual([seen.term, seen.candidateId, seen.lastLogIndex, seen.lastLogTerm, seen.leadershipTransfer], [5, 1, 10, 4, false]);
    } finally {
      t.close();
    }
  });

  it('tolerates a down peer and a slow peer past its deadline, reporting each per peer', async () => {
    // Scenario: voter 2 is down, voter 3 answers after 10 s with a 1 s per-attempt deadline.
    // Expectation: both fail in their own result after 2 attempts each (Unreachable, Timeout),
    // voter 5 still grants.
    const clock = new ManualClock();
    const t = new GrpcTransport({ clock });
    p3.handle('RequestVote', delay(10_000));
    try {
      const m: Membership = { selfId: 1, members: [{ id: 2, address: dead, role: 'voter' }, { id: 3, address: p3.address, role: 'voter' }, { id: 5, address: p2.address, role: 'voter' }] };
      const r = await clock.drive(t.sendVoteRequests(VOTE, { ...FAST, maxAttempts: 2, timeoutMs: 1000 }, m));
      const [down, slow, ok] = r.results;
      assert.equal(down!.error?.code, 'UNREACHABLE');
      assert.equal(down!.attempts, 2);
      assert.equal(slow!.error?.code, 'TIMEOUT');
      assert.equal(slow!.attempts, 2);
      assert.equal(ok!.response?.voteGranted, true);
      assert.deepEqual([...clock.sleeps].sort((a, b) => a - b), [50, 50], 'one backoff sleep per failing peer');
    } finally {
      p3.handle('RequestVote', (req, ctx) => ctx.fallback());
      t.close();
    }
  });

  it('retries UNAVAILABLE with exact backoff delays on the injected clock (jitter drawn from the injected random)', async () => {
    const clock = new ManualClock();
    const t = new GrpcTransport({ clock, random: () => 0.5 });
    p2.queue('RequestVote', fail(status.UNAVAILABLE, 'not ready'), fail(status.UNAVAILABLE, 'not ready'));
    try {
      const m: Membership = { selfId: 1, members: [{ id: 2, address: p2.address, role: 'voter' }] };
      const pending = t.sendVoteRequests(VOTE, { ...DEFAULT_RETRY.election, timeoutMs: 3000 }, m);
      await clock.waitForSleepers(1);
      assert.deepEqual(clock.pending, [45]); // 50 ms − 0.2·0.5 jitter
      clock.advance(44);
      assert.deepEqual(clock.pending, [1], 'not due one ms early');
      clock.advance(1);
      await clock.waitForSleepers(1);
      assert.deepEqual(clock.pending, [90]);
      clock.advance(90);
      const r = await pending;
      assert.equal(r.results[0]!.attempts, 3);
      assert.equal(r.results[0]!.response?.voteGranted, true);
      assert.deepEqual(clock.sleeps, [45, 90]);
    } finally {
      t.close();
    }
  });

  it('does not retry an answer that cannot change (PERMISSION_DENIED)', async () => {
    const t = new GrpcTransport({ selfId: 1 });
    p2.queue('RequestVote', fail(status.PERMISSION_DENIED, 'learner'));
    try {
      const n = p2.callsTo('RequestVote').length;
      const r = await t.sendVoteRequests(VOTE, FAST, { members: [{ id: 2, address: p2.address, role: 'voter' }] });
      assert.equal(r.results[0]!.error?.details?.grpcCode, status.PERMISSION_DENIED);
      assert.equal(r.results[0]!.attempts, 1);
      assert.equal(p2.callsTo('RequestVote').length, n + 1);
    } finally {
      t.close();
    }
  });

  it('surfaces the highest term above the request term', async () => {
    const t = new GrpcTransport();
    p2.queue('RequestVote', respond({ term: 7, voteGranted: false }));
    p3.queue('RequestVote', respond({ term: 9, voteGranted: false }));
    try {
      const r = await t.sendVoteRequests(VOTE, FAST, cluster());
      assert.deepEqual(r.higherTerm, { peerId: 3, term: 9 });
    } finally {
      t.close();
    }
  });

  it('a vote whose candidate id is not a uint32 is a usage error per peer, sent to nobody and not retried (it went out as another candidate)', async () => {
    // Scenario: a library user passes candidateId 2^32+5 (or -1). Expectation: every peer's result
    // is a UsageError (exit 2, sent: false, 1 attempt) and no peer receives a vote; before, the
    // codec sent `value >>> 0`, a vote for candidate 5 (or 4294967295).
    const t = new GrpcTransport();
    try {
      for (const candidateId of [2 ** 32 + 5, -1]) {
        const before = p2.callsTo('RequestVote').length + p3.callsTo('RequestVote').length;
        const r = await t.sendVoteRequests({ ...VOTE, candidateId }, FAST, cluster());
        assert.deepEqual(
          r.results.map((x) => [x.peerId, x.error?.code, x.error?.exitCode, x.error?.details?.sent, x.attempts]),
          [[3, 'USAGE', 2, false, 1], [2, 'USAGE', 2, false, 1]],
        );
        assert.match(r.results[0]!.error!.message, new RegExp(`uint32 value ${candidateId} is not an integer in 0\\.\\.4294967295`));
        assert.equal(p2.callsTo('RequestVote').length + p3.callsTo('RequestVote').length, before, 'no peer received a vote');
      }
    } finally {
      t.close();
    }
  });

  it('a member address that is not host:port is a per-peer ConfigError, never dialled nor retried; a d-engine http:// scheme is dialled without it', async () => {
    // Scenario: a membership with malformed addresses (no port, port 0 or 99999, a bracket
    // missing, a space) and one written as d-engine writes addresses (http://host:port).
    // Expectation: the malformed ones fail at once with INVALID_CONFIG (exit 2, sent: false,
    // attempts 0), the others' results are unaffected, and the http:// one reaches its peer.
    // Before, each was dialled: UNREACHABLE (exit 4, "Name resolution failed", a port
    // RangeError), retried with backoff like a peer that is down; http://host:port never resolved.
    const t = new GrpcTransport();
    try {
      const bad = ['nohost', '127.0.0.1:0', '127.0.0.1:99999', '[::1', 'a b:1'];
      const m: Membership = {
        selfId: 1,
        members: [...bad.map((address, i) => ({ id: 10 + i, address, role: 'voter' as const })), { id: 2, address: `http://${p2.address}`, role: 'voter' }],
      };
      const before = p2.callsTo('RequestVote').length;
      const r = await t.sendVoteRequests(VOTE, FAST, m);
      assert.deepEqual(
        r.results.slice(0, bad.length).map((x) => [x.peerId, x.error?.code, x.error?.exitCode, x.error?.details?.sent, x.attempts]),
        bad.map((_, i) => [10 + i, 'INVALID_CONFIG', 2, false, 0]),
      );
      assert.match(r.results[0]!.error!.message, /^peer 10's address "nohost" is not host:port/);
      assert.equal(r.results[bad.length]!.response?.voteGranted, true);
      assert.equal(p2.callsTo('RequestVote').length, before + 1);
      await assert.rejects(t.requestVote(13, VOTE, m, { deadlineMs: 1000 }), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
      await assert.rejects(t.openReplicationStream(11, m, false), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
    } finally {
      t.close();
    }
  });

  it('the caller\'s signal bounds the whole fan-out: a slow peer\'s call is cancelled, a dead peer\'s backoff ends, the answered peer\'s result is kept', async () => {
    // Scenario: voters 2 (answers), 3 (slow: 5 s) and a dead one retried with d-engine's
    // membership policy (120 attempts, backoff sleeps on the manual clock). Expectation: once the
    // signal aborts the fan-out resolves at once with 2's grant, 3's call cancelled (TIMEOUT) and
    // the dead peer's last UNREACHABLE after one attempt; without a signal it waited for every
    // peer's whole policy (about two hours for the membership one).
    const clock = new ManualClock();
    const t = new GrpcTransport({ selfId: 1, clock });
    p3.queue('RequestVote', delay(5000));
    try {
      const m: Membership = { members: [{ id: 2, address: p2.address, role: 'voter' }, { id: 3, address: p3.address, role: 'voter' }, { id: 9, address: dead, role: 'voter' }] };
      const deadline = new AbortController();
      const [asked2, asked3] = [p2.callsTo('RequestVote').length, p3.callsTo('RequestVote').length];
      const pending = t.sendVoteRequests(VOTE, { ...DEFAULT_RETRY.membership, timeoutMs: 10_000 }, m, { signal: deadline.signal });
      await clock.waitForSleepers(1);
      // Both live peers have the vote (2 answers at once, 3 sits on it).
      while (p2.callsTo('RequestVote').length === asked2 || p3.callsTo('RequestVote').length === asked3) await new Promise((resolve) => setTimeout(resolve, 10));
      // 2's answer is in before the abort: a DiscoverLeader to 2 on the same control channel (one
      // HTTP/2 connection, frames in order) is answered after it. A fixed 50 ms sleep here let a
      // loaded machine abort before the grant was read, failing with [2, 'TIMEOUT', 1].
      await t.discoverLeader({ nodeId: 1 }, false, { members: [m.members[0]!] }, { deadlineMs: 10_000 });
      const started = performance.now();
      deadline.abort();
      const r = await pending;
      assert.ok(performance.now() - started < 2000, 'settles at once, not after the slow peer or the dead peer\'s policy');
      assert.deepEqual(r.results.map((x) => [x.peerId, x.response?.voteGranted ?? x.error?.code, x.attempts]), [[2, true, 1], [3, 'TIMEOUT', 1], [9, 'UNREACHABLE', 1]]);
      // An aborted signal before the call: nothing is sent, every peer fails at once.
      const calls = p2.callsTo('RequestVote').length;
      const none = await t.sendVoteRequests(VOTE, FAST, m, { signal: AbortSignal.abort() });
      assert.deepEqual(none.results.map((x) => [x.peerId, x.error?.code, x.attempts]), [[2, 'TIMEOUT', 0], [3, 'TIMEOUT', 0], [9, 'TIMEOUT', 0]]);
      assert.equal(p2.callsTo('RequestVote').length, calls);
    } finally {
      p3.clearQueues();
      t.close();
    }
  });

  it('rejects with a ConfigError when no voter remains, and on maxAttempts 0', async () => {
    const t = new GrpcTransport({ selfId: 1 });
    try {
      const onlyMe: Membership = { members: [{ id: 1, address: '127.0.0.1:1', role: 'voter' }, { id: 4, address: p4.address, role: 'learner' }] };
      await assert.rejects(t.sendVoteRequests(VOTE, FAST, onlyMe), (e: RaftCtlError) => e.code === 'INVALID_CONFIG' && /no voting peer/.test(e.message));
      await assert.rejects(t.sendVoteRequests(VOTE, FAST, { members: [] }), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
      await assert.rejects(t.sendVoteRequests(VOTE, { ...FAST, maxAttempts: 0 }, cluster()), (e: RaftCtlError) => e.code === 'INVALID_CONFIG' && /maxAttempts/.test(e.message));
    } finally {
      t.close();
    }
  });

  it('sends raftctl-cluster-id metadata when the transport has a cluster id, none otherwise', async () => {
    const withId = new GrpcTransport({ clusterId: 'prod-eu-1' });
    const without = new GrpcTransport();
    try {
      const m: Membership = { selfId: 1, members: [{ id: 2, address: p2.address, role: 'voter' }] };
      await withId.sendVoteRequests(VOTE, FAST, m);
      assert.equal(p2.callsTo('RequestVote').at(-1)!.metadata['raftctl-cluster-id'], 'prod-eu-1');
      await without.sendVoteRequests(VOTE, FAST, m);
      assert.equal(p2.callsTo('RequestVote').at(-1)!.metadata['raftctl-cluster-id'], undefined);
    } finally {
      withId.close();
      without.close();
    }
  });
});

describe('sendClusterUpdate', () => {
  const change = { id: 1, term: 3, version: 4, change: { addNode: { nodeId: 9, address: '10.0.0.9:9081', status: 1 } } };

  it('fans out to voters in order, reports higher terms and per-peer failures', async () => {
    const clock = new ManualClock();
    const t = new GrpcTransport({ selfId: 1, clock });
    p3.queue('UpdateClusterConf', respond({ id: 3, term: 8, version: 4, success: false, errorCode: 3 }));
    try {
      const m: Membership = { members: [{ id: 2, address: p2.address, role: 'voter' }, { id: 3, address: p3.address, role: 'voter' }, { id: 6, address: dead, role: 'voter' }, { id: 4, address: p4.address, role: 'learner' }] };
      const r = await clock.drive(t.sendClusterUpdate(change, { ...DEFAULT_RETRY.membership, maxAttempts: 2, timeoutMs: 3000, jitter: 0 }, m));
      assert.deepEqual(r.results.map((x) => x.peerId), [2, 3, 6]);
      assert.equal(r.results[0]!.response?.success, true);
      assert.equal(r.results[1]!.response?.errorCode, 3);
      assert.equal(r.results[2]!.error?.code, 'UNREACHABLE');
      assert.equal(r.results[2]!.attempts, 2);
      assert.deepEqual(clock.sleeps, [3000], 'membership policy: 3 s before the second attempt');
      assert.deepEqual(r.higherTerm, { peerId: 3, term: 8 });
      const seen = p2.callsTo('UpdateClusterConf').at(-1)!.request as typeof change;
      assert.equal(seen.change.addNode.address, '10.0.0.9:9081');
    } finally {
      t.close();
    }
  });

  it('rejects an empty voter list with a ConfigError', async () => {
    const t = new GrpcTransport({ selfId: 1 });
    try {
      await assert.rejects(t.sendClusterUpdate(change, DEFAULT_RETRY.membership, { members: [{ id: 1, address: 'a:1', role: 'voter' }] }), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
    } finally {
      t.close();
    }
  });
});

describe('per-peer sends: requestVote, preVote, timeoutNow, readIndex', () => {
  it('sends one call each on the control channel and maps failures', async () => {
    const t = new GrpcTransport({ selfId: 1 });
    const m = cluster();
    try {
      assert.equal((await t.requestVote(2, VOTE, m, { deadlineMs: 3000 })).voteGranted, true);
      assert.equal((await t.preVote(2, { ...VOTE, term: 6 }, m, { deadlineMs: 3000 })).term, 6);
      assert.equal(await t.timeoutNow(2, { term: 5, leaderId: 1 }, m, { deadlineMs: 3000 }), undefined);
      assert.deepEqual({ ...(p2.callsTo('TimeoutNow').at(-1)!.request as object) }, { term: 5, leaderId: 1 });
      const read = await t.readIndex(2, { term: 5, from: 1, ctx: 9 }, m, { deadlineMs: 3000 });
      assert.deepEqual([read.term, read.ctx, read.index, read.rejected], [5, 9, 1, false]);
      assert.deepEqual({ ...(p2.callsTo('ReadIndex').at(-1)!.request as object) }, { term: 5, from: 1, ctx: 9 });
      const ports = new Set(['RequestVote', 'PreVote', 'TimeoutNow', 'ReadIndex'].map((k) => p2.callsTo(k).at(-1)!.peer));
      assert.equal(ports.size, 1, 'all on one control connection');

      p2.queue('PreVote', delay(10_000));
      await assert.rejects(t.preVote(2, VOTE, m, { deadlineMs: 50 }), (e: RaftCtlError) => e.code === 'TIMEOUT');
      p2.queue('TimeoutNow', fail(status.UNIMPLEMENTED, 'd-engine node'));
      await assert.rejects(t.timeoutNow(2, { term: 5, leaderId: 1 }, m, { deadlineMs: 3000 }), (e: RaftCtlError) => e.details?.grpcCode === status.UNIMPLEMENTED);
      await assert.rejects(t.requestVote(1, VOTE, m, { deadlineMs: 3000 }), (e: RaftCtlError) => e.code === 'INVALID_CONFIG' && /this node/.test(e.message));
      await assert.rejects(t.requestVote(42, VOTE, m, { deadlineMs: 3000 }), (e: RaftCtlError) => e.code === 'INVALID_CONFIG' && /not in the membership/.test(e.message));

      const ac = new AbortController();
      p2.queue('RequestVote', delay(10_000));
      const cancelled = t.requestVote(2, VOTE, m, { deadlineMs: 5000, signal: ac.signal });
      setTimeout(() => ac.abort(), 20);
      await assert.rejects(cancelled, (e: RaftCtlError) => e.code === 'TIMEOUT' && e.details?.grpcCode === status.CANCELLED);
    } finally {
      t.close();
    }
  });

  it('close() ends a fan-out waiting in a backoff sleep and cancels calls in flight', async () => {
    const clock = new ManualClock();
    const t = new GrpcTransport({ selfId: 1, clock });
    p2.queue('RequestVote', fail(status.UNAVAILABLE, 'not ready'));
    p3.queue('RequestVote', delay(5000));
    try {
      const m: Membership = { members: [{ id: 2, address: p2.address, role: 'voter' }, { id: 3, address: p3.address, role: 'voter' }] };
      const pending = t.sendVoteRequests(VOTE, { ...DEFAULT_RETRY.membership, timeoutMs: 10_000 }, m);
      await clock.waitForSleepers(1);
      const started = performance.now();
      t.close();
      const r = await pending;
      assert.ok(performance.now() - started < 5000, 'settles without waiting out the 10 s deadline');
      assert.equal(r.results[0]!.error?.code, 'NOT_READY', 'the last error of the peer that was sleeping');
      assert.equal(r.results[0]!.attempts, 1);
      assert.equal(r.results[1]!.error?.code, 'TRANSPORT_CLOSED', 'the call in flight was cancelled');
    } finally {
      t.close();
    }
  });

  it('rejects every call after close()', async () => {
    const t = new GrpcTransport({ selfId: 1 });
    t.close();
    await assert.rejects(t.requestVote(2, VOTE, cluster(), { deadlineMs: 100 }), (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
    const views = await t.discoverLeader({ nodeId: 1, requesterAddress: '' }, false, [p2.address]);
    assert.equal(views[0]!.error?.code, 'TRANSPORT_CLOSED');
  });
});
