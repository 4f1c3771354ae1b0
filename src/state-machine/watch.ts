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
 *
 * PROGRESS events ({@link WatchRegistry.progress}, sent on a timer by the runtime) tell an idle
 * key watcher that its stream is alive and how far the state machine has applied: empty key and
 * value, `revision` = the applied index. They never cost a watcher buffer room a change needs: one
 * goes only to a watcher with nothing buffered, and while it is still buffered (its consumer has
 * not taken it) the next change replaces it. So a slow or stopped consumer holds at most one, and
 * a progress event never causes an overflow (d-engine sends one to every watcher through the
 * same bounded buffer as changes, so its stalled consumer is eventually canceled by them).
 */
import { RejectedError } from '../errors.js';
import { InvalidCommandError } from './errors.js';
import { keyString } from './layered-map.js';

/** One event delivered to a key watcher. */
export interface WatchEvent {
  type: 'PUT' | 'DELETE' | 'CANCELED' | 'PROGRESS';
  /** The changed key; the watcher's key for CANCELED; empty for PROGRESS. */
  key: Buffer;
  /** New value for PUT; empty for DELETE, CANCELED and PROGRESS. */
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
  /** The one buffered event was put there by {@link EventQueue.pushWhenIdle}: the next push replaces it. */
  private supersedable = false;

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
    if (this.supersedable) this.#take();
    if (this.buf.length >= this.capacity) return false;
    const size = this.bytes ? this.bytes.sizeOf(v) : 0;
    if (this.bytes && this.buf.length > 0 && this.bufferedBytes + size > this.bytes.max) return false;
    this.buf.push(v);
    this.bufferedBytes += size;
    return true;
  }

  /**
   * Delivers `v` only when nothing is buffered (the consumer has taken every event): handed to a
   * waiting consumer, or buffered as the only event, and then replaced by the next `push` if the
   * consumer has not taken it by then (a newer event makes it stale). Returns false (and does
   * nothing) when events are buffered or the queue is closed. For status events such as PROGRESS:
   * they never hold room in the buffer that a real event needs, nor grow a slow consumer's buffer.
   */
  pushWhenIdle(v: T): boolean {
    if (this.done || this.buf.length > 0) return false;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: v, done: false });
      return true;
    }
    this.buf.push(v);
    if (this.bytes) this.bufferedBytes += this.bytes.sizeOf(v);
    this.supersedable = true;
    return true;
  }

  /** Removes and returns the oldest buffered event (the caller checked there is one). */
  #take(): T {
    const v = this.buf.shift()!;
    if (this.bytes) this.bufferedBytes -= this.bytes.sizeOf(v);
    this.supersedable = false;
    return v;
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
    if (this.buf.length > 0) return Promise.resolve({ value: this.#take(), done: false });
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
  /** The highest revision handed to this watcher (a change's or a progress event's). */
  revision: number;
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
    const w: KeyWatcher = { key, prefix: o.prefix ?? false, prevKv: o.prevKv ?? false, queue: null as unknown as EventQueue<WatchEvent>, revision: 0 };
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

  /**
   * Sends a PROGRESS event at `revision` (the applied index) to every key watcher that has nothing
   * buffered ({@link EventQueue.pushWhenIdle}: a watcher with events waiting is busy, and those
   * events carry revisions themselves) and has not been handed a higher revision (never a
   * revision lower than one already on its stream). One pass over the open key watchers, no
   * allocation per watcher beyond the event. Returns the number of watchers sent one.
   */
  progress(revision: number): number {
    if (this.keyWatcherCount === 0) return 0;
    const ev: WatchEvent = { type: 'PROGRESS', key: EMPTY, value: EMPTY, revision };
    let sent = 0;
    // pushWhenIdle never closes a watcher, so the sets do not change while they are walked.
    for (const index of [this.exact, this.prefixes]) {
      for (const set of index.values()) {
        for (const w of set) {
          if (w.revision > revision || !w.queue.pushWhenIdle(ev)) continue;
          w.revision = revision;
          sent++;
        }
      }
    }
    return sent;
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
      if (w.queue.push(ev)) w.revision = revision;
      else w.queue.close({ type: 'CANCELED', key: w.key, value: EMPTY, revision: 0, reason: 'overflow' });
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
