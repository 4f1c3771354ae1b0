/**
 * A node's bounds on the InstallSnapshot pushes it receives (docs/runtime.md, InstallSnapshot).
 * The peer port is unauthenticated, and each push writes a `.part` file, so:
 *
 * - **Size.** A push may declare at most {@link SnapshotReceiveLimits.maxSnapshotBytes}
 *   (`total_chunks` × chunk 0's size; the transport holds the sender to it chunk by chunk). The
 *   node's default follows its state quota ({@link defaultMaxSnapshotBytes}).
 * - **Concurrency.** At most {@link MAX_CONCURRENT_SNAPSHOT_RECEIVES} pushes at a time: one
 *   leader pushes one at a time, but a deposed leader's push and its successor's, or a push
 *   retried while the broken one is still held (up to the 30 s receive timeout), may overlap.
 * - **Disk.** A push is refused when the snapshot directory's free space is below what it
 *   declared plus what the pushes already running may still write: such a push could only end
 *   with a full disk (and the WAL's next write failing).
 *
 * Each refusal is a RejectedError with `details.grpcCode` RESOURCE_EXHAUSTED, thrown before any
 * file is created.
 */
import { RejectedError } from '../errors.js';
import { Code } from './services/grpc-shapes.js';

/** Pushes a node receives at once at most. */
export const MAX_CONCURRENT_SNAPSHOT_RECEIVES = 2;

/**
 * The largest snapshot a node accepts by default: twice what its state can reach, the quota
 * (`--max-state-bytes`) plus what may be in flight past it (`--max-uncommitted-bytes`, the quota
 * being checked at proposal). A snapshot file holds less than the state counts (the quota counts
 * 200 bytes per key besides its key and value); the factor 2 leaves room for a leader with a
 * somewhat larger quota. A snapshot beyond it would not fit the state this node is configured to
 * hold.
 */
export function defaultMaxSnapshotBytes(maxStateBytes: number, maxUncommittedBytes: number): number {
  return 2 * (maxStateBytes + maxUncommittedBytes);
}

/**
 * What a SNAPSHOT_TOO_LARGE refusal says about the bound's origin (it reaches the leader's log
 * too): without it the leader and follower logged only a byte count, and nothing named the flags
 * to raise on the follower for it to catch up.
 */
export const MAX_SNAPSHOT_BYTES_ORIGIN = '2 × (--max-state-bytes + --max-uncommitted-bytes) of this node: it cannot catch up from this leader\'s snapshots until they are raised on it';

/** A push admitted by {@link SnapshotReceiveLimits.admit}. */
export interface ReceiveAdmission {
  /** Counts bytes written to the push's file. */
  wrote(bytes: number): void;
  /**
   * How to discard the push's file when the node stops ({@link SnapshotReceiveLimits.discardAll});
   * the sink sets it, and clears it (null) once the push is handed to its finish.
   */
  onDiscard(discard: (() => Promise<void>) | null): void;
  /** Ends the push's admission (idempotent): its file is finished or discarded. */
  release(): void;
}

/** See the module contract. */
export class SnapshotReceiveLimits {
  readonly #active = new Set<{ readonly declared: number; written: number; discard: (() => Promise<void>) | null }>();

  constructor(
    readonly maxSnapshotBytes: number,
    private readonly freeBytes: () => Promise<number | null>,
    readonly maxConcurrent = MAX_CONCURRENT_SNAPSHOT_RECEIVES,
  ) {}

  /** Pushes admitted and not yet released. */
  get active(): number {
    return this.#active.size;
  }

  /**
   * Admits a push that declared up to `declaredBytes`, or throws RejectedError
   * (RESOURCE_EXHAUSTED): `SNAPSHOT_RECEIVES_BUSY` when {@link maxConcurrent} run already,
   * `SNAPSHOT_NO_SPACE` when the free disk space is below `declaredBytes` plus what the running
   * pushes may still write. The slot is taken before the free space is read, so two pushes
   * admitted at once each count the other.
   */
  async admit(declaredBytes: number): Promise<ReceiveAdmission> {
    if (this.#active.size >= this.maxConcurrent) {
      throw new RejectedError('SNAPSHOT_RECEIVES_BUSY', `InstallSnapshot: ${this.#active.size} snapshot pushes are being received already, the most this node takes at once`, {
        details: { grpcCode: Code.RESOURCE_EXHAUSTED, maxConcurrent: this.maxConcurrent },
      });
    }
    const me: { readonly declared: number; written: number; discard: (() => Promise<void>) | null } = { declared: declaredBytes, written: 0, discard: null };
    this.#active.add(me);
    try {
      const free = await this.freeBytes();
      let others = 0;
      for (const r of this.#active) if (r !== me) others += Math.max(0, r.declared - r.written);
      if (free !== null && free < declaredBytes + others) {
        throw new RejectedError('SNAPSHOT_NO_SPACE', `InstallSnapshot: the snapshot may be up to ${declaredBytes} bytes${others > 0 ? ` (and pushes being received may still write ${others})` : ''}, but only ${free} bytes are free on the snapshot directory's disk`, {
          details: { grpcCode: Code.RESOURCE_EXHAUSTED, maxBytes: declaredBytes, freeBytes: free },
        });
      }
    } catch (err) {
      this.#active.delete(me);
      throw err;
    }
    return {
      wrote: (bytes) => {
        me.written += bytes;
      },
      onDiscard: (discard) => {
        me.discard = discard;
      },
      release: () => {
        this.#active.delete(me);
      },
    };
  }

  /**
   * Discards the files of the pushes still being received (not those handed to their finish),
   * for a node that stops: their handlers' next write fails and answers the sender, and no
   * `.part` is left behind when the stop returns (the server's shutdown otherwise cancelled the
   * calls and returned before their handlers removed the files).
   */
  async discardAll(): Promise<void> {
    await Promise.all([...this.#active].map((r) => r.discard?.().catch(() => undefined)));
  }
}
