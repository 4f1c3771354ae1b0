/**
 * A {@link Clock} that moves only when a test says so, so backoff delays, deadlines and
 * reconnect waits are asserted exactly.
 *
 * - `now()` starts at 0 and changes only through {@link ManualClock.advance}.
 * - `sleep(ms)` records `ms` in {@link ManualClock.sleeps} and resolves when `advance` moves the
 *   clock to or past its due time; a sleep of 0 or less resolves on the next turn. An aborted
 *   signal rejects the sleep with its reason and removes it.
 * - `advance(ms)` fires every due sleep in due-time order (ties in the order they were made),
 *   setting `now()` to each one's due time before resolving it.
 * - `waitForSleepers(n)` lets a test wait (bounded in real time) until code under test is
 *   parked in `n` sleeps.
 */
import type { Clock } from '../../src/transport/clock.js';

interface Sleeper {
  readonly due: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #sleepers: Sleeper[] = [];
  readonly #watchers = new Set<() => void>();
  /** Every requested sleep duration, in call order. */
  readonly sleeps: number[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        due: this.#now + ms,
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const i = this.#sleepers.indexOf(sleeper);
        if (i >= 0) this.#sleepers.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(sleeper);
      for (const w of [...this.#watchers]) w();
    });
  }

  /** Moves the clock forward by `ms` and fires every sleep that has come due, in order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance(ms) needs ms ≥ 0 (got ${ms})`);
    const target = this.#now + ms;
    const due = this.#sleepers.filter((s) => s.due <= target).sort((a, b) => a.due - b.due || a.seq - b.seq);
    for (const s of due) {
      this.#sleepers.splice(this.#sleepers.indexOf(s), 1);
      this.#now = s.due;
      s.resolve();
    }
    this.#now = target;
  }

  /** Remaining time of each pending sleep, soonest first. */
  get pending(): number[] {
    return this.#sleepers.map((s) => s.due - this.#now).sort((a, b) => a - b);
  }

  /**
   * Resolves once at least `n` sleeps are pending (or when `signal` aborts); rejects after
   * `timeoutMs` of real time (default 5000) so a test never hangs.
   */
  waitForSleepers(n = 1, timeoutMs = 5000, signal?: AbortSignal): Promise<void> {
    if (this.#sleepers.length >= n) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const stop = (): void => {
        clearTimeout(timer);
        this.#watchers.delete(check);
        signal?.removeEventListener('abort', onAbort);
      };
      const check = (): void => {
        if (this.#sleepers.length >= n) {
          stop();
          resolve();
        }
      };
      const onAbort = (): void => {
        stop();
        resolve();
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`ManualClock: expected ${n} pending sleep(s) within ${timeoutMs} ms, have ${this.#sleepers.length}`));
      }, timeoutMs);
      this.#watchers.add(check);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Settles `work` by advancing the clock to each pending sleep as it appears (soonest first).
   * Rejects after `timeoutMs` of real time if `work` neither settles nor sleeps.
   */
  async drive<T>(work: Promise<T>, timeoutMs = 5000): Promise<T> {
    let settled = false;
    const done = work.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      const cancel = new AbortController();
      const sleeping = this.waitForSleepers(1, timeoutMs, cancel.signal).then(() => 'sleep' as const);
      const which = await Promise.race([done.then(() => 'done' as const), sleeping]);
      cancel.abort();
      if (which === 'done') break;
      const next = this.pending[0];
      if (next !== undefined) this.advance(next);
    }
    return work;
  }
}
