/**
 * The runtime's conversions between core messages and wire messages, expiry entries, and the
 * response router's correlation. Exact outputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppendMsg, Entry } from '../../../src/core/index.js';
import { raftctl, d_engine } from '../../../src/proto/raftctl.js';
import {
  appendFromWire,
  appendResponseFromWire,
  appendResponseToWire,
  appendToWire,
  entryFromWire,
  entryToWire,
  storedEntryOf,
  readIndexFromWire,
  readIndexResponseFromWire,
  readIndexResponseToWire,
  readIndexToWire,
  voteFromWire,
  voteToWire,
} from '../../../src/runtime/codec.js';
import { ResponseRouter } from '../../../src/runtime/response-router.js';
import { MAX_APPEND_BYTES } from '../../../src/runtime/peer-sender.js';
import { ack, appendsTo, drainAll, makeLeader, newCore } from '../core/fixtures.js';
import { decodeWriteCommand, encodeWriteCommand } from '../../../src/state-machine/index.js';
import { toApplyEntry } from '../../../src/storage/index.js';

const cmd = (index: number, bytes: number): Entry => ({ index, term: 2, payload: { type: 'command', data: Buffer.alloc(bytes, 1) }, proposedAtUnixMs: 1000 + index });

test('entries survive core → wire → bytes → wire → core, configuration and proposal time included', () => {
  const entries: Entry[] = [
    { index: 1, term: 1, payload: { type: 'configuration', configuration: { voters: [1, 2], votersOutgoing: [], learners: [{ id: 3, readOnly: true }], addresses: { 1: 'a:1', 2: 'b:2', 3: 'c:3' } } } },
    { index: 2, term: 2, payload: { type: 'noop' } },
    cmd(3, 5),
  ];
  for (const e of entries) {
    const bytes = raftctl.raft.v1.Entry.encode(entryToWire(e)).finish();
    assert.deepEqual(entryFromWire(raftctl.raft.v1.Entry.decode(bytes)), e);
  }
});

test('Append and AppendResponse keep every field; seq never goes on the wire', () => {
  const m: AppendMsg = { type: 'Append', from: 1, to: 2, term: 3, leaderId: 1, prevLogIndex: 4, prevLogTerm: 2, entries: [cmd(5, 3)], leaderCommitIndex: 4, seq: 77 };
  const wire = appendToWire(m);
  assert.equal('seq' in wire, false);
  const back = appendFromWire(raftctl.raft.v1.AppendEntriesRequest.decode(raftctl.raft.v1.AppendEntriesRequest.encode(wire).finish()), 2, 9);
  assert.deepEqual(back, { ...m, seq: 9 });
  const conflict = appendResponseToWire({ type: 'AppendResponse', from: 2, to: 1, term: 3, seq: 9, result: { kind: 'conflict', conflictIndex: 3 } });
  const decoded = d_engine.server.replication.AppendEntriesResponse.decode(d_engine.server.replication.AppendEntriesResponse.encode(conflict).finish());
  assert.deepEqual(appendResponseFromWire(decoded, 2, 1, 77), { type: 'AppendResponse', from: 2, to: 1, term: 3, seq: 77, result: { kind: 'conflict', conflictIndex: 3 } });
  const ok = appendResponseToWire({ type: 'AppendResponse', from: 2, to: 1, term: 3, seq: 9, result: { kind: 'success', lastMatch: { index: 5, term: 2 } } });
  assert.deepEqual(appendResponseFromWire(ok, 2, 1, 77).result, { kind: 'success', lastMatch: { index: 5, term: 2 } });
  const higher = appendResponseToWire({ type: 'AppendResponse', from: 2, to: 1, term: 8, seq: 9, result: { kind: 'higherTerm', higherTerm: 8 } });
  assert.deepEqual(appendResponseFromWire(higher, 2, 1, 77).result, { kind: 'higherTerm', higherTerm: 8 });
});

test('Vote and PreVote requests carry the transfer flag only for Vote', () => {
  const v = voteToWire({ type: 'Vote', from: 3, to: 1, term: 5, lastLogIndex: 9, lastLogTerm: 4, leadershipTransfer: true });
  assert.deepEqual(voteFromWire(v, 1, false), { type: 'Vote', from: 3, to: 1, term: 5, lastLogIndex: 9, lastLogTerm: 4, leadershipTransfer: true });
  const p = voteToWire({ type: 'PreVote', from: 3, to: 1, term: 6, lastLogIndex: 9, lastLogTerm: 4 });
  assert.deepEqual(voteFromWire(p, 1, true), { type: 'PreVote', from: 3, to: 1, term: 6, lastLogIndex: 9, lastLogTerm: 4 });
});

test('ReadIndex and its answer cross the wire (RaftPeerExt/ReadIndex): granted index 0 stays present, a rejection keeps its hint', () => {
  const pb = raftctl.raft.v1;
  const req = pb.ReadIndexRequest.decode(pb.ReadIndexRequest.encode(readIndexToWire({ type: 'ReadIndex', from: 2, to: 1, term: 4, ctx: 17 })).finish());
  assert.deepEqual(readIndexFromWire(req, 1), { type: 'ReadIndex', from: 2, to: 1, term: 4, ctx: 17 });
  const roundTrip = (m: Parameters<typeof readIndexResponseToWire>[0]) =>
    readIndexResponseFromWire(pb.ReadIndexResponse.decode(pb.ReadIndexResponse.encode(readIndexResponseToWire(m)).finish()), 1, 2);
  for (const index of [0, 12]) {
    const granted = { type: 'ReadIndexResponse', from: 1, to: 2, term: 4, ctx: 17, index } as const;
    assert.deepEqual(roundTrip(granted), granted);
  }
  const rejected = { type: 'ReadIndexResponse', from: 1, to: 2, term: 4, ctx: 17, rejected: 'NOT_LEADER', leaderHint: 3 } as const;
  assert.deepEqual(roundTrip(rejected), rejected);
});

test('a leader-proposed expiry is a superset WriteCommand (expire = 100) that applies through the command path', () => {
  const keys = [Buffer.from('a'), Buffer.from('bc')];
  const data = encodeWriteCommand({ op: 'expire', keys });
  const e: Entry = { index: 7, term: 2, payload: { type: 'command', data }, proposedAtUnixMs: 50 };
  const wire = raftctl.raft.v1.Entry.decode(raftctl.raft.v1.Entry.encode(entryToWire(e)).finish());
  const back = entryFromWire(wire);
  assert.deepEqual(toApplyEntry(storedEntryOf(back)), { index: 7, term: 2, kind: 'command', command: data, proposedAtUnixMs: 50 });
  assert.deepEqual(decodeWriteCommand(data), { op: 'expire', keys });
});

test('Appends stay under gRPC\'s 4 MiB limit: the core, with NodeHost\'s MAX_APPEND_BYTES, bounds each one (no split in the runtime)', () => {
  const c = newCore(1, [1, 2], { maxAppendBytes: MAX_APPEND_BYTES });
  makeLeader(c, [1, 2]);
  c.step(ack(2, 1, 1, 1, 1, 1));
  drainAll(c);
  const value = 1024 * 1024; // the largest value a client may write
  for (let i = 0; i < 7; i++) c.propose(Buffer.alloc(value + 4096, i));
  const appends = appendsTo(drainAll(c).messages, 2).filter((m) => m.entries.length > 0);
  assert.deepEqual(appends.flatMap((m) => m.entries.map((e) => e.index)), [2, 3, 4, 5, 6, 7, 8], 'every entry sent once, in order');
  assert.ok(appends.length > 1, 'the backlog is spread over several Appends');
  for (const m of appends) {
    const bytes = raftctl.raft.v1.AppendEntriesRequest.encode(appendToWire(m)).finish().length;
    assert.ok(bytes < 4 * 1024 * 1024, `an Append of ${bytes} bytes`);
  }
});

test('the response router hands each answer to its waiter: appends by (peer, seq), votes FIFO per peer', async () => {
  const r = new ResponseRouter();
  const a = r.waitAppend(2, 5, 1000);
  const v1 = r.waitVote(3, false, 1000);
  const v2 = r.waitVote(3, false, 1000);
  assert.equal(r.deliver({ type: 'AppendResponse', from: 1, to: 2, term: 1, seq: 6, result: { kind: 'higherTerm', higherTerm: 1 } }), false);
  assert.equal(r.deliver({ type: 'AppendResponse', from: 1, to: 2, term: 1, seq: 5, result: { kind: 'higherTerm', higherTerm: 1 } }), true);
  assert.equal((await a).seq, 5);
  r.deliver({ type: 'VoteResponse', from: 1, to: 3, term: 1, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 });
  r.deliver({ type: 'VoteResponse', from: 1, to: 3, term: 2, voteGranted: false, lastLogIndex: 0, lastLogTerm: 0 });
  assert.deepEqual([(await v1).term, (await v2).term], [1, 2]);
  const late = r.waitSnapshot(4, 0, 10);
  await assert.rejects(late, /no answer/);
  assert.equal(r.deliver({ type: 'SnapshotResponse', from: 1, to: 4, term: 1, success: true, snapshotIndex: 0 }), false);
});

test("the response router never hands a snapshot answer to another push's waiter: the answer to an expired wait is not the next push's", async () => {
  // A leader's push of snapshot 100 waited longer than the receiver's answer timeout (a long
  // restore); it pushes again, now snapshot 200. The core's late answer for 100 must not answer
  // the push of 200: the leader would count 200 as this node's before the core installed it.
  const r = new ResponseRouter();
  await assert.rejects(r.waitSnapshot(4, 100, 10), /no answer/);
  const second = r.waitSnapshot(4, 200, 1000);
  assert.equal(r.deliver({ type: 'SnapshotResponse', from: 1, to: 4, term: 1, success: true, snapshotIndex: 100 }), false);
  assert.equal(r.deliver({ type: 'SnapshotResponse', from: 1, to: 4, term: 1, success: false, snapshotIndex: 200 }), true);
  assert.equal((await second).success, false);
});
