/**
 * In-memory {@link LogStorage} for tests and simulations: the same validation, ordering and
 * read semantics as the file WAL, with "durable" meaning "resolved". `failNextWrite` injects a
 * storage failure; like the WAL, every later write then rejects with the same error.
 */
import { InternalError, type RaftCtlError } from '../../errors.js';
import { StorageIoError } from '../errors.js';
import { LogState } from '../log-state.js';
import { checkHardState, LogStateStorage, type HardState, type LogWrite } from '../log-storage.js';

/** LogStorage kept in memory; writes resolve on the next microtask. */
export class MemoryLogStorage extends LogStateStorage {
  protected readonly state = new LogState();
  private hs: HardState = { term: 0, votedFor: 0 };
  protected durable = 0;
  private failed: RaftCtlError | null = null;
  private closed = false;
  /** Bumped by truncations and compactions: an older write may not raise durableIndex past them. */
  private rewrites = 0;
  /** Number of writes that reached "disk" (one per write call; there is no batching). */
  writes = 0;

  hardState(): HardState {
    return { ...this.hs };
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
