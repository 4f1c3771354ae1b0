/**
 * WAL record framing and payload codecs (STORAGE.md, "Data directory").
 *
 * ```
 * record   = u32 length | u32 crc32 | u8 type | payload      (big-endian; length = payload bytes)
 * crc32    = CRC-32 (IEEE, zlib.crc32) over the type byte and the payload
 * ENTRIES     (1) = u32 count, then count × (u32 len | superset Entry protobuf)
 * HARD_STATE  (2) = u64 term | u32 votedFor (0 = none)
 * TRUNCATE    (3) = u64 fromIndex          entries with index ≥ fromIndex are gone
 * COMPACT     (4) = u64 index | u64 term   entries with index ≤ index are gone; the log's
 *                                          compact point (snapshot's last included entry)
 * ```
 * A header of nine zero bytes is never a record: it marks the end of the written part of a
 * preallocated segment. Pure functions; no IO.
 */
import { crc32 } from 'node:zlib';

/** u32 length + u32 crc32 + u8 type. */
export const RECORD_HEADER_BYTES = 9;
/** Largest payload a record may declare (a sanity bound for recovery, not a tuning knob). */
export const MAX_RECORD_PAYLOAD = 256 * 1024 * 1024;

/** WAL record types. */
export const RecordType = {
  ENTRIES: 1,
  HARD_STATE: 2,
  TRUNCATE: 3,
  COMPACT: 4,
} as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

/** Persistent Raft state of Figure 2 other than the log (commitIndex is volatile). */
export interface HardState {
  term: number;
  /** 0 = voted for nobody in `term`. */
  votedFor: number;
}

/** A decoded WAL record. */
export type WalRecord =
  | { type: typeof RecordType.ENTRIES; entries: Uint8Array[] }
  | { type: typeof RecordType.HARD_STATE; hardState: HardState }
  | { type: typeof RecordType.TRUNCATE; fromIndex: number }
  | { type: typeof RecordType.COMPACT; index: number; term: number };

const TWO_32 = 2 ** 32;

/** Writes a safe non-negative integer as u64 big-endian. */
export function writeU64(buf: Buffer, off: number, n: number): void {
  buf.writeUInt32BE(Math.floor(n / TWO_32), off);
  buf.writeUInt32BE(n % TWO_32, off + 4);
}

/** Reads a u64 big-endian; returns -1 if it does not fit in a safe integer. */
export function readU64(buf: Buffer, off: number): number {
  const hi = buf.readUInt32BE(off);
  if (hi >= 2 ** 21) return -1;
  return hi * TWO_32 + buf.readUInt32BE(off + 4);
}

function frame(type: RecordType, payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payload.length);
  out.writeUInt32BE(payload.length, 0);
  out[8] = type;
  payload.copy(out, RECORD_HEADER_BYTES);
  out.writeUInt32BE(crc32(out.subarray(8)), 4);
  return out;
}

/** Frames an ENTRIES record holding already-encoded entries, in order. */
export function encodeEntriesRecord(encoded: readonly Uint8Array[]): Buffer {
  let size = 4;
  for (const e of encoded) size += 4 + e.length;
  const payload = Buffer.allocUnsafe(size);
  payload.writeUInt32BE(encoded.length, 0);
  let off = 4;
  for (const e of encoded) {
    payload.writeUInt32BE(e.length, off);
    payload.set(e, off + 4);
    off += 4 + e.length;
  }
  return frame(RecordType.ENTRIES, payload);
}

/** Frames a HARD_STATE record. */
export function encodeHardStateRecord(hs: HardState): Buffer {
  const payload = Buffer.allocUnsafe(12);
  writeU64(payload, 0, hs.term);
  payload.writeUInt32BE(hs.votedFor, 8);
  return frame(RecordType.HARD_STATE, payload);
}

/** Frames a TRUNCATE record. */
export function encodeTruncateRecord(fromIndex: number): Buffer {
  const payload = Buffer.allocUnsafe(8);
  writeU64(payload, 0, fromIndex);
  return frame(RecordType.TRUNCATE, payload);
}

/** Frames a COMPACT record. */
export function encodeCompactRecord(index: number, term: number): Buffer {
  const payload = Buffer.allocUnsafe(16);
  writeU64(payload, 0, index);
  writeU64(payload, 8, term);
  return frame(RecordType.COMPACT, payload);
}

/** Result of {@link readRecordAt}. */
export type ReadResult =
  | { ok: true; record: WalRecord; next: number }
  | { ok: false; zeroHeader: boolean; reason: string; declaredEnd: number | null };

function decodePayload(type: number, p: Buffer): WalRecord | string {
  switch (type) {
    case RecordType.ENTRIES: {
      if (p.length < 4) return 'entries record too short';
      const count = p.readUInt32BE(0);
      const entries: Uint8Array[] = [];
      let off = 4;
      for (let i = 0; i < count; i++) {
        if (off + 4 > p.length) return 'entries record truncated';
        const len = p.readUInt32BE(off);
        if (off + 4 + len > p.length) return 'entry overruns its record';
        entries.push(p.subarray(off + 4, off + 4 + len));
        off += 4 + len;
      }
      if (off !== p.length) return 'trailing bytes in entries record';
      return { type: RecordType.ENTRIES, entries };
    }
    case RecordType.HARD_STATE: {
      if (p.length !== 12) return 'hard state record has the wrong size';
      const term = readU64(p, 0);
      if (term < 0) return 'term above 2^53-1';
      return { type: RecordType.HARD_STATE, hardState: { term, votedFor: p.readUInt32BE(8) } };
    }
    case RecordType.TRUNCATE: {
      if (p.length !== 8) return 'truncate record has the wrong size';
      const fromIndex = readU64(p, 0);
      if (fromIndex < 1) return 'bad truncate index';
      return { type: RecordType.TRUNCATE, fromIndex };
    }
    case RecordType.COMPACT: {
      if (p.length !== 16) return 'compact record has the wrong size';
      const index = readU64(p, 0);
      const term = readU64(p, 8);
      if (index < 0 || term < 0) return 'compact point above 2^53-1';
      return { type: RecordType.COMPACT, index, term };
    }
    default:
      return `unknown record type ${type}`;
  }
}

/**
 * Reads the record starting at `off` in `buf[0..end)`. Never throws: a bad record reports why,
 * whether it is an all-zero header (the unwritten part of a segment) and, when its length field
 * was vouched for by a matching checksum, where it ends (recovery resumes its search for valid
 * records there; otherwise right after the bad record's first byte).
 * Payload byte arrays of ENTRIES point into `buf`.
 */
export function readRecordAt(buf: Buffer, off: number, end: number): ReadResult {
  if (off + RECORD_HEADER_BYTES > end) {
    return { ok: false, zeroHeader: isZero(buf, off, end), reason: 'incomplete record header', declaredEnd: null };
  }
  const length = buf.readUInt32BE(off);
  const crc = buf.readUInt32BE(off + 4);
  const type = buf[off + 8]!;
  if (length === 0 && crc === 0 && type === 0) {
    return { ok: false, zeroHeader: true, reason: 'zero header', declaredEnd: null };
  }
  const recEnd = off + RECORD_HEADER_BYTES + length;
  if (length > MAX_RECORD_PAYLOAD || recEnd > end) {
    return { ok: false, zeroHeader: false, reason: `record length ${length} runs past the end of the file`, declaredEnd: null };
  }
  if (crc32(buf.subarray(off + 8, recEnd)) !== crc) {
    // The checksum does not cover the length field, so a mismatch may be a corrupt length:
    // recovery must search for valid records right after this header, not after `recEnd`.
    return { ok: false, zeroHeader: false, reason: 'checksum mismatch', declaredEnd: null };
  }
  const rec = decodePayload(type, buf.subarray(off + RECORD_HEADER_BYTES, recEnd));
  if (typeof rec === 'string') return { ok: false, zeroHeader: false, reason: rec, declaredEnd: recEnd };
  return { ok: true, record: rec, next: recEnd };
}

/** True when `buf[from..to)` holds only zero bytes. */
export function isZero(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * The offset of the first valid record in `buf[from..end)`, or -1. Used after a bad record to
 * tell a torn tail (nothing valid follows) from corruption (a valid record follows).
 */
export function findValidRecord(buf: Buffer, from: number, end: number): number {
  for (let q = from; q + RECORD_HEADER_BYTES <= end; q++) {
    const type = buf[q + 8]!;
    if (type < RecordType.ENTRIES || type > RecordType.COMPACT) continue;
    const length = buf.readUInt32BE(q);
    if (length === 0 || q + RECORD_HEADER_BYTES + length > end) continue;
    if (readRecordAt(buf, q, end).ok) return q;
  }
  return -1;
}
