/**
 * Golden wire tests for d_engine.client (proto/client/client_api.proto, reference §1.3–1.5 and
 * §6): every WriteCommand operation, CompareAndSwap.expected_value absent ("the key must not
 * exist") versus present and empty, ClientReadRequest.consistency_policy unset ("server
 * default") versus set to 0 (LEASE_READ: explicit presence puts the zero on the wire as 18 00),
 * ClientResponse's success_result oneof and error metadata, scans, watches and membership
 * snapshots (packed repeated uint32).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d_engine } from '../../../src/proto/raftctl.js';
import { golden, hex, toHex, encode, utf8 } from './golden.js';

const client = d_engine.client;
const { ErrorCode } = d_engine.error;
const Policy = client.ReadConsistencyPolicy;

test('WriteCommand.insert with a TTL', () => {
  const bytes = hex(
    '0a 08', //    tag (1<<3)|2 = 0x0a insert, length 8
    '0a 01 6b', // Insert tag 0x0a key, length 1, "k"
    '12 01 76', // tag 0x12 value, length 1, "v"
    '18 3c', //    tag (3<<3)|0 = 0x18 ttl_secs, 60
  );
  const command = golden(client.WriteCommand, bytes, { insert: { key: utf8('k'), value: utf8('v'), ttlSecs: 60 } });
  assert.equal(command.operation, 'insert');
});

test('WriteCommand.delete', () => {
  const command = golden(client.WriteCommand, hex(
    '12 03', //    tag (2<<3)|2 = 0x12 delete, length 3
    '0a 01 6b', // Delete tag 0x0a key, "k"
  ), { delete: { key: utf8('k') } });
  assert.equal(command.operation, 'delete');
});

test('CompareAndSwap with expected_value absent: "the key must not exist"', () => {
  const bytes = hex(
    '1a 06', //    tag (3<<3)|2 = 0x1a compare_and_swap, length 6
    '0a 01 6b', // tag 0x0a key, "k"
    '1a 01 76', // tag (3<<3)|2 = 0x1a new_value, "v"
  );
  const command = golden(client.WriteCommand, bytes, { compareAndSwap: { key: utf8('k'), newValue: utf8('v') } });
  assert.equal(command.operation, 'compareAndSwap');
  assert.equal(command.compareAndSwap?.expectedValue, null);
});

test('CompareAndSwap with expected_value present and empty is encoded (12 00) and stays present', () => {
  const bytes = hex(
    '1a 08', //    compare_and_swap, length 8
    '0a 01 6b', // key "k"
    '12 00', //    tag (2<<3)|2 = 0x12 expected_value, length 0 (explicit presence)
    '1a 01 76', // new_value "v"
  );
  const command = golden(client.WriteCommand, bytes, { compareAndSwap: { key: utf8('k'), expectedValue: new Uint8Array(0), newValue: utf8('v') } });
  assert.notEqual(command.compareAndSwap?.expectedValue, null);
  assert.equal(command.compareAndSwap?.expectedValue?.length, 0);
});

test('CompareAndSwap with expected_value present and non-empty', () => {
  golden(client.WriteCommand.CompareAndSwap, hex(
    '0a 01 6b', //    key "k"
    '12 03 6f 6c 64', // expected_value "old"
    '1a 01 76', //    new_value "v"
  ), { key: utf8('k'), expectedValue: utf8('old'), newValue: utf8('v') });
});

test('ClientWriteRequest', () => {
  golden(client.ClientWriteRequest, hex(
    '08 07', //    tag 0x08 client_id, 7
    '12 05', //    tag 0x12 command, length 5
    '12 03 0a 01 6b', // WriteCommand delete {key "k"}
  ), { clientId: 7, command: { delete: { key: utf8('k') } } });
});

test('ClientReadRequest with consistency_policy unset decodes it as null and re-encodes without it', () => {
  const bytes = hex(
    '08 07', //    tag 0x08 client_id, 7
    '12 01 61', // tag (2<<3)|2 = 0x12 keys[0], "a" (repeated bytes are never packed)
    '12 01 62', // keys[1], "b"
  );
  const request = golden(client.ClientReadRequest, bytes, { clientId: 7, keys: [utf8('a'), utf8('b')] });
  assert.equal(request.consistencyPolicy, null);
});

test('ClientReadRequest with consistency_policy = 0 (LEASE_READ) keeps the zero on the wire', () => {
  const bytes = hex(
    '08 07', //    client_id 7
    '12 01 61', // keys[0] "a"
    '18 00', //    tag (3<<3)|0 = 0x18 consistency_policy, varint 0 = READ_CONSISTENCY_POLICY_LEASE_READ
  );
  const request = golden(client.ClientReadRequest, bytes, { clientId: 7, keys: [utf8('a')], consistencyPolicy: Policy.READ_CONSISTENCY_POLICY_LEASE_READ });
  assert.equal(request.consistencyPolicy, 0);
  // The two encodings differ by exactly the presence of the zero.
  assert.equal(toHex(encode(client.ClientReadRequest, { clientId: 7, keys: [utf8('a')] })), '08 07 12 01 61');
  assert.equal(toHex(encode(client.ClientReadRequest, { clientId: 7, keys: [utf8('a')], consistencyPolicy: 0 })), '08 07 12 01 61 18 00');
  assert.equal(toHex(encode(client.ClientReadRequest, { clientId: 7, keys: [utf8('a')], consistencyPolicy: null })), '08 07 12 01 61');
});

test('ClientReadRequest with consistency_policy = LINEARIZABLE_READ and EVENTUAL_CONSISTENCY', () => {
  golden(client.ClientReadRequest, hex('12 01 61', '18 01'), { keys: [utf8('a')], consistencyPolicy: Policy.READ_CONSISTENCY_POLICY_LINEARIZABLE_READ });
  golden(client.ClientReadRequest, hex('12 01 61', '18 02'), { keys: [utf8('a')], consistencyPolicy: Policy.READ_CONSISTENCY_POLICY_EVENTUAL_CONSISTENCY });
});

test('ClientResponse write_result', () => {
  const response = golden(client.ClientResponse, hex(
    '12 02', // tag (2<<3)|2 = 0x12 write_result, length 2 (error SUCCESS = 0 is not written)
    '08 01', //   WriteResult succeeded, true
  ), { writeResult: { succeeded: true } });
  assert.equal(response.successResult, 'writeResult');
  assert.equal(response.error, ErrorCode.SUCCESS);
});

test('ClientResponse read_data', () => {
  const response = golden(client.ClientResponse, hex(
    '1a 08', //    tag (3<<3)|2 = 0x1a read_data, length 8
    '0a 06', //      ReadResults tag 0x0a results[0], length 6
    '0a 01 61', //     ClientResult key "a"
    '12 01 31', //     value "1"
  ), { readData: { results: [{ key: utf8('a'), value: utf8('1') }] } });
  assert.equal(response.successResult, 'readData');
});

test('ClientResponse NOT_LEADER with leader metadata and no success_result', () => {
  const bytes = hex(
    '08 a1 1f', //                  tag 0x08 error, NOT_LEADER = 4001 = 0x21|0x80, 0x1f
    '22 0c', //                     tag (4<<3)|2 = 0x22 metadata, length 12
    '12 01 31', //                    ErrorMetadata leader_id "1"
    '1a 07 6e 31 3a 39 30 38 31', //  leader_address "n1:9081"
  );
  const response = golden(client.ClientResponse, bytes, { error: ErrorCode.NOT_LEADER, metadata: { leaderId: '1', leaderAddress: 'n1:9081' } });
  assert.equal(response.successResult, undefined);
  assert.equal(response.metadata?.retryAfterMs, null);
});

test('ScanRequest and ScanResponse (revision = applied index)', () => {
  golden(client.ScanRequest, hex(
    '08 07', //                tag 0x08 client_id, 7
    '12 05 75 73 65 72 2f', // tag 0x12 prefix, length 5, "user/"
  ), { clientId: 7, prefix: utf8('user/') });
  golden(client.ScanResponse, hex(
    '0a 0b', //                  tag 0x0a entries[0], length 11
    '0a 06 75 73 65 72 2f 61', //  KvEntry key "user/a"
    '12 01 31', //                 value "1"
    '10 2a', //                  tag 0x10 revision, 42
  ), { entries: [{ key: utf8('user/a'), value: utf8('1') }], revision: 42 });
});

test('WatchMembershipRequest and MembershipSnapshot (packed members and learners)', () => {
  golden(client.WatchMembershipRequest, hex('08 07'), { clientId: 7 });
  golden(client.MembershipSnapshot, hex(
    '0a 03 01 02 03', // tag (1<<3)|2 = 0x0a members packed, length 3: 1, 2, 3
    '12 01 04', //       tag 0x12 learners packed, length 1: 4
    '18 0c', //          tag 0x18 committed_index, 12
  ), { members: [1, 2, 3], learners: [4], committedIndex: 12 });
});

test('WatchRequest and WatchResponse', () => {
  golden(client.WatchRequest, hex(
    '08 07', //    client_id 7
    '12 01 6b', // key "k"
    '18 01', //    tag 0x18 prefix, true
    '20 01', //    tag 0x20 prev_kv, true
  ), { clientId: 7, key: utf8('k'), prefix: true, prevKv: true });
  golden(client.WatchResponse, hex(
    '0a 01 6b', // tag 0x0a key "k"
    '12 01 76', // tag 0x12 value "v"
    '18 01', //    tag 0x18 event_type, WATCH_EVENT_TYPE_DELETE = 1
    '20 89 27', // tag 0x20 error, WATCH_BUFFER_OVERFLOW = 5001 = 0x09|0x80, 0x27
    '28 ac 02', // tag (5<<3)|0 = 0x28 revision, 300
    '32 01 75', // tag (6<<3)|2 = 0x32 prev_value "u"
  ), { key: utf8('k'), value: utf8('v'), eventType: client.WatchEventType.WATCH_EVENT_TYPE_DELETE, error: ErrorCode.WATCH_BUFFER_OVERFLOW, revision: 300, prevValue: utf8('u') });
});

test('ReadConsistencyPolicy and WatchEventType values match the reference (§1.4)', () => {
  assert.deepEqual({ ...Policy }, {
    READ_CONSISTENCY_POLICY_LEASE_READ: 0,
    READ_CONSISTENCY_POLICY_LINEARIZABLE_READ: 1,
    READ_CONSISTENCY_POLICY_EVENTUAL_CONSISTENCY: 2,
  });
  assert.deepEqual({ ...client.WatchEventType }, {
    WATCH_EVENT_TYPE_PUT: 0,
    WATCH_EVENT_TYPE_DELETE: 1,
    WATCH_EVENT_TYPE_CANCELED: 2,
    WATCH_EVENT_TYPE_PROGRESS: 3,
  });
});
