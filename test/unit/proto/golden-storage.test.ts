/**
 * Golden wire tests for d_engine.server.storage (proto/server/storage.proto, reference §1.3–1.5):
 * SnapshotChunk with and without its `optional` metadata (present only on seq 0), the CRC32
 * (IEEE, 4 bytes big-endian) chunk checksum, SnapshotResponse, and SnapshotAck with its nested
 * ChunkStatus enum.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { d_engine } from '../../../src/proto/raftctl.js';
import { concat, golden, hex, utf8 } from './golden.js';

const storage = d_engine.server.storage;
const ChunkStatus = storage.SnapshotAck.ChunkStatus;
const ZERO_SHA256 = new Uint8Array(32);

test('the chunk checksums used below are CRC32 (IEEE) of the data, big-endian', () => {
  assert.equal(crc32('hello'), 0x3610a686);
  assert.equal(crc32('world'), 0x3a771143);
});

test('SnapshotChunk seq 0 carries the metadata (last_included and the 32-byte checksum)', () => {
  const bytes = concat(
    hex('08 03'), //             tag (1<<3)|0 = 0x08 leader_term, 3
    hex('10 01'), //             tag (2<<3)|0 = 0x10 leader_id, 1
    //                           seq 0 is not written (implicit presence)
    hex('20 02'), //             tag (4<<3)|0 = 0x20 total_chunks, 2
    hex('2a 04 36 10 a6 86'), // tag (5<<3)|2 = 0x2a chunk_checksum, length 4, CRC32("hello")
    hex('32 28'), //             tag (6<<3)|2 = 0x32 metadata, length 40
    hex('0a 04 08 03 10 0c'), //   SnapshotMetadata tag 0x0a last_included, length 4: term 3, index 12
    hex('12 20'), //               tag 0x12 checksum, length 32
    ZERO_SHA256, //                32 zero bytes (what d-engine's built-in state machines send)
    hex('3a 05 68 65 6c 6c 6f'), // tag (7<<3)|2 = 0x3a data, length 5, "hello"
  );
  const chunk = golden(storage.SnapshotChunk, bytes, {
    leaderTerm: 3,
    leaderId: 1,
    totalChunks: 2,
    chunkChecksum: hex('36 10 a6 86'),
    metadata: { lastIncluded: { term: 3, index: 12 }, checksum: ZERO_SHA256 },
    data: utf8('hello'),
  });
  assert.equal(chunk.seq, 0);
});

test('SnapshotChunk seq 1 has no metadata (absent decodes as null)', () => {
  const bytes = hex(
    '08 03', //             leader_term 3
    '10 01', //             leader_id 1
    '18 01', //             tag (3<<3)|0 = 0x18 seq, 1
    '20 02', //             total_chunks 2
    '2a 04 3a 77 11 43', // chunk_checksum, CRC32("world")
    '3a 05 77 6f 72 6c 64', // data, length 5, "world"
  );
  const chunk = golden(storage.SnapshotChunk, bytes, { leaderTerm: 3, leaderId: 1, seq: 1, totalChunks: 2, chunkChecksum: hex('3a 77 11 43'), data: utf8('world') });
  assert.equal(chunk.metadata, null);
});

test('SnapshotChunk with an empty metadata message is present, not absent', () => {
  const chunk = golden(storage.SnapshotChunk, hex('32 00'), { metadata: {} }); // tag 0x32 metadata, length 0
  assert.notEqual(chunk.metadata, null);
});

test('SnapshotResponse', () => {
  golden(storage.SnapshotResponse, hex(
    '08 03', // tag 0x08 term, 3
    '10 01', // tag 0x10 success, true (next_chunk 0 is not written)
  ), { term: 3, success: true });
  golden(storage.SnapshotResponse, hex('08 04', '18 02'), { term: 4, nextChunk: 2 }); // failure with next_chunk 2 (tag (3<<3)|0 = 0x18)
});

test('SnapshotAck with the nested ChunkStatus enum', () => {
  const mismatch = hex(
    '08 04', // tag 0x08 seq, 4
    '10 02', // tag 0x10 status, CHUNK_STATUS_CHECKSUM_MISMATCH = 2
    '18 04', // tag 0x18 next_requested, 4
  );
  golden(storage.SnapshotAck, mismatch, { seq: 4, status: ChunkStatus.CHUNK_STATUS_CHECKSUM_MISMATCH, nextRequested: 4 });
  const accepted = golden(storage.SnapshotAck, hex('10 01'), { status: ChunkStatus.CHUNK_STATUS_ACCEPTED }); // seq 0, ACCEPTED = 1
  assert.equal(accepted.seq, 0);
});

test('SnapshotAck.ChunkStatus values match the reference (§1.4)', () => {
  assert.deepEqual({ ...ChunkStatus }, {
    CHUNK_STATUS_UNSPECIFIED: 0,
    CHUNK_STATUS_ACCEPTED: 1,
    CHUNK_STATUS_CHECKSUM_MISMATCH: 2,
    CHUNK_STATUS_OUT_OF_ORDER: 3,
    CHUNK_STATUS_REQUESTED: 4,
    CHUNK_STATUS_FAILED: 5,
  });
});
