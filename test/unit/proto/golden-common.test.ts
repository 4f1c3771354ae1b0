/**
 * Golden wire tests for d_engine.common (proto/common.proto, reference §1.3): LogId and Entry
 * field order, every branch of the EntryPayload and MembershipChange oneofs, packed repeated
 * uint32, and the snapshot/leader helper messages.
 *
 * Scenario: hand-written bytes (tag = (field << 3) | wire type, worked out per field) decode.
 * Expected: exactly the listed fields, and re-encoding gives the same bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d_engine } from '../../../src/proto/raftctl.js';
import { golden, hex, plain, toHex, encode, utf8 } from './golden.js';

const common = d_engine.common;

test('LogId is term = 1, index = 2', () => {
  const bytes = hex(
    '08 05', // tag (1<<3)|0 = 0x08 term, varint 5
    '10 02', // tag (2<<3)|0 = 0x10 index, varint 2
  );
  golden(common.LogId, bytes, { term: 5, index: 2 });
});

test('Entry is index = 1, term = 2: the same bytes read as a LogId swap the two numbers', () => {
  const bytes = hex(
    '08 05', // tag 0x08 field 1 = Entry.index, varint 5
    '10 02', // tag 0x10 field 2 = Entry.term, varint 2
  );
  const entry = golden(common.Entry, bytes, { index: 5, term: 2 });
  const logId = common.LogId.decode(bytes);
  assert.deepEqual([entry.index, entry.term], [5, 2]);
  assert.deepEqual([logId.index, logId.term], [2, 5]);
});

test('Entry with multi-byte varints and a noop payload', () => {
  const bytes = hex(
    '08 c0 84 3d', // tag 0x08 index, varint 1000000 = 0x40 | 0x04<<7 | 0x3d<<14
    '10 f0 a2 04', // tag 0x10 term, varint 70000 = 0x70 | 0x22<<7 | 0x04<<14
    '1a 02', //       tag (3<<3)|2 = 0x1a payload, length 2
    '0a 00', //         EntryPayload tag (1<<3)|2 = 0x0a noop, length 0 (empty Noop)
  );
  const entry = golden(common.Entry, bytes, { index: 1_000_000, term: 70_000, payload: { noop: {} } });
  assert.equal(entry.payload?.payload, 'noop');
});

test('Entry with zero index/term omits them (proto3 implicit presence) and decodes them as 0', () => {
  const bytes = hex(
    '1a 02', // tag 0x1a payload, length 2
    '0a 00', //   noop, length 0
  );
  const entry = golden(common.Entry, bytes, { payload: { noop: {} } });
  assert.equal(entry.index, 0);
  assert.equal(entry.term, 0);
});

test('EntryPayload.command carries an encoded d_engine.client.WriteCommand', () => {
  const bytes = hex(
    '12 08', //         tag (2<<3)|2 = 0x12 command, length 8
    '0a 06', //           WriteCommand tag 0x0a insert, length 6
    '0a 01 6b', //          Insert tag 0x0a key, length 1, "k"
    '12 01 76', //          Insert tag 0x12 value, length 1, "v"
  );
  const payload = golden(common.EntryPayload, bytes, { command: hex('0a 06 0a 01 6b 12 01 76') });
  assert.equal(payload.payload, 'command');
  assert.deepEqual(plain(d_engine.client.WriteCommand.decode(payload.command!)), { insert: { key: utf8('k'), value: utf8('v') } });
});

test('EntryPayload.config with MembershipChange.add_node', () => {
  const bytes = hex(
    '1a 15', //       tag (3<<3)|2 = 0x1a config, length 21
    '0a 13', //         MembershipChange tag (1<<3)|2 = 0x0a add_node, length 19
    '08 04', //           AddNode tag 0x08 node_id, varint 4
    '12 0d 31 30 2e 30 2e 30 2e 34 3a 39 30 38 31', // tag 0x12 address, length 13, "10.0.0.4:9081"
    '18 01', //           tag (3<<3)|0 = 0x18 status, NODE_STATUS_PROMOTABLE = 1
  );
  const payload = golden(common.EntryPayload, bytes, {
    config: { addNode: { nodeId: 4, address: '10.0.0.4:9081', status: common.NodeStatus.NODE_STATUS_PROMOTABLE } },
  });
  assert.equal(payload.payload, 'config');
  assert.equal(payload.config?.change, 'addNode');
});

test('MembershipChange.remove_node = 2', () => {
  const bytes = hex(
    '12 02', // tag (2<<3)|2 = 0x12 remove_node, length 2
    '08 03', //   RemoveNode tag 0x08 node_id, varint 3
  );
  const change = golden(common.MembershipChange, bytes, { removeNode: { nodeId: 3 } });
  assert.equal(change.change, 'removeNode');
});

test('MembershipChange.promote = 3', () => {
  const bytes = hex(
    '1a 04', // tag (3<<3)|2 = 0x1a promote, length 4
    '08 05', //   PromoteLearner tag 0x08 node_id, varint 5
    '10 03', //   tag (2<<3)|0 = 0x10 status, NODE_STATUS_ACTIVE = 3
  );
  const change = golden(common.MembershipChange, bytes, { promote: { nodeId: 5, status: common.NodeStatus.NODE_STATUS_ACTIVE } });
  assert.equal(change.change, 'promote');
});

test('MembershipChange.batch_promote = 4 with packed node_ids', () => {
  const bytes = hex(
    '22 08', //       tag (4<<3)|2 = 0x22 batch_promote, length 8
    '0a 04 05 06 ac 02', // BatchPromote tag 0x0a node_ids packed, length 4: 5, 6, 300 = 0x2c|0x80, 0x02
    '10 02', //         tag 0x10 new_status, NODE_STATUS_READ_ONLY = 2
  );
  const change = golden(common.MembershipChange, bytes, { batchPromote: { nodeIds: [5, 6, 300], newStatus: common.NodeStatus.NODE_STATUS_READ_ONLY } });
  assert.equal(change.change, 'batchPromote');
});

test('MembershipChange.batch_remove = 5 with packed node_ids', () => {
  const bytes = hex(
    '2a 04', //       tag (5<<3)|2 = 0x2a batch_remove, length 4
    '0a 02 02 03', //   BatchRemove tag 0x0a node_ids packed, length 2: 2, 3
  );
  const change = golden(common.MembershipChange, bytes, { batchRemove: { nodeIds: [2, 3] } });
  assert.equal(change.change, 'batchRemove');
});

test('BatchRemove accepts unpacked node_ids (proto3 parsers must) and re-encodes them packed', () => {
  const unpacked = hex(
    '08 02', // tag (1<<3)|0 = 0x08 node_ids, varint 2
    '08 03', // tag 0x08 node_ids, varint 3
  );
  const decoded = common.BatchRemove.decode(unpacked);
  assert.deepEqual(plain(decoded), { nodeIds: [2, 3] });
  assert.equal(toHex(encode(common.BatchRemove, decoded)), '0a 02 02 03');
});

test('a later oneof member on the wire replaces an earlier one (last one wins)', () => {
  const bytes = hex(
    '0a 00', //    tag 0x0a noop, length 0
    '12 01 78', // tag 0x12 command, length 1, 0x78
  );
  const payload = common.EntryPayload.decode(bytes);
  assert.equal(payload.payload, 'command');
  assert.deepEqual(plain(payload), { command: hex('78') });
  assert.equal(toHex(encode(common.EntryPayload, payload)), '12 01 78');
});

test('SnapshotEntry, SnapshotMeta and Snapshot', () => {
  golden(common.SnapshotEntry, hex('0a 01 61', '12 01 62'), { key: utf8('a'), value: utf8('b') });
  const meta = hex(
    '08 01', //      tag 0x08 version_high, 1
    '10 02', //      tag 0x10 version_low, 2
    '18 03', //      tag 0x18 created_at_high, 3
    '20 04', //      tag (4<<3)|0 = 0x20 created_at_low, 4
    '28 07', //      tag (5<<3)|0 = 0x28 author_id, 7
    '32 04 08 02 10 0a', // tag (6<<3)|2 = 0x32 last_included, length 4: term 2, index 10
  );
  golden(common.SnapshotMeta, meta, { versionHigh: 1, versionLow: 2, createdAtHigh: 3, createdAtLow: 4, authorId: 7, lastIncluded: { term: 2, index: 10 } });
  const snapshot = hex(
    '0a 08', //                   tag 0x0a meta, length 8
    '28 01 32 04 08 01 10 01', //   author_id 1, last_included {term 1, index 1}
    '12 06 0a 01 61 12 01 62', //   tag 0x12 data[0], length 6: key "a", value "b"
    '12 03 0a 01 63', //            tag 0x12 data[1], length 3: key "c" (empty value not written)
  );
  golden(common.Snapshot, snapshot, {
    meta: { authorId: 1, lastIncluded: { term: 1, index: 1 } },
    data: [{ key: utf8('a'), value: utf8('b') }, { key: utf8('c') }],
  });
});

test('an explicitly encoded zero value of an implicit-presence field decodes as the default', () => {
  // Not what an encoder writes, but legal input: value "" written out as 12 00.
  const bytes = hex(
    '0a 01 63', // tag 0x0a key, length 1, "c"
    '12 00', //    tag 0x12 value, length 0
  );
  const entry = common.SnapshotEntry.decode(bytes);
  assert.deepEqual(plain(entry), { key: utf8('c') });
  assert.equal(entry.value.length, 0);
  assert.equal(toHex(encode(common.SnapshotEntry, entry)), '0a 01 63', 're-encoded canonically');
});

test('LeaderInfo and LeaderHint', () => {
  golden(common.LeaderInfo, hex('08 02', '10 07'), { leaderId: 2, term: 7 });
  golden(common.LeaderHint, hex(
    '08 02', //                  tag 0x08 leader_id, 2
    '12 07 6e 32 3a 39 30 38 32', // tag 0x12 address, length 7, "n2:9082"
  ), { leaderId: 2, address: 'n2:9082' });
});

test('NodeStatus and NodeRole enum values match the reference (§1.4, post-v0.2.3 numbering)', () => {
  assert.deepEqual({ ...common.NodeStatus }, { NODE_STATUS_UNSPECIFIED: 0, NODE_STATUS_PROMOTABLE: 1, NODE_STATUS_READ_ONLY: 2, NODE_STATUS_ACTIVE: 3 });
  assert.deepEqual({ ...common.NodeRole }, { NODE_ROLE_UNSPECIFIED: 0, NODE_ROLE_FOLLOWER: 1, NODE_ROLE_CANDIDATE: 2, NODE_ROLE_LEADER: 3, NODE_ROLE_LEARNER: 4 });
});
