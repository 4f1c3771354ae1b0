/**
 * Watches (reference §6, "Watch"): a key or a `/`-delimited prefix, PUT/DELETE events with the
 * revision (the applied index of the entry that caused them) and, on request, the previous value.
 *
 * Each watcher has a bounded buffer. Events are pushed synchronously during apply, in apply
 * order; a consumer that falls `bufferSize` events behind gets the buffered events, then one
 * final CANCELED event (revision 0), and the watcher is closed and dropped (d-engine's overflow
 * behaviour). A restore from a snapshot cancels every key watcher the same way (the consumer must
 * resync: watch, scan, drop events with revision ≤ scan revision). Membership watchers get the
 * current membership immediately and one event per applied configuration.
 */
import { RejectedError } from '../errors.js';
import { InvalidCommandError } from './errors.js';

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

/**
 * A bounded single-consumer event queue. `push` never blocks; iteration ends after `close`
 * once the buffer is drained.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly buf: T[] = [];
  private waiter: ((r: IteratorResult<T>) => void) | null = null;
  private done = false;

  constructor(
    readonly capacity: number,
    private readonly onClose: () => void = () => undefined,
  ) {}

  get closed(): boolean {
    return this.done;
  }

  /** Number of undelivered events. */
  get pending(): number {
    return this.buf.length;
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
    this.buf.push(v);
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
    if (this.buf.length > 0) return Promise.resolve({ value: this.buf.shift()!, done: false });
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
}

interface KeyWatcher {
  key: Buffer;
  prefix: boolean;
  prevKv: boolean;
  queue: EventQueue<WatchEvent>;
}

const EMPTY = Buffer.alloc(0);

/** Registry of key and membership watchers of one state machine. */
export class WatchRegistry {
  private readonly keyWatchers = new Set<KeyWatcher>();
  private readonly memberWatchers = new Set<EventQueue<MembershipEvent>>();

  constructor(readonly maxWatchers = 10_000) {}

  /** Number of open key watchers. */
  get count(): number {
    return this.keyWatchers.size;
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
    const w: KeyWatcher = { key, prefix: o.prefix ?? false, prevKv: o.prevKv ?? false, queue: null as unknown as EventQueue<WatchEvent> };
    w.queue = new EventQueue<WatchEvent>(bufferSize, () => this.keyWatchers.delete(w));
    this.keyWatchers.add(w);
    return w.queue;
  }

  /** Key and membership watchers together are bounded by `maxWatchers`. */
  #checkRoom(): void {
    if (this.keyWatchers.size + this.memberWatchers.size >= this.maxWatchers) {
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
    if (this.keyWatchers.size === 0) return;
    for (const w of [...this.keyWatchers]) {
      const match = w.prefix ? key.length >= w.key.length && key.subarray(0, w.key.length).equals(w.key) : key.equals(w.key);
      if (!match) continue;
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
    for (const w of [...this.keyWatchers]) w.queue.close({ type: 'CANCELED', key: w.key, value: EMPTY, revision: 0, reason });
    if (reason === 'closed') for (const q of [...this.memberWatchers]) q.close();
  }
}
