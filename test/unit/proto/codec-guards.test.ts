/**
 * The codec's guards (ARCHITECTURE.md "Numbers", PROTOCOL.md "Every uint64 from the wire is
 * checked at the codec"): a uint64 above 2^53−1 is a typed Uint64RangeError
 * (code UINT64_OUT_OF_RANGE) on decode and on encode, wherever the field sits (plain, optional,
 * oneof, nested, superset field 100, and behind the gRPC deserializers); 2^53−1 itself is
 * fine. Truncated or malformed buffers throw instead of returning partial messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d_engine, raftctl } from '../../../src/proto/raftctl.js';
import { BytesTypeError, Int32RangeError, StringTypeError, Uint32RangeError, Uint64RangeError } from '../../../src/proto/safe-integer.js';
import { ReplicationService, RaftClientService } from '../../../src/transport/services.js';
import { encode, golden, hex, toHex } from './golden.js';

const MAX = Number.MAX_SAFE_INTEGER; // 2^53 − 1
const VARINT_MAX_SAFE = 'ff ff ff ff ff ff ff 0f'; // 2^53 − 1: seven groups of 0x7f, then 0x0f (4 bits)
const VARINT_2_53 = '80 80 80 80 80 80 80 10'; //    2^53: seven zero groups, then 0x10 (bit 53 = bit 4 of group 8)
const VARINT_2_64_MINUS_1 = 'ff ff ff ff ff ff ff ff ff 01'; // the largest uint64

/** assert.throws matcher for the typed uint64 error, with the offending value when known. */
function uint64Error(value?: number): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof Uint64RangeError, `expected Uint64RangeError, got ${String(error)}`);
    assert.ok(error instanceof RangeError);
    assert.equal(error.code, 'UINT64_OUT_OF_RANGE');
    assert.equal(error.name, 'Uint64RangeError');
    if (value !== undefined) assert.equal(error.value, value);
    return true;
  };
}

test('a uint64 of 2^53 on the wire is a Uint64RangeError', () => {
  const bytes = hex('08', VARINT_2_53); // LogId tag 0x08 term, varint 2^53
  assert.throws(() => d_engine.common.LogId.decode(bytes), uint64Error(2 ** 53));
});

test('a uint64 of 2^53 − 1 decodes exactly and re-encodes to the same bytes', () => {
  const logId = golden(d_engine.common.LogId, hex('08', VARINT_MAX_SAFE, '10', VARINT_MAX_SAFE), { term: MAX, index: MAX });
  assert.equal(typeof logId.term, 'number');
});

test('the largest uint64 (2^64 − 1) is a Uint64RangeError', () => {
  assert.throws(() => d_engine.common.Entry.decode(hex('08', VARINT_2_64_MINUS_1)), uint64Error());
});

test('the guard covers optional, oneof, nested and superset uint64 fields', () => {
  // ConflictResult.conflict_index (optional), tag 0x10
  assert.throws(() => d_engine.server.replication.ConflictResult.decode(hex('10', VARINT_2_53)), uint64Error(2 ** 53));
  // ErrorMetadata.retry_after_ms (optional), tag 0x08
  assert.throws(() => d_engine.error.ErrorMetadata.decode(hex('08', VARINT_2_53)), uint64Error(2 ** 53));
  // AppendEntriesResponse.higher_term (oneof), tag 0x28
  assert.throws(() => d_engine.server.replication.AppendEntriesResponse.decode(hex('28', VARINT_2_53)), uint64Error(2 ** 53));
  // AppendEntriesRequest.entries[0].term (nested): 2a 09 = entries, length 9; 10 = Entry term
  assert.throws(() => d_engine.server.replication.AppendEntriesRequest.decode(hex('2a 09 10', VARINT_2_53)), uint64Error(2 ** 53));
  // raftctl Entry.proposed_at_unix_ms (field 100), tag a0 06
  assert.throws(() => raftctl.raft.v1.Entry.decode(hex('a0 06', VARINT_2_53)), uint64Error(2 ** 53));
  // ScanResponse.revision, tag 0x10
  assert.throws(() => d_engine.client.ScanResponse.decode(hex('10', VARINT_2_53)), uint64Error(2 ** 53));
});

test('the gRPC deserializers of src/transport/services.ts surface the same typed error', () => {
  const response = Buffer.from(hex('08 02', '10', VARINT_2_53)); // AppendEntriesResponse node_id 2, term 2^53
  assert.throws(() => ReplicationService.AppendEntries.responseDeserialize(response), uint64Error(2 ** 53));
  const scan = Buffer.from(hex('10', VARINT_2_53)); // ScanResponse revision 2^53
  assert.throws(() => RaftClientService.HandleClientScan.responseDeserialize(scan), uint64Error(2 ** 53));
});

test('encoding a uint64 above 2^53 − 1 (or negative, or fractional) throws a Uint64RangeError', () => {
  assert.throws(() => encode(d_engine.common.LogId, { term: 2 ** 53 }), uint64Error(2 ** 53));
  assert.throws(() => encode(d_engine.common.LogId, { index: Number.MAX_VALUE }), uint64Error(Number.MAX_VALUE));
  assert.throws(() => encode(d_engine.common.LogId, { term: -1 }), uint64Error(-1));
  assert.throws(() => encode(d_engine.common.LogId, { term: 1.5 }), uint64Error(1.5));
  assert.throws(() => encode(d_engine.server.replication.AppendEntriesResponse, { higherTerm: 2 ** 53 }), uint64Error(2 ** 53));
  assert.throws(() => encode(d_engine.server.replication.AppendEntriesRequest, { entries: [{ index: 2 ** 53 }] }), uint64Error(2 ** 53));
  assert.throws(() => encode(raftctl.raft.v1.Entry, { proposedAtUnixMs: 2 ** 60 }), uint64Error(2 ** 60));
  assert.equal(toHex(encode(d_engine.common.LogId, { term: MAX })), toHex(hex('08', VARINT_MAX_SAFE)));
});

test('a uint64 that is negative, fractional or not a number is named as such, not as "above 2^53-1"', () => {
  for (const [value, shown] of [[-1, '-1'], [1.5, '1.5'], [Number.NaN, 'NaN'], ['7', '"7"']] as const) {
    assert.throws(() => encode(d_engine.common.LogId, { term: value as number }), (e: unknown) => e instanceof Uint64RangeError && e.message === `uint64 value ${shown} is not an integer in 0..2^53-1`);
  }
  assert.throws(() => encode(d_engine.common.LogId, { term: 2 ** 53 }), /uint64 value 9007199254740992 is above 2\^53-1/);
});

test('encoding a uint32 out of 0..2^32−1 throws a Uint32RangeError instead of sending value >>> 0 (another id)', () => {
  // Without the guard protobufjs wrote candidate 2^32+5 as 5 and -1 as 4294967295.
  const outOfRange = (value: unknown) => (e: unknown) => e instanceof Uint32RangeError && e instanceof RangeError && e.code === 'UINT32_OUT_OF_RANGE' && Object.is(e.value, value);
  assert.throws(() => encode(raftctl.raft.v1.VoteRequest, { term: 1, candidateId: 2 ** 32 + 5 }), outOfRange(2 ** 32 + 5));
  assert.throws(() => encode(raftctl.raft.v1.VoteRequest, { term: 1, candidateId: -1 }), outOfRange(-1));
  assert.throws(() => encode(raftctl.raft.v1.AppendEntriesRequest, { term: 1, leaderId: 1.5 }), outOfRange(1.5));
  assert.throws(() => encode(d_engine.server.storage.SnapshotChunk, { seq: 2 ** 32 }), outOfRange(2 ** 32));
  assert.throws(() => encode(d_engine.server.cluster.JoinRequest, { nodeId: '3' as unknown as number }), outOfRange('3'));
  // The whole range, 0 and 2^32−1 included, encodes as before.
  assert.equal(toHex(encode(raftctl.raft.v1.VoteRequest, { candidateId: 0xffff_ffff })), toHex(hex('10 ff ff ff ff 0f')));
  assert.equal(toHex(encode(raftctl.raft.v1.VoteRequest, { candidateId: 1 })), toHex(hex('10 01')));
});

test('a decoded message keeps its uint64 fields numbers in JSON (toJSON), as in JavaScript', () => {
  // JSON.stringify of a transport result calls the message's toJSON; protobufjs's default wrote
  // 64-bit fields as strings there ("term":"2").
  const bytes = encode(d_engine.server.election.VoteResponse, { term: 2, voteGranted: true, lastLogIndex: MAX, lastLogTerm: 7 });
  const decoded = d_engine.server.election.VoteResponse.decode(bytes);
  assert.deepEqual(JSON.parse(JSON.stringify(decoded)), { term: 2, voteGranted: true, lastLogIndex: MAX, lastLogTerm: 7 });
  const meta = d_engine.server.cluster.ClusterMembership.decode(encode(d_engine.server.cluster.ClusterMembership, { version: 3, nodes: [{ id: 1, address: 'h:1', role: 1, status: 3 }], currentLeaderId: 1 }));
  assert.equal(JSON.parse(JSON.stringify(meta)).version, 3);
});

test('encoding an int32 (an enum, a role) that is a name string or out of range throws an Int32RangeError instead of sending 0 or value | 0', () => {
  // Without the guard JoinRequest{status: 'NODE_STATUS_PROMOTABLE'} went out as status 0
  // (UNSPECIFIED: a d-engine leader stores such a learner inert, reference §3.7) and 2^32+1 as 1.
  const refused = (value: unknown) => (e: unknown) => e instanceof Int32RangeError && e.code === 'INT32_OUT_OF_RANGE' && Object.is(e.value, value);
  const Join = d_engine.server.cluster.JoinRequest;
  assert.throws(() => encode(Join, { nodeId: 5, nodeRole: 4, status: 'NODE_STATUS_PROMOTABLE' as unknown as number }), refused('NODE_STATUS_PROMOTABLE'));
  assert.throws(() => encode(Join, { nodeId: 5, nodeRole: 2 ** 32 + 4 }), refused(2 ** 32 + 4));
  assert.throws(() => encode(Join, { nodeId: 5, status: 1.5 }), refused(1.5));
  assert.throws(() => encode(Join, { nodeId: 5, status: 'NODE_STATUS_PROMOTABLE' as unknown as number }), /an enum is encoded by its number, not its name/);
  // Numbers in range encode as before, an enum value this build does not name included (open enums).
  assert.equal(toHex(encode(Join, { status: 1 })), toHex(hex('20 01')));
  assert.equal(toHex(encode(Join, { status: 7 })), toHex(hex('20 07')));
  assert.equal(toHex(encode(Join, { status: -1 })), toHex(hex('20 ff ff ff ff ff ff ff ff ff 01')));
});

test('encoding a bytes field (a key, a value) given a string or another non-Uint8Array throws a BytesTypeError instead of base64-decoding it', () => {
  // Without the guard a plain JavaScript {key: 'greeting', value: 'hello'} was written as the key
  // bytes 82 b7 9e b6 29 e0 and the value 85 e9 65 (protobufjs base64-decodes a string), and an
  // object without `length` went out as empty bytes.
  const refused = (value: unknown) => (e: unknown) => e instanceof BytesTypeError && e instanceof TypeError && e.code === 'BYTES_NOT_UINT8ARRAY' && Object.is(e.value, value);
  const Insert = d_engine.client.WriteCommand.Insert;
  assert.throws(() => encode(Insert, { key: 'greeting' as unknown as Uint8Array, value: Buffer.from('hello') }), refused('greeting'));
  assert.throws(() => encode(Insert, { key: Buffer.from('greeting'), value: 'hello' as unknown as Uint8Array }), refused('hello'));
  assert.throws(() => encode(Insert, { key: Buffer.from('k'), value: {} as unknown as Uint8Array }), (e: unknown) => e instanceof BytesTypeError && /bytes value \[object Object\] is not a Uint8Array/.test(e.message));
  // Repeated bytes (a read's keys) are checked one by one.
  const keys = ['qa-k'] as unknown as Uint8Array[];
  assert.throws(() => encode(d_engine.client.ClientReadRequest, { clientId: 1, keys }), refused('qa-k'));
  assert.throws(() => encode(d_engine.client.ClientReadRequest, { clientId: 1, keys: [Buffer.from('a'), 'b' as unknown as Uint8Array] }), /bytes value "b" \(a string\) is not a Uint8Array/);
  // Uint8Arrays and Buffers, empty ones included, encode as before.
  assert.equal(toHex(encode(Insert, { key: Buffer.from('k'), value: new Uint8Array([1, 2]) })), toHex(hex('0a 01 6b 12 02 01 02')));
  assert.equal(toHex(encode(d_engine.client.ClientReadRequest, { keys: [new Uint8Array()] })), toHex(hex('12 00')));
});

test('encoding a string field given a number throws a StringTypeError instead of sending the empty string', () => {
  // Without the guard JoinRequest{address: 9081} went out with address "" (protobufjs measures a
  // number's UTF-8 length as 0), and so did a health check's service 5.
  const refused = (value: unknown) => (e: unknown) => e instanceof StringTypeError && e instanceof TypeError && e.code === 'STRING_NOT_STRING' && Object.is(e.value, value);
  assert.throws(() => encode(d_engine.server.cluster.JoinRequest, { nodeId: 5, address: 9081 as unknown as string }), refused(9081));
  assert.throws(() => encode(d_engine.server.cluster.LeaderDiscoveryRequest, { nodeId: 5, requesterAddress: {} as unknown as string }), (e: unknown) => e instanceof StringTypeError);
  // Strings, empty ones included, encode as before.
  assert.equal(toHex(encode(d_engine.server.cluster.JoinRequest, { address: 'h:1' })), toHex(hex('1a 03 68 3a 31')));
});

test('truncated buffers throw a RangeError instead of returning a partial message', () => {
  const LogId = d_engine.common.LogId;
  assert.throws(() => LogId.decode(hex('08')), RangeError, 'tag without its value');
  assert.throws(() => LogId.decode(hex('08 80')), RangeError, 'varint cut after a continuation byte');
  assert.throws(() => d_engine.common.LeaderHint.decode(hex('12 05 6e 31')), RangeError, 'string length 5, 2 bytes present');
  assert.throws(() => d_engine.common.Entry.decode(hex('1a 05 0a 00')), RangeError, 'payload length 5, 2 bytes present');
  assert.throws(() => LogId.decode(hex('19 01 02 03')), RangeError, 'unknown fixed64 field with 3 of 8 bytes');
  // success has length 2 but its last_match claims 4 bytes: the nested length overruns its parent.
  assert.throws(() => d_engine.server.replication.AppendEntriesResponse.decode(hex('1a 02 0a 04 08 03 10 0c')), RangeError);
});

test('malformed buffers throw', () => {
  const LogId = d_engine.common.LogId;
  assert.throws(() => LogId.decode(hex('ff ff ff ff ff ff')), Error, 'garbage: a tag varint that never ends');
  assert.throws(() => LogId.decode(hex('00')), Error, 'field number 0');
  assert.throws(() => LogId.decode(hex('0e')), Error, 'wire type 6 does not exist');
  assert.throws(() => LogId.decode(hex('0c')), Error, 'an end-group without a start');
  assert.throws(() => LogId.decode(hex('08 ff ff ff ff ff ff ff ff ff ff 01')), Error, 'a varint longer than 10 bytes');
  assert.throws(() => d_engine.common.LeaderHint.decode(hex('12 ff ff ff ff 0f')), Error, 'a length above 2^32');
  assert.throws(() => d_engine.common.LeaderHint.decode(hex('12 01 ff')), TypeError, 'a string that is not UTF-8');
});

test('a known field with the wrong wire type is skipped as unknown, not misread', () => {
  // LogId field 1 (term, varint) sent length-delimited: 0a 01 05. The value is not taken as term.
  const logId = d_engine.common.LogId.decode(hex('0a 01 05'));
  assert.equal(logId.term, 0);
  assert.equal(toHex(encode(d_engine.common.LogId, logId)), '');
});
