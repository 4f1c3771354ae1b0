/**
 * The leader's admission check on the size of the state (`node start --max-state-bytes`), as
 * etcd's `--quota-backend-bytes`: a client write that would grow the state machine past the quota
 * is refused before it is proposed, so a cluster fed more keys than its nodes can hold stops
 * taking writes instead of every replica running out of memory applying the same entries (and
 * again at every restart). Deletes, and writes that do not grow the state, always pass, so an
 * operator can get back under it.
 *
 * The check is the leader's, at proposal: entries already in flight are not counted, so the
 * state can pass the quota by what is uncommitted (`--max-uncommitted-bytes`). Followers check
 * nothing (applies never fail on a quota): give every node the same quota, or the largest one
 * the smallest node can hold. The hard limit on keys (MAX_KEYS) is decided at apply instead,
 * identically on every replica; it is checked here too, for a refusal without a log entry.
 */
import { getHeapStatistics } from 'node:v8';
import { RejectedError } from '../errors.js';
import { MAX_KEYS, type KvStateMachine, type WriteCommand } from '../state-machine/index.js';
import type { Logger } from './logger.js';

/**
 * Default quota: 1 GiB, or 40 % of this process's V8 heap limit when that is smaller (each key
 * costs about 200 bytes of heap besides its value: a quota far above the heap limit would let
 * small keys exhaust the heap first).
 */
export function defaultMaxStateBytes(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.min(1024 ** 3, Math.floor(heapLimitBytes * 0.4));
}

/** See the module contract. */
export class StateQuota {
  /** True from a refusal until a growing write is admitted again (logs once per episode). */
  #refusing = false;

  constructor(
    readonly maxBytes: number,
    private readonly sm: KvStateMachine,
    private readonly logger: Logger,
  ) {}

  /**
   * Throws RejectedError RESOURCE_EXHAUSTED when `cmd` would add a key beyond MAX_KEYS or take
   * the state past {@link StateQuota.maxBytes}; returns otherwise. The first refusal after
   * writes were admitted logs a warning.
   */
  admit(cmd: WriteCommand): void {
    const growth = this.sm.growthOf(cmd);
    if (growth.bytes <= 0 && growth.keys === 0) return;
    const keys = this.sm.size;
    const bytes = this.sm.stateBytes;
    if (growth.keys > 0 && keys >= MAX_KEYS) {
      this.#refuse(`the node holds ${keys} keys, the most it can (${MAX_KEYS}): delete keys to add others`, bytes, keys);
    }
    if (growth.bytes > 0 && bytes + growth.bytes > this.maxBytes) {
      this.#refuse(`the state would pass its quota: ${bytes} + ${growth.bytes} bytes over --max-state-bytes ${this.maxBytes} (each key counts its key and value bytes plus 200); delete keys, or restart the nodes with a larger --max-state-bytes`, bytes, keys);
    }
    this.#refusing = false;
  }

  #refuse(message: string, bytes: number, keys: number): never {
    if (!this.#refusing) this.logger.log('warn', 'state quota reached: refusing writes that grow the state', { stateBytes: bytes, keys, maxStateBytes: this.maxBytes });
    this.#refusing = true;
    throw new RejectedError('RESOURCE_EXHAUSTED', message);
  }
}
