/**
 * Unit tests of the snapshot chunk helpers: CRC32 byte order (reference §1.3: IEEE, 4 bytes
 * big-endian), chunk-size limits (4 MiB − 64 KiB including the envelope), the all-zero
 * "not provided" rule (PROTOCOL.md departures), SHA-256 and re-chunking.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../../../src/errors.js';
import { d_engine } from '../../../src/proto/raftctl.js';
import {
  bytesSource,
  CHUNK_ENVELOPE_MAX_BYTES,
  chunkChecksum,
  DEFAULT_CHUNK_BYTES,
  hashSource,
  isChecksumNotProvided,
  MAX_CHUNK_BYTES,
  MAX_CHUNK_MESSAGE_BYTES,
  rechunk,
  sha256Of,
  toHex,
  totalChunksFor,
  validateChunkBytes,
  verifyChunkChecksum,
} from '../../../src/transport/snapshot-chunks.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

async function collect(it: AsyncIterable<Uint8Array>): Promise<number[][]> {
  const out: number[][] = [];
  for await (const c of it) out.push([...c]);
  return out;
}

async function* pieces(...parts: number[][]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield new Uint8Array(p);
}

describe('chunk checksum (CRC32 IEEE, big-endian)', () => {
  test('the standard check value: CRC32("123456789") = 0xCBF43926, most significant byte first', () => {
    assert.deepEqual([...chunkChecksum(ascii('123456789'))], [0xcb, 0xf4, 0x39, 0x26]);
  });

  test('empty data has CRC32 0', () => {
    assert.deepEqual([...chunkChecksum(new Uint8Array(0))], [0, 0, 0, 0]);
  });

  test('verify accepts the right 4 bytes only: little-endian, short, absent or wrong are refused', () => {
    const data = ascii('123456789');
    assert.equal(verifyChunkChecksum(data, new Uint8Array([0xcb, 0xf4, 0x39, 0x26])), true);
    assert.equal(verifyChunkChecksum(data, new Uint8Array([0x26, 0x39, 0xf4, 0xcb])), false);
    assert.equal(verifyChunkChecksum(data, new Uint8Array([0xcb, 0xf4, 0x39])), false);
    assert.equal(verifyChunkChecksum(data, null), false);
    assert.equal(verifyChunkChecksum(ascii('123456780'), new Uint8Array([0xcb, 0xf4, 0x39, 0x26])), false);
  });

  test('verify reads a checksum that is a view into a larger buffer', () => {
    const backing = new Uint8Array([9, 9, 0xcb, 0xf4, 0x39, 0x26, 9]);
    assert.equal(verifyChunkChecksum(ascii('123456789'), backing.subarray(2, 6)), true);
  });
});

describe('whole-snapshot checksum', () => {
  test('SHA-256("abc") is the FIPS 180-2 vector', () => {
    assert.equal(toHex(sha256Of(ascii('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('absent, empty and all-zero checksums mean "not provided"; any non-zero byte is a real checksum', () => {
    assert.equal(isChecksumNotProvided(undefined), true);
    assert.equal(isChecksumNotProvided(null), true);
    assert.equal(isChecksumNotProvided(new Uint8Array(0)), true);
    assert.equal(isChecksumNotProvided(new Uint8Array(32)), true);
    const one = new Uint8Array(32);
    one[31] = 1;
    assert.equal(isChecksumNotProvided(one), false);
  });

  test('hashSource reads the source once and returns its SHA-256 and size', async () => {
    const data = ascii('abc'.repeat(1000));
    const { sha256, size } = await hashSource(bytesSource(data, { pieceBytes: 7 }));
    assert.equal(size, 3000);
    assert.equal(toHex(sha256), toHex(sha256Of(data)));
  });
});

describe('chunk size', () => {
  test('the default is 1 MiB; the limit is 4 MiB − 64 KiB − a 128-byte envelope', () => {
    assert.equal(validateChunkBytes(undefined), DEFAULT_CHUNK_BYTES);
    assert.equal(DEFAULT_CHUNK_BYTES, 1_048_576);
    assert.equal(MAX_CHUNK_MESSAGE_BYTES, 4_194_304 - 65_536);
    assert.equal(MAX_CHUNK_BYTES, 4_194_304 - 65_536 - 128);
    assert.equal(validateChunkBytes(1), 1);
    assert.equal(validateChunkBytes(MAX_CHUNK_BYTES), MAX_CHUNK_BYTES);
  });

  test('zero, negative, fractional, NaN and above-limit sizes are ConfigErrors', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, MAX_CHUNK_BYTES + 1, 4 * 1024 * 1024]) {
      assert.throws(() => validateChunkBytes(bad), ConfigError, String(bad));
    }
  });

  test('the worst-case envelope (maximal ids, terms, metadata) encodes in 94 bytes, within the 128 reserved', () => {
    const data = new Uint8Array(MAX_CHUNK_BYTES);
    const bytes = d_engine.server.storage.SnapshotChunk.encode({
      leaderTerm: Number.MAX_SAFE_INTEGER,
      leaderId: 0xffff_ffff,
      seq: 0xffff_ffff,
      totalChunks: 0xffff_ffff,
      chunkChecksum: new Uint8Array(4).fill(0xff),
      metadata: { lastIncluded: { term: Number.MAX_SAFE_INTEGER, index: Number.MAX_SAFE_INTEGER }, checksum: new Uint8Array(32).fill(0xff) },
      data,
    }).finish();
    assert.equal(bytes.byteLength - data.byteLength, 94);
    assert.ok(bytes.byteLength - data.byteLength <= CHUNK_ENVELOPE_MAX_BYTES);
    assert.ok(bytes.byteLength <= MAX_CHUNK_MESSAGE_BYTES);
  });

  test('total_chunks is ⌈size / chunk⌉, and 1 for an empty snapshot', () => {
    assert.deepEqual([totalChunksFor(0, 4), totalChunksFor(1, 4), totalChunksFor(8, 4), totalChunksFor(9, 4)], [1, 1, 2, 3]);
  });
});

describe('rechunk', () => {
  test('uneven pieces become fixed-size chunks with a shorter last one', async () => {
    assert.deepEqual(await collect(rechunk(pieces([1, 2, 3], [4, 5, 6, 7, 8], [9, 10]), 4)), [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);
  });

  test('an exact multiple ends without an empty chunk; a large piece is split', async () => {
    assert.deepEqual(await collect(rechunk(pieces([1, 2, 3, 4, 5, 6, 7, 8]), 4)), [[1, 2, 3, 4], [5, 6, 7, 8]]);
    assert.deepEqual(await collect(rechunk(pieces([1], [2, 3, 4, 5, 6, 7, 8, 9, 10]), 3)), [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]]);
  });

  test('an empty stream (or only empty pieces) yields one empty chunk', async () => {
    assert.deepEqual(await collect(rechunk(pieces(), 4)), [[]]);
    assert.deepEqual(await collect(rechunk(pieces([], []), 4)), [[]]);
  });

  test('a chunk already yielded is not overwritten by later pieces', async () => {
    const out: Uint8Array[] = [];
    for await (const c of rechunk(pieces([1, 2], [3, 4], [5, 6], [7]), 2)) out.push(c);
    assert.deepEqual(out.map((c) => [...c]), [[1, 2], [3, 4], [5, 6], [7]]);
  });

  test('an invalid chunk size is refused', async () => {
    await assert.rejects(collect(rechunk(pieces([1]), 0)), ConfigError);
  });
});
