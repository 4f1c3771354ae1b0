/**
 * In-memory {@link LogStorage} for tests and simulations: the same validation, ordering and
 * read semantics as the file WAL, with "durable" meaning "resolved". `failNextWrite` injects a
 * storage failure; like the WAL, every later write then rejects with the same error.
 */
import { InternalError, type RaftCtlError } from '../../errors.js';
import type { StoredEntry } from '../entry-codec.js';
import { StorageIoError } from '../errors.js';
import { LogState } from '../log-state.js';
import { checkHardState, type HardState, type LogStorage, type LogWrite } from '../log-storage.js';

/** LogStorage kept in memory; writes resolve on the next microtask. */
export class MemoryLogStorage implements LogStorage {
  private readonly state = new LogState();
  private hs: HardState = { term: 0, votedFor: 0 };
  private durable = 0;
  private failed: RaftCtlError | null = null;
  private closed = false;
  /** Bumped by truncations and compactions: an older write may not raise durableIndex past them. */
  private rewrites = 0;
  /** Number of writes that reached "disk" (one per write call; there is no batching). */
  writes = 0;

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
  hardState(): HardState {
    return { ...this.hs };
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

  /** Makes the next write fail with a {@link StorageIoError} (and every write after it). */
  failNextWrite(message = 'injected storage failure'): void {
    this.failed = new StorageIoError(message);
  }

  async write(w: LogWrite): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.closed) throw new InternalError('memory log storage is closed');
    this.state.checkWrite(w.compact, w.truncateFrom, w.entries);
    if (w.hardState) checkHardState(w.hardState, this.hs);
    if (w.compact && w.compact.index > this.state.compactIndex) {
      this.state.compact(w.compact.index, w.compact.term);
      this.durable = Math.min(this.durable, this.state.lastIndex());
      this.rewrites++;
    }
    if (w.truncateFrom !== undefined) {
      this.state.truncateFrom(w.truncateFrom);
      this.durable = Math.min(this.durable, w.truncateFrom - 1);
      this.rewrites++;
    }
    if (w.entries && w.entries.length > 0) this.state.append(w.entries);
    if (w.hardState) this.hs = { term: w.hardState.term, votedFor: w.hardState.votedFor };
    const last = this.state.lastIndex();
    const rewrites = this.rewrites;
    await Promise.resolve();
    this.writes++;
    if (rewrites === this.rewrites) this.durable = Math.max(this.durable, last);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
