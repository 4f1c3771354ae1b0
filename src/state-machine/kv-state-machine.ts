/**
 * The KV state machine with d-engine's WriteCommand semantics (reference §6; PROTOCOL.md TTL
 * row; STORAGE.md "Time in the state machine").
 *
 * Apply contract (Raft §5.3 state-machine safety): entries are applied one at a time in log
 * order (index = applied + 1); apply is synchronous and deterministic: it reads no clock, no
 * randomness and no environment, so every replica applying the same entries reaches the same
 * state and returns the same results. "Now" inside apply is the entry's `proposedAtUnixMs`.
 *
 * - insert: sets the value; ttl_secs > 0 sets expiry = proposedAtUnixMs + ttl·1000 (an insert
 *   with a ttl but no proposal time is rejected, since no replica could compute its expiry);
 * - delete: removes the key if present (also when expired but not yet removed: that is how a
 *   leader-proposed expiry becomes visible at one log index);
 * - compare-and-swap: absent expected value = the key must not exist; present (even empty) =
 *   the live value must equal it byte for byte; succeeded reports the comparison; on success the
 *   key holds new_value with no expiry;
 * - expire (leader-proposed, `ExpireKeys`): deletes each listed key whose expiry is set and
 *   ≤ proposedAtUnixMs (a key re-written with a later expiry or none since survives);
 * - a command that does not decode or validate → `rejected` with an InvalidCommandError; the
 *   index still advances and nothing else changes.
 *
 * Reads (`get`, `read`, `scan`) hide keys whose expiry ≤ the caller's `nowUnixMs`. `revision` is
 * the applied index. Consistency (linearizable/lease/eventual) is the runtime's job: it decides
 * when a read may be served; this class only answers from the applied state.
 */
import { InternalError } from '../errors.js';
import { checkKey, decodeWriteCommand, DEFAULT_KV_LIMITS, type KvLimits, type WriteCommand } from './command.js';
import { InvalidCommandError, ScanTooLargeError, StateFullError } from './errors.js';
import { ExpiryIndex } from './expiry-index.js';
import { keyBytes, keyString, LayeredMap, type KvValue } from './layered-map.js';
import { sortedEntries } from './sorted-stream.js';
import { type ApplyEntry, type ClusterConfiguration, emptyConfiguration, type KvRecord } from './types.js';
import { ValueArena } from './value-arena.js';
import { type EventQueue, type MembershipEvent, type WatchEvent, type WatchOptions, WatchRegistry } from './watch.js';

/** The outcome of applying one entry (returned to the proposing client by the runtime). */
export type ApplyResult =
  | { index: number; kind: 'write'; op: WriteCommand['op']; succeeded: boolean }
  | { index: number; kind: 'rejected'; error: InvalidCommandError | StateFullError }
  | { index: number; kind: 'noop' }
  | { index: number; kind: 'configuration' }
  | { index: number; kind: 'expire'; deleted: number };

/** A key/value pair returned by reads. */
export interface KvPair {
  key: Buffer;
  value: Buffer;
}

/**
 * A snapshot in progress: the state frozen at (index, term). `records()` streams it in key
 * order, yielding to the event loop; `release()` ends the frozen generation (deferred until an
 * active `records()` finishes). Consume `records()` at most once. With `signal`, the stream
 * throws `signal.reason` at the next record once it aborts (a node that stops does not wait for
 * a snapshot of its whole state to be written).
 */
export interface SnapshotSource {
  readonly index: number;
  readonly term: number;
  readonly configuration: ClusterConfiguration;
  /** Index of the entry that set `configuration` (<= index). */
  readonly configIndex: number;
  readonly entryCount: number;
  records(signal?: AbortSignal): AsyncGenerator<KvRecord>;
  release(): void;
}

/** Options of {@link KvStateMachine}: size limits, watcher cap, snapshot slice length. */
export interface KvStateMachineOptions {
  limits?: KvLimits;
  maxWatchers?: number;
  /** Longest synchronous slice of snapshot creation in ms (default 4). */
  snapshotSliceMs?: number;
  /**
   * Most keys (default {@link MAX_KEYS}; at most that). It decides apply results, so every
   * replica must use the same: for tests only.
   */
  maxKeys?: number;
}

function cloneConfiguration(c: ClusterConfiguration): ClusterConfiguration {
  return {
    voters: [...c.voters],
    votersOutgoing: [...c.votersOutgoing],
    learners: c.learners.map((l) => ({ ...l })),
    addresses: { ...c.addresses },
  };
}

const EMPTY = Buffer.alloc(0);

/** What one stored key counts for in {@link KvStateMachine.stateBytes}. */
function storedBytes(keyLength: number, valueLength: number): number {
  return keyLength + valueLength + KEY_OVERHEAD_BYTES;
}

/**
 * The arena of stored values: small slabs, since a slab lives while any value in it does (one
 * value kept among many overwritten ones pins a whole slab until {@link KvStateMachine.compactValues}
 * moves it); values above 1 KiB get a buffer of their own.
 */
function newValueArena(): ValueArena {
  return new ValueArena(4 * 1024, 1024);
}

/**
 * Most keys a state machine holds. An insert or compare-and-swap that would add a key beyond it
 * is rejected at apply ({@link StateFullError}), on every replica alike: the count is part of the
 * replicated state. Why a bound at all: V8's Map holds at most 2^24 entries, and one that is full
 * throws at apply, on every replica alike, again at every restart (the whole cluster down for
 * good). While a snapshot is being written the frozen map and the overlay can together hold up
 * to twice the live keys (LayeredMap), so 2^23 keeps each below that limit.
 */
export const MAX_KEYS = 2 ** 23;

/**
 * Bytes each key counts for in {@link KvStateMachine.stateBytes} on top of its key and value
 * bytes: about what the node's heap spends per stored key (measured: 190 bytes a key for 2
 * million 8-byte keys, map entry, key string and value record).
 */
export const KEY_OVERHEAD_BYTES = 200;

/** What a write would add to the state if applied now ({@link KvStateMachine.growthOf}). */
export interface StateGrowth {
  /** Keys it would add (0 or 1). */
  readonly keys: number;
  /** Bytes it would add to {@link KvStateMachine.stateBytes} (≤ 0 when it would not grow it). */
  readonly bytes: number;
}

/** Slabs may hold this many bytes of freed values before compactValues moves values out of sparse ones (or as many as are live, if more). */
const COMPACT_AFTER_WASTED_BYTES = 1024 * 1024;

/** The KV state machine (see the module contract). Single-threaded: owned by the runtime's apply loop. */
export class KvStateMachine {
  private readonly map = new LayeredMap();
  /**
   * Stored values are copied here, out of Node's shared Buffer pool (value-arena.ts). Small slabs:
   * a slab lives while any value in it does, so one value kept among many overwritten ones pins
   * a whole slab (4 KiB, no more than a piece of Node's 8 KiB pool pinned before); values above
   * 1 KiB get a buffer of their own.
   */
  private values = newValueArena();
  /** Where {@link KvStateMachine.compactValues} goes on (null: start a new pass). */
  private compactCursor: Iterator<[string, KvValue]> | null = null;
  /** ValueArena.freedBytes when the last compaction pass ended (a new pass waits for more frees). */
  private freedAtLastPass = 0;
  /** Keys that carry an expiry, ordered by it (expiredKeys costs what it finds). */
  private ttlKeys = new ExpiryIndex();
  private applied = 0;
  private appliedTermValue = 0;
  private config: ClusterConfiguration = emptyConfiguration();
  private configIdx = 0;
  private restoring = false;
  private restoredCount = 0;
  private restoredByteCount = 0;
  /** See {@link KvStateMachine.stateBytes}. */
  private stateByteCount = 0;
  private readonly maxKeys: number;
  readonly limits: KvLimits;
  private readonly watches: WatchRegistry;
  private readonly sliceMs: number;

  constructor(options: KvStateMachineOptions = {}) {
    this.limits = options.limits ?? DEFAULT_KV_LIMITS;
    this.watches = new WatchRegistry(options.maxWatchers);
    this.sliceMs = options.snapshotSliceMs ?? 4;
    this.maxKeys = options.maxKeys ?? MAX_KEYS;
  }

  /** Index of the last applied entry (the revision). */
  get appliedIndex(): number {
    return this.applied;
  }
  /** Term of the last applied entry. */
  get appliedTerm(): number {
    return this.appliedTermValue;
  }
  /** The configuration of the last applied configuration entry (a copy). */
  get configuration(): ClusterConfiguration {
    return cloneConfiguration(this.config);
  }
  /**
   * Index of the entry that set {@link KvStateMachine.configuration} (0 = none). After a restore
   * it is the snapshot's recorded configuration index.
   */
  get configIndex(): number {
    return this.configIdx;
  }
  /** Records read so far by the {@link KvStateMachine.restore} in progress (for progress logs). */
  get restoredRecords(): number {
    return this.restoredCount;
  }
  /** Key and value bytes read so far by the {@link KvStateMachine.restore} in progress. */
  get restoredBytes(): number {
    return this.restoredByteCount;
  }
  /** Number of stored keys, including expired keys not yet deleted. */
  get size(): number {
    return this.map.size;
  }
  /**
   * The size of the state as quotas count it: each stored key's key and value bytes plus
   * {@link KEY_OVERHEAD_BYTES} (expired keys not yet deleted included). Deterministic: the same
   * on every replica at the same applied index.
   */
  get stateBytes(): number {
    return this.stateByteCount;
  }

  /**
   * What `cmd` would add to the state if it were applied now (a CAS counted as if it succeeded;
   * delete and expire add nothing). For admission checks before proposing: entries in flight
   * may change the answer by the time it applies.
   */
  growthOf(cmd: WriteCommand): StateGrowth {
    if (cmd.op !== 'insert' && cmd.op !== 'cas') return { keys: 0, bytes: 0 };
    const value = cmd.op === 'insert' ? cmd.value : cmd.newValue;
    const stored = this.map.get(keyString(cmd.key));
    if (stored !== undefined) return { keys: 0, bytes: value.length - stored.value.length };
    return { keys: 1, bytes: storedBytes(cmd.key.length, value.length) };
  }

  /** The revision reported by scans and watches: the applied index. */
  revision(): number {
    return this.applied;
  }

  /** Applies one committed entry (see the module contract). Throws only on a caller bug. */
  apply(e: ApplyEntry): ApplyResult {
    if (this.restoring) throw new InternalError('apply called while a snapshot is being restored');
    if (e.index !== this.applied + 1) {
      throw new InternalError(`apply out of order: applied index is ${this.applied}, got entry ${e.index}`);
    }
    let result: ApplyResult;
    switch (e.kind) {
      case 'command': {
        let cmd: WriteCommand;
        try {
          cmd = decodeWriteCommand(e.command, this.limits);
          result = this.applyCommand(cmd, e.index, e.proposedAtUnixMs ?? 0);
        } catch (err) {
          if (!(err instanceof InvalidCommandError)) throw err;
          result = { index: e.index, kind: 'rejected', error: err };
        }
        break;
      }
      case 'noop':
        result = { index: e.index, kind: 'noop' };
        break;
      case 'configuration':
        this.config = cloneConfiguration(e.configuration);
        this.configIdx = e.index;
        result = { index: e.index, kind: 'configuration' };
        break;
    }
    this.applied = e.index;
    this.appliedTermValue = e.term;
    if (e.kind === 'configuration') this.watches.notifyMembership(this.membershipEvent());
    return result;
  }

  private live(v: KvValue | undefined, nowUnixMs: number): KvValue | undefined {
    return v !== undefined && (v.expiresAtUnixMs === 0 || v.expiresAtUnixMs > nowUnixMs) ? v : undefined;
  }

  /** Stores `v` under `k`; `stored` is what `k` held (expired or not), as the caller read it: its value is freed. */
  private put(k: string, v: KvValue, stored: KvValue | undefined): void {
    this.map.set(k, v);
    this.ttlKeys.set(k, v.expiresAtUnixMs);
    if (stored !== undefined) {
      this.stateByteCount += v.value.length - stored.value.length;
      this.values.free(stored.value);
    } else {
      this.stateByteCount += storedBytes(k.length, v.value.length);
    }
  }

  /** A {@link StateFullError} result when storing a new key (`stored` undefined) would pass {@link MAX_KEYS}. */
  private fullFor(stored: KvValue | undefined, index: number): ApplyResult | null {
    if (stored !== undefined || this.map.size < this.maxKeys) return null;
    return { index, kind: 'rejected', error: new StateFullError(`the node holds ${this.map.size} keys, the most it can (${this.maxKeys}): delete keys to add others`) };
  }

  /** Deletes `k`, which held `stored` (read by the caller): its value is freed. */
  private remove(k: string, stored: KvValue): void {
    this.map.delete(k);
    this.ttlKeys.delete(k);
    this.stateByteCount -= storedBytes(k.length, stored.value.length);
    this.values.free(stored.value);
  }

  /**
   * Moves stored values out of mostly dead slabs (ValueArena.inSparseSlab) into the slab being
   * filled, so those slabs can go: visits at most `maxVisits` keys per call, going on where the
   * last call stopped, and only while the slabs hold more freed bytes than live ones (and at
   * least {@link COMPACT_AFTER_WASTED_BYTES}), or until the pass it began ends. A pass starts
   * only once max(64 KiB, a quarter of the live bytes) were freed since the
   * last one ended: slabs between a quarter and a half alive can hold more freed than live bytes
   * with none to move, and a pass that moved nothing would otherwise start again at once, every
   * tick, for good. Nothing while a
   * snapshot holds the state frozen. Changes no value, revision or expiry (no watch event).
   * Returns the number of values moved.
   */
  compactValues(maxVisits: number): number {
    if (this.map.frozen || this.restoring) return 0;
    if (this.compactCursor === null) {
      if (this.values.wastedBytes < Math.max(COMPACT_AFTER_WASTED_BYTES, this.values.liveBytes)) return 0;
      const freedSince = this.values.freedBytes - this.freedAtLastPass;
      if (this.freedAtLastPass > 0 && freedSince < Math.max(COMPACT_AFTER_WASTED_BYTES / 16, this.values.liveBytes / 4)) return 0;
      this.compactCursor = this.map.entries();
    }
    let moved = 0;
    for (let visited = 0; visited < maxVisits; visited++) {
      const next = this.compactCursor.next();
      if (next.done) {
        this.compactCursor = null;
        this.freedAtLastPass = this.values.freedBytes;
        break;
      }
      const [k, v] = next.value;
      if (!this.values.inSparseSlab(v.value)) continue;
      this.map.set(k, { value: this.values.copy(v.value), expiresAtUnixMs: v.expiresAtUnixMs });
      this.values.free(v.value);
      moved++;
    }
    return moved;
  }

  private applyCommand(cmd: WriteCommand, index: number, proposedAt: number): ApplyResult {
    if (cmd.op === 'expire') return { index, kind: 'expire', deleted: this.applyExpire(cmd.keys, index, proposedAt) };
    const k = keyString(cmd.key);
    switch (cmd.op) {
      case 'insert': {
        let expiresAtUnixMs = 0;
        if (cmd.ttlSecs > 0) {
          if (proposedAt <= 0) throw new InvalidCommandError('an insert with a ttl needs the entry\'s proposal time (proposed_at_unix_ms)');
          expiresAtUnixMs = proposedAt + cmd.ttlSecs * 1000;
          if (!Number.isSafeInteger(expiresAtUnixMs)) throw new InvalidCommandError(`ttl of ${cmd.ttlSecs} s is too large`);
        }
        const stored = this.map.get(k);
        const full = this.fullFor(stored, index);
        if (full) return full;
        const prev = this.live(stored, proposedAt);
        const value = this.values.copy(cmd.value);
        this.put(k, { value, expiresAtUnixMs }, stored);
        this.watches.notify('PUT', cmd.key, value, index, prev?.value);
        return { index, kind: 'write', op: 'insert', succeeded: true };
      }
      case 'delete': {
        const cur = this.map.get(k);
        if (cur !== undefined) {
          this.remove(k, cur);
          this.watches.notify('DELETE', cmd.key, EMPTY, index, cur.value);
        }
        return { index, kind: 'write', op: 'delete', succeeded: true };
      }
      case 'cas': {
        const stored = this.map.get(k);
        const cur = this.live(stored, proposedAt);
        const ok = cmd.expectedValue === null ? cur === undefined : cur !== undefined && cur.value.equals(cmd.expectedValue);
        if (ok) {
          const full = this.fullFor(stored, index);
          if (full) return full;
          const value = this.values.copy(cmd.newValue);
          this.put(k, { value, expiresAtUnixMs: 0 }, stored);
          this.watches.notify('PUT', cmd.key, value, index, cur?.value);
        }
        return { index, kind: 'write', op: 'cas', succeeded: ok };
      }
    }
  }

  private applyExpire(keys: readonly Uint8Array[], index: number, proposedAt: number): number {
    let deleted = 0;
    for (const key of keys) {
      const k = keyString(key);
      const cur = this.map.get(k);
      if (cur === undefined || cur.expiresAtUnixMs === 0 || cur.expiresAtUnixMs > proposedAt) continue;
      this.remove(k, cur);
      this.watches.notify('DELETE', Buffer.from(key), EMPTY, index, cur.value);
      deleted++;
    }
    return deleted;
  }

  /** The live value of `key` at `nowUnixMs`, or undefined. */
  get(key: Uint8Array, nowUnixMs: number): Buffer | undefined {
    return this.live(this.map.get(keyString(key)), nowUnixMs)?.value;
  }

  /** Values of the keys that exist at `nowUnixMs`, in request order (ClientReadRequest). */
  read(keys: readonly Uint8Array[], nowUnixMs: number): KvPair[] {
    const out: KvPair[] = [];
    for (const key of keys) {
      const v = this.get(key, nowUnixMs);
      if (v !== undefined) out.push({ key: Buffer.from(key), value: v });
    }
    return out;
  }

  /**
   * Live keys starting with `prefix` (empty = all), sorted by key bytes, and the revision.
   *
   * `maxBytes` bounds the answer's keys plus values and `maxEntries` its number of entries: once
   * the hits exceed either the scan stops and throws {@link ScanTooLargeError}, before sorting or
   * copying anything, so a scan that must be refused costs no more than collecting that many hits
   * (a scan of two million keys once kept the event loop busy for seconds, then was refused). The
   * entry bound is what bounds the work of an answer of small entries: sorting, copying and
   * encoding cost per entry (1.5 million 1-byte values fit in 32 MiB and took 3.3 s). The pass over
   * the map is synchronous and proportional to the number of keys (there is no ordered index).
   */
  scan(prefix: Uint8Array, nowUnixMs: number, maxBytes = Infinity, maxEntries = Infinity): { entries: KvPair[]; revision: number } {
    const p = keyString(prefix);
    const keys: string[] = [];
    let bytes = 0;
    for (const [k, v] of this.map.entries()) {
      if (!k.startsWith(p) || !this.live(v, nowUnixMs)) continue;
      bytes += k.length + v.value.length;
      if (bytes > maxBytes) throw new ScanTooLargeError(maxBytes);
      if (keys.length >= maxEntries) throw new ScanTooLargeError(maxEntries, 'entries');
      keys.push(k);
    }
    // The default string order (UTF-16 code units of latin1 keys) is byte order, and sorting
    // plain strings without a comparator is several times faster than sorting pairs with one.
    keys.sort();
    return { entries: keys.map((k) => ({ key: keyBytes(k), value: this.map.get(k)!.value })), revision: this.applied };
  }

  /**
   * Up to `limit` keys whose expiry ≤ `nowUnixMs` and that still exist, for the leader to propose
   * their deletion. Cost is proportional to the keys returned (expiry-index.ts), not to the keys
   * that carry a ttl: the leader asks on every tick.
   */
  expiredKeys(nowUnixMs: number, limit: number): Buffer[] {
    return this.ttlKeys.due(nowUnixMs, limit).map(keyBytes);
  }

  /** Opens a key watch (see watch.ts). Events start with the next applied entry. */
  watch(options: WatchOptions): EventQueue<WatchEvent> {
    if (options.key.length > 0) checkKey(options.key, this.limits); // the same limits as any key
    return this.watches.watch(options);
  }

  /** Opens a membership watch: the current membership first, then one per configuration applied. */
  watchMembership(bufferSize?: number): EventQueue<MembershipEvent> {
    return this.watches.watchMembership(this.membershipEvent(), bufferSize);
  }

  /**
   * Sends a PROGRESS event at the applied index to every idle key watcher (see
   * WatchRegistry.progress); the runtime calls it on a timer. Returns the number of watchers
   * sent one.
   */
  watchProgress(): number {
    return this.watches.progress(this.applied);
  }

  /** Number of open key watchers. */
  get watcherCount(): number {
    return this.watches.count;
  }

  private membershipEvent(): MembershipEvent {
    return { members: [...this.config.voters], learners: this.config.learners.map((l) => l.id), committedIndex: this.configIdx };
  }

  /**
   * Freezes the state at the applied index for a snapshot (STORAGE.md). Applies continue into
   * an overlay while the returned source is read. One snapshot at a time: a second call before
   * `release()` throws InternalError.
   */
  beginSnapshot(): SnapshotSource {
    if (this.map.frozen) throw new InternalError('a snapshot is already being created');
    this.compactCursor = null;
    const gen = this.map.freeze();
    const map = this.map;
    const sliceMs = this.sliceMs;
    let iterating = false;
    let released = false;
    let consumed = false;
    const index = this.applied;
    return {
      index,
      term: this.appliedTermValue,
      configuration: cloneConfiguration(this.config),
      configIndex: this.configIdx,
      entryCount: gen.map.size,
      async *records(signal?: AbortSignal) {
        // Released, or already read once: the frozen generation is gone (folded back into the
        // live map, which keeps changing); reading it now would not be the state at `index`.
        if (released || consumed) throw new InternalError(`snapshot at index ${index}: records() after release() or a second time`);
        consumed = true;
        iterating = true;
        try {
          for await (const [k, v] of sortedEntries(gen.map, sliceMs, signal)) {
            signal?.throwIfAborted();
            yield { key: keyBytes(k), value: v.value, expiresAtUnixMs: v.expiresAtUnixMs };
          }
        } finally {
          iterating = false;
          if (released) map.thaw(gen.generation);
        }
      },
      release() {
        if (released) return;
        released = true;
        if (!iterating) map.thaw(gen.generation);
      },
    };
  }

  /**
   * Replaces the whole state with a snapshot's records (streamed; nothing changes unless the
   * stream completes without error, so a corrupt snapshot leaves the state as it was). Key
   * watchers are canceled (reason `restored`); membership watchers get the snapshot's
   * configuration when it is another one than they last got (a configuration index of its own),
   * never the same membership twice. The caller must not apply entries while this runs.
   */
  async restore(meta: { index: number; term: number; configuration: ClusterConfiguration; configIndex: number }, records: AsyncIterable<KvRecord>): Promise<void> {
    if (this.restoring) throw new InternalError('a restore is already running');
    this.restoring = true;
    const configIndexBefore = this.configIdx;
    this.restoredCount = 0;
    this.restoredByteCount = 0;
    try {
      const next = new Map<string, KvValue>();
      const ttl = new ExpiryIndex();
      const values = newValueArena();
      let stateBytes = 0;
      for await (const r of records) {
        const k = keyString(r.key);
        if (next.size >= this.maxKeys) {
          throw new StateFullError(`the snapshot holds more than ${this.maxKeys} keys, the most a node can`);
        }
        next.set(k, { value: values.copy(r.value), expiresAtUnixMs: r.expiresAtUnixMs });
        this.restoredCount++;
        this.restoredByteCount += r.key.length + r.value.length;
        stateBytes += storedBytes(r.key.length, r.value.length);
        ttl.set(k, r.expiresAtUnixMs);
      }
      this.map.replace(next);
      this.stateByteCount = stateBytes;
      this.values = values;
      this.compactCursor = null;
      this.freedAtLastPass = 0;
      this.ttlKeys = ttl;
      this.applied = meta.index;
      this.appliedTermValue = meta.term;
      this.config = cloneConfiguration(meta.configuration);
      this.configIdx = meta.configIndex;
    } finally {
      this.restoring = false;
    }
    this.watches.cancelAll('restored');
    if (this.configIdx !== configIndexBefore) this.watches.notifyMembership(this.membershipEvent());
  }

  /** Cancels every watcher (node shutdown). */
  close(): void {
    this.watches.cancelAll('closed');
  }
}
