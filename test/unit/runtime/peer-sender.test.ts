/**
 * GrpcPeerSender's commit-only coalescing (src/runtime/peer-sender.ts): a commit-only Append is
 * held briefly and dropped when a later Append to the same peer carries its commit index; when
 * none comes it leaves after COMMIT_COALESCE_MS.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppendMsg, Configuration } from '../../../src/core/index.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { COMMIT_COALESCE_MS, GrpcPeerSender } from '../../../src/runtime/peer-sender.js';
import type { AppendEntriesRequest, AppendEntriesResponse } from '../../../src/transport/messages.js';
import type { ReplicationStream, Transport } from '../../../src/transport/types.js';
import type { SnapshotStore } from '../../../src/storage/index.js';

const configuration: Configuration = { voters: [1, 2], votersOutgoing: [], learners: [], addresses: { 1: '127.0.0.1:1', 2: '127.0.0.1:2' } };

/** A transport whose replication stream records what was written and never answers. */
function recordingTransport(): { transport: Transport; sent: AppendEntriesRequest[] } {
  const sent: AppendEntriesRequest[] = [];
  const stream: ReplicationStream = {
    peerId: 2,
    capacity: 128,
    inflight: 0,
    send(request) {
      sent.push(request);
      return new Promise<AppendEntriesResponse>(() => undefined);
    },
    closed: new Promise(() => undefined),
    close() {},
  };
  const transport = { openReplicationStream: async () => stream } as unknown as Transport;
  return { transport, sent };
}

function append(seq: number, commit: number, entries: number, commitOnly = false): AppendMsg {
  const es = Array.from({ length: entries }, (_, i) => ({ index: seq * 10 + i, term: 1, payload: { type: 'noop' as const } }));
  return { type: 'Append', from: 1, to: 2, term: 1, leaderId: 1, prevLogIndex: seq * 10 - 1, prevLogTerm: 1, entries: es, leaderCommitIndex: commit, seq, ...(commitOnly ? { commitOnly: true as const } : {}) };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function sender(transport: Transport): GrpcPeerSender {
  return new GrpcPeerSender({
    selfId: 1,
    transport,
    configuration: () => configuration,
    step: () => undefined,
    snapshots: {} as SnapshotStore,
    leaderTerm: () => 1,
    electionTimeoutMs: 1000,
    logger: silentLogger,
  });
}

/** A sender whose stream to peer 2 is open, with one entry-carrying Append (commit 0) sent. */
async function connectedSender(): Promise<{ s: GrpcPeerSender; sent: AppendEntriesRequest[] }> {
  const { transport, sent } = recordingTransport();
  const s = sender(transport);
  s.send(append(1, 0, 1)); // opens the stream; queued until it is connected
  await sleep(5);
  return { s, sent };
}

test('a commit-only Append followed at once by an entry-carrying Append is dropped: the later one carries the commit', async () => {
  const { s, sent } = await connectedSender();
  s.send(append(2, 10, 0, true));
  s.send(append(3, 10, 1));
  await sleep(COMMIT_COALESCE_MS * 3);
  assert.deepEqual(sent.map((r) => [r.entries?.length ?? 0, r.leaderCommitIndex]), [[1, 0], [1, 10]]);
  s.close();
});

test('a commit-only Append with nothing after it leaves within COMMIT_COALESCE_MS; of two held, only the newer leaves', async () => {
  const { s, sent } = await connectedSender();
  s.send(append(2, 10, 0, true));
  s.send(append(3, 11, 0, true));
  assert.equal(sent.length, 1, 'held, not sent at once');
  await sleep(COMMIT_COALESCE_MS * 5);
  assert.deepEqual(sent.map((r) => [r.entries?.length ?? 0, r.leaderCommitIndex]), [[1, 0], [0, 11]]);
  s.close();
});

test('a heartbeat is never held, and a held commit-only Append with a higher commit than the next Append still leaves first', async () => {
  const { s, sent } = await connectedSender();
  s.send(append(2, 0, 0)); // heartbeat
  assert.equal(sent.length, 2);
  s.send(append(3, 12, 0, true));
  s.send(append(4, 5, 0)); // a lower commit (never within one term; the sender keeps the news anyway)
  assert.deepEqual(sent.map((r) => r.leaderCommitIndex), [0, 0, 12, 5]);
  s.close();
});

test('a heartbeat anchored below the held Append (carrying the commit index but not letting the follower reach it) does not make it redundant', async () => {
  const { s, sent } = await connectedSender();
  s.send({ ...append(2, 10, 0, true), prevLogIndex: 10 }); // follower may commit up to 10
  s.send({ ...append(3, 10, 0), prevLogIndex: 0 }); // heartbeat at matchIndex 0: min(10, 0) = 0
  assert.deepEqual(sent.map((r) => [r.prevLogIndex, r.leaderCommitIndex]), [[9, 0], [10, 10], [0, 10]]);
  s.close();
});

test('close() drops a held commit-only Append', async () => {
  const { s, sent } = await connectedSender();
  s.send(append(2, 10, 0, true));
  s.close();
  await sleep(COMMIT_COALESCE_MS * 3);
  assert.equal(sent.length, 1);
});
