/**
 * The snapshot file format (STORAGE.md, "Snapshot files"), as pure encoders and incremental
 * decoders shared by the file store and the memory store. All integers big-endian.
 *
 * ```
 * header  off  size
 *         0    11   magic "RAFTCTLSNAP"
 *         11   1    format version (2; 1 is still read)
 *         12   8    last included index
 *         20   8    last included term
 *         28   8    entry count
 *         36   8    body length (bytes)
 *         44   32   SHA-256 of the body
 *         76   4    configuration length C
 *         80   8    configuration index (log index of the entry that set the configuration)
 *         88   C    configuration (raftctl.raft.v1.Configuration protobuf)
 *         88+C 4    CRC-32 of header bytes [0, 88+C)
 * body    entry count × ( u32 key length | key | u32 value length | value | u64 expiry unix ms,
 *                         0 = none ), keys strictly ascending in byte order
 * ```
 *
 * Version 1 has no configuration index: the configuration starts at offset 80 and the CRC
 * covers [0, 80+C). Reading a version-1 header yields the last included index as its
 * configuration index (the best bound known: the configuration was set at or before it).
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { ClusterConfiguration, KvRecord } from '../../state-machine/types.js';
import { decodeConfiguration, encodeConfiguration } from '../entry-codec.js';
import { readU64, writeU64 } from '../wal/record.js';

/** First 11 bytes of every snapshot file. */
export const SNAPSHOT_MAGIC = Buffer.from('RAFTCTLSNAP', 'latin1');
/** Format version written. */
export const SNAPSHOT_FORMAT_VERSION = 2;
/** Oldest format version still read (no configuration index). */
export const SNAPSHOT_FORMAT_VERSION_1 = 1;
/** Suffix of a complete snapshot file. */
export const SNAPSHOT_SUFFIX = '.snap';
/** Suffix of a snapshot file being written or received. */
export const PART_SUFFIX = '.part';

let partSeq = 0;
/**
 * A fresh name for the temporary file of snapshot `name` (`<name>.<pid>.<n>.part`): unique per
 * writer, so a local snapshot and one received from the leader at the same index and term never
 * write (or truncate) the same file; both end in an atomic rename to `name`.
 */
export function partFileName(name: string): string {
  return `${name}.${process.pid}.${++partSeq}${PART_SUFFIX}`;
}
/** Bytes before the configuration in version 1 (also: every header's readable prefix). */
const FIXED_V1 = 80;
/** Bytes before the configuration in version 2 (adds the u64 configuration index at 80). */
const FIXED = 88;

/** Bytes before the configuration in a header of `version`, or null for an unknown version. */
function fixedBytes(version: number): number | null {
  return version === SNAPSHOT_FORMAT_VERSION ? FIXED : version === SNAPSHOT_FORMAT_VERSION_1 ? FIXED_V1 : null;
}
/** Upper bound of an encoded configuration (sanity check while reading). */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/** Upper bound of one key or value in a body (sanity check while reading). */
export const MAX_SNAPSHOT_FIELD = 256 * 1024 * 1024;

/** What a snapshot covers. */
export interface SnapshotMeta {
  index: number;
  term: number;
  configuration: ClusterConfiguration;
  /** Log index of the entry that set `configuration` (<= `index`). */
  configIndex: number;
}

/** Exactly the {@link SnapshotMeta} fields of `m` (a header, a snapshot source, ...). */
export function snapshotMetaOf(m: SnapshotMeta): SnapshotMeta {
  return { index: m.index, term: m.term, configuration: m.configuration, configIndex: m.configIndex };
}

/** A decoded, checksum-verified header. */
export interface SnapshotHeader extends SnapshotMeta {
  formatVersion: number;
  entryCount: number;
  bodyLength: number;
  /** SHA-256 of the body, lowercase hex. */
  sha256: string;
  /** Header size in bytes (the body starts here). */
  headerBytes: number;
}

/** File name `<index>-<term>.snap`. */
export function snapshotFileName(index: number, term: number): string {
  return `${index}-${term}${SNAPSHOT_SUFFIX}`;
}

/** Index and term of a snapshot file name, or null. */
export function parseSnapshotFileName(name: string): { index: number; term: number } | null {
  const m = /^(\d+)-(\d+)\.snap$/.exec(name);
  if (!m) return null;
  const index = Number(m[1]);
  const term = Number(m[2]);
  return Number.isSafeInteger(index) && Number.isSafeInteger(term) ? { index, term } : null;
}

/** Encodes a header. `sha256` is 32 bytes; the size depends only on the configuration. */
export function encodeSnapshotHeader(meta: SnapshotMeta, entryCount: number, bodyLength: number, sha256: Uint8Array): Buffer {
  const config = encodeConfiguration(meta.configuration);
  const buf = Buffer.alloc(FIXED + config.length + 4);
  SNAPSHOT_MAGIC.copy(buf, 0);
  buf[11] = SNAPSHOT_FORMAT_VERSION;
  writeU64(buf, 12, meta.index);
  writeU64(buf, 20, meta.term);
  writeU64(buf, 28, entryCount);
  writeU64(buf, 36, bodyLength);
  buf.set(sha256, 44);
  buf.writeUInt32BE(config.length, 76);
  writeU64(buf, 80, meta.configIndex);
  buf.set(config, FIXED);
  buf.writeUInt32BE(crc32(buf.subarray(0, FIXED + config.length)), FIXED + config.length);
  return buf;
}

/**
 * Bytes of the header needed before {@link decodeSnapshotHeader} can succeed, given at least
 * the first 80 bytes; null when fewer are available, the magic is wrong or the version unknown.
 */
export function snapshotHeaderSize(prefix: Buffer): number | null {
  if (prefix.length < FIXED_V1 || !prefix.subarray(0, 11).equals(SNAPSHOT_MAGIC)) return null;
  const fixed = fixedBytes(prefix[11]!);
  return fixed === null ? null : fixed + prefix.readUInt32BE(76) + 4;
}

/**
 * Decodes and verifies a header (version 2, or version 1 with `configIndex` = the last included
 * index); returns a reason string when it is not valid.
 */
export function decodeSnapshotHeader(buf: Buffer): SnapshotHeader | string {
  if (buf.length < FIXED_V1) return 'file too short for a snapshot header';
  if (!buf.subarray(0, 11).equals(SNAPSHOT_MAGIC)) return 'bad magic (not a raftctl snapshot)';
  const version = buf[11]!;
  const fixed = fixedBytes(version);
  if (fixed === null) return `unsupported snapshot format version ${version}`;
  const configLen = buf.readUInt32BE(76);
  if (configLen > MAX_CONFIG_BYTES) return 'configuration length out of range';
  if (buf.length < fixed + configLen + 4) return 'truncated snapshot header';
  if (crc32(buf.subarray(0, fixed + configLen)) !== buf.readUInt32BE(fixed + configLen)) return 'header checksum mismatch';
  const index = readU64(buf, 12);
  const term = readU64(buf, 20);
  const entryCount = readU64(buf, 28);
  const bodyLength = readU64(buf, 36);
  const configIndex = version === SNAPSHOT_FORMAT_VERSION_1 ? index : readU64(buf, 80);
  if (index < 0 || term < 0 || entryCount < 0 || bodyLength < 0 || configIndex < 0) return 'header number above 2^53-1';
  if (configIndex > index) return `configuration index ${configIndex} beyond the last included index ${index}`;
  let configuration: ClusterConfiguration;
  try {
    configuration = decodeConfiguration(buf.subarray(fixed, fixed + configLen));
  } catch {
    return 'configuration does not decode';
  }
  return {
    formatVersion: version,
    index,
    term,
    configuration,
    configIndex,
    entryCount,
    bodyLength,
    sha256: buf.subarray(44, 76).toString('hex'),
    headerBytes: fixed + configLen + 4,
  };
}

/** Encodes one body record into `out` at `off` (room must suffice); returns its size. */
export function encodeBodyRecordInto(r: KvRecord, out: Buffer, off: number): number {
  const start = off;
  out.writeUInt32BE(r.key.length, off);
  r.key.copy(out, off + 4);
  off += 4 + r.key.length;
  out.writeUInt32BE(r.value.length, off);
  r.value.copy(out, off + 4);
  off += 4 + r.value.length;
  writeU64(out, off, r.expiresAtUnixMs);
  return off + 8 - start;
}

/** Encodes one body record. */
export function encodeBodyRecord(r: KvRecord): Buffer {
  const out = Buffer.allocUnsafe(16 + r.key.length + r.value.length);
  encodeBodyRecordInto(r, out, 0);
  return out;
}

/**
 * Incremental body decoder: feed chunks, take records. Keeps only the undecoded remainder, so
 * memory stays bounded by the largest record plus one chunk. Checks key order and hashes.
 *
 * Chunks may be of any size (a reader feeds small pieces to bound the work of one call, see
 * snapshot-file.ts): a record split over many pieces is gathered piece by piece and joined once
 * the pieces hold all of it, so each of its bytes is copied a bounded number of times, however
 * small the pieces.
 */
export class BodyDecoder {
  /** The undecoded remainder: copies of the pieces that hold a record not yet complete. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes the pending record needs before decoding can go on (as far as its fields tell). */
  private pendingNeed = 0;
  private prevKey: Buffer | null = null;
  private readonly hash: Hash = createHash('sha256');
  /** Body bytes consumed so far. */
  bytes = 0;
  /** Records decoded so far. */
  count = 0;

  /** Decodes every complete record in `chunk` (plus what was pending). Returns reason on error. */
  push(chunk: Buffer, out: KvRecord[]): string | null {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    let buf = chunk;
    if (this.pendingBytes > 0) {
      if (this.pendingBytes + chunk.length < this.pendingNeed) {
        this.pending.push(Buffer.from(chunk));
        this.pendingBytes += chunk.length;
        return null;
      }
      buf = Buffer.concat([...this.pending, chunk], this.pendingBytes + chunk.length);
      this.pending = [];
      this.pendingBytes = 0;
    }
    let off = 0;
    for (;;) {
      if (buf.length - off < 4) break;
      const kl = buf.readUInt32BE(off);
      if (kl > MAX_SNAPSHOT_FIELD) return `key length ${kl} out of range`;
      if (buf.length - off < 8 + kl) break;
      const vl = buf.readUInt32BE(off + 4 + kl);
      if (vl > MAX_SNAPSHOT_FIELD) return `value length ${vl} out of range`;
      const end = off + 16 + kl + vl;
      if (buf.length < end) break;
      const key = Buffer.from(buf.subarray(off + 4, off + 4 + kl));
      const value = Buffer.from(buf.subarray(off + 8 + kl, off + 8 + kl + vl));
      const expiresAtUnixMs = readU64(buf, off + 8 + kl + vl);
      if (expiresAtUnixMs < 0) return 'expiry above 2^53-1';
      if (this.prevKey !== null && Buffer.compare(this.prevKey, key) >= 0) return 'keys out of order';
      this.prevKey = key;
      out.push({ key, value, expiresAtUnixMs });
      this.count++;
      off = end;
    }
    const rest = buf.subarray(off);
    if (rest.length > 0) {
      this.pending = [Buffer.from(rest)];
      this.pendingBytes = rest.length;
      this.pendingNeed = recordBytesNeeded(rest);
    }
    return null;
  }

  /** Call after the last chunk: checks the body against the header. Returns reason on error. */
  finish(header: SnapshotHeader): string | null {
    if (this.pendingBytes > 0) return 'body ends inside a record';
    if (this.bytes !== header.bodyLength) return `body is ${this.bytes} bytes, header says ${header.bodyLength}`;
    if (this.count !== header.entryCount) return `body holds ${this.count} entries, header says ${header.entryCount}`;
    const digest = this.hash.digest('hex');
    if (digest !== header.sha256) return 'body SHA-256 mismatch';
    return null;
  }
}

/**
 * The bytes a record starting `rest` needs before decoding can go on: all of it once its key and
 * value lengths are in `rest`, else enough to read the next length (always more than `rest` holds).
 */
function recordBytesNeeded(rest: Buffer): number {
  if (rest.length < 4) return 4;
  const kl = rest.readUInt32BE(0);
  if (rest.length < 8 + kl) return 8 + kl;
  return 16 + kl + rest.readUInt32BE(4 + kl);
}
