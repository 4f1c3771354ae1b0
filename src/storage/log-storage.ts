/**
 * The durable Raft log as the runtime sees it: hard state (term, votedFor), the compact point
 * and the live entries. Implemented by the file WAL ({@link FileWal} in ./wal/file-wal.ts) and
 * by the memory adapter (./memory/memory-log-storage.ts) with identical semantics.
 *
 * Ordering and durability contract (STORAGE.md, "Rules"; Raft §5.1, Figure 2):
 * - reads (`lastIndex`, `term`, `entries`, `hardState`) reflect every write *submitted*, even
 *   before it is durable: a leader may replicate entries that are not yet durable locally;
 * - a write's promise resolves only when it is durable (fsync done); writes become durable in
 *   submission order, and a write that resolves implies every earlier write is durable;
 * - `durableIndex()` is the last log index known durable: a leader counts its own matchIndex
 *   only up to it (Raft dissertation §10.2.1);
 * - after a write fails, every later write rejects with the same error: a storage error stops
 *   the node and is never retried silently.
 */
import { InternalError } from '../errors.js';
import type { StoredEntry } from './entry-codec.js';
import type { LogState } from './log-state.js';
import type { HardState } from './wal/record.js';

/** Term and votedFor (WAL record HARD_STATE). */
export type { HardState };

/** One durable write: applied in the order compact → truncate → entries → hard state. */
export interface LogWrite {
  /** Snapshot installed/taken: move the compact point (Raft §7; see LogState.compact). */
  compact?: { index: number; term: number };
  /** Remove entries with index ≥ truncateFrom (Raft §5.3). Must be > the compact index. */
  truncateFrom?: number;
  /** Entries continuing the log: the first index must be lastIndex() + 1 after any truncate. */
  entries?: readonly StoredEntry[];
  /** New term / vote; durable before any message that depends on it. */
  hardState?: HardState;
  /**
   * A hint: the caller has other work while this write's fsync runs (a leader, whose followers'
   * answers and new proposals arrive meanwhile), so the fsync should not block the calling
   * thread. Durability and order are the same either way.
   */
  syncInBackground?: boolean;
}

/** What the runtime calls to persist and read the Raft log. */
export interface LogStorage {
  /** Index of the first live entry; compactIndex + 1 when the log is empty. */
  firstIndex(): number;
  /** Index of the last entry, or the compact index when the log is empty. */
  lastIndex(): number;
  /** Last index whose entry is durable (≤ lastIndex()). */
  durableIndex(): number;
  /** Term at `index`: live entries, the compact point, 0 at index 0; undefined otherwise. */
  term(index: number): number | undefined;
  /**
   * Live entries in [lo, hi), at most `maxCount` and at most `maxBytes` of encoded entries
   * (at least one if any exists: an oversize entry is still returned alone); a copied array.
   * `maxBytes` bounds AppendEntries messages (gRPC's default 4 MiB receive limit).
   */
  entries(lo: number, hi: number, maxCount?: number, maxBytes?: number): StoredEntry[];
  /** Encoded size in bytes of the live entry at `index` (0 when it is not live). */
  entryBytes(index: number): number;
  /** The last submitted hard state ({term: 0, votedFor: 0} for a new log). */
  hardState(): HardState;
  /** The compact point: last index/term covered by a snapshot ({0, 0} for none). */
  compactPoint(): { index: number; term: number };
  /** Submits one write; resolves when it is durable. Validation errors reject before any IO. */
  write(w: LogWrite): Promise<void>;
  /** Sugar for write({entries}). */
  append(entries: readonly StoredEntry[]): Promise<void>;
  /** Sugar for write({hardState}). */
  setHardState(hs: HardState): Promise<void>;
  /** Sugar for write({truncateFrom}). */
  truncateSuffix(fromIndex: number): Promise<void>;
  /** Sugar for write({compact}); the file WAL then deletes segments wholly at or below it. */
  compact(index: number, term: number): Promise<void>;
  /** Waits for pending writes, then releases files. Later writes reject. */
  close(): Promise<void>;
}

/**
 * Validates a new hard state against the current one: safe integers, votedFor a uint32, and a
 * term that never goes backwards (Raft Figure 2: currentTerm increases monotonically).
 * Throws InternalError (a caller bug).
 */
export function checkHardState(hs: HardState, current: HardState): void {
  if (!Number.isSafeInteger(hs.term) || hs.term < 0 || !Number.isInteger(hs.votedFor) || hs.votedFor < 0 || hs.votedFor > 0xffffffff) {
    throw new InternalError(`invalid hard state ${JSON.stringify(hs)}`);
  }
  if (hs.term < current.term) throw new InternalError(`hard state term went backwards: ${current.term} → ${hs.term}`);
}

/**
 * The parts every {@link LogStorage} over a {@link LogState} shares: reads served from the
 * in-memory state (which reflects every submitted write at once), `durableIndex` from the
 * subclass's `durable` mark, and the write sugar. Subclasses own `write`, `hardState` and
 * `close`: how a write becomes durable.
 */
export abstract class LogStateStorage implements LogStorage {
  /** The log as submitted (see LogState). */
  protected abstract readonly state: LogState;
  /** Last index made durable by a completed write (clamped to lastIndex by durableIndex()). */
  protected abstract durable: number;

  abstract write(w: LogWrite): Promise<void>;
  abstract hardState(): HardState;
  abstract close(): Promise<void>;

  firstIndex(): number {
    return this.state.firstIndex();
  }
  lastIndex(): number {
    return this.state.lastIndex();
  }
  durableIndex(): number {
    return Math.min(this.durable, this.state.lastIndex());
  }
  term(index: number): number | undefined {
    return this.state.term(index);
  }
  entries(lo: number, hi: number, maxCount?: number, maxBytes?: number): StoredEntry[] {
    return this.state.slice(lo, hi, maxCount, maxBytes);
  }
  entryBytes(index: number): number {
    return index < this.state.firstIndex() ? 0 : this.state.entryBytes(index);
  }
  compactPoint(): { index: number; term: number } {
    return { index: this.state.compactIndex, term: this.state.compactTerm };
  }
  append(entries: readonly StoredEntry[]): Promise<void> {
    return this.write({ entries });
  }
  setHardState(hs: HardState): Promise<void> {
    return this.write({ hardState: hs });
  }
  truncateSuffix(fromIndex: number): Promise<void> {
    return this.write({ truncateFrom: fromIndex });
  }
  compact(index: number, term: number): Promise<void> {
    return this.write({ compact: { index, term } });
  }
}
