/**
 * Golden wire tests for d_engine.server.replication (proto/server/replication.proto, reference
 * §1.3 and §1.5): AppendEntriesRequest with entries, and every branch of the
 * AppendEntriesResponse `result` oneof: success, conflict with both / one / no hint (the hints
 * are proto3 `optional`; the leader branches on presence) and higher_term, including
 * higher_term = 0, which is still "set" because oneof members have explicit presence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d_engine } from '../../../src/proto/raftctl.js';
import { golden, hex, utf8 } from './golden.js';

const replication = d_engine.server.replication;
const AppendEntriesResponse = replication.AppendEntriesResponse;

test('AppendEntriesRequest with a noop and a command entry', () => {
  const bytes = hex(
    '08 03', //                   tag (1<<3)|0 = 0x08 term, 3
    '10 01', //                   tag (2<<3)|0 = 0x10 leader_id, 1
    '18 0a', //                   tag (3<<3)|0 = 0x18 prev_log_index, 10
    '20 02', //                   tag (4<<3)|0 = 0x20 prev_log_term, 2
    '2a 08', //                   tag (5<<3)|2 = 0x2a entries[0], length 8
    '08 0b 10 03 1a 02 0a 00', //   Entry index 11, term 3, payload {noop} (1a 02: payload, length 2)
    '2a 09', //                   tag 0x2a entries[1], length 9
    '08 0c 10 03 1a 03 12 01 78', // Entry index 12, term 3, payload {command "x"} (12 01 78)
    '30 0a', //                   tag (6<<3)|0 = 0x30 leader_commit_index, 10
  );
  golden(replication.AppendEntriesRequest, bytes, {
    term: 3,
    leaderId: 1,
    prevLogIndex: 10,
    prevLogTerm: 2,
    entries: [
      { index: 11, term: 3, payload: { noop: {} } },
      { index: 12, term: 3, payload: { command: utf8('x') } },
    ],
    leaderCommitIndex: 10,
  });
});

test('AppendEntriesRequest heartbeat (no entries)', () => {
  const bytes = hex('08 03', '10 01', '18 0c', '20 03', '30 0c'); // term 3, leader 1, prev (12, 3), commit 12
  const request = golden(replication.AppendEntriesRequest, bytes, { term: 3, leaderId: 1, prevLogIndex: 12, prevLogTerm: 3, leaderCommitIndex: 12 });
  assert.deepEqual(request.entries, []);
});

test('AppendEntriesResponse success with last_match', () => {
  const bytes = hex(
    '08 02', //             tag (1<<3)|0 = 0x08 node_id, 2
    '10 03', //             tag (2<<3)|0 = 0x10 term, 3
    '1a 06', //             tag (3<<3)|2 = 0x1a success, length 6
    '0a 04 08 03 10 0c', //   SuccessResult tag 0x0a last_match, length 4: LogId term 3, index 12
  );
  const response = golden(AppendEntriesResponse, bytes, { nodeId: 2, term: 3, success: { lastMatch: { term: 3, index: 12 } } });
  assert.equal(response.result, 'success');
  assert.equal(response.conflict, null);
  assert.equal(response.higherTerm, null);
});

test('AppendEntriesResponse success with an empty SuccessResult is still the success branch', () => {
  const response = golden(AppendEntriesResponse, hex('08 02', '1a 00'), { nodeId: 2, success: {} }); // 1a 00: success, length 0
  assert.equal(response.result, 'success');
});

test('AppendEntriesResponse conflict with both hints', () => {
  const bytes = hex(
    '08 02', //    node_id 2
    '10 03', //    term 3
    '22 04', //    tag (4<<3)|2 = 0x22 conflict, length 4
    '08 02', //      ConflictResult tag 0x08 conflict_term, 2
    '10 07', //      tag 0x10 conflict_index, 7
  );
  const response = golden(AppendEntriesResponse, bytes, { nodeId: 2, term: 3, conflict: { conflictTerm: 2, conflictIndex: 7 } });
  assert.equal(response.result, 'conflict');
});

test('AppendEntriesResponse conflict with only conflict_term', () => {
  const response = golden(AppendEntriesResponse, hex('08 02', '10 03', '22 02', '08 02'), { nodeId: 2, term: 3, conflict: { conflictTerm: 2 } });
  assert.equal(response.conflict?.conflictIndex, null);
});

test('AppendEntriesResponse conflict with only conflict_index', () => {
  const response = golden(AppendEntriesResponse, hex('08 02', '10 03', '22 02', '10 07'), { nodeId: 2, term: 3, conflict: { conflictIndex: 7 } });
  assert.equal(response.conflict?.conflictTerm, null);
});

test('AppendEntriesResponse conflict with no hint (both absent, not zero)', () => {
  const response = golden(AppendEntriesResponse, hex('08 02', '10 03', '22 00'), { nodeId: 2, term: 3, conflict: {} }); // 22 00: conflict, length 0
  assert.equal(response.result, 'conflict');
  assert.equal(response.conflict?.conflictTerm, null);
  assert.equal(response.conflict?.conflictIndex, null);
});

test('AppendEntriesResponse conflict hints that are present and zero stay present', () => {
  const bytes = hex(
    '08 02', '10 03', // node_id 2, term 3
    '22 04', //         conflict, length 4
    '08 00', //           conflict_term 0 (optional: the zero is written)
    '10 00', //           conflict_index 0
  );
  golden(AppendEntriesResponse, bytes, { nodeId: 2, term: 3, conflict: { conflictTerm: 0, conflictIndex: 0 } });
});

test('AppendEntriesResponse higher_term', () => {
  const bytes = hex(
    '08 02', // node_id 2
    '10 05', // term 5
    '28 05', // tag (5<<3)|0 = 0x28 higher_term, 5
  );
  const response = golden(AppendEntriesResponse, bytes, { nodeId: 2, term: 5, higherTerm: 5 });
  assert.equal(response.result, 'higherTerm');
});

test('AppendEntriesResponse higher_term = 0 is still set (oneof members have presence)', () => {
  const bytes = hex(
    '08 02', // node_id 2 (term 0 is not written)
    '28 00', // tag 0x28 higher_term, varint 0: on the wire because it is a oneof member
  );
  const response = golden(AppendEntriesResponse, bytes, { nodeId: 2, higherTerm: 0 });
  assert.equal(response.result, 'higherTerm');
  assert.equal(response.higherTerm, 0);
});

test('AppendEntriesResponse with no result at all', () => {
  const response = golden(AppendEntriesResponse, hex('08 02', '10 03'), { nodeId: 2, term: 3 });
  assert.equal(response.result, undefined);
  assert.equal(response.success, null);
});
