/**
 * The in-memory view of a Raft log: the compact point (the snapshot's last included index and
 * term) followed by the live entries. Shared by the file WAL (which rebuilds it on recovery and
 * keeps it current on every write) and the memory adapter. Pure; no IO.
 *
 * Invariant after every strict operation: entries hold indexes compactIndex+1 … lastIndex with
 * no gap. Strict operations throw {@link InternalError} when a caller breaks the log's rules;
 * replay operations ({@link LogState.replayEntries} etc.) accept what a WAL may legally contain
 * after old segments were deleted, and {@link LogState.replayGap} reports a hole that a later
 * compaction did not cover.
 */
import { InternalError } from '../errors.js';
import { encodeEntry, type StoredEntry } from './entry-codec.js';

/** In-memory Raft log: compact point plus live entries (see the module comment). */
export class LogState {
  compactIndex = 0;
  compactTerm = 0;
  /** Index just before entries[0]; equals compactIndex except transiently during replay. */
  private base = 0;
  private log: StoredEntry[] = [];
  /** Encoded size (superset Entry bytes) of each live entry, parallel to `log`. */
  private sizes: number[] = [];

  /** Index of the first live entry (compactIndex + 1 when none). */
  firstIndex(): number {
    return this.base + 1;
  }

  /** Index of the last entry, or the compact index when the log is empty. */
  lastIndex(): number {
    return this.base + this.log.length;
  }

  /** Number of live entries. */
  size(): number {
    return this.log.length;
  }

  /** Term of the entry at `index`; the compact term at the compact index; 0 at 0; else undefined. */
  term(index: number): number | undefined {
    if (index === 0) return 0;
    if (index === this.compactIndex && index === this.base) return this.compactTerm;
    const e = this.log[index - this.base - 1];
    return e === undefined || index <= this.base ? undefined : e.term;
  }

  /** The entry at `index`, if live. */
  entry(index: number): StoredEntry | undefined {
    return index <= this.base ? undefined : this.log[index - this.base - 1];
  }

  /**
   * Live entries with index in [lo, hi), at most `maxCount` of them and at most `maxBytes` of
   * encoded entries (always at least one if any exists, so an oversize entry still moves). The
   * array is a copy; entries are shared, not cloned.
   */
  slice(lo: number, hi: number, maxCount = Infinity, maxBytes = Infinity): StoredEntry[] {
    const from = Math.max(lo, this.base + 1) - this.base - 1;
    let to = Math.min(hi, this.lastIndex() + 1) - this.base - 1;
    if (to <= from) return [];
    to = Math.min(to, from + Math.max(1, maxCount));
    if (maxBytes !== Infinity) {
      let bytes = this.sizes[from]!;
      let end = from + 1;
      while (end < to && bytes + this.sizes[end]! <= maxBytes) bytes += this.sizes[end++]!;
      to = end;
    }
    return this.log.slice(from, to);
  }

  /** Encoded size in bytes of the live entry at `index` (0 when not live). */
  entryBytes(index: number): number {
    return index <= this.base ? 0 : this.sizes[index - this.base - 1] ?? 0;
  }

  /**
   * Checks a combined write (compact → truncate → entries, as LogStorage.write applies them)
   * without changing anything, so a refused write leaves no trace. Throws InternalError.
   */
  checkWrite(compact: { index: number; term: number } | undefined, truncateFrom: number | undefined, entries: readonly StoredEntry[] | undefined): void {
    const safe = (what: string, n: unknown, min: number) => {
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) throw new InternalError(`invalid ${what}: ${String(n)}`);
    };
    let compactIndex = this.compactIndex;
    let last = this.lastIndex();
    if (compact) {
      safe('compact index', compact.index, 0);
      safe('compact term', compact.term, 0);
      if (compact.index > compactIndex) {
        const keep = compact.index <= last && this.term(compact.index) === compact.term;
        if (!keep) last = compact.index;
        compactIndex = compact.index;
      }
    }
    if (truncateFrom !== undefined) {
      safe('truncate index', truncateFrom, 1);
      if (truncateFrom <= compactIndex) {
        throw new InternalError(`cannot truncate from ${truncateFrom}: entries up to ${compactIndex} are compacted`);
      }
      last = Math.min(last, truncateFrom - 1);
    }
    let expect = last + 1;
    for (const e of entries ?? []) {
      safe('entry term', e.term, 0);
      if (e.proposedAtUnixMs !== undefined) safe('entry proposedAtUnixMs', e.proposedAtUnixMs, 0);
      if (e.index !== expect) {
        throw new InternalError(`log append out of order: expected index ${expect}, got ${e.index} (truncate first, Raft §5.3)`);
      }
      expect++;
    }
  }

  /**
   * Appends entries that must continue the log exactly (first index = lastIndex + 1).
   * `sizes` are their encoded sizes (computed when absent).
   */
  append(entries: readonly StoredEntry[], sizes?: readonly number[]): void {
    let expect = this.lastIndex() + 1;
    for (const e of entries) {
      if (e.index !== expect) {
        throw new InternalError(`log append out of order: expected index ${expect}, got ${e.index} (truncate first, Raft §5.3)`);
      }
      expect++;
    }
    entries.forEach((e, i) => {
      this.log.push(e);
      this.sizes.push(sizes?.[i] ?? encodeEntry(e).length);
    });
  }

  /**
   * Removes entries with index ≥ `fromIndex` (Raft §5.3 conflict resolution). Refuses to cut
   * into the compacted prefix; a `fromIndex` past the end is a no-op.
   */
  truncateFrom(fromIndex: number): void {
    if (fromIndex <= this.compactIndex) {
      throw new InternalError(`cannot truncate from ${fromIndex}: entries up to ${this.compactIndex} are compacted`);
    }
    this.replayTruncate(fromIndex);
  }

  /**
   * Moves the compact point to (index, term) (Raft §7). If the log holds an entry at `index`
   * with `term`, the entries after it are kept; otherwise the whole log is discarded (a snapshot
   * received from the leader supersedes it). A point behind the current one is a no-op.
   */
  compact(index: number, term: number): void {
    if (index <= this.compactIndex) return;
    this.replayCompact(index, term);
  }

  /** Replay of an ENTRIES record: later entries overwrite, a gap restarts the log. */
  replayEntries(entries: readonly StoredEntry[], sizes: readonly number[]): void {
    for (const [i, e] of entries.entries()) {
      if (e.index <= this.compactIndex) continue;
      const last = this.lastIndex();
      if (e.index > last + 1) {
        this.log = [];
        this.sizes = [];
        this.base = e.index - 1;
      } else if (e.index <= last) {
        if (e.index <= this.base) {
          this.log = [];
          this.sizes = [];
          this.base = e.index - 1;
        } else {
          this.log.length = e.index - this.base - 1;
          this.sizes.length = this.log.length;
        }
      }
      this.log.push(e);
      this.sizes.push(sizes[i]!);
    }
  }

  /**
   * Replay only: the log is known to have reached `index` here (a WAL segment's name says so), but
   * the entries after the last one replayed are missing; like a gap in {@link replayEntries}, the
   * log restarts after `index`, and {@link replayGap} reports the hole unless a later compaction
   * covers it. A no-op when the log already reaches `index`.
   */
  replayMissing(index: number): void {
    if (index <= this.lastIndex()) return;
    this.log = [];
    this.sizes = [];
    this.base = index;
  }

  /** Replay of a TRUNCATE record. */
  replayTruncate(fromIndex: number): void {
    if (fromIndex > this.lastIndex()) return;
    if (fromIndex <= this.base + 1) {
      this.log = [];
      this.sizes = [];
      this.base = Math.max(fromIndex - 1, this.compactIndex);
      return;
    }
    this.log.length = fromIndex - this.base - 1;
    this.sizes.length = this.log.length;
  }

  /** Replay of a COMPACT record (same rule as {@link LogState.compact}). */
  replayCompact(index: number, term: number): void {
    if (index < this.compactIndex) return;
    if (index < this.base) {
      // Replay only: entries before the first live one are missing; replayGap() reports it.
    } else if (index <= this.lastIndex() && (index === this.base || this.term(index) === term)) {
      this.log.splice(0, index - this.base);
      this.sizes.splice(0, index - this.base);
      this.base = index;
    } else {
      this.log = [];
      this.sizes = [];
      this.base = index;
    }
    this.compactIndex = index;
    this.compactTerm = term;
  }

  /**
   * After replay: the range of missing entries between the compact point and the first live
   * entry (a deleted or lost segment that no compaction covers), or null when the log is whole.
   */
  replayGap(): { from: number; to: number } | null {
    return this.base === this.compactIndex ? null : { from: this.compactIndex + 1, to: this.base };
  }
}
