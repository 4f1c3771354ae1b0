/**
 * discoverLeader and joinCluster against fake peers (issue 2; reference §3.7, §3.8).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { RaftCtlError } from '../../../src/errors.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import { chooseLeader } from '../../../src/transport/membership.js';
import type { JoinRequest } from '../../../src/transport/messages.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../../../src/transport/retry.js';
import { TRAILER } from '../../../src/transport/status.js';
import type { Membership } from '../../../src/transport/types.js';
import { deadAddress, delay, fail, FakePeer, respond } from '../../harness/fake-peer.js';
import { ManualClock } from '../../harness/manual-clock.js';

let p2: FakePeer;
let p3: FakePeer;
let p4: FakePeer;
let dead: string;
before(async () => {
  [p2, p3, p4] = await Promise.all([FakePeer.start({ id: 2 }), FakePeer.start({ id: 3 }), FakePeer.start({ id: 4 })]);
  dead = await deadAddress();
});
after(() => Promise.all([p2.stop(), p3.stop(), p4.stop()]));
beforeEach(() => {
  for (const p of [p2, p3, p4]) for (const m of ['DiscoverLeader', 'JoinCluster', 'GetClusterMetadata']) p.handle(m, (req, ctx) => ctx.fallback());
});

const JOIN: JoinRequest = { nodeId: 9, nodeRole: 4, address: '10.0.0.9:9081', status: 1 };
/** d-engine's join policy without jitter and with a generous per-attempt deadline. */
const JOIN_POLICY: RetryPolicy = { ...DEFAULT_RETRY.joinCluster, timeoutMs: 3000, jitter: 0 };

/** The joiner's view: voters 2, 3 (and 4 when given), itself as a learner. */
function joinerMembership(withP4 = false): Membership {
  return {
    selfId: 9,
    members: [
      { id: 2, address: p2.address, role: 'voter' },
      { id: 3, address: p3.address, role: 'voter' },
      ...(withP4 ? [{ id: 4, address: p4.address, role: 'voter' as const }] : []),
      { id: 9, address: JOIN.address!, role: 'learner' },
    ],
  };
}

/** Every fake peer names `leader` at `term`. */
function everyoneSays(leader: FakePeer, term: number): void {
  for (const p of [p2, p3, p4]) p.handle('DiscoverLeader', respond({ leaderId: leader.id, leaderAddress: leader.address, term }));
}

describe('discoverLeader', () => {
  it('asks bare endpoints concurrently and returns one view per distinct endpoint in input order', async () => {
    p3.handle('DiscoverLeader', respond({ leaderId: 2, leaderAddress: p2.address, term: 4 }));
    p4.handle('DiscoverLeader', fail(status.PERMISSION_DENIED, 'candidate'));
    const t = new GrpcTransport();
    try {
      const views = await t.discoverLeader({ nodeId: 0, requesterAddress: '' }, false, [p3.address, dead, p4.address, `http://${p3.address}`, p2.address], { deadlineMs: 3000 });
      assert.deepEqual(views.map((v) => v.endpoint), [p3.address, dead, p4.address, p2.address]);
      assert.ok(views.every((v) => v.nodeId === undefined));
      assert.equal(views[0]!.response?.leaderId, 2);
      assert.equal(views[1]!.error?.code, 'UNREACHABLE');
      assert.equal(views[2]!.error?.details?.grpcCode, status.PERMISSION_DENIED);
      assert.equal(views[3]!.response?.leaderId, 2);
      assert.deepEqual(chooseLeader(views), { leaderId: 2, leaderAddress: p2.address, term: 4, endpoint: p3.address });
    } finally {
      t.close();
    }
  });

  it('asks the voters of a membership (self and learners skipped), with node ids; a slow one times out', async () => {
    p3.handle('DiscoverLeader', delay(10_000));
    const t = new GrpcTransport({ selfId: 2 });
    const before4 = p4.callsTo('DiscoverLeader').length;
    try {
      const m: Membership = { members: [{ id: 3, address: p3.address, role: 'voter' }, { id: 2, address: p2.address, role: 'voter' }, { id: 4, address: p4.address, role: 'learner' }, { id: 5, address: dead, role: 'voter' }] };
      const views = await t.discoverLeader({ nodeId: 2, requesterAddress: p2.address }, false, m, { deadlineMs: 500 });
      assert.deepEqual(views.map((v) => [v.nodeId, v.endpoint]), [[3, p3.address], [5, dead]]);
      assert.equal(views[0]!.error?.code, 'TIMEOUT');
      assert.equal(views[1]!.error?.code, 'UNREACHABLE');
      assert.equal(p4.callsTo('DiscoverLeader').length, before4);
    } finally {
      t.close();
    }
  });

  it('never rejects: an empty target list gives no views, and chooseLeader picks the highest term', async () => {
    const t = new GrpcTransport();
    try {
      assert.deepEqual(await t.discoverLeader({ nodeId: 0, requesterAddress: '' }, false, []), []);
      assert.deepEqual(await t.discoverLeader({ nodeId: 0, requesterAddress: '' }, false, { members: [] }), []);
      p2.handle('DiscoverLeader', respond({ leaderId: 2, leaderAddress: p2.address, term: 4 }));
      p3.handle('DiscoverLeader', respond({ leaderId: 4, leaderAddress: p4.address, term: 6 }));
      p4.handle('DiscoverLeader', respond({ leaderId: 0, leaderAddress: '', term: 9 }));
      const views = await t.discoverLeader({ nodeId: 0, requesterAddress: '' }, true, [p2.address, p3.address, p4.address], { deadlineMs: 3000 });
      assert.equal(chooseLeader(views)?.leaderId, 4, 'highest term among answers naming a leader');
    } finally {
      t.close();
    }
  });
});

describe('joinCluster', () => {
  it('joins through the given leader on its first attempt', async () => {
    const t = new GrpcTransport({ selfId: 9, clusterId: 'c' });
    try {
      const res = await t.joinCluster(2, JOIN, JOIN_POLICY, joinerMembership());
      assert.equal(res.success, true);
      assert.equal(res.leaderId, 2);
      const seen = p2.callsTo('JoinCluster').at(-1)!;
      const req = seen.request as JoinRequest;
      assert.deepEqual([req.nodeId, req.nodeRole, req.address, req.status], [9, 4, '10.0.0.9:9081', 1]);
      assert.equal(seen.metadata['raftctl-cluster-id'], 'c');
    } finally {
      t.close();
    }
  });

  it('a status given by its enum name is a usage error, sent nowhere and not retried (it went out as UNSPECIFIED, an inert learner on d-engine)', async () => {
    const t = new GrpcTransport({ selfId: 9 });
    try {
      const before = p2.callsTo('JoinCluster').length;
      const join = { ...JOIN, status: 'NODE_STATUS_PROMOTABLE' as unknown as number };
      await assert.rejects(t.joinCluster(2, join, JOIN_POLICY, joinerMembership()), (e: RaftCtlError) => e.code === 'USAGE' && e.exitCode === 2 && e.details?.sent === false && e.details?.attempts === 1 && /not its name/.test(e.message));
      assert.equal(p2.callsTo('JoinCluster').length, before, 'no join reached the leader');
    } finally {
      t.close();
    }
  });

  it('on PERMISSION_DENIED from a non-leader, rediscovers among voters and retries on the leader at once', async () => {
    const clock = new ManualClock();
    const t = new GrpcTransport({ clock });
    p3.handle('JoinCluster', fail(status.PERMISSION_DENIED, 'Follower should not receive JoinCluster event.'));
    everyoneSays(p2, 5);
    try {
      const res = await t.joinCluster(3, JOIN, JOIN_POLICY, joinerMembership());
      assert.equal(res.leaderId, 2);
      assert.equal(p3.callsTo('JoinCluster').length, 1);
      assert.deepEqual(clock.sleeps, [], 'a different leader is tried without a backoff sleep');
    } finally {
      t.close();
    }
  });

  it('follows a NOT_LEADER answer\'s leader hint without discovery', async () => {
    const t = new GrpcTransport();
    p3.handle('JoinCluster', fail(status.FAILED_PRECONDITION, 'not leader', { [TRAILER.error]: 'NOT_LEADER', [TRAILER.leaderId]: '4', [TRAILER.leaderAddress]: p4.address }));
    const discoveries = p2.callsTo('DiscoverLeader').length + p3.callsTo('DiscoverLeader').length;
    try {
      const res = await t.joinCluster(3, JOIN, JOIN_POLICY, joinerMembership());
      assert.equal(res.leaderId, 4);
      assert.equal(p2.callsTo('DiscoverLeader').length + p3.callsTo('DiscoverLeader').length, discoveries);
    } finally {
      t.close();
    }
  });

  it('discovers the leader first when the given one is unknown, the highest term winning', async () => {
    p2.handle('DiscoverLeader', respond({ leaderId: 2, leaderAddress: p2.address, term: 4 }));
    p3.handle('DiscoverLeader', respond({ leaderId: 4, leaderAddress: `http://${p4.address}`, term: 6 }));
    const t = new GrpcTransport();
    try {
      const res = await t.joinCluster(0, JOIN, JOIN_POLICY, joinerMembership());
      assert.equal(res.leaderId, 4);
    } finally {
      t.close();
    }
  });

  it('a lost reply then "already exists": joined when the metadata lists this id with this address', async () => {
    // d-engine's handler gives up after 50 ms while the join still commits (reference §3.7).
    const clock = new ManualClock();
    const t = new GrpcTransport({ clock });
    p2.queue('JoinCluster', delay(10_000), fail(status.FAILED_PRECONDITION, 'node already exists'));
    p2.handle('GetClusterMetadata', respond({ version: 7, currentLeaderId: 2, nodes: [{ id: 2, address: p2.address, role: 1, status: 3 }, { id: 9, address: 'http://10.0.0.9:9081', role: 4, status: 1 }] }));
    try {
      const res = await clock.drive(t.joinCluster(2, JOIN, { ...JOIN_POLICY, timeoutMs: 1000 }, joinerMembership()));
      assert.equal(res.success, true);
      assert.equal(res.configVersion, 7);
      assert.equal(res.leaderId, 2);
      assert.equal(res.config?.nodes?.length, 2);
      assert.deepEqual(clock.sleeps, [3000]);
    } finally {
      t.close();
    }
  });

  it('the leader\'s own request timeout (CANCELLED "Timeout expired") then "already exists": retried after the backoff, then joined', async () => {
    // d-engine's tonic server-wide timeout (100 ms by default) answers CANCELLED "Timeout expired"
    // while the join still commits (reference §3.0, §3.7): a timeout to retry, not a cancellation.
    const clock = new ManualClock();
    const t = new GrpcTransport({ clock });
    p2.queue('JoinCluster', fail(status.CANCELLED, 'Timeout expired'), fail(status.FAILED_PRECONDITION, 'node already exists'));
    p2.handle('GetClusterMetadata', respond({ version: 7, currentLeaderId: 2, nodes: [{ id: 2, address: p2.address, role: 1, status: 3 }, { id: 9, address: '10.0.0.9:9081', role: 4, status: 1 }] }));
    try {
      const res = await clock.drive(t.joinCluster(2, JOIN, JOIN_POLICY, joinerMembership()));
      assert.equal(res.success, true);
      assert.deepEqual(clock.sleeps, [3000]);
    } finally {
      t.close();
    }
  });

  it('"already exists" with another address fails with RejectedError "id N is taken by ADDRESS"', async () => {
    p2.queue('JoinCluster', fail(status.FAILED_PRECONDITION, 'node already exists'));
    p2.handle('GetClusterMetadata', respond({ version: 7, nodes: [{ id: 9, address: '10.0.0.5:9000', role: 4, status: 1 }] }));
    const t = new GrpcTransport();
    try {
      await assert.rejects(t.joinCluster(2, JOIN, JOIN_POLICY, joinerMembership()), (e: RaftCtlError) => e.code === 'ID_TAKEN' && e.message === 'id 9 is taken by 10.0.0.5:9000' && e.exitCode === 6);
    } finally {
      t.close();
    }
  });

  it('does not retry a refusal that cannot change (cannot rejoin: must be learner)', async () => {
    p2.queue('JoinCluster', fail(status.FAILED_PRECONDITION, 'cannot rejoin: must be learner'));
    const t = new GrpcTransport();
    try {
      const n = p2.callsTo('JoinCluster').length;
      await assert.rejects(t.joinCluster(2, JOIN, JOIN_POLICY, joinerMembership()), (e: RaftCtlError) => e.code === 'FAILED_PRECONDITION' && e.details?.attempts === 1);
      assert.equal(p2.callsTo('JoinCluster').length, n + 1);
    } finally {
      t.close();
    }
  });

  it('with no leader known anywhere, gives up after maxAttempts with NoLeaderError and exact backoff sleeps', async () => {
    for (const p of [p2, p3]) p.handle('DiscoverLeader', fail(status.UNAVAILABLE, 'Leader not discovered'));
    const clock = new ManualClock();
    const t = new GrpcTransport({ clock });
    try {
      await assert.rejects(clock.drive(t.joinCluster(0, JOIN, JOIN_POLICY, joinerMembership())), (e: RaftCtlError) => e.code === 'NO_LEADER' && e.exitCode === 3);
      assert.deepEqual(clock.sleeps, [3000, 6000]);
    } finally {
      t.close();
    }
  });

  it('close() during a backoff sleep ends the join with TRANSPORT_CLOSED', async () => {
    const clock = new ManualClock();
    const t = new GrpcTransport({ clock });
    p2.queue('JoinCluster', fail(status.UNAVAILABLE, 'not ready'));
    const pending = t.joinCluster(2, JOIN, JOIN_POLICY, joinerMembership());
    await clock.waitForSleepers(1);
    t.close();
    await assert.rejects(pending, (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
  });

  it('a down leader is retried with backoff and reported UNREACHABLE with the attempt count', async () => {
    const clock = new ManualClock();
    const t = new GrpcTransport({ clock });
    try {
      const m: Membership = { selfId: 9, members: [{ id: 2, address: dead, role: 'voter' }] };
      await assert.rejects(clock.drive(t.joinCluster(2, JOIN, JOIN_POLICY, m)), (e: RaftCtlError) => e.code === 'UNREACHABLE' && e.details?.attempts === 3);
      assert.deepEqual(clock.sleeps, [3000, 6000]);
    } finally {
      t.close();
    }
  });
});
