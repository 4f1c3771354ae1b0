/**
 * The core's in-memory view of the log: a snapshot base plus every entry after it.
 *
 * Ownership: the runtime persists what `takeUnstable()` hands out (through Ready) and gives
 * the durable entries back on restart. This class tracks which part of the log has been
 * handed out (`unstableFrom`), which handed-out suffix must be deleted before the next
 * append (`pendingTruncateFrom`), and the last index known durable (`durableIndex`, moved
 * by `RaftCore.advance`). Configuration entries are indexed on the side so the current
 * configuration (effective on append, see membership.ts) is O(1).
 */
import type { Configuration, Entry, LogIndex, SnapshotMeta, Term } from './types.js';

interface ConfigAt {
  readonly index: LogIndex;
  readonly configuration: Configuration;
}

export class RaftLog {
  /** Base of the log: everything up to `snapshot.index` is compacted. */
  snapshot: SnapshotMeta;
  /** Highest index known committed (Raft Figure 2 commitIndex). */
  commitIndex: LogIndex;
  /** First index not yet handed to the runtime in a Ready. */
  unstableFrom: LogIndex;
  /** Handed-out entries at and after this index must be deleted (set by a truncation). */
  pendingTruncateFrom: LogIndex | undefined;
  /** Last index whose entry (and every one before it) the runtime reported durable. */
  durableIndex: LogIndex;
  #entries: Entry[];
  #configs: ConfigAt[] = [];

  /** `entries` must be contiguous from `snapshot.index + 1`; throws RangeError otherwise. */
  constructor(snapshot: SnapshotMeta, entries: readonly Entry[], commitIndex: LogIndex) {
    this.snapshot = snapshot;
    this.#entries = [];
    let expect = snapshot.index + 1;
    let prevTerm = snapshot.term;
    for (const e of entries) {
      if (e.index !== expect) throw new RangeError(`restored entries not contiguous at ${e.index} (expected ${expect})`);
      if (e.term < prevTerm) throw new RangeError(`restored entry ${e.index} has a term below its predecessor`);
      this.#push(e);
      expect++;
      prevTerm = e.term;
    }
    this.commitIndex = Math.max(snapshot.index, Math.min(commitIndex, this.lastIndex()));
    this.unstableFrom = this.lastIndex() + 1;
    this.durableIndex = this.lastIndex();
    this.pendingTruncateFrom = undefined;
  }

  /** Index of the first entry held in memory (snapshot.index + 1). */
  firstIndex(): LogIndex {
    return this.snapshot.index + 1;
  }

  lastIndex(): LogIndex {
    return this.snapshot.index + this.#entries.length;
  }

  lastTerm(): Term {
    const n = this.#entries.length;
    return n === 0 ? this.snapshot.term : this.#entries[n - 1]!.term;
  }

  /** Term of the entry at `i`; the snapshot's term at its index; undefined if compacted or beyond the end. */
  term(i: LogIndex): Term | undefined {
    const base = this.snapshot.index;
    if (i === base) return this.snapshot.term;
    if (i < base || i > base + this.#entries.length) return undefined;
    return this.#entries[i - base - 1]!.term;
  }

  /** Entry at `i`, or undefined when compacted or beyond the end. */
  entry(i: LogIndex): Entry | undefined {
    const k = i - this.snapshot.index - 1;
    return k >= 0 && k < this.#entries.length ? this.#entries[k] : undefined;
  }

  /** Entries with index in [lo, hi); `lo` must be >= firstIndex(). */
  slice(lo: LogIndex, hi: LogIndex): Entry[] {
    const base = this.snapshot.index + 1;
    return this.#entries.slice(lo - base, hi - base);
  }

  /** Appends one entry at lastIndex()+1 (the caller guarantees the index). */
  append(e: Entry): void {
    this.#push(e);
  }

  /**
   * Deletes every entry at and after `from` (Raft §5.3: only from the first conflicting
   * index). Reverts the configuration if a configuration entry is removed (membership.ts).
   */
  truncateFrom(from: LogIndex): void {
    if (from > this.lastIndex()) return;
    if (from <= this.commitIndex) throw new Error(`raft invariant: truncating committed entry ${from} (commit ${this.commitIndex})`);
    this.#entries.length = from - this.snapshot.index - 1;
    while (this.#configs.length > 0 && this.#configs[this.#configs.length - 1]!.index >= from) this.#configs.pop();
    if (from < this.unstableFrom) {
      this.pendingTruncateFrom = Math.min(this.pendingTruncateFrom ?? from, from);
      this.unstableFrom = from;
    }
    if (this.durableIndex >= from) this.durableIndex = from - 1;
  }

  /** Current configuration: last configuration entry, else the snapshot's (effective on append). */
  configuration(): Configuration {
    const n = this.#configs.length;
    return n === 0 ? this.snapshot.configuration : this.#configs[n - 1]!.configuration;
  }

  /** Index of the entry that set the current configuration (the snapshot's `configIndex` if none in the log). */
  configIndex(): LogIndex {
    const n = this.#configs.length;
    return n === 0 ? this.snapshot.configIndex : this.#configs[n - 1]!.index;
  }

  /** Configuration in force at index `i` (>= snapshot.index). */
  configurationAt(i: LogIndex): Configuration {
    return this.#configAt(i)?.configuration ?? this.snapshot.configuration;
  }

  /** Index of the entry that set the configuration in force at index `i` (>= snapshot.index). */
  configIndexAt(i: LogIndex): LogIndex {
    return this.#configAt(i)?.index ?? this.snapshot.configIndex;
  }

  /** The last configuration entry at or before `i` still in the log, if any. */
  #configAt(i: LogIndex): ConfigAt | undefined {
    for (let k = this.#configs.length - 1; k >= 0; k--) {
      const c = this.#configs[k]!;
      if (c.index <= i) return c;
    }
    return undefined;
  }

  /** Drops entries up to `index` (which must be applied) behind a new snapshot base. */
  compact(index: LogIndex): SnapshotMeta {
    const term = this.term(index);
    if (term === undefined || index <= this.snapshot.index) throw new RangeError(`cannot compact to ${index}`);
    const meta: SnapshotMeta = { index, term, configuration: this.configurationAt(index), configIndex: this.configIndexAt(index) };
    this.#entries = this.#entries.slice(index - this.snapshot.index);
    this.#configs = this.#configs.filter((c) => c.index > index);
    this.snapshot = meta;
    return meta;
  }

  /** Replaces the whole log with a received snapshot (Raft §7). */
  restore(meta: SnapshotMeta): void {
    this.#entries = [];
    this.#configs = [];
    this.snapshot = meta;
    this.commitIndex = meta.index;
    this.unstableFrom = meta.index + 1;
    this.pendingTruncateFrom = undefined;
    this.durableIndex = Math.min(this.durableIndex, meta.index);
  }

  /** Entries not yet handed to the runtime; marks them handed. */
  takeUnstable(): Entry[] {
    const from = this.unstableFrom;
    const last = this.lastIndex();
    if (from > last) return [];
    this.unstableFrom = last + 1;
    return this.slice(from, last + 1);
  }

  hasUnstable(): boolean {
    return this.unstableFrom <= this.lastIndex() || this.pendingTruncateFrom !== undefined;
  }

  /** Largest index <= `upTo` whose entry has term `term`, scanning back; undefined if none retained. */
  lastIndexOfTerm(term: Term, upTo: LogIndex): LogIndex | undefined {
    for (let i = Math.min(upTo, this.lastIndex()); i >= this.snapshot.index; i--) {
      const t = this.term(i)!;
      if (t === term) return i;
      if (t < term) return undefined;
    }
    return undefined;
  }

  /** First index of the run of term `term` that contains index `at` (conflict hint, Raft §5.3). */
  firstIndexOfTerm(term: Term, at: LogIndex): LogIndex {
    let i = at;
    while (i - 1 > this.snapshot.index && this.term(i - 1) === term) i--;
    return i;
  }

  #push(e: Entry): void {
    this.#entries.push(e);
    if (e.payload.type === 'configuration') this.#configs.push({ index: e.index, configuration: e.payload.configuration });
  }
}
