/**
 * WAL recovery (STORAGE.md, "Rules"): replays every segment in name order into a
 * {@link LogState} and tells a torn tail from corruption.
 *
 * - A bad record (checksum mismatch, impossible length, unknown type, undecodable payload)
 *   followed only by zeros, garbage that holds no valid record, or the end of the log is a
 *   **torn tail**: the bytes from the bad record on are zeroed and fsynced, and writing resumes
 *   there. A zero header is the normal end of a preallocated segment's written part.
 * - A bad record or zero header followed by a valid record (later in the same segment or in any
 *   later segment) is **corruption**: {@link corruptionError} naming the file and byte offset
 *   (IntegrityError `CORRUPT`, exit 7). Nothing is modified.
 * - Segment names: a segment named N was created when the log's last index was N - 1 (a TRUNCATE
 *   among its first records or its first entry may say less; segment.ts). When the segments before
 *   it hold less, the entries in between are missing, like a jump in the entry indexes: so segments
 *   lost before one that holds no entry (only carry and hard-state records) are noticed. A
 *   segment named one above the segment present before it, without such a TRUNCATE, is held to
 *   nothing: an older raftctl named a roll after such a truncation so without writing one.
 * - A hole between the compact point and the first live entry (a lost segment) is corruption too,
 *   and so is a segment after the first that does not begin with a record once the log has a
 *   term or a compact point (a roll makes its carry records durable before the rename).
 *
 * - The segment `wal/HEAD` names (head.ts) must exist unless every segment is newer, and be at
 *   least as long as HEAD records: a lost or truncated newest segment leaves nothing else behind
 *   to notice it by.
 *
 * Recovered state: the last hard state, the last compact point, and the entries after it with
 * every truncation applied. Segments that hold no valid record after the torn point are deleted.
 * Once nothing is refused, HEAD is made to name the segment writing resumes in (written when
 * missing, advanced over segments a crash left after it, moved back before deleting segments).
 */
import { basename, join } from 'node:path';
import { decodeEntry, type StoredEntry } from '../entry-codec.js';
import { corruptionError, fileAccessError } from '../errors.js';
import { syncFile, writeFully, type StorageFs } from '../fs.js';
import { LogState } from '../log-state.js';
import { checkHead, readHead, writeHead } from './head.js';
import { findValidRecord, readRecordAt, RecordType, type HardState, type WalRecord } from './record.js';
import { listSegments } from './segment.js';

/** Per-segment facts the writer needs to delete segments after compaction. */
export interface SegmentInfo {
  first: number;
  name: string;
  /** Upper bound of the live entry indexes the segment holds (0 when none). */
  maxLive: number;
}

/** The result of {@link recoverWal}. */
export interface RecoveredWal {
  state: LogState;
  hardState: HardState;
  segments: SegmentInfo[];
  /** Where the next record goes in the last segment (0 when there is no segment). */
  tailOffset: number;
  /** Set when a torn tail was cut off: file, offset of the bad record, and why it was bad. */
  tornTail: { file: string; offset: number; reason: string } | null;
}

interface Loaded {
  info: SegmentInfo;
  path: string;
  buf: Buffer;
  /** The file's size as read (buf is dropped once the segment is replayed). */
  bytes: number;
}

const EMPTY = Buffer.alloc(0);

function isAllZero(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

function lastNonZero(buf: Buffer): number {
  for (let i = buf.length - 1; i >= 0; i--) if (buf[i] !== 0) return i;
  return -1;
}

/** Options of {@link recoverWal}. */
export interface RecoverOptions {
  /**
   * The data directory's FORMAT says this WAL holds a node's state (FORMAT is committed only
   * after the first start's initial write is durable): a WAL without a single valid record lost
   * that state (emptied or zeroed segments) and is refused as corruption, before any repair.
   */
  expectRecords?: boolean;
}

/** Reads and replays the WAL in `dir`, repairing a torn tail. Throws IntegrityError on corruption. */
export async function recoverWal(fs: StorageFs, dir: string, options: RecoverOptions = {}): Promise<RecoveredWal> {
  const names = await listSegments(fs, dir);
  const state = new LogState();
  let hardState: HardState = { term: 0, votedFor: 0 };
  const segments: Loaded[] = [];
  let tailOffset = 0;
  let torn: { seg: Loaded; offset: number; reason: string } | null = null;
  let records = 0;
  /**
   * Jumps in entry indexes seen, to name a lost range: `file` is the segment where it was noticed,
   * `before` the segment present just before it (which may be the one that was cut short).
   */
  const holes: { from: number; to: number; file: string; before: string | null }[] = [];
  /**
   * What the name of the segment being replayed says about the log before it: a segment named N
   * was created when the log's last index was N - 1 (segment.ts); a TRUNCATE among its first
   * records (a carry record, when a truncation left the log below the name) or its first entry
   * lowers that. Settled before the segment's first entry, or at its end when it holds none.
   * `truncated`: a TRUNCATE came before its first entry (the carry record of that one exception).
   */
  let claim: { through: number; seg: Loaded; truncated: boolean } | null = null;
  const settleClaim = (): void => {
    if (!claim) return;
    const { through, seg, truncated } = claim;
    claim = null;
    const last = state.lastIndex();
    if (through <= last) return;
    // A raftctl before the rule (up to 524170b) also named the segment after a truncation below
    // the tail's name tail + 1, but wrote no TRUNCATE carry: a segment named one above the segment
    // present before it, without one, may be such a roll, and its name says nothing about the
    // log's end. No segment can be lost between the two names; what goes unnoticed is the segment
    // before cut at a record boundary (its last entry, or what followed a truncation in it).
    if (!truncated && segments.at(-2)?.info.first === seg.info.first - 1) return;
    holes.push({ from: last + 1, to: through, file: seg.path, before: segments.at(-2)?.path ?? null });
    state.replayMissing(through);
  };

  const apply = (rec: WalRecord, seg: Loaded, off: number): void => {
    records++;
    switch (rec.type) {
      case RecordType.ENTRIES: {
        const entries: StoredEntry[] = [];
        for (const bytes of rec.entries) {
          try {
            entries.push(decodeEntry(bytes));
          } catch (err) {
            throw corruptionError(seg.path, off, 'an entry in this record does not decode', { cause: err });
          }
        }
        const first = entries[0];
        if (first && claim) {
          claim.through = Math.min(claim.through, first.index - 1);
          settleClaim();
        }
        const lastBefore = state.lastIndex();
        if (first && first.index > lastBefore + 1) holes.push({ from: lastBefore + 1, to: first.index - 1, file: seg.path, before: segments.at(-2)?.path ?? null });
        state.replayEntries(entries, rec.entries.map((b) => b.length));
        const last = entries.at(-1);
        if (last) seg.info.maxLive = Math.max(seg.info.maxLive, last.index);
        break;
      }
      case RecordType.HARD_STATE:
        hardState = rec.hardState;
        break;
      case RecordType.TRUNCATE:
        if (claim) {
          claim.through = Math.min(claim.through, rec.fromIndex - 1);
          claim.truncated = true;
        }
        state.replayTruncate(rec.fromIndex);
        for (const s of segments) s.info.maxLive = Math.min(s.info.maxLive, rec.fromIndex - 1);
        break;
      case RecordType.COMPACT:
        state.replayCompact(rec.index, rec.term);
        break;
    }
  };

  for (const { first, name } of names) {
    const path = join(dir, name);
    const buf = await fs.readFile(path).catch((err: unknown) => {
      throw fileAccessError(err, path);
    });
    const seg: Loaded = { info: { first, name, maxLive: 0 }, path, buf, bytes: buf.length };
    if (torn) {
      const q = findValidRecord(buf, 0, buf.length);
      if (q >= 0) throw corruptionError(torn.seg.path, torn.offset, `${torn.reason}, but a valid record follows in ${path}`);
      // The roll that created this segment fdatasynced the one before it first, and (once there
      // was a term or a compact point) gave this one carry records: the bad record is no torn
      // write, and this segment lost its records.
      if (hardState.term > 0 || state.compactIndex > 0) {
        throw corruptionError(torn.seg.path, torn.offset, `${torn.reason}, and the segment after it, ${path}, holds no record: a segment is complete on disk before the next one is created, and every later segment begins with the hard state and compact point, so both were damaged`);
      }
      seg.buf = EMPTY;
      segments.push(seg);
      continue;
    }
    // A roll writes the carry records (hard state, compact point) into the spare and fdatasyncs
    // them before renaming it into a segment; it carries nothing only while both are still zero.
    // A later segment that does not begin with a record lost them and whatever followed (a file
    // truncated or zero-filled): not a torn tail, and not the normal end of the log, which would
    // silently forget acknowledged entries and the current term and vote.
    const mustBeginWithRecord = segments.length > 0 && (hardState.term > 0 || state.compactIndex > 0);
    segments.push(seg);
    claim = { through: first - 1, seg, truncated: false };
    let off = 0;
    for (;;) {
      const r = readRecordAt(buf, off, buf.length);
      if (r.ok) {
        apply(r.record, seg, off);
        off = r.next;
        continue;
      }
      if (off === 0 && mustBeginWithRecord) {
        const q = findValidRecord(buf, 1, buf.length);
        throw corruptionError(path, 0, `the segment does not begin with a record (${buf.length === 0 ? 'the file is empty' : r.reason}${q >= 0 ? `; a valid record follows at byte offset ${q}` : ''}), but every segment after the first begins with the hard state and compact point, made durable before the segment was created: it was truncated or overwritten, and the entries, term and vote it held are lost`);
      }
      if (r.zeroHeader && isAllZero(buf, off)) break;
      const resumeAt = r.declaredEnd ?? off + 1;
      const q = findValidRecord(buf, resumeAt, buf.length);
      if (q >= 0) throw corruptionError(path, off, `${r.reason}, but a valid record follows at byte offset ${q}`);
      torn = { seg, offset: off, reason: r.reason };
      break;
    }
    settleClaim();
    tailOffset = off;
    if (torn?.seg !== seg) seg.buf = EMPTY;
  }

  // Every refusal comes before the first change to the files ("Nothing is modified").
  // A damaged HEAD is reported last (a damaged segment is the more precise report), but a segment
  // HEAD names that is missing, or shorter than it was, is named before a gap in the indexes: the
  // newest segment's loss also leaves one when a newer segment (a roll killed before HEAD was
  // updated) says by its name that the log reached further.
  let head: Awaited<ReturnType<typeof readHead>> = null;
  let headError: unknown = null;
  try {
    head = await readHead(fs, dir);
  } catch (err) {
    headError = err;
  }
  if (head !== null) checkHead(dir, head, segments.map((s) => ({ first: s.info.first, bytes: s.bytes })));
  const gap = state.replayGap();
  if (gap) {
    // The jump that left the hole names its true start (entries before it may be intact) and the
    // segment after the lost one; the gap alone only knows the compact point.
    const hole = holes.at(-1);
    if (hole && hole.to === gap.to) {
      const cut = hole.before ? `, or ${basename(hole.before)} was truncated` : '';
      throw corruptionError(dir, null, `log entries ${Math.max(hole.from, gap.from)}..${hole.to} are missing: the WAL segment before ${basename(hole.file)} was lost${cut}`, {
        details: { segment: basename(hole.file), ...(hole.before ? { before: basename(hole.before) } : {}) },
      });
    }
    throw corruptionError(dir, null, `log entries ${gap.from}..${gap.to} are missing (a WAL segment was lost)`);
  }

  if (options.expectRecords && records === 0 && segments.length > 0) {
    throw corruptionError(dir, null, 'FORMAT says this directory holds a node, but its write-ahead log holds no record (its segments are empty or zeroed): the term and vote it recorded are lost, and starting it could make it vote twice in one term', {
      hint: 'remove this node from the cluster and add a new member with an empty directory (never restart a wiped voter under its old id); if it never printed "listening on" (a crashed first start of an older raftctl), delete the directory and start it again',
    });
  }

  // Last of the refusals: a damaged segment is the more precise report when HEAD was damaged too.
  if (headError !== null) throw headError;

  // HEAD names the segment writing resumes in before any segment after it is deleted, so that a
  // crash at any point of the repair leaves HEAD naming a segment that exists. What was read may
  // not be durable yet (after a kill -9 the page cache still holds a roll's rename that wal/ was
  // never fsynced for, or a segment grown past its preallocated size and never fdatasynced): the
  // segment and wal/ are synced first, or a power loss could keep HEAD and lose the segment or
  // its length, and the next start would be refused as a lost or truncated segment.
  const resumeIn = torn?.seg ?? segments.at(-1);
  if (resumeIn && resumeIn.info.first !== head?.first) {
    await syncFile(fs, resumeIn.path);
    await fs.syncDir(dir);
    await writeHead(fs, dir, { first: resumeIn.info.first, bytes: resumeIn.bytes });
  }

  if (torn) {
    // Later segments hold nothing valid (checked above): drop them; cut the torn tail.
    const idx = segments.indexOf(torn.seg);
    for (const s of segments.splice(idx + 1)) await fs.unlink(s.path);
    const end = lastNonZero(torn.seg.buf) + 1;
    const h = await fs.open(torn.seg.path, 'r+');
    try {
      if (end > torn.offset) await writeFully(h, Buffer.alloc(end - torn.offset), torn.offset);
      await fs.sync(h);
    } finally {
      await h.close();
    }
    await fs.syncDir(dir);
    tailOffset = torn.offset;
  }

  return {
    state,
    hardState,
    segments: segments.map((s) => s.info),
    tailOffset,
    tornTail: torn ? { file: torn.seg.path, offset: torn.offset, reason: torn.reason } : null,
  };
}
