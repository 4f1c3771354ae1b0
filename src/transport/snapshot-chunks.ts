/**
 * Pieces shared by both snapshot transfer directions (push over InstallSnapshot, pull over
 * StreamSnapshot) and by the server-side helpers: chunk sizing, the per-chunk CRC32, the
 * whole-snapshot SHA-256 and the "all-zero checksum means not provided" rule
 * (PROTOCOL.md departures; reference §1.3, §5). See docs/snapshot-transfer.md.
 *
 * Nothing here does IO beyond reading a {@link SnapshotSource}; nothing buffers a whole
 * snapshot.
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { ConfigError } from '../errors.js';
import { abortable } from './abort.js';
import { DENGINE_MAX_MESSAGE_BYTES } from './channels.js';
import type { SnapshotSource } from './types.js';

/** Default payload bytes per chunk: 1 MiB (d-engine's default is 1 KiB; PROTOCOL.md). */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * The largest encoded SnapshotChunk message raftctl sends: 4 MiB − 64 KiB, leaving 64 KiB of
 * d-engine's 4 MiB receive limit (tonic's default, reference §1.6) as headroom for the gRPC
 * frame header and future fields.
 */
export const MAX_CHUNK_MESSAGE_BYTES = DENGINE_MAX_MESSAGE_BYTES - 64 * 1024;

/**
 * An upper bound of a SnapshotChunk's encoded size minus its `data` bytes: leader_term (9),
 * leader_id (6), seq (6), total_chunks (6), chunk_checksum (6), metadata with a LogId of two
 * maximal uint64s and a 32-byte checksum (56), the data field's tag and length (5) = 94 bytes,
 * rounded up to 128. A unit test encodes the worst case and checks it.
 */
export const CHUNK_ENVELOPE_MAX_BYTES = 128;

/** The largest `chunkBytes` accepted: the envelope included, a chunk stays ≤ {@link MAX_CHUNK_MESSAGE_BYTES}. */
export const MAX_CHUNK_BYTES = MAX_CHUNK_MESSAGE_BYTES - CHUNK_ENVELOPE_MAX_BYTES;

/** Bytes of a SHA-256 digest (SnapshotMetadata.checksum). */
export const SHA256_BYTES = 32;

/** Bytes of a chunk checksum (CRC32, big-endian). */
export const CRC32_BYTES = 4;

/** The largest chunk count the uint32 `total_chunks` field can carry. */
export const MAX_TOTAL_CHUNKS = 0xffff_fffe;

/**
 * Returns the chunk payload size to use: `chunkBytes` or the 1 MiB default. Throws
 * {@link ConfigError} unless it is an integer in [1, {@link MAX_CHUNK_BYTES}].
 */
export function validateChunkBytes(chunkBytes: number | undefined): number {
  if (chunkBytes === undefined) return DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) {
    throw new ConfigError(`snapshot chunk size must be a positive integer number of bytes (got ${chunkBytes})`);
  }
  if (chunkBytes > MAX_CHUNK_BYTES) {
    throw new ConfigError(
      `snapshot chunk size ${chunkBytes} is above the limit of ${MAX_CHUNK_BYTES} bytes (4 MiB − 64 KiB including the ${CHUNK_ENVELOPE_MAX_BYTES}-byte envelope)`,
      { hint: 'd-engine refuses messages over 4 MiB; use 1 MiB (the default) or less' },
    );
  }
  return chunkBytes;
}

/** CRC32 (IEEE, as crc32fast and zlib compute it) of `data`, as 4 big-endian bytes. */
export function chunkChecksum(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(CRC32_BYTES);
  new DataView(out.buffer).setUint32(0, crc32(data) >>> 0, false);
  return out;
}

/** Whether `checksum` is exactly the 4-byte big-endian CRC32 of `data`. */
export function verifyChunkChecksum(data: Uint8Array, checksum: Uint8Array | null | undefined): boolean {
  if (!checksum || checksum.length !== CRC32_BYTES) return false;
  const expected = crc32(data) >>> 0;
  const got = new DataView(checksum.buffer, checksum.byteOffset, CRC32_BYTES).getUint32(0, false);
  return expected === got;
}

/**
 * Whether a whole-snapshot checksum counts as "not provided": absent, empty, or all zero bytes
 * (d-engine's built-in state machines send 32 zero bytes; PROTOCOL.md departures).
 */
export function isChecksumNotProvided(checksum: Uint8Array | null | undefined): boolean {
  if (!checksum || checksum.length === 0) return true;
  for (const b of checksum) if (b !== 0) return false;
  return true;
}

/** A fresh incremental SHA-256. */
export function createSha256(): Hash {
  return createHash('sha256');
}

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** SHA-256 of `data` (32 bytes). */
export function sha256Of(data: Uint8Array): Uint8Array {
  return new Uint8Array(createSha256().update(data).digest());
}

/**
 * One pass over `source.open()`: its SHA-256 and size in bytes. Holds one piece of the stream
 * at a time. Throws when `signal` aborts (its reason).
 */
export async function hashSource(source: SnapshotSource, signal?: AbortSignal): Promise<{ sha256: Uint8Array; size: number }> {
  const hash = createSha256();
  let size = 0;
  for await (const piece of signal ? abortable(source.open(), signal) : source.open()) {
    hash.update(piece);
    size += piece.byteLength;
  }
  signal?.throwIfAborted();
  return { sha256: new Uint8Array(hash.digest()), size };
}

/** `total_chunks` for a snapshot of `size` bytes: ⌈size / chunkBytes⌉, and 1 for an empty snapshot. */
export function totalChunksFor(size: number, chunkBytes: number): number {
  return Math.max(1, Math.ceil(size / chunkBytes));
}

/**
 * Re-cuts a byte stream into chunks of exactly `chunkBytes` (the last may be shorter). An empty
 * stream yields one empty chunk, so every snapshot has a chunk 0 to carry its metadata.
 * Pieces are copied into a fresh buffer per chunk (at most one chunk plus one input piece is
 * held); a piece that is exactly one aligned chunk is passed through without copying.
 */
export async function* rechunk(stream: AsyncIterable<Uint8Array>, chunkBytes: number): AsyncGenerator<Uint8Array, void, undefined> {
  validateChunkBytes(chunkBytes);
  let buf: Uint8Array | null = null;
  let fill = 0;
  let yielded = false;
  for await (const piece of stream) {
    let offset = 0;
    while (offset < piece.byteLength) {
      if (fill === 0 && piece.byteLength - offset >= chunkBytes) {
        yielded = true;
        yield piece.subarray(offset, offset + chunkBytes);
        offset += chunkBytes;
        continue;
      }
      buf ??= new Uint8Array(chunkBytes);
      const take = Math.min(chunkBytes - fill, piece.byteLength - offset);
      buf.set(piece.subarray(offset, offset + take), fill);
      fill += take;
      offset += take;
      if (fill === chunkBytes) {
        yielded = true;
        yield buf;
        buf = null;
        fill = 0;
      }
    }
  }
  if (fill > 0 && buf) {
    yield buf.subarray(0, fill);
  } else if (!yielded) {
    yield new Uint8Array(0);
  }
}

/** A {@link SnapshotSource} over bytes in memory (tests, small state-machine snapshots). */
export function bytesSource(data: Uint8Array, options: { withSha256?: boolean; withSize?: boolean; pieceBytes?: number } = {}): SnapshotSource {
  const pieceBytes = options.pieceBytes ?? 64 * 1024;
  return {
    ...(options.withSize === false ? {} : { size: data.byteLength }),
    ...(options.withSha256 ? { sha256: sha256Of(data) } : {}),
    async *open() {
      for (let off = 0; off < data.byteLength; off += pieceBytes) yield data.subarray(off, Math.min(off + pieceBytes, data.byteLength));
    },
  };
}
