/**
 * What every operator use case receives: the endpoints the user named, a client that reaches
 * them, and the command's time budget. Built by src/cli/context.ts (the one place that builds
 * channels and credentials); use cases never read flags, env or the terminal.
 */
import { setMaxListeners } from 'node:events';
import { TimeoutError } from '../errors.js';
import type { CallOptions } from '../transport/call.js';
import { MAX_TIMER_MS } from '../transport/clock.js';
import { AddressBook } from '../transport/address-identity.js';
import type { EndpointClient } from '../transport/endpoint-client.js';

/** The endpoint-client calls the read-only use cases make (a structural subset, so tests can fake it). */
export type OperatorClient = Pick<EndpointClient, 'getClusterMetadata' | 'discoverLeader' | 'probeVote' | 'getServerInfo' | 'getNodeStatus' | 'scan'>;

export interface OperatorContext {
  readonly client: OperatorClient;
  /** `host:port` strings, validated and de-duplicated, in the order given. */
  readonly endpoints: readonly string[];
  readonly budget: CallBudget;
  /**
   * Tells whether two spellings of an address name the same node (`localhost:P` given, the
   * cluster advertising `127.0.0.1:P`); one per command, so each host is resolved once. Optional
   * for contexts built by hand: {@link addressBookOf} then keeps one per budget.
   */
  readonly addresses?: AddressBook;
}

/** Address books of contexts built without one, one per command (its budget). */
const booksByBudget = new WeakMap<CallBudget, AddressBook>();

/**
 * The command's {@link AddressBook}: `ctx.addresses`, else one kept for `ctx.budget` (every
 * context derived from a command's context, `{...ctx, endpoints}`, shares its budget and so its
 * resolutions).
 */
export function addressBookOf(ctx: OperatorContext): AddressBook {
  if (ctx.addresses) return ctx.addresses;
  let book = booksByBudget.get(ctx.budget);
  if (book === undefined) {
    book = new AddressBook();
    booksByBudget.set(ctx.budget, book);
  }
  return book;
}


/** How close to the end of `--wait-timeout` a budget counts as spent ({@link CallBudget.expired}). */
const DEADLINE_SLACK_MS = 10;

/**
 * The command's deadlines (CLI.md, "deadlines"): each call gets `--timeout` (per attempt), and
 * no call outlives `--wait-timeout` counted from construction. When the whole budget runs out,
 * in-flight calls are cancelled (they fail with TimeoutError) and {@link check} throws.
 */
export class CallBudget {
  readonly #start: number;
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly timeoutMs: number,
    readonly waitTimeoutMs: number,
    readonly now: () => number = () => performance.now(),
  ) {
    this.#start = now();
    // Every call in flight listens on the budget's signal (removed when it ends): a fan-out over
    // more than 10 endpoints must not print Node's MaxListenersExceededWarning on stderr, where a
    // command's failure is exactly one line.
    setMaxListeners(0, this.#controller.signal);
    // Node's timers wait at most 2^31 − 1 ms (a longer delay fires at once): a longer budget (a
    // sum such as bench's --duration + 1 min) is ended by the timer at that limit, ~24.8 days.
    this.#timer = setTimeout(() => this.#controller.abort(this.expiredError()), Math.min(waitTimeoutMs, MAX_TIMER_MS));
    this.#timer.unref?.();
  }

  /** Milliseconds left of `--wait-timeout` (0 when spent). */
  remainingMs(): number {
    return Math.max(0, this.waitTimeoutMs - (this.now() - this.#start));
  }

  /**
   * Whether `--wait-timeout` has passed, or all but {@link DEADLINE_SLACK_MS} of it (not merely:
   * the command finished and disposed of the budget). The budget's abort and a call's deadline
   * capped at the budget's end fire by different clocks, a moment apart; no useful call fits in
   * what remains then.
   */
  expired(): boolean {
    return this.remainingMs() < DEADLINE_SLACK_MS || this.timedOut();
  }

  /** Whether the budget's timer fired (`--wait-timeout` passed), as opposed to {@link dispose}. */
  timedOut(): boolean {
    return this.#controller.signal.reason instanceof TimeoutError;
  }

  /** Aborts when `--wait-timeout` passes (or on {@link dispose}). */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Options for one call: deadline = min(`--timeout`, what is left); throws when nothing is left. */
  callOptions(): CallOptions {
    this.check();
    return { deadlineMs: Math.min(this.timeoutMs, this.remainingMs()), signal: this.#controller.signal };
  }

  /**
   * Waits `ms`, but never past the budget: resolves early (never rejects) when `--wait-timeout`
   * passes, so the caller's next {@link check} reports the timeout.
   */
  pause(ms: number): Promise<void> {
    const signal = this.#controller.signal;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, this.remainingMs()));
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Throws a TimeoutError (exit 5) once `--wait-timeout` has passed. */
  check(): void {
    if (this.remainingMs() <= 0 || this.#controller.signal.aborted) throw this.expiredError();
  }

  /** Stops the budget's timer and cancels anything still in flight. */
  dispose(): void {
    clearTimeout(this.#timer);
    if (!this.#controller.signal.aborted) this.#controller.abort(new Error('command finished'));
  }

  /** The TimeoutError (exit 5) that says `--wait-timeout` passed. */
  expiredError(): TimeoutError {
    return new TimeoutError(`the command did not finish within --wait-timeout (${this.waitTimeoutMs} ms)`, {
      hint: 'raise --wait-timeout or check that the nodes answer',
    });
  }
}
