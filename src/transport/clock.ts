/**
 * Time for the transport and the runtime: a monotonic clock with cancellable sleeps.
 * Production code uses {@link systemClock}; tests inject a manual clock so backoff delays,
 * deadlines and reconnect waits are asserted exactly (test/harness/manual-clock.ts).
 */

/**
 * The longest delay Node's timers honour: 2^31 − 1 ms (about 24.8 days). A longer one fires after
 * 1 ms with a TimeoutOverflowWarning, so a wait meant to last longer ends at once.
 */
export const MAX_TIMER_MS = 2_147_483_647;

export interface Clock {
  /** Monotonic milliseconds; only differences are meaningful. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds. Rejects with the signal's reason when `signal` aborts
   * first; a sleep of 0 or less resolves on the next turn.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The process's monotonic clock (performance.now) and real timers. A sleep longer than
 * {@link MAX_TIMER_MS} lasts MAX_TIMER_MS (a valid RetryPolicy's `timeoutMs` may be larger, e.g.
 * `Infinity`; a raw timer would fire after 1 ms and fail the wait at once).
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A source of uniform random numbers in [0, 1), injectable for exact jitter in tests. */
export type RandomSource = () => number;
