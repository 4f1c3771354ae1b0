/**
 * Hostile and malformed peer input against one in-process node over real loopback gRPC: each
 * request gets a clear gRPC status and changes nothing (term, role, leader, log), and the node
 * logs no error. Requests are raw bytes through a pass-through serializer, so nothing on the
 * sending side validates them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, credentials, Metadata, type ClientDuplexStream, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { NodeHost } from '../../../src/runtime/node-host.js';
import { d_engine, raftctl } from '../../../src/proto/raftctl.js';
import { freePorts } from '../../harness/node-process.js';
import { until } from '../../unit/runtime/helpers.js';

let dir: string;
let host: NodeHost;
let client: Client;
const errors: string[] = [];
/** Every line logged: level, message and the `code` field. */
const lines: string[] = [];
const logger = {
  log: (level: string, msg: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${msg} ${String(fields?.code ?? '')}`);
    if (level === 'error') errors.push(msg);
  },
};
const pass = (b: Buffer): Buffer => b;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'raftctl-hostile-'));
  host = await NodeHost.start({ id: 1, listen: '127.0.0.1:0', dataDir: join(dir, 'n1'), mode: { kind: 'bootstrap' }, tickMs: 10, electionTimeoutMs: 100, logger });
  client = new Client(host.address, credentials.createInsecure());
  const t0 = performance.now();
  while (!host.node.leaderReady) {
    if (performance.now() - t0 > 10_000) throw new Error('no leader');
    await new Promise((r) => setTimeout(r, 10));
  }
});

after(async () => {
  client.close();
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

function unary(path: string, request: Buffer): Promise<{ code: number; details: string }> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(path, pass, pass, request, new Metadata(), { deadline: Date.now() + 5000 }, (err: ServiceError | null) => {
      resolve(err ? { code: err.code, details: err.details } : { code: 0, details: '' });
    });
  });
}

function state() {
  const s = host.node.status();
  return { role: s.role, term: s.term, leaderId: s.leaderId, votedFor: s.votedFor, lastLogIndex: s.lastLogIndex };
}

test('a peer request naming this node itself as its sender is INVALID_ARGUMENT and changes nothing (an Append "from itself" made the leader follow itself)', async () => {
  const before = state();
  const term = before.term + 1;
  const peer = raftctl.raft.v1;
  const requests: Array<[string, Buffer]> = [
    ['/d_engine.server.replication.RaftReplicationService/AppendEntries', Buffer.from(peer.AppendEntriesRequest.encode({ term, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, leaderCommitIndex: 0 }).finish())],
    ['/d_engine.server.election.RaftElectionService/RequestVote', Buffer.from(peer.VoteRequest.encode({ term, candidateId: 1, lastLogIndex: 99, lastLogTerm: term, leadershipTransfer: true }).finish())],
    ['/raftctl.raft.v1.RaftPeerExt/PreVote', Buffer.from(peer.VoteRequest.encode({ term, candidateId: 1, lastLogIndex: 99, lastLogTerm: term }).finish())],
    ['/raftctl.raft.v1.RaftPeerExt/TimeoutNow', Buffer.from(peer.TimeoutNowRequest.encode({ term: before.term, leaderId: 1 }).finish())],
    ['/raftctl.raft.v1.RaftPeerExt/ReadIndex', Buffer.from(peer.ReadIndexRequest.encode({ term: before.term, from: 1, ctx: 7 }).finish())],
  ];
  for (const [path, bytes] of requests) {
    const r = await unary(path, bytes);
    assert.equal(r.code, 3, `${path}: ${r.details}`);
    assert.match(r.details, /own id/, path);
  }
  assert.deepEqual(state(), before);
  assert.deepEqual(errors, []);
});

/** A raw bidi call: collects the messages answered (`onMessage` sees each) and the final status. */
interface BidiOutcome {
  messages: Buffer[];
  code: number;
  details: string;
  ms: number;
}

function bidi(path: string, onMessage: (call: ClientDuplexStream<Buffer, Buffer>, msg: Buffer, n: number) => void, deadlineMs: number): { call: ClientDuplexStream<Buffer, Buffer>; done: Promise<BidiOutcome> } {
  const started = performance.now();
  const call = client.makeBidiStreamRequest(path, pass, pass, new Metadata(), { deadline: Date.now() + deadlineMs });
  const messages: Buffer[] = [];
  const done = new Promise<BidiOutcome>((resolve) => {
    call.on('data', (m: Buffer) => {
      messages.push(m);
      onMessage(call, m, messages.length);
    });
    call.on('error', () => undefined);
    call.on('status', (s: StatusObject) => resolve({ messages, code: s.code, details: s.details, ms: performance.now() - started }));
  });
  return { call, done };
}

const GARBAGE = Buffer.from([0x08, 0xff]); // a varint cut short

test('StreamAppendEntries: a message that does not decode ends the stream with INVALID_ARGUMENT after exactly one answer per request before it, in order, and nothing after it is stepped', async () => {
  const before = state();
  const peer = raftctl.raft.v1;
  // Stale requests (term 0): each is answered with this node's term and changes nothing.
  const stale = (prevLogIndex: number) => Buffer.from(peer.AppendEntriesRequest.encode({ term: 0, leaderId: 2, prevLogIndex, prevLogTerm: 0, leaderCommitIndex: 0 }).finish());
  const { call, done } = bidi('/d_engine.server.replication.RaftReplicationService/StreamAppendEntries', () => undefined, 10_000);
  for (let i = 0; i < 8; i++) call.write(stale(i));
  call.write(GARBAGE);
  // After the bad message: a request of a higher term, which must not be stepped.
  call.write(Buffer.from(peer.AppendEntriesRequest.encode({ term: before.term + 5, leaderId: 2, prevLogIndex: 0, prevLogTerm: 0, leaderCommitIndex: 0 }).finish()));
  call.end();
  const r = await done;
  assert.equal(r.code, 3, r.details);
  assert.match(r.details, /request 8 of the stream is refused: not a valid AppendEntriesRequest/);
  assert.equal(r.messages.length, 8, 'one answer per request before the bad one');
  for (const m of r.messages) assert.equal(Number(d_engine.server.replication.AppendEntriesResponse.decode(m).higherTerm), before.term);
  assert.deepEqual(state(), before);
  assert.deepEqual(errors, []);
});

test('StreamSnapshot: an ack that does not decode ends the pull with INVALID_ARGUMENT at once (the puller waited for a status until its deadline)', async () => {
  const put = (i: number) =>
    unary('/d_engine.client.RaftClientService/HandleClientWrite', Buffer.from(d_engine.client.ClientWriteRequest.encode({ command: { insert: { key: Buffer.from(`big/${i}`), value: Buffer.alloc(200_000, i) } } }).finish()));
  // A snapshot of several 1 MiB chunks, so chunks are still queued when the bad ack arrives.
  for (let i = 0; i < 16; i++) assert.equal((await put(i)).code, 0);
  assert.equal((await unary('/raftctl.admin.v1.Admin/TriggerSnapshot', Buffer.alloc(0))).code, 0);
  const { done } = bidi('/d_engine.server.storage.SnapshotService/StreamSnapshot', (call, _m, n) => {
    if (n === 1) call.write(GARBAGE);
  }, 20_000);
  const r = await done;
  assert.equal(r.code, 3, r.details);
  assert.match(r.details, /an ack is refused: not a valid SnapshotAck/);
  assert.ok(r.ms < 5000, `answered in ${Math.round(r.ms)} ms`);
  assert.deepEqual(errors, []);
});

test('InstallSnapshot: a chunk that does not decode is answered success: false by the handler (PROTOCOL_VIOLATION, logged as a failed install), not INTERNAL by grpc-js, which cancelled the call and so read as the sender\'s cancel', async () => {
  const before = state();
  lines.length = 0;
  const r = await new Promise<{ code: number; details: string; response: Buffer | undefined }>((resolve) => {
    const call = client.makeClientStreamRequest('/d_engine.server.storage.SnapshotService/InstallSnapshot', pass, pass, new Metadata(), { deadline: Date.now() + 5000 }, (err: ServiceError | null, res?: Buffer) => {
      resolve(err ? { code: err.code, details: err.details, response: undefined } : { code: 0, details: '', response: res });
    });
    call.write(GARBAGE);
    call.end();
  });
  assert.equal(r.code, 0, r.details);
  const res = d_engine.server.storage.SnapshotResponse.decode(r.response!);
  assert.equal(res.success, false);
  assert.equal(Number(res.term), before.term);
  const failed = lines.filter((l) => /snapshot install/.test(l));
  assert.equal(failed.length, 1, lines.join('\n'));
  assert.match(failed[0]!, /^warn snapshot install failed PROTOCOL_VIOLATION$/);
  assert.deepEqual(state(), before);
  assert.deepEqual(errors, []);
});

/** `n` copies of a length-delimited field `field` holding `body`, then `tail`. */
function repeated(field: number, body: Buffer, n: number, tail: Buffer = Buffer.alloc(0)): Buffer {
  const one = Buffer.concat([Buffer.from([(field << 3) | 2, body.length]), body]);
  return Buffer.concat([Buffer.alloc(one.length * n, one), tail]);
}

test('a request holding more repeated elements than any correct sender sends is refused INVALID_ARGUMENT before it is decoded (33 million empty read keys took 3.4 GB of heap and a 10 s stall)', async () => {
  const before = state();
  // Past the limit, then bytes that do not decode: only a check made before decoding answers the count.
  const read = await unary('/d_engine.client.RaftClientService/HandleClientRead', repeated(2, Buffer.alloc(0), 10_001, GARBAGE));
  assert.equal(read.code, 3, read.details);
  assert.match(read.details, /more than 10000 keys in one request/);
  const entry = Buffer.from(raftctl.raft.v1.Entry.encode({ index: 1, term: 1 }).finish());
  const append = Buffer.concat([Buffer.from([0x08, 0x01, 0x10, 0x02]), repeated(5, entry, 65_537, GARBAGE)]);
  const unaryAppend = await unary('/d_engine.server.replication.RaftReplicationService/AppendEntries', append);
  assert.equal(unaryAppend.code, 3, unaryAppend.details);
  assert.match(unaryAppend.details, /more than 65536 entries in one request/);
  const { call, done } = bidi('/d_engine.server.replication.RaftReplicationService/StreamAppendEntries', () => undefined, 10_000);
  call.write(append);
  call.end();
  const streamed = await done;
  assert.equal(streamed.code, 3, streamed.details);
  assert.match(streamed.details, /request 0 of the stream is refused: more than 65536 entries in one request/);
  // At the limits, well-formed requests are decoded and answered as before.
  const atLimit = await unary('/d_engine.client.RaftClientService/HandleClientRead', repeated(2, Buffer.from('k'), 10_000));
  assert.equal(atLimit.code, 0, atLimit.details);
  assert.deepEqual(state(), before);
  assert.deepEqual(errors, []);
});

test('a server-streaming request that does not decode (Watch, WatchMembership, health Watch) is INVALID_ARGUMENT naming why, not a bare INTERNAL', async () => {
  const before = state();
  for (const path of ['/d_engine.client.RaftClientService/Watch', '/d_engine.client.RaftClientService/WatchMembership', '/grpc.health.v1.Health/Watch']) {
    const outcome = await new Promise<{ code: number; details: string }>((resolve) => {
      const call = client.makeServerStreamRequest(path, pass, pass, GARBAGE, new Metadata(), { deadline: Date.now() + 5000 });
      call.on('data', () => undefined);
      call.on('error', () => undefined);
      call.on('status', (st: StatusObject) => resolve({ code: st.code, details: st.details }));
    });
    assert.equal(outcome.code, 3, `${path}: ${outcome.details}`);
    assert.match(outcome.details, /not a valid request message/, path);
  }
  assert.deepEqual(state(), before);
  assert.deepEqual(errors, []);
});

test('a request over 4 MiB (a d-engine node\'s limit too) is RESOURCE_EXHAUSTED undecoded; a 3.5 MiB write is decoded and refused for its value', async () => {
  const before = state();
  const write = (valueBytes: number): Buffer =>
    Buffer.from(d_engine.client.ClientWriteRequest.encode({ command: { insert: { key: Buffer.from('k'), value: Buffer.alloc(valueBytes, 0x61) } } }).finish());
  const over = await unary('/d_engine.client.RaftClientService/HandleClientWrite', write(5 * 1024 * 1024));
  assert.equal(over.code, 8, over.details);
  const under = await unary('/d_engine.client.RaftClientService/HandleClientWrite', write(3.5 * 1024 * 1024));
  assert.equal(under.code, 3, under.details);
  assert.deepEqual(state(), before);
  assert.deepEqual(errors, []);
});

test('a unary request that does not decode is INVALID_ARGUMENT naming why (a uint64 above 2^53-1, a truncated varint), not a bare INTERNAL, and changes nothing', async () => {
  const before = state();
  const above = Buffer.from([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]); // field 1 = 2^53
  const max = Buffer.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]); // field 1 = 2^64-1
  // ClientWriteRequest{command: {insert: {key: "k", value: "v", ttl_secs: 2^64-1}}}
  const insert = Buffer.from([0x0a, 0x01, 0x6b, 0x12, 0x01, 0x76, 0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  const write = Buffer.concat([Buffer.from([0x12, insert.length + 2, 0x0a, insert.length]), insert]);
  const cases: Array<[string, Buffer, RegExp]> = [
    ['/d_engine.server.election.RaftElectionService/RequestVote', above, /above 2\^53-1/],
    ['/raftctl.raft.v1.RaftPeerExt/PreVote', max, /above 2\^53-1/],
    ['/raftctl.raft.v1.RaftPeerExt/TimeoutNow', above, /above 2\^53-1/],
    ['/d_engine.server.replication.RaftReplicationService/AppendEntries', max, /above 2\^53-1/],
    ['/d_engine.server.cluster.ClusterManagementService/UpdateClusterConf', Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), /above 2\^53-1/],
    ['/d_engine.server.cluster.ClusterManagementService/JoinCluster', GARBAGE, /not a valid request message/],
    ['/d_engine.client.RaftClientService/HandleClientWrite', write, /above 2\^53-1/],
    ['/d_engine.client.RaftClientService/HandleClientScan', GARBAGE, /not a valid request message/],
    ['/raftctl.admin.v1.Admin/GetNodeStatus', GARBAGE, /not a valid request message/],
    ['/grpc.health.v1.Health/Check', GARBAGE, /not a valid request message/],
  ];
  for (const [path, bytes, why] of cases) {
    const r = await unary(path, bytes);
    assert.equal(r.code, 3, `${path}: ${r.code} ${r.details}`);
    assert.match(r.details, why, path);
  }
  assert.deepEqual(state(), before);
  assert.deepEqual(errors, []);
});

test('an AppendEntries or InstallSnapshot of a follower\'s term from another node than the leader it follows there is INVALID_ARGUMENT and changes nothing (one fake entry at the leader\'s index and term diverged the follower\'s state for good; rpc-fuzz seeds 1..10 found it)', async () => {
  // A follower of a 3-member cluster whose other members never run: the test speaks for them.
  const ports = await freePorts(3);
  const peers = { 1: `127.0.0.1:${ports[0]}`, 2: `127.0.0.1:${ports[1]}`, 3: `127.0.0.1:${ports[2]}` };
  const f = await NodeHost.start({ id: 1, listen: peers[1], dataDir: join(dir, 'follower'), mode: { kind: 'peers', peers }, tickMs: 50, electionTimeoutMs: 600_000, logger });
  const fc = new Client(f.address, credentials.createInsecure());
  try {
    const call = (path: string, request: Buffer) =>
      new Promise<{ code: number; details: string }>((resolve) => {
        fc.makeUnaryRequest(path, pass, pass, request, new Metadata(), { deadline: Date.now() + 5000 }, (err: ServiceError | null) => resolve(err ? { code: err.code, details: err.details } : { code: 0, details: '' }));
      });
    const append = (from: number, entries: raftctl.raft.v1.IEntry[], leaderCommitIndex: number) =>
      call('/d_engine.server.replication.RaftReplicationService/AppendEntries', Buffer.from(raftctl.raft.v1.AppendEntriesRequest.encode({ term: 2, leaderId: from, prevLogIndex: 1, prevLogTerm: 1, entries, leaderCommitIndex }).finish()));
    assert.equal((await append(2, [], 1)).code, 0);
    assert.deepEqual([f.node.role, f.node.term, f.node.leaderId], ['follower', 2, 2]);
    const fake = Buffer.from(raftctl.raft.v1.WriteCommand.encode({ insert: { key: Buffer.from('k'), value: Buffer.from('fake') } }).finish());
    const r = await append(3, [{ index: 2, term: 2, payload: { command: fake } }], 2);
    assert.equal(r.code, 3, r.details);
    assert.match(r.details, /^AppendEntries: node 3 claims to lead term 2, whose leader is node 2/);
    const push = await new Promise<{ code: number; details: string }>((resolve) => {
      const s = fc.makeClientStreamRequest('/d_engine.server.storage.SnapshotService/InstallSnapshot', pass, pass, new Metadata(), { deadline: Date.now() + 5000 }, (err: ServiceError | null) => resolve(err ? { code: err.code, details: err.details } : { code: 0, details: '' }));
      s.write(Buffer.from(d_engine.server.storage.SnapshotChunk.encode({ leaderTerm: 2, leaderId: 3, seq: 0, totalChunks: 1, metadata: { lastIncluded: { index: 9, term: 2 } }, data: Buffer.from('x') }).finish()));
      s.end();
    });
    assert.equal(push.code, 3, push.details);
    assert.match(push.details, /node 3 claims to lead term 2, whose leader is node 2/);
    const st = f.node.status();
    assert.deepEqual([st.leaderId, st.lastLogIndex, st.commitIndex, f.node.sm.appliedIndex], [2, 1, 1, 1]);
    // The leader's own entry at index 2 is taken as usual.
    const real = Buffer.from(raftctl.raft.v1.WriteCommand.encode({ insert: { key: Buffer.from('k'), value: Buffer.from('real') } }).finish());
    assert.equal((await append(2, [{ index: 2, term: 2, payload: { command: real } }], 2)).code, 0);
    await until('the leader\'s entry applied', () => (f.node.sm.appliedIndex >= 2 ? true : undefined));
    assert.deepEqual(f.node.sm.read([Buffer.from('k')], Date.now()).map((p) => Buffer.from(p.value).toString()), ['real']);
    assert.deepEqual(errors, []);
  } finally {
    fc.close();
    await f.stop();
  }
});
