/**
 * Three real `raftctl node start` processes on 127.0.0.1 (fixed ports chosen by the OS up front),
 * tick 30 ms, election timeout 300 ms, a snapshot every 50 entries. The tests run in order on
 * one cluster:
 * 1. writes; kill -9 of the leader while a writer runs; a new leader within 10 election
 *    timeouts; writes continue; every acknowledged write is readable from the new leader;
 * 2. a follower far behind (killed while 300 entries are written and the leader compacts)
 *    catches up through a snapshot;
 * 3. TTL expiry is seen at the same revision on every node (Watch on each);
 * 4. every node restarts from its data directory alone and everything is read back,
 *    membership included;
 * 5. TimeoutNow makes a follower take over; SIGTERM of the leader hands leadership over first.
 * Every wait is bounded in election timeouts; every process is killed by pid in `after`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import { ChannelPool } from '../../../src/transport/channels.js';
import { serverStreamCall } from '../../../src/transport/call.js';
import { RaftClientService, RaftPeerExtService } from '../../../src/transport/services.js';
import type { WatchResponse } from '../../../src/transport/messages.js';
import { freePorts, killAll, removeDir, startNode, tempDir, waitFor, type NodeOptions, type NodeProcess } from '../../harness/node-process.js';

const ELECTION_MS = 300;
const TIMING = { heartbeatInterval: '30ms', electionTimeout: `${ELECTION_MS}ms` };
const IDS = [1, 2, 3];

let dir: string;
let peers: Record<number, string>;
const procs = new Map<number, NodeProcess>();
const client = new EndpointClient();
const o = { deadlineMs: 2000 };
/** Every key whose write was acknowledged, with its value. */
const acked = new Map<string, string>();

function options(id: number, fresh: boolean): NodeOptions {
  return {
    id,
    listen: peers[id]!,
    dataDir: join(dir, `n${id}`),
    ...(fresh ? { peers, ...TIMING, snapshotEvery: 50 } : { extraArgs: ['--heartbeat-interval', '30ms', '--election-timeout', `${ELECTION_MS}ms`, '--snapshot-every', '50', '--snapshot-log-ratio', '0'] }),
  };
}

async function start(id: number, fresh: boolean): Promise<NodeProcess> {
  const p = await startNode(options(id, fresh));
  procs.set(id, p);
  return p;
}

/** The id of the node that leads with its noop committed, as the live nodes report it. */
async function leaderId(live: number[]): Promise<number | undefined> {
  for (const id of live) {
    try {
      const m = await client.getClusterMetadata(peers[id]!, { deadlineMs: 300 });
      const l = m.currentLeaderId ?? 0;
      if (l && live.includes(l)) {
        const st = await client.getNodeStatus(peers[l]!, { deadlineMs: 300 });
        if (st.role === 3) return l;
      }
    } catch {
      // not reachable yet
    }
  }
  return undefined;
}

async function write(key: string, value: string, leader: number): Promise<boolean> {
  try {
    const r = await client.write(peers[leader]!, { command: { insert: { key: Buffer.from(key), value: Buffer.from(value) } } }, o);
    if (r.writeResult?.succeeded === true && !r.error) {
      acked.set(key, value);
      return true;
    }
  } catch {
    // outcome unknown or refused: not acknowledged
  }
  return false;
}

async function readAll(endpoint: string, policy?: number): Promise<Map<string, string>> {
  const keys = [...acked.keys()];
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 200) {
    const r = await client.read(endpoint, { keys: keys.slice(i, i + 200).map((k) => Buffer.from(k)), ...(policy !== undefined ? { consistencyPolicy: policy } : {}) }, { deadlineMs: 3000 });
    for (const x of r.readData?.results ?? []) out.set(Buffer.from(x.key!).toString(), Buffer.from(x.value!).toString());
  }
  return out;
}

/** Waits (bounded) until node `id` applied everything `leader` committed. */
async function caughtUp(id: number, leader: number, what: string): Promise<void> {
  await waitFor(`node ${id} ${what}`, async () => {
    const [a, b] = await Promise.all([client.getNodeStatus(peers[id]!, o), client.getNodeStatus(peers[leader]!, o)]);
    return Number(a.appliedIndex) >= Number(b.commitIndex) ? true : undefined;
  }, 25 * ELECTION_MS);
}

function assertAllAcked(read: Map<string, string>, where: string): void {
  const missing = [...acked].filter(([k, v]) => read.get(k) !== v).map(([k]) => k);
  assert.deepEqual(missing.slice(0, 10), [], `${missing.length} acknowledged writes missing on ${where}`);
}

before(async () => {
  dir = tempDir('raftctl-cluster-');
  const ports = await freePorts(3);
  peers = Object.fromEntries(IDS.map((id, i) => [id, `127.0.0.1:${ports[i]}`]));
  await Promise.all(IDS.map((id) => start(id, true)));
});

after(async () => {
  client.close();
  await killAll();
  removeDir(dir);
});

test('kill -9 of the leader: a new leader within 10 election timeouts, writes continue, nothing acknowledged is lost', async () => {
  const first = await waitFor('first leader', () => leaderId(IDS), 20 * ELECTION_MS);
  for (let i = 0; i < 100; i++) assert.equal(await write(`a${i}`, `v${i}`, first), true);

  let stopWriter = false;
  let current = first;
  const writer = (async () => {
    for (let i = 0; !stopWriter; i++) {
      if (!(await write(`b${i}`, `w${i}`, current))) await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await waitFor('writer progress', () => (acked.size >= 130 ? true : undefined), 20 * ELECTION_MS);
  const killedAt = Date.now();
  await procs.get(first)!.kill9();
  const live = IDS.filter((id) => id !== first);
  const second = await waitFor('new leader', () => leaderId(live), 10 * ELECTION_MS);
  const failoverMs = Date.now() - killedAt;
  assert.notEqual(second, first);
  assert.ok(failoverMs <= 10 * ELECTION_MS, `failover took ${failoverMs} ms`);
  current = second;
  const before = acked.size;
  await waitFor('writes continue on the new leader', () => (acked.size >= before + 50 ? true : undefined), 20 * ELECTION_MS);
  stopWriter = true;
  await writer;
  assertAllAcked(await readAll(peers[second]!), `new leader ${second}`);
  const follower = live.find((id) => id !== second)!;
  assertAllAcked(await readAll(peers[follower]!), `follower ${follower} (linearizable read through the leader)`);
  const refused = await client.write(peers[follower]!, { command: { insert: { key: Buffer.from('f'), value: Buffer.from('x') } } }, o);
  assert.equal(refused.error, 4001);
  assert.deepEqual([refused.metadata?.leaderId, refused.metadata?.leaderAddress], [String(second), peers[second]]);
  const lease = await client.read(peers[follower]!, { keys: [Buffer.from('a1')], consistencyPolicy: 0 }, o);
  assert.equal(lease.error, 4001);
  await assert.rejects(client.scan(peers[follower]!, { prefix: Buffer.from('a') }, o), (e: Error & { code?: string; leaderId?: number | null }) => e.code === 'NOT_LEADER' && e.leaderId === second);
  const discovered = await client.discoverLeader(peers[follower]!, { nodeId: 9, requesterAddress: '' }, o);
  assert.deepEqual([discovered.leaderId, discovered.leaderAddress], [second, peers[second]]);
  await start(first, false);
  await waitFor(`node ${first} caught up`, async () => {
    const [a, b] = await Promise.all([client.getNodeStatus(peers[first]!, o), client.getNodeStatus(peers[second]!, o)]);
    return Number(a.appliedIndex) >= Number(b.commitIndex) ? true : undefined;
  }, 25 * ELECTION_MS);
  assertAllAcked(await readAll(peers[first]!, 2), `restarted node ${first} (eventual read)`);
});

test('a follower far behind catches up through a snapshot after the leader compacted its log', async () => {
  const leader = await waitFor('leader', () => leaderId(IDS), 20 * ELECTION_MS);
  const lagging = IDS.find((id) => id !== leader)!;
  const lagStatus = await client.getNodeStatus(peers[lagging]!, o);
  await procs.get(lagging)!.kill9();
  for (let i = 0; i < 300; i += 30) {
    const results = await Promise.all(Array.from({ length: 30 }, (_, j) => write(`c${i + j}`, `x${i + j}`, leader)));
    assert.ok(results.every(Boolean));
  }
  await waitFor('leader compacted past the follower', async () => {
    const st = await client.getNodeStatus(peers[leader]!, o);
    return Number(st.firstLogIndex) > Number(lagStatus.lastLogIndex) + 1 ? st : undefined;
  }, 25 * ELECTION_MS);
  const p = await start(lagging, false);
  await caughtUp(lagging, leader, 'caught up');
  assert.match(p.stderrText(), /"msg":"snapshot installed"/);
  assertAllAcked(await readAll(peers[lagging]!, 2), `node ${lagging} after snapshot catch-up`);

  // The same snapshot pushed again (a leader retrying after a lost answer, or a deposed one): the
  // follower refuses it, and must keep the file, which is now its own base (soak QA: it deleted
  // it, and the next start failed with exit 7).
  const installed = (await client.getNodeStatus(peers[lagging]!, o)).snapshot!;
  const name = `${Number(installed.index)}-${Number(installed.term)}.snap`;
  const file = join(dir, `n${lagging}`, 'snap', name);
  const bytes = readFileSync(file);
  const { clusterId } = await client.getServerInfo(peers[leader]!, o);
  const leaderTerm = Number((await client.getNodeStatus(peers[leader]!, o)).term);
  const pusher = new GrpcTransport({ selfId: leader, clusterId: clusterId! });
  try {
    await assert.rejects(
      pusher.sendSnapshot(lagging, { lastIncludedIndex: Number(installed.index), lastIncludedTerm: Number(installed.term) }, { size: bytes.length, open: async function* () { yield bytes; } }, { selfId: leader, members: [{ id: lagging, address: peers[lagging]!, role: 'voter' }] }, { leaderTerm, leaderId: leader, perChunkTimeoutMs: 5000, deadlineMs: 20 * ELECTION_MS }),
      /refused the snapshot/,
    );
  } finally {
    await pusher.close();
  }
  assert.ok(existsSync(file), `${name} is still in node ${lagging}'s snap/`);
  await procs.get(lagging)!.kill9();
  await start(lagging, false);
  // Eventual reads on a node that just restarted may lag: wait until it applied what the leader committed.
  await caughtUp(lagging, leader, 'caught up after its restart');
  assertAllAcked(await readAll(peers[lagging]!, 2), `node ${lagging} restarted after the refused push`);
});

test('TTL expiry is seen at the same revision on every node', async () => {
  const leader = await waitFor('leader', () => leaderId(IDS), 20 * ELECTION_MS);
  const pool = new ChannelPool();
  const events = new Map<number, WatchResponse[]>();
  const calls = IDS.map((id) => {
    const list: WatchResponse[] = [];
    events.set(id, list);
    const call = serverStreamCall(pool.forAddress(peers[id]!, 'control'), RaftClientService.Watch, { key: Buffer.from('ttl-key') }, {});
    call.on('data', (e: WatchResponse) => list.push(e));
    call.on('error', () => undefined);
    return call;
  });
  try {
    // A first PUT seen on every stream proves the three watches are registered (Watch has no ack).
    await waitFor('every watch registered', async () => {
      await client.write(peers[leader]!, { command: { insert: { key: Buffer.from('ttl-key'), value: Buffer.from('probe') } } }, o);
      return IDS.every((id) => events.get(id)!.length > 0) ? true : undefined;
    }, 20 * ELECTION_MS, 50);
    const r = await client.write(peers[leader]!, { command: { insert: { key: Buffer.from('ttl-key'), value: Buffer.from('soon'), ttlSecs: 1 } } }, o);
    assert.equal(r.writeResult?.succeeded, true);
    const deletes = await waitFor('a DELETE on every node', () => {
      const revs = IDS.map((id) => events.get(id)!.find((e) => e.eventType === 1)?.revision);
      return revs.every((v) => v !== undefined) ? revs.map(Number) : undefined;
    }, 1000 + 20 * ELECTION_MS);
    assert.equal(new Set(deletes).size, 1, `delete revisions ${deletes.join(',')}`);
    for (const id of IDS) {
      const rd = await client.read(peers[id]!, { keys: [Buffer.from('ttl-key')], consistencyPolicy: 2 }, o);
      assert.equal(rd.readData?.results?.length ?? 0, 0, `node ${id} hides the expired key`);
    }
  } finally {
    for (const c of calls) c.cancel();
    pool.close();
  }
});

test('every node restarts from its data directory alone; everything is read back, membership included', async () => {
  await Promise.all(IDS.map(async (id) => assert.equal(await procs.get(id)!.stop(), 0, `node ${id} stops cleanly on SIGTERM`)));
  await Promise.all(IDS.map((id) => start(id, false)));
  const leader = await waitFor('leader after full restart', () => leaderId(IDS), 25 * ELECTION_MS);
  assertAllAcked(await readAll(peers[leader]!), `leader ${leader} after full restart`);
  const m = await client.getClusterMetadata(peers[leader]!, o);
  assert.deepEqual(m.nodes?.map((n) => [n.id, n.address, n.role]), IDS.map((id) => [id, peers[id], 1]));
  for (const id of IDS) {
    const st = await client.getNodeStatus(peers[id]!, o);
    assert.deepEqual(st.configuration?.voters, IDS);
  }
});

test('TimeoutNow makes a follower campaign at once and take over (dissertation §3.10)', async () => {
  const leader = await waitFor('leader', () => leaderId(IDS), 20 * ELECTION_MS);
  const target = IDS.find((id) => id !== leader)!;
  const st = await client.getNodeStatus(peers[leader]!, o);
  await waitFor(`node ${target} caught up`, async () => Number((await client.getNodeStatus(peers[target]!, o)).lastLogIndex) >= Number(st.lastLogIndex) ? true : undefined, 10 * ELECTION_MS);
  await client.call(peers[target]!, RaftPeerExtService.TimeoutNow, { term: Number(st.term), leaderId: leader }, o);
  const next = await waitFor(`node ${target} leads`, async () => ((await leaderId(IDS)) === target ? target : undefined), 10 * ELECTION_MS);
  assert.equal(next, target);
  assert.ok(Number((await client.getNodeStatus(peers[target]!, o)).term) > Number(st.term));
});

test('SIGTERM of the leader hands leadership to a follower before it stops (no election timeout to wait); writes go on', async () => {
  const leader = await waitFor('leader', () => leaderId(IDS), 20 * ELECTION_MS);
  const term = Number((await client.getNodeStatus(peers[leader]!, o)).term);
  assert.equal(await write('before-handoff', 'x', leader), true);
  assert.equal(await procs.get(leader)!.stop(), 0, `node ${leader} stops cleanly on SIGTERM`);
  const handedOver = procs.get(leader)!.stderrText().split('\n').filter((l) => l.includes('"leadership handed over"')).map((l) => JSON.parse(l) as { leaderId: number });
  assert.equal(handedOver.length, 1, procs.get(leader)!.stderrText().slice(-2000));
  const live = IDS.filter((id) => id !== leader);
  assert.ok(live.includes(handedOver[0]!.leaderId), `handed to a live follower: ${handedOver[0]!.leaderId}`);
  const next = await waitFor('the new leader ready', () => leaderId(live), 10 * ELECTION_MS);
  assert.equal(next, handedOver[0]!.leaderId);
  assert.equal(Number((await client.getNodeStatus(peers[next]!, o)).term), term + 1, 'one campaign, at once');
  assert.equal(await write('after-handoff', 'y', next), true);
  await start(leader, false);
  await caughtUp(leader, next, 'caught up after its restart');
  assertAllAcked(await readAll(peers[next]!), `leader ${next} after the hand-off`);
});
