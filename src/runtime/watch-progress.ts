/**
 * The Watch PROGRESS timer of one node (reference §6 "Watch": d-engine sends PROGRESS every
 * `heartbeat_interval_ms`, 30 s): one timer for the node's whole watch registry, never one per
 * watcher. Every `intervalMs` it calls `send` once (KvStateMachine.watchProgress: one pass over
 * the open key watchers, a PROGRESS event at the applied index to each idle one), so the work is
 * O(watchers) once per interval, whatever the number of watchers.
 *
 * Time comes from an injected {@link Clock} (tests use test/harness/manual-clock.ts). The next
 * wait starts after `send` returned: a late timer (a busy event loop) never fires a burst of
 * catch-up rounds, as d-engine's skips missed ticks. An interval of 0 disables the timer.
 */
import { MAX_TIMER_MS, systemClock, type Clock } from '../transport/clock.js';

/** d-engine's default `raft.watch.heartbeat_interval_ms`, which raftctl nodes follow. */
export const DEFAULT_WATCH_PROGRESS_MS = 30_000;

/** The shortest interval accepted (besides 0, off): each round walks every open watcher. */
export const MIN_WATCH_PROGRESS_MS = 100;

/** What a {@link WatchProgressTimer} needs. */
export interface WatchProgressOptions {
  /** Milliseconds between rounds; 0 disables. Otherwise {@link MIN_WATCH_PROGRESS_MS} to {@link MAX_TIMER_MS}. */
  readonly intervalMs: number;
  /** One round: sends PROGRESS to the idle watchers; returns how many got one. */
  readonly send: () => number;
  /** Default the system clock. */
  readonly clock?: Clock;
}

/** Checks an interval (RangeError naming the bounds): 0, or {@link MIN_WATCH_PROGRESS_MS}..{@link MAX_TIMER_MS}. */
export function checkWatchProgressInterval(ms: number): void {
  if (ms === 0) return;
  if (!Number.isInteger(ms) || ms < MIN_WATCH_PROGRESS_MS || ms > MAX_TIMER_MS) {
    throw new RangeError(`the watch progress interval must be 0 (off) or ${MIN_WATCH_PROGRESS_MS} to ${MAX_TIMER_MS} ms, got ${ms}`);
  }
}

/** See the module contract. `start()` once, `stop()` at shutdown (idempotent); nothing is sent after `stop()`. */
export class WatchProgressTimer {
  readonly #intervalMs: number;
  readonly #send: () => number;
  readonly #clock: Clock;
  readonly #stop = new AbortController();
  #running: Promise<void> | null = null;

  constructor(o: WatchProgressOptions) {
    checkWatchProgressInterval(o.intervalMs);
    this.#intervalMs = o.intervalMs;
    this.#send = o.send;
    this.#clock = o.clock ?? systemClock;
  }

  /** Starts the rounds (nothing when the interval is 0 or it already runs or was stopped). */
  start(): void {
    if (this.#intervalMs === 0 || this.#running || this.#stop.signal.aborted) return;
    this.#running = this.#loop();
  }

  async #loop(): Promise<void> {
    const signal = this.#stop.signal;
    for (;;) {
      try {
        await this.#clock.sleep(this.#intervalMs, signal);
      } catch {
        return; // stopped
      }
      if (signal.aborted) return;
      this.#send();
    }
  }

  /** Stops the rounds: no `send` after this returns. */
  stop(): void {
    this.#stop.abort();
  }
}
