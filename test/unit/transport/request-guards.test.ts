/**
 * The raw-bytes request guards of src/transport/services.ts: countTopLevelField walks tags
 * without decoding, and tolerantRequests turns decoder errors and guard refusals into
 * MalformedMessage markers instead of throwing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { raftctl } from '../../../src/proto/raftctl.js';
import { countTopLevelField, limitRepeated, MalformedMessage, ReplicationService, tolerantRequests } from '../../../src/transport/services.js';

const encode = (m: Parameters<typeof raftctl.raft.v1.AppendEntriesRequest.encode>[0]) => Buffer.from(raftctl.raft.v1.AppendEntriesRequest.encode(m).finish());

test('countTopLevelField counts one field among every wire type, stops past the limit and at malformed bytes', () => {
  const entries = Array.from({ length: 5 }, (_, i) => ({ index: i + 1, term: 2 ** 40, payload: { command: Buffer.alloc(300, i) } }));
  const bytes = encode({ term: 2 ** 52, leaderId: 7, prevLogIndex: 0, prevLogTerm: 0, entries, leaderCommitIndex: 3 });
  assert.equal(countTopLevelField(bytes, 5, 100), 5, 'entries (nested fields numbered 5 inside them are not counted)');
  assert.equal(countTopLevelField(bytes, 1, 100), 1);
  assert.equal(countTopLevelField(bytes, 9, 100), 0);
  assert.equal(countTopLevelField(bytes, 5, 2), 3, 'stops at limit + 1');
  // fixed64 (wire type 1) and fixed32 (5) are skipped by their width
  const fixed = Buffer.from([0x09, 1, 2, 3, 4, 5, 6, 7, 8, 0x15, 1, 2, 3, 4, 0x2a, 0x00, 0x2a, 0x00]);
  assert.equal(countTopLevelField(fixed, 5, 100), 2);
  assert.equal(countTopLevelField(Buffer.from([0x2a, 0x00, 0x08, 0xff]), 5, 100), 1, 'a varint cut short ends the count');
  // A group is skipped whole (the decoder skips it as an unknown field and decodes what follows):
  // fields inside it are not top-level, and the count goes on after it.
  assert.equal(countTopLevelField(Buffer.from([0x2a, 0x00, 0x0b, 0x2a, 0x00, 0x0c, 0x2a, 0x00]), 5, 100), 2, 'a group is skipped, not the end of the count');
  assert.equal(countTopLevelField(Buffer.from([0xa3, 0x06, 0xab, 0x06, 0x2a, 0x00, 0xac, 0x06, 0xa4, 0x06, 0x2a, 0x00]), 5, 100), 1, 'nested groups');
  assert.equal(countTopLevelField(Buffer.from([0x2a, 0x00, 0x0c, 0x2a, 0x00]), 5, 100), 1, 'an end-group tag outside a group ends the count');
  assert.equal(countTopLevelField(Buffer.from([0x2a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x2a, 0x00]), 5, 100), 1, 'a length past the end ends it');
});

test('tolerantRequests: a good message decodes as before; a bad one or a refused one is a MalformedMessage saying why', () => {
  const def = tolerantRequests(ReplicationService.AppendEntries, limitRepeated(5, 2, 'entries'));
  const ok = def.requestDeserialize(encode({ term: 3, leaderId: 2, entries: [{ index: 1, term: 3 }, { index: 2, term: 3 }] }));
  assert.ok(!(ok instanceof MalformedMessage));
  assert.equal(ok.entries?.length, 2);
  const tooMany = def.requestDeserialize(encode({ term: 3, leaderId: 2, entries: [{ index: 1, term: 3 }, { index: 2, term: 3 }, { index: 3, term: 3 }] }));
  assert.ok(tooMany instanceof MalformedMessage);
  assert.equal(tooMany.describe('AppendEntriesRequest'), 'more than 2 entries in one request');
  const bad = def.requestDeserialize(Buffer.from([0x08, 0xff]));
  assert.ok(bad instanceof MalformedMessage);
  assert.match(bad.describe('AppendEntriesRequest'), /^not a valid AppendEntriesRequest \(.+\)$/);
  // Elements behind an unknown empty group (field 100, wire types 3 and 4) still count: the
  // decoder skips the group and builds every element after it.
  const bare = (n: number) => Buffer.concat(Array.from({ length: n }, () => Buffer.from([0x2a, 0x00])));
  const behindGroup = def.requestDeserialize(Buffer.concat([Buffer.from([0xa3, 0x06, 0xa4, 0x06]), bare(3)]));
  assert.ok(behindGroup instanceof MalformedMessage, 'three entries behind a group are over the limit of 2');
  assert.equal(behindGroup.describe('AppendEntriesRequest'), 'more than 2 entries in one request');
  const twoBehindGroup = def.requestDeserialize(Buffer.concat([Buffer.from([0xa3, 0x06, 0xa4, 0x06]), bare(2)]));
  assert.equal((twoBehindGroup as { entries?: unknown[] }).entries?.length, 2, 'a group the decoder accepts is still accepted');
  // An unknown varint field longer than 10 bytes: the decoder skips it (up to its last byte) and
  // decodes what follows, so the count goes on after it too.
  const longVarint = Buffer.concat([Buffer.from([0xa0, 0x06]), Buffer.alloc(12, 0x80), Buffer.from([0x00])]);
  const behindVarint = def.requestDeserialize(Buffer.concat([longVarint, bare(3)]));
  assert.ok(behindVarint instanceof MalformedMessage, 'three entries behind a 13-byte varint are over the limit of 2');
  assert.equal(behindVarint.describe('AppendEntriesRequest'), 'more than 2 entries in one request');
  assert.equal((def.requestDeserialize(Buffer.concat([longVarint, bare(2)])) as { entries?: unknown[] }).entries?.length, 2);
  const huge = def.requestDeserialize(Buffer.from([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]));
  assert.match((huge as MalformedMessage).describe('AppendEntriesRequest'), /above 2\^53-1/, 'the uint64 rule is named, not hidden behind INTERNAL');
});
