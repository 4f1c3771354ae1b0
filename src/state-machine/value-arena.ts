/**
 * Where small byte strings kept for long are copied: into slabs of their own, not into Node's
 * shared Buffer pool. The state machine keeps its values here, a leader the commands it proposes
 * (they stay in its log until compaction).
 *
 * A small `Buffer.from(bytes)` is carved out of Node's 8 KiB pool, which every short-lived
 * buffer of the process shares too (gRPC frames, WAL records, decoded messages). A value kept in
 * the map then pins a whole pool slab whose other pieces are long dead: a leader that applied
 * 500,000 puts of 100-byte values held 334 MB of buffers for 50 MB of values (a node restored
 * from the same state, 129 MB). Slabs that hold only stored values waste only what overwrites
 * and deletes free.
 *
 * A slab lives while any value in it does. An owner whose values die in no particular order (the
 * state machine) tells the arena with {@link ValueArena.free}; the arena then counts the bytes
 * its slabs hold for nothing ({@link ValueArena.wastedBytes}) and says which values sit in a
 * mostly dead slab ({@link ValueArena.inSparseSlab}), so the owner can copy them anew and let
 * the slab go. An owner whose values die in order (a log) needs neither.
 *
 * Values above {@link ValueArena.maxPooled} bytes get a buffer of their own (no slab), as large
 * values do in Node's pool. Buffers handed out are never written again by the arena.
 */
const EMPTY = Buffer.alloc(0);

/** What one slab holds: bytes handed out (alignment included), and those not freed yet. */
interface SlabUse {
  used: number;
  live: number;
}

export class ValueArena {
  #slab: Buffer | null = null;
  /** Use of every slab that holds a value not freed (a slab leaves once all its values are). */
  readonly #use = new WeakMap<ArrayBufferLike, SlabUse>();
  /** The slab being filled (`used`: where the next value goes). */
  #current: SlabUse | null = null;
  /** Sums over the slabs in {@link ValueArena.#use}. */
  #usedBytes = 0;
  #liveBytes = 0;
  #freedBytes = 0;

  /**
   * @param slabBytes size of each slab
   * @param maxPooled largest value copied into a slab (at most `slabBytes`)
   */
  constructor(
    readonly slabBytes = 16 * 1024,
    readonly maxPooled = 2048,
  ) {
    if (maxPooled > slabBytes) throw new RangeError(`maxPooled ${maxPooled} exceeds slabBytes ${slabBytes}`);
  }

  /** A copy of `bytes` that the caller owns for good (see the module contract). */
  copy(bytes: Uint8Array): Buffer {
    const n = bytes.byteLength;
    if (n === 0) return EMPTY;
    if (n > this.maxPooled) {
      const own = Buffer.allocUnsafeSlow(n);
      own.set(bytes);
      return own;
    }
    if (this.#slab === null || this.#current!.used + n > this.slabBytes) {
      // The slab being left may hold only freed values by now: it goes.
      if (this.#slab !== null && this.#current!.live <= 0) {
        this.#usedBytes -= this.#current!.used;
        this.#use.delete(this.#slab.buffer);
      }
      this.#slab = Buffer.allocUnsafeSlow(this.slabBytes);
      this.#current = { used: 0, live: 0 };
      this.#use.set(this.#slab.buffer, this.#current);
    }
    const at = this.#current!.used;
    const out = this.#slab.subarray(at, at + n);
    out.set(bytes);
    // 8-byte alignment keeps later values' reads aligned, as Node's pool does.
    const taken = Math.min((at + n + 7) & ~7, this.slabBytes) - at;
    this.#current!.used += taken;
    this.#current!.live += taken;
    this.#usedBytes += taken;
    this.#liveBytes += taken;
    return out;
  }

  /**
   * `value`, from {@link ValueArena.copy} and not freed before, is no longer kept by its owner
   * (overwritten, deleted). Each value is freed at most once; values of their own buffer, and
   * empty ones, are ignored.
   */
  free(value: Buffer): void {
    const use = this.#use.get(value.buffer);
    if (use === undefined) return;
    const bytes = Math.min(((value.byteOffset + value.length + 7) & ~7), this.slabBytes) - value.byteOffset;
    use.live -= bytes;
    this.#liveBytes -= bytes;
    this.#freedBytes += bytes;
    if (use.live <= 0 && use !== this.#current) {
      this.#usedBytes -= use.used;
      this.#use.delete(value.buffer);
    }
  }

  /** Bytes that slabs still pinned by a live value hold for freed values. */
  get wastedBytes(): number {
    return this.#usedBytes - this.#liveBytes;
  }

  /** Bytes freed in slabs since this arena was made (only grows; alignment included). */
  get freedBytes(): number {
    return this.#freedBytes;
  }

  /** Bytes of the values not freed (in slabs). */
  get liveBytes(): number {
    return this.#liveBytes;
  }

  /**
   * Whether `value` sits in a slab other than the one being filled whose values are at most a
   * quarter alive: copying it anew (and freeing this copy) helps that slab go.
   */
  inSparseSlab(value: Buffer): boolean {
    const use = this.#use.get(value.buffer);
    return use !== undefined && use !== this.#current && use.live * 4 <= use.used;
  }
}
