/**
 * Golden wire tests for raftctl.raft.v1 (proto/raftctl/raft/v1/peer.proto, PROTOCOL.md
 * "Extensions"): Configuration (packed voters, learners, map<uint32,string> addresses), the
 * superset EntryPayload (configuration = 100), Entry (proposed_at_unix_ms = 100), VoteRequest
 * (leadership_transfer = 100) and AppendEntriesRequest, TimeoutNow and Empty, ReadIndexRequest and
 * ReadIndexResponse (RaftPeerExt/ReadIndex), the superset WriteCommand (expire = 100) and
 * ExpireKeys.
 *
 * Superset compatibility in both directions: raftctl's superset bytes decode cleanly with
 * d-engine's own message types (known fields right, fields >= 100 skipped, no throw), and
 * d-engine's bytes decode with the superset types (added fields at their defaults).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d_engine, raftctl } from '../../../src/proto/raftctl.js';
import { encode, golden, hex, plain, toHex, utf8 } from './golden.js';

const peer = raftctl.raft.v1;

/** Field 100 tags: (100<<3)|0 = 800 = varint a0 06; (100<<3)|2 = 802 = varint a2 06. */
const PROPOSED_AT = 1_764_300_000_000; // varint 80 96 e6 c3 ac 33

const ADDRESS_ENTRY = (id: number) => `22 0b 08 0${id} 12 07 6e 3${id} 3a 39 30 38 31`; // map entry, length 11: key id, value "n<id>:9081"

test('Configuration (joint): packed voters and voters_outgoing, learners, addresses map', () => {
  const bytes = hex(
    '0a 03 01 02 03', //    tag (1<<3)|2 = 0x0a voters packed, length 3: 1, 2, 3
    '12 02 01 02', //       tag (2<<3)|2 = 0x12 voters_outgoing packed, length 2: 1, 2 (non-empty = joint)
    '1a 04 08 04 10 01', // tag (3<<3)|2 = 0x1a learners[0], length 4: Learner id 4, read_only true
    ADDRESS_ENTRY(1), //    tag (4<<3)|2 = 0x22 addresses entry, length 11: key (08) 1, value (12 07) "n1:9081"
    ADDRESS_ENTRY(2),
    ADDRESS_ENTRY(3),
    ADDRESS_ENTRY(4),
  );
  golden(peer.Configuration, bytes, {
    voters: [1, 2, 3],
    votersOutgoing: [1, 2],
    learners: [{ id: 4, readOnly: true }],
    addresses: { 1: 'n1:9081', 2: 'n2:9081', 3: 'n3:9081', 4: 'n4:9081' },
  });
});

test('Configuration addresses: entries in any order decode; encoding writes them by ascending key', () => {
  const bytes = hex(ADDRESS_ENTRY(3), ADDRESS_ENTRY(1));
  const configuration = peer.Configuration.decode(bytes);
  assert.deepEqual(plain(configuration), { addresses: { 1: 'n1:9081', 3: 'n3:9081' } });
  assert.equal(toHex(encode(peer.Configuration, configuration)), toHex(hex(ADDRESS_ENTRY(1), ADDRESS_ENTRY(3))));
});

test('Learner', () => {
  golden(peer.Learner, hex('08 04', '10 01'), { id: 4, readOnly: true }); // id 4, read_only true
});

test('EntryPayload.configuration is field 100 of the payload oneof', () => {
  const bytes = hex(
    'a2 06 05', //       tag (100<<3)|2 = 802 = 0x22|0x80, 0x06: configuration, length 5
    '0a 03 01 02 03', // Configuration voters packed: 1, 2, 3
  );
  const payload = golden(peer.EntryPayload, bytes, { configuration: { voters: [1, 2, 3] } });
  assert.equal(payload.payload, 'configuration');
});

test('the superset EntryPayload reads d-engine payloads unchanged (noop, command, config)', () => {
  golden(peer.EntryPayload, hex('0a 00'), { noop: {} }); //           noop, length 0
  golden(peer.EntryPayload, hex('12 01 78'), { command: utf8('x') }); // command "x"
  const config = golden(peer.EntryPayload, hex('1a 04 12 02 08 03'), { config: { removeNode: { nodeId: 3 } } }); // config {remove_node {node_id 3}}
  assert.equal(config.payload, 'config');
});

const SUPERSET_ENTRY = hex(
  '08 0c', //                tag 0x08 index, 12
  '10 03', //                tag 0x10 term, 3
  '1a 08', //                tag 0x1a payload, length 8
  'a2 06 05 0a 03 01 02 03', // EntryPayload configuration (field 100), length 5: voters 1, 2, 3
  'a0 06', //                tag (100<<3)|0 = 800 = 0x20|0x80, 0x06: proposed_at_unix_ms
  '80 96 e6 c3 ac 33', //    varint 1764300000000
);

test('superset Entry with proposed_at_unix_ms = 100 and a configuration payload', () => {
  golden(peer.Entry, SUPERSET_ENTRY, { index: 12, term: 3, payload: { configuration: { voters: [1, 2, 3] } }, proposedAtUnixMs: PROPOSED_AT });
});

test("the superset Entry decodes cleanly as d-engine's d_engine.common.Entry", () => {
  const entry = d_engine.common.Entry.decode(SUPERSET_ENTRY);
  assert.equal(entry.index, 12);
  assert.equal(entry.term, 3);
  // The payload is present but its only field (100) is unknown to d-engine: no oneof member set.
  assert.deepEqual(plain(entry), { index: 12, term: 3, payload: {} });
  assert.equal(entry.payload?.payload, undefined);
  // d-engine's types drop the unknown fields: never round-trip superset entries through them.
  assert.equal(toHex(encode(d_engine.common.Entry, entry)), '08 0c 10 03 1a 00');
});

test("a superset Entry with a command payload keeps the command for d-engine's Entry", () => {
  const bytes = hex(
    '08 0c', '10 03', //        index 12, term 3
    '1a 03 12 01 78', //        payload, length 3: command "x"
    'a0 06 80 96 e6 c3 ac 33', // proposed_at_unix_ms 1764300000000
  );
  golden(peer.Entry, bytes, { index: 12, term: 3, payload: { command: utf8('x') }, proposedAtUnixMs: PROPOSED_AT });
  const entry = d_engine.common.Entry.decode(bytes);
  assert.deepEqual(plain(entry), { index: 12, term: 3, payload: { command: utf8('x') } });
  assert.equal(entry.payload?.payload, 'command');
});

test("d-engine's Entry bytes decode as the superset Entry with proposed_at_unix_ms = 0", () => {
  const entry = golden(peer.Entry, hex('08 0c', '10 03', '1a 02 0a 00'), { index: 12, term: 3, payload: { noop: {} } });
  assert.equal(entry.proposedAtUnixMs, 0);
});

test('field order on the wire does not matter to the decoder (field 100 first)', () => {
  const entry = peer.Entry.decode(hex('a0 06 80 96 e6 c3 ac 33', '08 0c', '10 03'));
  assert.deepEqual(plain(entry), { index: 12, term: 3, proposedAtUnixMs: PROPOSED_AT });
  assert.equal(toHex(encode(peer.Entry, entry)), '08 0c 10 03 a0 06 80 96 e6 c3 ac 33', 're-encoded in field-number order');
});

const SUPERSET_VOTE = hex(
  '08 07', //    term 7
  '10 02', //    candidate_id 2
  '18 ac 02', // last_log_index 300
  '20 06', //    last_log_term 6
  'a0 06 01', // tag (100<<3)|0 = 800: leadership_transfer, true
);

test('superset VoteRequest with leadership_transfer = 100', () => {
  golden(peer.VoteRequest, SUPERSET_VOTE, { term: 7, candidateId: 2, lastLogIndex: 300, lastLogTerm: 6, leadershipTransfer: true });
});

test("the superset VoteRequest decodes cleanly as d-engine's VoteRequest", () => {
  const vote = d_engine.server.election.VoteRequest.decode(SUPERSET_VOTE);
  assert.deepEqual(plain(vote), { term: 7, candidateId: 2, lastLogIndex: 300, lastLogTerm: 6 });
  assert.equal(toHex(encode(d_engine.server.election.VoteRequest, vote)), '08 07 10 02 18 ac 02 20 06');
});

test("d-engine's VoteRequest decodes as the superset with leadership_transfer false", () => {
  const vote = golden(peer.VoteRequest, hex('08 07 10 02 18 ac 02 20 06'), { term: 7, candidateId: 2, lastLogIndex: 300, lastLogTerm: 6 });
  assert.equal(vote.leadershipTransfer, false);
});

test("superset AppendEntriesRequest carries superset entries and decodes as d-engine's", () => {
  const bytes = hex(
    '08 03', '10 01', '18 0b', '20 03', // term 3, leader_id 1, prev_log_index 11, prev_log_term 3
    '2a 16', //                           tag (5<<3)|2 = 0x2a entries[0], length 22
    '08 0c 10 03 1a 08 a2 06 05 0a 03 01 02 03 a0 06 80 96 e6 c3 ac 33', // the superset Entry above
    '30 0b', //                           tag 0x30 leader_commit_index, 11
  );
  const superset = { index: 12, term: 3, payload: { configuration: { voters: [1, 2, 3] } }, proposedAtUnixMs: PROPOSED_AT };
  golden(peer.AppendEntriesRequest, bytes, { term: 3, leaderId: 1, prevLogIndex: 11, prevLogTerm: 3, entries: [superset], leaderCommitIndex: 11 });
  const dengine = d_engine.server.replication.AppendEntriesRequest.decode(bytes);
  assert.deepEqual(plain(dengine), { term: 3, leaderId: 1, prevLogIndex: 11, prevLogTerm: 3, entries: [{ index: 12, term: 3, payload: {} }], leaderCommitIndex: 11 });
});

test('TimeoutNowRequest and Empty', () => {
  golden(peer.TimeoutNowRequest, hex('08 07', '10 01'), { term: 7, leaderId: 1 }); // term 7, leader_id 1
  golden(peer.Empty, hex(''), {});
});

test('ReadIndexRequest: term, from, ctx', () => {
  golden(peer.ReadIndexRequest, hex(
    '08 07', //    tag (1<<3)|0 = 0x08 term, 7
    '10 02', //    tag (2<<3)|0 = 0x10 from, node 2
    '18 ac 02', // tag (3<<3)|0 = 0x18 ctx, 300 (varint ac 02)
  ), { term: 7, from: 2, ctx: 300 });
});

test('ReadIndexResponse: granted with an index; optional index 0 is present; rejected with a leader hint', () => {
  const granted = golden(peer.ReadIndexResponse, hex(
    '08 07', //    tag (1<<3)|0 = 0x08 term, 7
    '10 ac 02', // tag (2<<3)|0 = 0x10 ctx, 300
    '18 0c', //    tag (3<<3)|0 = 0x18 index (optional), 12
  ), { term: 7, ctx: 300, index: 12 });
  assert.equal(granted.rejected, false);
  assert.equal(granted.leaderHint, 0);
  const zero = golden(peer.ReadIndexResponse, hex('08 07', '10 ac 02', '18 00'), { term: 7, ctx: 300, index: 0 }); // present zero is written
  assert.equal(zero.index, 0);
  const rejected = golden(peer.ReadIndexResponse, hex(
    '08 07', //    term 7
    '10 ac 02', // ctx 300
    '20 01', //    tag (4<<3)|0 = 0x20 rejected, true
    '28 03', //    tag (5<<3)|0 = 0x28 leader_hint, node 3
  ), { term: 7, ctx: 300, rejected: true, leaderHint: 3 });
  assert.equal(rejected.index, null); // absent optional reads null
});

test('WriteCommand (superset): expire = 100 holds ExpireKeys; d-engine sees no operation; d-engine commands decode unchanged', () => {
  const bytes = hex(
    'a2 06 07', //  tag (100<<3)|2 = 802 = varint a2 06: expire, length 7
    '0a 01 61', //    tag (1<<3)|2 = 0x0a ExpireKeys.keys[0], length 1: "a"
    '0a 02 62 63', // keys[1], length 2: "bc"
  );
  const decoded = golden(peer.WriteCommand, bytes, { expire: { keys: [utf8('a'), utf8('bc')] } });
  assert.equal(decoded.operation, 'expire');
  const dengine = d_engine.client.WriteCommand.decode(bytes);
  assert.equal(dengine.operation, undefined, 'd-engine skips field 100: a command with no known operation');
  golden(peer.ExpireKeys, hex('0a 01 61', '0a 02 62 63'), { keys: [utf8('a'), utf8('bc')] });
  // d-engine's insert {key "k", value "v"} decodes with the superset class to the same operation.
  const insert = hex(
    '0a 06', //  tag (1<<3)|2 = 0x0a insert, length 6
    '0a 01 6b', // Insert.key (tag 0x0a), length 1: "k"
    '12 01 76', // Insert.value (tag 0x12), length 1: "v"
  );
  assert.deepEqual(plain(peer.WriteCommand.decode(insert)), plain(d_engine.client.WriteCommand.decode(insert)));
  golden(peer.WriteCommand, insert, { insert: { key: utf8('k'), value: utf8('v') } });
});
