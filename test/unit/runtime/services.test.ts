/**
 * The services of one NodeHost over real loopback gRPC (a single-node cluster in a temporary
 * data directory, tick 10 ms): what each RPC answers, per PROTOCOL.md and reference §3/§6.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWriteCommand } from '../../../src/state-machine/index.js';
import { NodeHost } from '../../../src/runtime/node-host.js';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { ChannelPool } from '../../../src/transport/channels.js';
import { serverStreamCall } from '../../../src/transport/call.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import { DEFAULT_RETRY } from '../../../src/transport/retry.js';
import { AdminService, ClusterManagementService, ElectionService, RaftClientService, RaftPeerExtService, ReplicationService, DENGINE_SERVICE_NAMES, SERVICE_NAMES } from '../../../src/transport/services.js';
import type { WatchResponse } from '../../../src/transport/messages.js';
import { until } from './helpers.js';
import { ManualClock } from '../../harness/manual-clock.js';
import { checkClusterId } from '../../../src/runtime/services/grpc-shapes.js';

let dir: string;
let host: NodeHost;
let ep: string;
const client = new EndpointClient();
/** Time of the node's Watch PROGRESS timer: no PROGRESS event unless a test advances it. */
const progressClock = new ManualClock();
const o = { deadlineMs: 3000 };
/** Warnings the node logged (the rest is dropped). */
const warnings: Array<{ msg: string; fields: Record<string, unknown> | undefined }> = [];
const logger = { log: (level: string, msg: string, fields?: Record<string, unknown>) => void (level === 'warn' && warnings.push({ msg, fields })) };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'raftctl-svc-'));
  host = await NodeHost.start({ id: 1, listen: '127.0.0.1:0', dataDir: join(dir, 'n1'), mode: { kind: 'bootstrap' }, tickMs: 10, electionTimeoutMs: 100, watchProgressIntervalMs: 1000, watchProgressClock: progressClock, logger });
  ep = host.address;
  await until('leader ready', () => (host.node.leaderReady ? true : undefined));
});

after(async () => {
  client.close();
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

const put = (key: string, value: string, ttlSecs = 0) => client.write(ep, { command: { insert: { key: Buffer.from(key), value: Buffer.from(value), ttlSecs } } }, o);

test('write, read under the three policies, scan with revision', async () => {
  assert.deepEqual(JSON.parse(JSON.stringify(await put('a', '1'))), { writeResult: { succeeded: true } });
  const cas = await client.write(ep, { command: { compareAndSwap: { key: Buffer.from('a'), expectedValue: Buffer.from('nope'), newValue: Buffer.from('2') } } }, o);
  assert.equal(cas.writeResult?.succeeded, false);
  for (const consistencyPolicy of [undefined, 0, 1, 2]) {
    const r = await client.read(ep, { keys: [Buffer.from('a'), Buffer.from('missing')], ...(consistencyPolicy !== undefined ? { consistencyPolicy } : {}) }, o);
    assert.deepEqual(r.readData?.results?.map((x) => [Buffer.from(x.key!).toString(), Buffer.from(x.value!).toString()]), [['a', '1']], `policy ${consistencyPolicy}`);
  }
  const scan = await client.scan(ep, { prefix: Buffer.from('a') }, o);
  assert.equal(scan.entries?.length, 1);
  assert.equal(Number(scan.revision), host.node.sm.appliedIndex);
});

test('bad client input is INVALID_ARGUMENT and changes nothing', async () => {
  const before = host.node.status().lastLogIndex;
  await assert.rejects(put('', 'x'), (e: Error & { code?: string }) => /INVALID_ARGUMENT/.test(String(e.code)) || /empty/.test(e.message));
  await assert.rejects(client.write(ep, {}, o), /no command/);
  await assert.rejects(put('big', 'x'.repeat(1024 * 1024 + 1)), /limit/);
  await assert.rejects(client.read(ep, { keys: [Buffer.alloc(0)] }, o), /empty/);
  // A client may not propose the leader's expire (WriteCommand.expire = 100), even as raw bytes.
  const expire = encodeWriteCommand({ op: 'expire', keys: [Buffer.from('a')] });
  const raw = { ...RaftClientService.HandleClientWrite, requestSerialize: (b: Buffer) => b } as unknown as typeof RaftClientService.HandleClientWrite;
  const request = Buffer.concat([Buffer.from([0x12, expire.length]), expire]); // ClientWriteRequest.command (tag 0x12)
  await assert.rejects(client.call(ep, raw, request as never, o), (e: Error & { details?: { grpcCode?: number } }) => e.details?.grpcCode === 3);
  assert.equal(host.node.status().lastLogIndex, before);
});

test('a read or scan whose answer would pass 32 MiB is refused RESOURCE_EXHAUSTED at once, before it is encoded', async () => {
  const big = 'v'.repeat(1024 * 1024);
  await put('huge/1', big);
  const key = Buffer.from('huge/1');
  const started = performance.now();
  await assert.rejects(client.read(ep, { keys: Array.from({ length: 200 }, () => key), consistencyPolicy: 2 }, o), (e: Error & { details?: { grpcCode?: number } }) => e.details?.grpcCode === 8 && /fewer keys/.test(e.message));
  assert.ok(performance.now() - started < 2000, 'refused quickly');
  for (let i = 2; i <= 33; i++) await put(`huge/${i}`, big);
  await assert.rejects(client.scan(ep, { prefix: Buffer.from('huge/') }, o), (e: Error & { details?: { grpcCode?: number } }) => e.details?.grpcCode === 8 && /narrower/.test(e.message));
  const ok = await client.read(ep, { keys: [key, key], consistencyPolicy: 2 }, o);
  assert.equal(ok.readData?.results?.length, 2);
  for (let i = 1; i <= 33; i++) await client.write(ep, { command: { delete: { key: Buffer.from(`huge/${i}`) } } }, o);
});

test('UpdateClusterConf is refused with success:false, ERROR_CODE_INVALID_CHANGE and changes nothing', async () => {
  const cfg = host.node.status().configIndex;
  const r = await client.call(ep, ClusterManagementService.UpdateClusterConf, { id: 9, term: 99, version: 99, change: { removeNode: { nodeId: 1 } } }, o);
  assert.equal(r.success, false);
  assert.equal(r.errorCode, 4);
  assert.equal(host.node.status().configIndex, cfg);
});

test('GetClusterMetadata names the leader once its noop committed; DiscoverLeader answers self', async () => {
  const m = await client.getClusterMetadata(ep, o);
  assert.equal(m.currentLeaderId, 1);
  assert.deepEqual(m.nodes?.map((n) => [n.id, n.address, n.role, n.status]), [[1, ep, 1, 3]]);
  const d = await client.discoverLeader(ep, { nodeId: 5, requesterAddress: '127.0.0.1:1' }, o);
  assert.equal(d.leaderId, 1);
  assert.equal(d.leaderAddress, ep);
});

test('JoinCluster adds a learner through the log, answers after commit, and refuses a second join as already existing', async () => {
  const r = await client.call(ep, ClusterManagementService.JoinCluster, { nodeId: 7, nodeRole: 4, address: '127.0.0.1:9', status: 1 }, o);
  assert.equal(r.success, true);
  assert.equal(r.leaderId, 1);
  assert.ok(r.config?.nodes?.some((n) => n.id === 7 && n.role === 4));
  await assert.rejects(client.call(ep, ClusterManagementService.JoinCluster, { nodeId: 7, nodeRole: 4, address: '127.0.0.1:9', status: 1 }, o), /already exists/);
  await assert.rejects(client.call(ep, ClusterManagementService.JoinCluster, { nodeId: 8, nodeRole: 1, address: '127.0.0.1:10', status: 1 }, o), /learner/);
});

/**
 * Scenario: learners join with status READ_ONLY (2) and UNSPECIFIED (0). Expected: READ_ONLY
 * stays read-only; UNSPECIFIED, which d-engine would store as an inert node neither replicated to
 * nor promotable (reference §3.7), becomes a promotable learner (docs/protocol-departures.md).
 */
test('JoinCluster: status READ_ONLY joins read-only; UNSPECIFIED (0) joins as a PROMOTABLE learner', async () => {
  await client.call(ep, ClusterManagementService.JoinCluster, { nodeId: 31, nodeRole: 4, address: '127.0.0.1:31', status: 2 }, o);
  const r = await client.call(ep, ClusterManagementService.JoinCluster, { nodeId: 32, nodeRole: 4, address: '127.0.0.1:32', status: 0 }, o);
  const status = (id: number) => r.config?.nodes?.find((n) => n.id === id)?.status;
  assert.deepEqual([status(31), status(32)], [2, 1]);
});

/**
 * Scenario: JoinCluster requests with an address that is not host:port (port 99999, a 100 kB
 * host name), an address a member already has (also spelled differently), or another cluster's
 * id in the metadata.
 * Expected: each refused (INVALID_ARGUMENT / FAILED_PRECONDITION) and nothing added: a learner
 * once committed cannot be removed until membership commands exist.
 */
test('JoinCluster refuses bad or taken addresses and another cluster\'s id; nothing is added', async () => {
  const before = (await client.getNodeStatus(ep, o)).configuration;
  const join = (nodeId: number, address: string, metadata?: Record<string, string>) =>
    client.call(ep, ClusterManagementService.JoinCluster, { nodeId, nodeRole: 4, address, status: 1 }, metadata ? { ...o, metadata } : o);
  await assert.rejects(join(20, '127.0.0.1:99999'), /invalid address "127.0.0.1:99999"/);
  await assert.rejects(join(21, `${'a'.repeat(100_000)}:1`), /invalid address "a{80}\.\.\."/);
  await assert.rejects(join(22, ep), /already node 1's/);
  // Another spelling of the same address (127.1 is 127.0.0.1) is the same address.
  await assert.rejects(join(24, `127.1:${ep.slice(ep.lastIndexOf(':') + 1)}`), /already node 1's/);
  await assert.rejects(join(23, '127.0.0.1:20', { 'raftctl-cluster-id': 'someone-else' }), /cluster id mismatch/);
  assert.deepEqual((await client.getNodeStatus(ep, o)).configuration, before);
});

test('a peer RPC with another cluster id is refused with FAILED_PRECONDITION and one warning per 10 s; without one it is served', async () => {
  const req = { term: 0, candidateId: 0xffffffff, lastLogIndex: 0, lastLogTerm: 0 };
  const warned = warnings.length;
  await assert.rejects(client.call(ep, ElectionService.RequestVote, req, { ...o, metadata: { 'raftctl-cluster-id': 'other' } }), /cluster id mismatch/);
  await assert.rejects(client.call(ep, ElectionService.RequestVote, req, { ...o, metadata: { 'raftctl-cluster-id': 'other' } }), /cluster id mismatch/);
  const mismatches = warnings.slice(warned).filter((w) => w.msg === 'refused a peer request from another cluster');
  assert.equal(mismatches.length, 1, 'the second refusal within 10 s is not logged again');
  assert.equal(mismatches[0]!.fields?.callerClusterId, 'other');
  const denied = await client.call(ep, ElectionService.RequestVote, req, o);
  assert.equal(denied.voteGranted, false);
  assert.ok(Number(denied.term) >= 2);
});

test('an empty raftctl-cluster-id header is refused with a message that says it is empty (it ended "the caller to ")', () => {
  const metadata = (v: string) => ({ get: (k: string) => (k === 'raftctl-cluster-id' ? [v] : []) });
  assert.throws(() => checkClusterId(metadata(''), 'c1'), /the caller to none \(its raftctl-cluster-id header is empty\)$/);
  assert.throws(() => checkClusterId(metadata('c2'), 'c1'), /the caller to c2$/);
  assert.doesNotThrow(() => checkClusterId(metadata('c1'), 'c1'));
  assert.doesNotThrow(() => checkClusterId(undefined, 'c1'));
});

/**
 * Scenario: a RequestVote naming candidate 0 and an AppendEntries naming leader 0.
 * Expected: INVALID_ARGUMENT, and the node's term is unchanged (nothing was stepped into the core).
 * Rule: node id 0 is invalid everywhere (PROTOCOL.md).
 */
test('peer messages from node id 0 are refused with INVALID_ARGUMENT and change nothing', async () => {
  const before = await client.getNodeStatus(ep, o);
  await assert.rejects(client.call(ep, ElectionService.RequestVote, { term: 99, candidateId: 0, lastLogIndex: 999, lastLogTerm: 99 }, o), /candidate_id must be a node id/);
  await assert.rejects(client.call(ep, ReplicationService.AppendEntries, { term: 99, leaderId: 0, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommitIndex: 0 }, o), /leader_id must be a node id/);
  const after = await client.getNodeStatus(ep, o);
  assert.equal(after.term, before.term);
  assert.equal(after.votedFor, before.votedFor);
});

/**
 * Scenario: peer requests a correct peer never sends: entries that skip or repeat an index,
 * entry terms that fall or exceed the request's term, a term of 2^53 - 1 (no headroom to
 * count up), a configuration entry without voters, a TimeoutNow from node 0 or with a huge term.
 * Expected: INVALID_ARGUMENT naming the problem; the node keeps running, as leader of the same
 * term (nothing was stepped: before this check, the first crashed the node, the second left a
 * log no restart could read, the third a term no election could follow).
 */
test('malformed peer requests are refused with INVALID_ARGUMENT and change nothing', async () => {
  const before = await client.getNodeStatus(ep, o);
  const append = (entries: object[], extra: Record<string, unknown> = {}) =>
    client.call(ep, ReplicationService.AppendEntries, { term: 99, leaderId: 2, prevLogIndex: 0, prevLogTerm: 0, entries: entries as never[], leaderCommitIndex: 0, ...extra }, o);
  const noop = (index: number, term: number) => ({ index, term, payload: { noop: {} } });
  await assert.rejects(append([noop(1, 1), noop(5, 1)]), (e: Error & { details?: { grpcCode?: number } }) => e.details?.grpcCode === 3 && /entry 1 has index 5, expected 2/.test(e.message));
  await assert.rejects(append([noop(1, 1), noop(1, 1)]), /expected 2/);
  await assert.rejects(append([noop(1, 5), noop(2, 3)]), /below the term 5/);
  await assert.rejects(append([noop(1, 100)]), /above the request's term 99/);
  await assert.rejects(append([{ index: 1, term: 1, payload: { configuration: { voters: [] } } }]), /at least one voter/);
  await assert.rejects(append([{ index: 1, term: 1, payload: { configuration: { voters: [0] } } }]), /member id 0/);
  await assert.rejects(append([], { term: Number.MAX_SAFE_INTEGER }), /term 9007199254740991 is out of range/);
  await assert.rejects(client.call(ep, ElectionService.RequestVote, { term: Number.MAX_SAFE_INTEGER, candidateId: 2, lastLogIndex: 0, lastLogTerm: 0, leadershipTransfer: true }, o), /out of range/);
  await assert.rejects(client.call(ep, RaftPeerExtService.TimeoutNow, { term: before.term, leaderId: 0 }, o), /leader_id must be a node id/);
  await assert.rejects(client.call(ep, RaftPeerExtService.TimeoutNow, { term: 2 ** 53 - 1, leaderId: 2 }, o), /out of range/);
  const after = await client.getNodeStatus(ep, o);
  assert.deepEqual([after.term, after.role, after.lastLogIndex], [before.term, before.role, before.lastLogIndex]);
});

test('health is SERVING for the five d-engine services and ours', async () => {
  for (const s of [...DENGINE_SERVICE_NAMES, SERVICE_NAMES.peerExt, SERVICE_NAMES.admin]) {
    const h = await client.healthCheck(ep, s, o);
    assert.equal(h.status, 1, s);
  }
});

test('admin: GetServerInfo, GetNodeStatus fields, TriggerSnapshot, UNIMPLEMENTED for later methods', async () => {
  const info = await client.getServerInfo(ep, o);
  assert.equal(info.nodeId, 1);
  assert.equal(info.clusterId, host.clusterId);
  const snap = await client.triggerSnapshot(ep, o);
  assert.ok(Number(snap.index) >= 1);
  assert.match(String(snap.sha256), /^[0-9a-f]{64}$/);
  const st = await client.getNodeStatus(ep, o);
  assert.equal(st.nodeId, 1);
  assert.equal(Number(st.commitIndex), Number(st.lastLogIndex));
  assert.equal(Number(st.snapshot?.index), Number(snap.index));
  assert.deepEqual(st.configuration?.voters, [1]);
  assert.equal(st.address, ep);
  await assert.rejects(client.call(ep, AdminService.TransferLeadership, { targetId: 0 }, o), /not served by this raftctl version yet/);
});

test('StreamSnapshot serves the leader\'s latest snapshot file, reading it once: its digest was computed when it was written', async () => {
  const store = host.storage.snapshots;
  const bytes = store.bytes.bind(store);
  let passes = 0;
  store.bytes = (s, chunkSize) => {
    passes++;
    return bytes(s, chunkSize);
  };
  await put('snap-key', 'v');
  const written = await client.triggerSnapshot(ep, o);
  // The node hashes a new latest file in the background: one pass.
  await until('the background digest pass', () => (passes >= 1 ? true : undefined));
  const t = new GrpcTransport({ selfId: 99 });
  try {
    const pull = await t.requestSnapshotFromLeader(1, DEFAULT_RETRY.installSnapshot, { selfId: 99, members: [{ id: 1, address: ep, role: 'voter' }] });
    let bytes = 0;
    for await (const chunk of pull) bytes += chunk.data.byteLength;
    const info = await pull.info;
    assert.equal(info.lastIncludedIndex, Number(written.index));
    assert.equal(bytes, Number(written.bytes));
    // The background pass and the pull's own: no pass to hash the file before chunk 0.
    assert.equal(passes, 2);
    // Chunk 0 announces the SHA-256 of the whole file (the pull verified the bytes against it).
    const file = (await host.storage.snapshots.list()).find((f) => f.index === info.lastIncludedIndex)!;
    const h = createHash('sha256');
    for await (const piece of host.storage.snapshots.bytes(file)) h.update(piece);
    assert.equal(info.announcedSha256, h.digest('hex'));
  } finally {
    t.close();
    store.bytes = bytes;
  }
});

test('Watch streams a PUT event with its revision', async () => {
  const pool = new ChannelPool();
  try {
    const call = serverStreamCall(pool.forAddress(ep, 'control'), RaftClientService.Watch, { key: Buffer.from('w') }, {});
    const events: WatchResponse[] = [];
    call.on('data', (e: WatchResponse) => events.push(e));
    call.on('error', () => undefined);
    await until('watch registered', () => (host.node.sm.watcherCount > 0 ? true : undefined));
    await put('w', 'x');
    await until('event', () => (events.length > 0 ? true : undefined));
    assert.equal(Buffer.from(events[0]!.value!).toString(), 'x');
    assert.equal(events[0]!.eventType, 0);
    assert.ok(Number(events[0]!.revision) > 0);
    call.cancel();
  } finally {
    pool.close();
  }
});

// Scenario: an idle watch when the node's progress timer fires (1 s on the manual clock).
// Expectation: one PROGRESS event (type 3, empty key and value) at the node's applied index, as
// d-engine sends every heartbeat_interval_ms; nothing before the interval has passed.
test('Watch: an idle watch gets a PROGRESS event at the applied index each progress interval', async () => {
  const pool = new ChannelPool();
  try {
    const call = serverStreamCall(pool.forAddress(ep, 'control'), RaftClientService.Watch, { key: Buffer.from('idle') }, {});
    const events: WatchResponse[] = [];
    call.on('data', (e: WatchResponse) => events.push(e));
    call.on('error', () => undefined);
    await until('watch registered', () => (host.node.sm.watcherCount > 0 ? true : undefined));
    await put('other', 'x');
    progressClock.advance(999);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(events.length, 0);
    progressClock.advance(1);
    await until('progress event', () => (events.length > 0 ? true : undefined));
    assert.equal(events[0]!.eventType, 3);
    assert.equal(Buffer.from(events[0]!.key ?? []).length, 0);
    assert.equal(Buffer.from(events[0]!.value ?? []).length, 0);
    assert.equal(Number(events[0]!.revision), host.node.sm.appliedIndex);
    call.cancel();
  } finally {
    pool.close();
  }
});

test('Watch of a key longer than the key limit (4 KiB) is INVALID_ARGUMENT, like a read of it', async () => {
  const pool = new ChannelPool();
  try {
    const call = serverStreamCall(pool.forAddress(ep, 'control'), RaftClientService.Watch, { key: Buffer.alloc(4097, 0x61) }, {});
    const code = await new Promise<number>((resolve) => {
      call.on('data', () => undefined);
      call.on('error', (e: { code: number }) => resolve(e.code));
    });
    assert.equal(code, 3);
  } finally {
    pool.close();
  }
});

test('Watch: a client that stops reading gets CANCELED after the watch buffer (1024 events) overflows, not every event', async () => {
  // Backpressure over real gRPC (stream-pipe.ts): the server stops taking events while the
  // HTTP/2 stream cannot take more, so the watcher's queue fills and overflows.
  const pool = new ChannelPool();
  try {
    const call = serverStreamCall(pool.forAddress(ep, 'control'), RaftClientService.Watch, { key: Buffer.from('/bp/'), prefix: true }, {});
    const events: WatchResponse[] = [];
    let ended = false;
    call.on('data', (e: WatchResponse) => events.push(e));
    call.on('error', () => (ended = true));
    call.on('end', () => (ended = true));
    await until('watch registered', () => (host.node.sm.watcherCount > 0 ? true : undefined));
    call.pause();
    const value = Buffer.alloc(16 * 1024, 120); // 16 KiB: the HTTP/2 window fills after a few events
    const writes = 1600;
    for (let i = 0; i < writes; i += 64) {
      await Promise.all(Array.from({ length: 64 }, (_, j) => client.write(ep, { command: { insert: { key: Buffer.from(`/bp/k${j}`), value, ttlSecs: 0 } } }, { deadlineMs: 10_000 })));
    }
    await until('watcher canceled on the server', () => (host.node.sm.watcherCount === 0 ? true : undefined), 5000);
    call.resume();
    await until('stream ended', () => (ended ? true : undefined), 5000);
    assert.equal(events.at(-1)?.eventType, 2, 'the last event is CANCELED');
    assert.equal(events.filter((e) => e.eventType === 2).length, 1);
    assert.ok(events.length > 1024 && events.length < writes, `events received: ${events.length}`);
  } finally {
    pool.close();
  }
});

test('WatchMembership starts with the current membership and follows configuration entries', async () => {
  const pool = new ChannelPool();
  try {
    const call = serverStreamCall(pool.forAddress(ep, 'control'), RaftClientService.WatchMembership, { clientId: 1 }, {});
    const snaps: { members?: number[] | null; learners?: number[] | null; committedIndex?: number | Long | null }[] = [];
    call.on('data', (e: (typeof snaps)[number]) => snaps.push(e));
    call.on('error', () => undefined);
    await until('first membership', () => (snaps.length > 0 ? true : undefined));
    assert.deepEqual(snaps[0]!.members, [1]);
    const r = await client.call(ep, ClusterManagementService.JoinCluster, { nodeId: 11, nodeRole: 4, address: '127.0.0.1:11', status: 2 }, o);
    assert.equal(r.success, true);
    await until('membership with learner 11', () => (snaps.some((x) => x.learners?.includes(11)) ? true : undefined));
    assert.equal(Number(snaps.at(-1)!.committedIndex), Number(r.configVersion));
    call.cancel();
  } finally {
    pool.close();
  }
});

type Long = { toNumber(): number };
