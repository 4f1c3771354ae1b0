/**
 * The KV map with a frozen generation for snapshots (STORAGE.md: "captures the state exactly at
 * the last included index while applies continue (a copy-on-write or frozen generation)").
 *
 * Normally every write goes to `base`. {@link LayeredMap.freeze} hands out `base` as a
 * read-only generation and routes later writes to an `overlay` (null = deleted); reads look at
 * the overlay first. {@link LayeredMap.thaw} folds the overlay back into `base` (cost: one
 * operation per key written while frozen). {@link LayeredMap.replace} installs a new map
 * (snapshot restore) and detaches any frozen generation, which its holder may keep reading.
 *
 * Keys are latin1 strings of the key bytes, so JavaScript string order is byte order.
 */

/** A stored value. */
export interface KvValue {
  value: Buffer;
  /** Unix ms after which the key is hidden from reads; 0 = no expiry. */
  expiresAtUnixMs: number;
}

/** Converts key bytes to the map's string key (and back with {@link keyBytes}). */
export function keyString(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1');
}

/** Converts a map key back to bytes. */
export function keyBytes(k: string): Buffer {
  return Buffer.from(k, 'latin1');
}

/** A read-only generation handed to a snapshot writer. */
export interface FrozenGeneration {
  readonly map: ReadonlyMap<string, KvValue>;
  readonly generation: number;
}

/** Base map plus an optional overlay for one frozen generation (see the module comment). */
export class LayeredMap {
  private base = new Map<string, KvValue>();
  private overlay: Map<string, KvValue | null> | null = null;
  private generation = 0;
  private liveCount = 0;

  /** Number of keys (including expired keys not yet deleted). */
  get size(): number {
    return this.liveCount;
  }

  /** Entries the overlay holds, tombstones included (0 while nothing is frozen). */
  get overlaySize(): number {
    return this.overlay?.size ?? 0;
  }

  /** True while a generation is frozen. */
  get frozen(): boolean {
    return this.overlay !== null;
  }

  get(k: string): KvValue | undefined {
    if (this.overlay) {
      const o = this.overlay.get(k);
      if (o !== undefined) return o ?? undefined;
    }
    return this.base.get(k);
  }

  set(k: string, v: KvValue): void {
    if (this.get(k) === undefined) this.liveCount++;
    if (this.overlay) this.overlay.set(k, v);
    else this.base.set(k, v);
  }

  /** Removes `k`; returns whether it existed. */
  delete(k: string): boolean {
    if (this.get(k) === undefined) return false;
    this.liveCount--;
    if (!this.overlay) this.base.delete(k);
    else if (this.base.has(k)) this.overlay.set(k, null);
    // A key written only while frozen needs no tombstone: the overlay stays within the keys
    // the frozen base holds plus the live ones (churn of new keys during a snapshot cannot grow it).
    else this.overlay.delete(k);
    return true;
  }

  /** Every key and value of the current state, in no particular order. */
  *entries(): IterableIterator<[string, KvValue]> {
    const overlay = this.overlay;
    for (const e of this.base) if (!overlay || !overlay.has(e[0])) yield e;
    if (overlay) for (const [k, v] of overlay) if (v) yield [k, v];
  }

  /** Freezes the current state; later writes go to an overlay. One frozen generation at a time. */
  freeze(): FrozenGeneration {
    if (this.overlay) throw new Error('a generation is already frozen');
    this.overlay = new Map();
    // Every frozen generation has its own number, so a late thaw of an older one is a no-op.
    this.generation++;
    return { map: this.base, generation: this.generation };
  }

  /** Folds the overlay into the base, ending the frozen generation `generation` (else no-op). */
  thaw(generation: number): void {
    if (generation !== this.generation || !this.overlay) return;
    const overlay = this.overlay;
    this.overlay = null;
    for (const [k, v] of overlay) {
      if (v) this.base.set(k, v);
      else this.base.delete(k);
    }
  }

  /** Replaces the whole state (restore). A frozen generation stays readable by its holder. */
  replace(map: Map<string, KvValue>): void {
    this.base = map;
    this.overlay = null;
    this.generation++;
    this.liveCount = map.size;
  }
}
