/**
 * The transport as a library user drives it against a real `node start --bootstrap` on
 * 127.0.0.1:0 (one voter, leader once elected), through the public API only (the package's
 * entry point, imported by its name as a library user does): discovery, a term-0 vote, a stale
 * append and the persistent stream (FIFO, gzip), a cluster update, a learner join (joined, joined
 * again after "already exists", id taken), a snapshot pull verified end to end, and close() with
 * work in flight. The node is killed by pid and its directory removed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ConfigError, DEFAULT_RETRY, EndpointClient, GrpcTransport, InternalError, type AppendEntriesRequest, type Membership, type RaftCtlError, type WriteCommand } from 'raftctl';
import { killAll, removeDir, startNode, tempDir, waitFor, type NodeProcess } from '../../harness/node-process.js';

const dir = tempDir('raftctl-libuser-');
let node: NodeProcess;
let m: Membership;

before(async () => {
  node = await startNode({ id: 1, dataDir: join(dir, 'n1'), bootstrap: true, logLevel: 'warn' });
  m = { selfId: 9, members: [{ id: 1, address: node.address, role: 'voter' }] };
  const probe = new GrpcTransport({ selfId: 9 });
  try {
    await waitFor('a leader', async () => ((await probe.discoverLeader({ nodeId: 9 }, false, m, { deadlineMs: 500 }))[0]?.response?.leaderId === 1 ? true : undefined), 15_000, 50);
  } finally {
    probe.close();
  }
});
after(async () => {
  await killAll();
  removeDir(dir);
});

const stale = (prevLogIndex: number): AppendEntriesRequest => ({ term: 0, leaderId: 9, prevLogIndex, prevLogTerm: 0, leaderCommitIndex: 0, entries: [] });

test('fan-outs, the stream and JSON-safe results against a live node', async () => {
  const t = new GrpcTransport({ selfId: 9 });
  try {
    const votes = await t.sendVoteRequests({ term: 0, candidateId: 9, lastLogIndex: 0, lastLogTerm: 0 }, DEFAULT_RETRY.election, m);
    assert.equal(votes.results[0]!.response?.voteGranted ?? false, false);
    assert.ok(votes.higherTerm !== null && votes.higherTerm.peerId === 1 && votes.higherTerm.term >= 1);
    // A library user's JSON of the result keeps terms numbers.
    assert.equal(typeof JSON.parse(JSON.stringify(votes)).results[0].response.term, 'number');

    const appended = await t.sendAppendRequests([[1, stale(0)]], { ...DEFAULT_RETRY.appendEntries, timeoutMs: 2000 }, m, true);
    assert.ok((appended.results[0]!.response?.higherTerm ?? 0) >= 1, 'a stale append is refused with the higher term');

    // 300 pipelined requests on one gzip stream: one answer each, in order, never over 128 in flight.
    const stream = await t.openReplicationStream(1, m, true);
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => stream.send(stale(i))));
    assert.equal(answers.length, 300);
    assert.ok(answers.every((a) => a.nodeId === 1 && (a.higherTerm ?? 0) >= 1));
    stream.close();
    assert.equal(await stream.closed, null);

    const update = await t.sendClusterUpdate({ id: 9, term: 0, version: 0 }, { ...DEFAULT_RETRY.membership, maxAttempts: 1 }, m);
    assert.equal(update.results[0]!.response?.success ?? false, false, 'a raftctl node changes membership only through its log');
  } finally {
    t.close();
  }
});

test('a learner joins; joining again is verified from the metadata; another address for the id is ID_TAKEN', async () => {
  const t = new GrpcTransport({ selfId: 9 });
  const policy = { ...DEFAULT_RETRY.joinCluster, timeoutMs: 5000 };
  try {
    const joined = await t.joinCluster(1, { nodeId: 5, nodeRole: 4, address: '127.0.0.1:45555', status: 1 }, policy, m);
    assert.equal(joined.success, true);
    assert.ok((joined.config?.nodes ?? []).some((n) => n.id === 5 && n.address === '127.0.0.1:45555'));
    const again = await t.joinCluster(1, { nodeId: 5, nodeRole: 4, address: '127.0.0.1:45555', status: 1 }, policy, m);
    assert.equal(again.success, true);
    await assert.rejects(t.joinCluster(1, { nodeId: 5, nodeRole: 4, address: '127.0.0.1:45556', status: 1 }, policy, m), (e: RaftCtlError) => e.code === 'ID_TAKEN' && e.exitCode === 6);
  } finally {
    t.close();
  }
});

test('a snapshot pull is verified end to end (SHA-256 of what was yielded = the announced one)', async () => {
  const client = new EndpointClient();
  const t = new GrpcTransport({ selfId: 9 });
  try {
    for (let i = 0; i < 8; i++) {
      const command = { insert: { key: Buffer.from(`k${i}`), value: Buffer.alloc(200_000, i) } } satisfies WriteCommand;
      const w = await client.write(node.address, { clientId: 1, command }, { deadlineMs: 5000 });
      assert.ok(!w.error, `write ${i}: ${String(w.error)}`);
    }
    await client.triggerSnapshot(node.address, { deadlineMs: 10_000 });
    const pull = await t.requestSnapshotFromLeader(1, DEFAULT_RETRY.installSnapshot, m);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of pull) {
      hash.update(chunk.data);
      bytes += chunk.data.byteLength;
    }
    const result = await pull.result;
    assert.equal(result.verified, true);
    assert.equal(result.bytes, bytes);
    assert.ok(bytes > 1_600_000);
    assert.equal(hash.digest('hex'), result.sha256);
    assert.equal((await pull.info).announcedSha256, result.sha256);

    // A retry policy validateRetryPolicy accepts with a first-chunk wait past Node's timer limit
    // (about 24.8 days) still waits: the pull failed at once "no snapshot chunk within 3000000000 ms".
    for (const timeoutMs of [3_000_000_000, Infinity]) {
      const patient = await t.requestSnapshotFromLeader(1, { ...DEFAULT_RETRY.installSnapshot, maxAttempts: 1, timeoutMs }, m);
      for await (const chunk of patient) void chunk;
      assert.equal((await patient.result).verified, true, String(timeoutMs));
    }
  } finally {
    client.close();
    t.close();
  }
});

test('EndpointClient refuses an endpoint that is not host:port or a connect wait that is not > 0 with a ConfigError (nothing dialled) and strips http:// as GrpcTransport does', async () => {
  const client = new EndpointClient();
  try {
    const notHostPort = (e: RaftCtlError) => e instanceof ConfigError && e.exitCode === 2 && e.details?.sent === false;
    await assert.rejects(client.getNodeStatus('nonsense', { deadlineMs: 2000 }), notHostPort);
    await assert.rejects(client.write('127.0.0.1:99999', { clientId: 1, command: { insert: { key: Buffer.from('k'), value: Buffer.from('v') } } }, { deadlineMs: 2000 }), notHostPort);
    await assert.rejects(client.watch('nonsense', { key: Buffer.from('k') }).next(), notHostPort);
    // A connect wait that is not a number > 0 is the caller's error, not an unreachable node.
    for (const connectTimeoutMs of [0, -1, Number.NaN]) {
      await assert.rejects(client.getNodeStatus(node.address, { deadlineMs: 2000, connectTimeoutMs }), (e: RaftCtlError) => e instanceof ConfigError, String(connectTimeoutMs));
    }
    // A connect wait past Node's timer limit (about 24.8 days) still waits: its timer fired after
    // 1 ms and a fresh client's call to a live node failed as UNREACHABLE 'no connection within 3000000.000s'.
    const fresh = new EndpointClient();
    try {
      assert.equal((await fresh.getNodeStatus(node.address, { deadlineMs: 4_000_000_000, connectTimeoutMs: 3_000_000_000 })).nodeId, 1);
    } finally {
      fresh.close();
    }
    // A member address as d-engine writes it (membershipFromClusterMetadata keeps it) is dialled without its scheme.
    assert.equal((await client.getNodeStatus(`http://${node.address}`, { deadlineMs: 2000 })).nodeId, 1);
  } finally {
    client.close();
  }
});

test('a push whose source fails is an InternalError (INTERNAL, exit 1), not a bare RaftCtlError', async () => {
  const t = new GrpcTransport({ selfId: 9 });
  try {
    const source = {
      async *open(): AsyncGenerator<Uint8Array> {
        throw new Error('disk gone');
      },
    };
    await assert.rejects(t.sendSnapshot(1, { lastIncludedIndex: 1, lastIncludedTerm: 1 }, source, m, { leaderTerm: 0, leaderId: 9, deadlineMs: 5000 }), (e: unknown) => e instanceof InternalError && e.code === 'INTERNAL' && e.exitCode === 1 && /disk gone/.test(e.message));
  } finally {
    t.close();
  }
});

test('close() with a stream send, a vote and a pull in flight: each fails TRANSPORT_CLOSED (the send as STREAM_BROKEN caused by it)', async () => {
  const t = new GrpcTransport({ selfId: 9 });
  const stream = await t.openReplicationStream(1, m, false);
  const sent = stream.send(stale(0)).catch((e: RaftCtlError) => e);
  const pulling = t.requestSnapshotFromLeader(1, DEFAULT_RETRY.installSnapshot, m).then(async (pull) => {
    for await (const chunk of pull) void chunk;
    return pull.result;
  });
  const vote = t.requestVote(1, { term: 0, candidateId: 9 }, m, { deadlineMs: 5000 }).catch((e: RaftCtlError) => e);
  t.close();
  const sendError = await sent;
  if (sendError instanceof Error) assert.ok(sendError.code === 'STREAM_BROKEN' && (sendError.cause as RaftCtlError).code === 'TRANSPORT_CLOSED', String(sendError));
  const voteError = await vote;
  assert.ok(!(voteError instanceof Error) || voteError.code === 'TRANSPORT_CLOSED', String(voteError));
  await assert.rejects(pulling, (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
  await assert.rejects(t.sendVoteRequests({ term: 1, candidateId: 9 }, DEFAULT_RETRY.election, m), (e: RaftCtlError) => e.code === 'TRANSPORT_CLOSED');
});
