/**
 * Watches (reference §6, "Watch"): a key or a `/`-delimited prefix, PUT/DELETE events with the
 * revision (the applied index of the entry that caused them) and, on request, the previous value.
 *
 * Each watcher has a bounded buffer, in events and in bytes. Events are pushed synchronously
 * during apply, in apply order; a consumer that falls `bufferSize` events or `bufferBytes` bytes
 * (keys, values and previous values of the buffered events) behind gets the buffered events,
 * then one final CANCELED event (revision 0), and the watcher is closed and dropped (d-engine's
 * overflow behaviour; d-engine counts events only). The byte bound is what keeps a slow
 * consumer's memory bounded with large values: 1024 events of 1 MiB values with their previous
 * values once held a gigabyte for one stopped `kv watch --prev-kv`. A restore from a snapshot cancels every key watcher the same way (the consumer must
 * resync: watch, scan, drop events with revision ≤ scan revision). Membership watchers get the
 * current membership immediately and one event per applied configuration.
 */
import { RejectedError } from '../errors.js';
import { InvalidCommandError } from './errors.js';
import { keyString } from './layered-map.js';

/** One event delivered to a key watcher. */
export interface WatchEvent {
  type: 'PUT' | 'DELETE' | 'CANCELED';
  key: Buffer;
  /** New value for PUT; empty for DELETE and CANCELED. */
  value: Buffer;
  revision: number;
  /** Previous value, only when the watcher asked for it and the key existed. */
  prevValue?: Buffer;
  /** Why a CANCELED event was sent. */
  reason?: 'overflow' | 'restored' | 'closed';
}

/** What a membership watcher receives (MembershipSnapshot). */
export interface MembershipEvent {
  members: number[];
  learners: number[];
  committedIndex: number;
}

/** A byte bound of an {@link EventQueue}: at most `max` bytes buffered, each event counting `sizeOf(event)`. */
export interface QueueBytes<T> {
  readonly max: number;
  readonly sizeOf: (v: T) => number;
}

/**
 * A bounded single-consumer event queue. `push` never blocks; iteration ends after `close`
 * once the buffer is drained. Bounded by `capacity` events and, with `bytes`, by `bytes.max`
 * bytes buffered; an event handed straight to a waiting consumer is not buffered, and an event
 * is always buffered into an empty queue (one event larger than the byte bound still gets through
 * to a consumer that keeps up).
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly buf: T[] = [];
  private waiter: ((r: IteratorResult<T>) => void) | null = null;
  private done = false;
  private bufferedBytes = 0;

  constructor(
    readonly capacity: number,
    private readonly onClose: () => void = () => undefined,
    private readonly bytes?: QueueBytes<T>,
  ) {}

  get closed(): boolean {
    return this.done;
  }

  /** Number of undelivered events. */
  get pending(): number {
    return this.buf.length;
  }

  /** Bytes of the undelivered events (0 without a byte bound). */
  get pendingBytes(): number {
    return this.bufferedBytes;
  }

  /** Delivers `v`; returns false (and does nothing) when the queue is full or closed. */
  push(v: T): boolean {
    if (this.done) return false;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: v, done: false });
      return true;
    }
    if (this.buf.length >= this.capacity) return false;
    const size = this.bytes ? this.bytes.sizeOf(v) : 0;
    if (this.bytes && this.buf.length > 0 && this.bufferedBytes + size > this.bytes.max) return false;
    this.buf.push(v);
    this.bufferedBytes += size;
    return true;
  }

  /** Appends `last` past the capacity (if given) and closes: the consumer drains, then ends. */
  close(last?: T): void {
    if (this.done) return;
    if (last !== undefined) {
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w({ value: last, done: false });
      } else {
        this.buf.push(last);
        if (this.bytes) this.bufferedBytes += this.bytes.sizeOf(last);
      }
    }
    this.done = true;
    if (this.waiter && this.buf.length === 0) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: undefined, done: true });
    }
    this.onClose();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buf.length > 0) {
      const v = this.buf.shift()!;
      if (this.bytes) this.bufferedBytes -= this.bytes.sizeOf(v);
      return Promise.resolve({ value: v, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: async () => {
        this.close();
        return { value: undefined, done: true };
      },
    };
  }
}

/** Options of a key watch (WatchRequest). */
export interface WatchOptions {
  key: Uint8Array;
  /** Watch every key starting with `key`; the key must start and end with `/`. */
  prefix?: boolean;
  prevKv?: boolean;
  /** Events buffered before the watcher is canceled (default 1024). */
  bufferSize?: number;
  /**
   * Bytes buffered (keys, values and previous values) before the watcher is canceled (default
   * {@link WATCH_BUFFER_BYTES}); one event is always buffered, whatever its size.
   */
  bufferBytes?: number;
}

/** Default byte bound of a key watcher's buffer: 64 MiB. */
export const WATCH_BUFFER_BYTES = 64 * 1024 * 1024;

/** Bytes a watch event counts for in its watcher's byte bound. */
function eventBytes(e: WatchEvent): number {
  return e.key.length + e.value.length + (e.prevValue?.length ?? 0);
}

interface KeyWatcher {
  key: Buffer;
  prefix: boolean;
  prevKv: boolean;
  queue: EventQueue<WatchEvent>;
}

const EMPTY = Buffer.alloc(0);
const SLASH = 0x2f;

/**
 * Registry of key and membership watchers of one state machine. Key watchers are indexed by
 * their key (exact watches) and by their prefix (prefix watches, whose key starts and ends with
 * `/`): a write visits only the watchers it matches, found with one lookup for the key and one
 * per `/` in it, not every open watcher (10,000 of them made each apply pass over 10,000).
 */
export class WatchRegistry {
  /** Exact watchers by {@link keyString} of their key. */
  private readonly exact = new Map<string, Set<KeyWatcher>>();
  /** Prefix watchers by {@link keyString} of their prefix. */
  private readonly prefixes = new Map<string, Set<KeyWatcher>>();
  private keyWatcherCount = 0;
  private readonly memberWatchers = new Set<EventQueue<MembershipEvent>>();

  constructor(readonly maxWatchers = 10_000) {}

  /** Number of open key watchers. */
  get count(): number {
    return this.keyWatcherCount;
  }

  /**
   * Opens a key watch. Throws InvalidCommandError for an empty key or a prefix that does not
   * start and end with `/`, RejectedError RESOURCE_EXHAUSTED beyond `maxWatchers` (key and
   * membership watchers together).
   */
  watch(o: WatchOptions): EventQueue<WatchEvent> {
    const key = Buffer.from(o.key);
    if (key.length === 0) throw new InvalidCommandError('watch key must not be empty');
    if (o.prefix && (key[0] !== 0x2f || key[key.length - 1] !== 0x2f)) {
      throw new InvalidCommandError('a prefix watch key must start and end with "/"');
    }
    this.#checkRoom();
    const bufferSize = o.bufferSize ?? 1024;
    if (!Number.isInteger(bufferSize) || bufferSize < 1) throw new InvalidCommandError('watch buffer size must be at least 1');
    const bufferBytes = o.bufferBytes ?? WATCH_BUFFER_BYTES;
    if (!Number.isInteger(bufferBytes) || bufferBytes < 1) throw new InvalidCommandError('watch buffer bytes must be at least 1');
    const w: KeyWatcher = { key, prefix: o.prefix ?? false, prevKv: o.prevKv ?? false, queue: null as unknown as EventQueue<WatchEvent> };
    const index = w.prefix ? this.prefixes : this.exact;
    const k = keyString(key);
    w.queue = new EventQueue<WatchEvent>(bufferSize, () => this.#remove(index, k, w), { max: bufferBytes, sizeOf: eventBytes });
    let set = index.get(k);
    if (set === undefined) index.set(k, (set = new Set()));
    set.add(w);
    this.keyWatcherCount++;
    return w.queue;
  }

  /** Removes a closed watcher from its index. */
  #remove(index: Map<string, Set<KeyWatcher>>, k: string, w: KeyWatcher): void {
    const set = index.get(k);
    if (!set?.delete(w)) return;
    this.keyWatcherCount--;
    if (set.size === 0) index.delete(k);
  }

  /** Every open key watcher. */
  #allKeyWatchers(): KeyWatcher[] {
    const all: KeyWatcher[] = [];
    for (const index of [this.exact, this.prefixes]) for (const set of index.values()) all.push(...set);
    return all;
  }

  /** Key and membership watchers together are bounded by `maxWatchers`. */
  #checkRoom(): void {
    if (this.keyWatcherCount + this.memberWatchers.size >= this.maxWatchers) {
      throw new RejectedError('RESOURCE_EXHAUSTED', `too many watchers (limit ${this.maxWatchers})`);
    }
  }

  /** Opens a membership watch that starts with `current`; RESOURCE_EXHAUSTED beyond `maxWatchers` (key and membership watchers together). */
  watchMembership(current: MembershipEvent, bufferSize = 64): EventQueue<MembershipEvent> {
    this.#checkRoom();
    const q: EventQueue<MembershipEvent> = new EventQueue<MembershipEvent>(bufferSize, () => this.memberWatchers.delete(q));
    q.push(current);
    this.memberWatchers.add(q);
    return q;
  }

  /** Delivers a PUT or DELETE to every matching watcher (called by apply, in apply order). */
  notify(type: 'PUT' | 'DELETE', key: Buffer, value: Buffer, revision: number, prev: Buffer | undefined): void {
    if (this.keyWatcherCount === 0) return;
    const k = keyString(key);
    this.#deliver(this.exact.get(k), type, key, value, revision, prev);
    if (this.prefixes.size === 0 || key[0] !== SLASH) return;
    // A prefix watch's key starts and ends with '/': the prefixes of `key` it can be are the
    // ones that end at one of its slashes.
    for (let i = key.indexOf(SLASH); i !== -1; i = key.indexOf(SLASH, i + 1)) {
      this.#deliver(this.prefixes.get(k.slice(0, i + 1)), type, key, value, revision, prev);
    }
  }

  #deliver(watchers: Set<KeyWatcher> | undefined, type: 'PUT' | 'DELETE', key: Buffer, value: Buffer, revision: number, prev: Buffer | undefined): void {
    if (watchers === undefined) return;
    // A copy: an overflowing watcher leaves the set while it is walked.
    for (const w of [...watchers]) {
      const ev: WatchEvent = { type, key, value, revision };
      if (w.prevKv && prev !== undefined) ev.prevValue = prev;
      if (!w.queue.push(ev)) w.queue.close({ type: 'CANCELED', key: w.key, value: EMPTY, revision: 0, reason: 'overflow' });
    }
  }

  /** Delivers a membership change; a full membership watcher is closed. */
  notifyMembership(ev: MembershipEvent): void {
    for (const q of [...this.memberWatchers]) if (!q.push(ev)) q.close();
  }

  /** Cancels every key watcher with `reason` (restore, shutdown) and closes membership watchers on shutdown. */
  cancelAll(reason: 'restored' | 'closed'): void {
    for (const w of this.#allKeyWatchers()) w.queue.close({ type: 'CANCELED', key: w.key, value: EMPTY, revision: 0, reason });
    if (reason === 'closed') for (const q of [...this.memberWatchers]) q.close();
  }
}
