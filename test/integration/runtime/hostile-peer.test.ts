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
import { Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { NodeHost } from '../../../src/runtime/node-host.js';
import { raftctl } from '../../../src/proto/raftctl.js';

let dir: string;
let host: NodeHost;
let client: Client;
const errors: string[] = [];
const logger = { log: (level: string, msg: string) => void (level === 'error' && errors.push(msg)) };
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
