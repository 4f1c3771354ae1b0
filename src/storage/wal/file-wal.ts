/**
 * The file-backed {@link LogStorage}: a segmented write-ahead log with group commit
 * (STORAGE.md, "Data directory" and "Rules").
 *
 * Group commit: writes are queued; one writer writes everything queued with a single write
 * call where it fits and issues one fdatasync; writes that arrive while that fsync runs share
 * the next one. A write's promise resolves only after the fsync that covers it (durable on
 * resolve), in submission order.
 *
 * Blocking fsync: a batch of at most {@link SYNC_WRITE_MAX_BYTES} that no write asked to sync in
 * the background (`LogWrite.syncInBackground`, a leader's writes) is written and fdatasynced on
 * the calling thread ({@link StorageFs.syncNow}) while this disk's fdatasync stays fast (moving
 * average under {@link SYNC_FSYNC_MAX_MS}). The thread-pool version costs two thread hand-offs
 * per fsync (a wake-up of a pool thread, then of the event loop), which on a small machine cost
 * more CPU than the fsync itself; the event loop is blocked for about the fsync's duration
 * instead (a fraction of a millisecond on an SSD), and what arrives meanwhile waits in the
 * socket buffers and joins the next batch. When fsyncs turn slow (a busy or rotating disk) the
 * WAL goes back to the thread pool and tries blocking again after {@link SYNC_FSYNC_RETRY}
 * fsyncs. Durability is the same either way.
 *
 * Segments: records never straddle segments. When the next record does not fit, the tail is
 * fsynced and closed, carry records of the current hard state and compact point are written
 * into the preallocated spare and fdatasynced, and the spare is renamed into place (directory
 * fsync): every segment starts with them, so any prefix of segments can be deleted without
 * losing them. Then `wal/HEAD` is made to name the new segment (head.ts: one small atomic write per
 * roll), so that losing the newest segment is noticed on open. After a compact write is durable, the
 * oldest segments whose live entries are all at or below the compact index are deleted
 * (directory fsync). A record larger than a segment gets a segment of its own.
 *
 * Ownership: one FileWal per directory per process (the data directory's LOCK enforces it across
 * processes). In-memory reads are served from a {@link LogState} updated at submission.
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, InternalError, type RaftCtlError } from '../../errors.js';
import { encodeEntry } from '../entry-codec.js';
import { fileAccessError, toStorageError, wrongTypeTempError } from '../errors.js';
import { isErrno, nodeStorageFs, syncFile, writeFully, type FileHandle, type StorageFs } from '../fs.js';
import type { LogState } from '../log-state.js';
import { checkHardState, LogStateStorage, type LogWrite } from '../log-storage.js';
import {
  encodeCompactRecord,
  encodeEntriesRecord,
  encodeHardStateRecord,
  encodeTruncateRecord,
  type HardState,
} from './record.js';
import { HEAD_TMP_NAME, writeHead } from './head.js';
import { recoverWal, type RecoveredWal, type SegmentInfo } from './recover.js';
import { DEFAULT_SEGMENT_BYTES, preallocateFile, segmentFileName, SPARE_NAME, type OpenSegment } from './segment.js';

/** Largest buffer {@link FileWal} writes synchronously (see `writeAt`); larger ones use the thread pool. */
export const SYNC_WRITE_MAX_BYTES = 64 * 1024;
/** Moving average of blocking fdatasyncs above which the WAL fsyncs through the thread pool. */
export const SYNC_FSYNC_MAX_MS = 2;
/** Thread-pool fsyncs before a slow disk is given another blocking fsync. */
export const SYNC_FSYNC_RETRY = 256;

/** Options of {@link FileWal.open}. */
export interface FileWalOptions {
  /** File-system seam (tests count or fail fsyncs through it). */
  fs?: StorageFs;
  /** Preallocated size of each segment in bytes (default 64 MiB, minimum 4 KiB). */
  segmentBytes?: number;
  /** Monotonic milliseconds timing blocking fsyncs (default performance.now; tests inject one). */
  now?: () => number;
  /** Refuse a WAL that holds no valid record (recover.ts {@link RecoverOptions.expectRecords}). */
  expectRecords?: boolean;
}

/** What recovery found, for the runtime's startup log line. */
export interface WalRecoveryReport {
  segments: number;
  entries: number;
  firstIndex: number;
  lastIndex: number;
  tornTail: RecoveredWal['tornTail'];
}

interface OutRecord {
  buf: Buffer;
  /** First entry index (ENTRIES records). */
  first?: number;
  /** Log's last index right after this record. */
  lastAfter: number;
  hardState?: HardState;
  truncateFrom?: number;
  compact?: { index: number; term: number };
}

interface Pending {
  records: OutRecord[];
  lastIndex: number;
  /** The write asked for a thread-pool fsync (LogWrite.syncInBackground). */
  background: boolean;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Makes what recovery read durable before the node acts on it: after a process crash (kill -9 in
 * the middle of a write), records written but never fsynced are still in the page cache, so
 * recovery reads them, and the node would vote and acknowledge on the strength of a term, a vote
 * or entries that a power loss could still take away. One fdatasync per segment (nearly free
 * for a clean file) and one of the directory (a segment renamed into place just before the
 * crash). `tail` is the already-open handle of the segment at `tailPath`.
 */
async function syncRecovered(fs: StorageFs, dir: string, names: readonly string[], tail: FileHandle, tailPath: string): Promise<void> {
  for (const name of names) {
    const path = join(dir, name);
    if (path === tailPath) {
      await fs.sync(tail);
      continue;
    }
    await syncFile(fs, path);
  }
  await fs.syncDir(dir);
}

/** File-backed LogStorage (see the module comment). Open with {@link FileWal.open}. */
export class FileWal extends LogStateStorage {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private failed: RaftCtlError | null = null;
  private closed = false;
  protected durable: number;
  private submittedHardState: HardState;
  /** Writer-side view (what has been written to the files, in order). */
  private writtenHardState: HardState;
  private writtenCompact: { index: number; term: number };
  private writtenLast: number;
  private tailDataStart = 0;
  /**
   * Highest index the in-flight batch may declare durable: lowered by truncations and
   * compactions submitted after the batch was taken (their replacement entries are not yet on
   * disk). Reset when a batch is taken.
   */
  private durableClamp = Infinity;
  private spare: Promise<void> | null = null;
  /** Moving average (1/8 weight) of blocking fdatasync durations, ms. */
  private syncNowAvgMs = 0;
  /** Thread-pool fsyncs left before blocking is tried again (0 = block while fast). */
  private asyncSyncsLeft = 0;

  private constructor(
    readonly dir: string,
    private readonly fs: StorageFs,
    private readonly segmentBytes: number,
    protected readonly state: LogState,
    hardState: HardState,
    private readonly segments: SegmentInfo[],
    private tail: OpenSegment,
    readonly recovery: WalRecoveryReport,
    private readonly now: () => number,
  ) {
    super();
    this.durable = state.lastIndex();
    this.submittedHardState = hardState;
    this.writtenHardState = hardState;
    this.writtenCompact = { index: state.compactIndex, term: state.compactTerm };
    this.writtenLast = state.lastIndex();
  }

  /**
   * Opens (creating if needed) the WAL in `dir`, recovers it (see recover.ts: torn tail cut,
   * corruption refused with IntegrityError exit 7) and prepares the first spare segment.
   */
  static async open(dir: string, options: FileWalOptions = {}): Promise<FileWal> {
    const fs = options.fs ?? nodeStorageFs;
    const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    if (!Number.isSafeInteger(segmentBytes) || segmentBytes < 4096) {
      throw new ConfigError(`WAL segment size must be an integer of at least 4096 bytes, got ${segmentBytes}`);
    }
    try {
      await fs.mkdir(dir);
      // Junk of a killed process: the spare being prepared, a HEAD update cut before its rename.
      for (const junk of [SPARE_NAME, HEAD_TMP_NAME]) {
        try {
          await fs.unlink(join(dir, junk));
        } catch (err) {
          if (!isErrno(err, 'ENOENT')) throw wrongTypeTempError(err, join(dir, junk));
        }
      }
      const rec = await recoverWal(fs, dir, { expectRecords: options.expectRecords === true });
      let tail: OpenSegment;
      const last = rec.segments.at(-1);
      if (last) {
        const path = join(dir, last.name);
        const handle = await fs.open(path, 'r+').catch((err: unknown) => {
          throw fileAccessError(err, path); // a read-only newest segment: this user's to fix (exit 2)
        });
        tail = { first: last.first, path, handle, offset: rec.tailOffset };
        await syncRecovered(fs, dir, rec.segments.map((s) => s.name), tail.handle, path);
      } else {
        const first = rec.state.lastIndex() + 1;
        const name = segmentFileName(first);
        const path = join(dir, name);
        await preallocateFile(fs, join(dir, SPARE_NAME), segmentBytes);
        await fs.rename(join(dir, SPARE_NAME), path);
        await fs.syncDir(dir);
        await writeHead(fs, dir, { first, bytes: segmentBytes });
        rec.segments.push({ first, name, maxLive: 0 });
        tail = { first, path, handle: await fs.open(path, 'r+'), offset: 0 };
      }
      const report: WalRecoveryReport = {
        segments: rec.segments.length,
        entries: rec.state.size(),
        firstIndex: rec.state.firstIndex(),
        lastIndex: rec.state.lastIndex(),
        tornTail: rec.tornTail,
      };
      const wal = new FileWal(dir, fs, segmentBytes, rec.state, rec.hardState, rec.segments, tail, report, options.now ?? (() => performance.now()));
      wal.prepareSpare();
      // A log's terms never decrease, so entries right after the compact point with a term below
      // its term were discarded by a snapshot install: a WAL written before discarding
      // compactions also recorded a TRUNCATE (see write) brings them back when the segment with
      // the snapshot's last entry was deleted and the next one starts right after it. Dropped
      // again, durably, before anything reads the log (the Raft core refuses such a log).
      const first = rec.state.entry(rec.state.firstIndex());
      if (rec.state.compactIndex > 0 && first !== undefined && first.term < rec.state.compactTerm) {
        await wal.write({ truncateFrom: rec.state.compactIndex + 1 });
      }
      return wal;
    } catch (err) {
      throw toStorageError(err, `opening WAL in ${dir}`);
    }
  }

  hardState(): HardState {
    return { ...this.submittedHardState };
  }
  /** Segment files currently holding the log, oldest first (for status and tests). */
  segmentNames(): string[] {
    return this.segments.map((s) => s.name);
  }


  write(w: LogWrite): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closed) return Promise.reject(new InternalError(`WAL in ${this.dir} is closed`));
    const records: OutRecord[] = [];
    let entriesRecord: Buffer | null = null;
    let encoded: Uint8Array[] = [];
    try {
      this.state.checkWrite(w.compact, w.truncateFrom, w.entries);
      if (w.hardState) checkHardState(w.hardState, this.submittedHardState);
      if (w.entries && w.entries.length > 0) {
        encoded = w.entries.map(encodeEntry);
        entriesRecord = encodeEntriesRecord(encoded);
      }
    } catch (err) {
      return Promise.reject(err);
    }
    // Validated and encoded: from here on nothing throws, so memory and the WAL stay in step.
    if (w.compact && w.compact.index > this.state.compactIndex) {
      const lastBefore = this.state.lastIndex();
      // Entries after the compact index are discarded when the log does not hold the snapshot's
      // last entry (an installed snapshot that contradicts the log, Raft §7).
      const discards = lastBefore > w.compact.index && this.state.term(w.compact.index) !== w.compact.term;
      this.state.compact(w.compact.index, w.compact.term);
      this.durableClamp = Math.min(this.durableClamp, w.compact.index);
      this.durable = Math.min(this.durable, this.state.lastIndex());
      records.push({ buf: encodeCompactRecord(w.compact.index, w.compact.term), compact: { ...w.compact }, lastAfter: this.state.lastIndex() });
      // Said explicitly with a TRUNCATE record: replay can tell a discarding COMPACT from a
      // keeping one only by the term of the entry at its index, and that entry is gone once the
      // segments up to it are deleted (a next segment that starts right after the index would
      // bring the discarded entries back, after a snapshot of a higher term). It also lowers
      // the segments' live bound, so segments holding only discarded entries can be deleted.
      if (discards) records.push({ buf: encodeTruncateRecord(w.compact.index + 1), truncateFrom: w.compact.index + 1, lastAfter: this.state.lastIndex() });
    }
    if (w.truncateFrom !== undefined) {
      this.state.truncateFrom(w.truncateFrom);
      this.durable = Math.min(this.durable, w.truncateFrom - 1);
      this.durableClamp = Math.min(this.durableClamp, w.truncateFrom - 1);
      records.push({ buf: encodeTruncateRecord(w.truncateFrom), truncateFrom: w.truncateFrom, lastAfter: this.state.lastIndex() });
    }
    if (entriesRecord && w.entries) {
      this.state.append(w.entries, encoded.map((b) => b.length));
      records.push({ buf: entriesRecord, first: w.entries[0]!.index, lastAfter: this.state.lastIndex() });
    }
    if (w.hardState) {
      this.submittedHardState = { term: w.hardState.term, votedFor: w.hardState.votedFor };
      records.push({ buf: encodeHardStateRecord(this.submittedHardState), hardState: { ...this.submittedHardState }, lastAfter: this.state.lastIndex() });
    }
    // Even a write with nothing to record waits for every earlier write: a resolved write
    // means all writes submitted before it are durable.
    if (records.length === 0 && !this.flushing) return Promise.resolve();
    const p = new Promise<void>((resolve, reject) => {
      this.queue.push({ records, lastIndex: this.state.lastIndex(), background: w.syncInBackground === true, resolve, reject });
    });
    if (!this.flushing) this.flushing = this.flushLoop();
    return p;
  }

  /** Waits for queued writes, closes the tail and removes the spare. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    try {
      await this.tail.handle.close();
    } catch {
      // already closed
    }
    if (this.spare) {
      try {
        await this.spare;
        await this.fs.unlink(join(this.dir, SPARE_NAME));
      } catch {
        // a failed or missing spare needs no cleanup
      }
      this.spare = null;
    }
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      this.durableClamp = Infinity;
      try {
        if (this.failed) throw this.failed;
        const records = batch.flatMap((p) => p.records);
        if (records.length === 0) {
          for (const p of batch) p.resolve();
          continue;
        }
        const blockable = records.reduce((n, r) => n + r.buf.length, 0) <= SYNC_WRITE_MAX_BYTES && !batch.some((p) => p.background);
        await this.writeRecords(records);
        await this.syncTail(blockable);
        this.durable = Math.min(batch.at(-1)!.lastIndex, this.durableClamp);
        if (records.some((r) => r.compact)) await this.deleteCompactedSegments();
        for (const p of batch) p.resolve();
      } catch (err) {
        this.failed ??= toStorageError(err, `writing WAL in ${this.dir}`);
        for (const p of batch) p.reject(this.failed);
      }
    }
    this.flushing = null;
  }

  /** fdatasync of the tail: blocking for a small batch nobody wants in the background while fsyncs are fast, else the thread pool (module comment). */
  private async syncTail(blockable: boolean): Promise<void> {
    const syncNow = this.fs.syncNow;
    if (!blockable || !syncNow || this.asyncSyncsLeft > 0) {
      if (this.asyncSyncsLeft > 0) this.asyncSyncsLeft--;
      await this.fs.sync(this.tail.handle);
      return;
    }
    const start = this.now();
    syncNow.call(this.fs, this.tail.handle);
    this.syncNowAvgMs += (this.now() - start - this.syncNowAvgMs) / 8;
    if (this.syncNowAvgMs > SYNC_FSYNC_MAX_MS) {
      this.asyncSyncsLeft = SYNC_FSYNC_RETRY;
      this.syncNowAvgMs = 0;
    }
  }

  private async writeRecords(records: OutRecord[]): Promise<void> {
    let i = 0;
    while (i < records.length) {
      const room = this.segmentBytes - this.tail.offset;
      let j = i;
      let bytes = 0;
      while (j < records.length && bytes + records[j]!.buf.length <= room) bytes += records[j++]!.buf.length;
      if (j === i) {
        if (this.tail.offset > this.tailDataStart) {
          await this.roll(records[i]!.first ?? this.writtenLast + 1);
          continue;
        }
        bytes = records[i]!.buf.length;
        j = i + 1;
      }
      const buf = j - i === 1 ? records[i]!.buf : Buffer.concat(records.slice(i, j).map((r) => r.buf), bytes);
      await this.writeAt(buf);
      for (let k = i; k < j; k++) this.noteWritten(records[k]!);
      i = j;
    }
  }

  /**
   * Writes `buf` at the tail's offset. A buffer of at most {@link SYNC_WRITE_MAX_BYTES} is
   * written synchronously: a write into the preallocated segment only copies into the page cache
   * (microseconds), and skipping the thread-pool round trip takes one event-loop wake-up off
   * every fsync's latency. Larger buffers (catch-up batches) go through the thread pool so the
   * event loop never copies megabytes. Durability is unchanged: the caller's fdatasync follows.
   */
  private async writeAt(buf: Buffer): Promise<void> {
    let done = 0;
    if (buf.length <= SYNC_WRITE_MAX_BYTES) {
      while (done < buf.length) done += writeSync(this.tail.handle.fd, buf, done, buf.length - done, this.tail.offset + done);
    }
    if (done < buf.length) await writeFully(this.tail.handle, buf.subarray(done), this.tail.offset + done);
    this.tail.offset += buf.length;
  }

  private noteWritten(r: OutRecord): void {
    const tailInfo = this.segments.at(-1)!;
    if (r.compact) this.writtenCompact = r.compact;
    if (r.truncateFrom !== undefined) {
      for (const s of this.segments) s.maxLive = Math.min(s.maxLive, r.truncateFrom - 1);
    }
    if (r.first !== undefined) tailInfo.maxLive = Math.max(tailInfo.maxLive, r.lastAfter);
    if (r.hardState) this.writtenHardState = r.hardState;
    this.writtenLast = r.lastAfter;
  }

  private prepareSpare(): void {
    const p = preallocateFile(this.fs, join(this.dir, SPARE_NAME), this.segmentBytes);
    p.catch(() => undefined); // surfaced when the spare is awaited on roll
    this.spare = p;
  }

  /**
   * Waits for the spare. One whose background preallocation failed (a disk that was full at the
   * time, say while a snapshot was being written) is preallocated once more now: the space may
   * be back, and a stale ENOSPC must not stop the node. A failure now fails the roll.
   */
  private async takeSpare(): Promise<void> {
    if (!this.spare) this.prepareSpare();
    try {
      await this.spare;
    } catch {
      this.prepareSpare();
      await this.spare;
    } finally {
      this.spare = null;
    }
  }

  /**
   * Seals the tail and starts segment `max(nextFirst, tail.first + 1)` with carry records.
   * The carry records are written into the spare and fdatasynced *before* the rename makes it
   * a segment: a segment on disk always carries the hard state and compact point, so a crash
   * during the roll can never leave a tail without them that a later compaction would make the
   * only copy (a lost vote would allow a second vote in the same term).
   */
  private async roll(nextFirst: number): Promise<void> {
    const old = this.tail;
    await this.fs.sync(old.handle);
    await old.handle.close();
    const first = Math.max(nextFirst, old.first + 1);
    const name = segmentFileName(first);
    const path = join(this.dir, name);
    await this.takeSpare();
    const sparePath = join(this.dir, SPARE_NAME);
    this.tail = { first, path, handle: await this.fs.open(sparePath, 'r+'), offset: 0 };
    this.tailDataStart = 0;
    const carry: Buffer[] = [];
    if (this.writtenHardState.term > 0) carry.push(encodeHardStateRecord(this.writtenHardState));
    if (this.writtenCompact.index > 0) carry.push(encodeCompactRecord(this.writtenCompact.index, this.writtenCompact.term));
    // The name says the log reached first - 1 when the segment was created (recover.ts checks it,
    // so that segments lost before one without entries are noticed); after a truncation below the
    // old tail's name the log ends lower, and a TRUNCATE (a no-op on replay) says where.
    if (first > this.writtenLast + 1) carry.push(encodeTruncateRecord(this.writtenLast + 1));
    if (carry.length > 0) {
      await this.writeAt(Buffer.concat(carry));
      await this.fs.sync(this.tail.handle);
    }
    await this.fs.rename(sparePath, path);
    await this.fs.syncDir(this.dir);
    // Only now, with the new segment durable and nothing in it but the carry records, does HEAD
    // name it (head.ts): a crash before this leaves HEAD on the old segment, which recovery
    // advances; a deleted newest segment is noticed because HEAD names it.
    await writeHead(this.fs, this.dir, { first, bytes: this.segmentBytes });
    this.segments.push({ first, name, maxLive: 0 });
    this.tailDataStart = this.tail.offset;
    this.prepareSpare();
  }

  /** Deletes the oldest non-tail segments whose live entries are all ≤ the compact index. */
  private async deleteCompactedSegments(): Promise<void> {
    let removed = 0;
    while (this.segments.length > 1 && this.segments[0]!.maxLive <= this.writtenCompact.index) {
      const s = this.segments.shift()!;
      await this.fs.unlink(join(this.dir, s.name));
      removed++;
    }
    if (removed > 0) await this.fs.syncDir(this.dir);
  }
}
