/**
 * Retry and backoff policies for node-to-node and operator traffic.
 *
 * A policy is a plain config object. Defaults are d-engine's `RetryPolicies` (reference §2.3)
 * so raftctl behaves like a d-engine peer on the wire, with two departures recorded in
 * docs/protocol-departures.md: `maxAttempts` 0 is rejected (d-engine documents 0 as
 * "unlimited" and its code makes no attempt), and a status that cannot succeed on retry
 * (INVALID_ARGUMENT, PERMISSION_DENIED, UNIMPLEMENTED, ...) is never retried, where d-engine
 * retries every error.
 */
import { asRaftCtlError, ConfigError, OutcomeUnknownError, RaftCtlError, TimeoutError } from '../errors.js';
import type { Clock, RandomSource } from './clock.js';
import { isRetryable } from './status.js';
import { shown } from './arguments.js';

export interface RetryPolicy {
  /** Attempts in all, including the first. At least 1 (0 is rejected). */
  readonly maxAttempts: number;
  /** Deadline of each attempt, in ms (> 0). */
  readonly timeoutMs: number;
  /** Sleep before the second attempt; doubles after every failed attempt. */
  readonly baseDelayMs: number;
  /** Cap of the sleep between attempts (≥ baseDelayMs, ≤ 120000 as in d-engine). */
  readonly maxDelayMs: number;
  /**
   * Fraction of each sleep that is randomized, in [0, 1]: the sleep is drawn uniformly from
   * [delay·(1−jitter), delay]. 0 gives d-engine's exact doubling.
   */
  readonly jitter: number;
}

/** d-engine's effective defaults (`RetryPolicies::default()`), with raftctl's jitter. */
export const DEFAULT_RETRY = {
  appendEntries: { maxAttempts: 1, timeoutMs: 100, baseDelayMs: 50, maxDelayMs: 1000, jitter: 0.2 },
  election: { maxAttempts: 3, timeoutMs: 100, baseDelayMs: 50, maxDelayMs: 5000, jitter: 0.2 },
  membership: { maxAttempts: 120, timeoutMs: 500, baseDelayMs: 3000, maxDelayMs: 60000, jitter: 0.2 },
  autoDiscovery: { maxAttempts: 3, timeoutMs: 100, baseDelayMs: 50, maxDelayMs: 1000, jitter: 0.2 },
  joinCluster: { maxAttempts: 3, timeoutMs: 500, baseDelayMs: 3000, maxDelayMs: 60000, jitter: 0.2 },
  installSnapshot: { maxAttempts: 3, timeoutMs: 500, baseDelayMs: 50, maxDelayMs: 2000, jitter: 0.2 },
} as const satisfies Record<string, RetryPolicy>;

/** Throws {@link ConfigError} unless the policy can work (d-engine's `validate` rules plus ours). */
export function validateRetryPolicy(policy: RetryPolicy, name = 'retry policy'): RetryPolicy {
  const bad = (why: string): never => {
    throw new ConfigError(`${name}: ${why}`);
  };
  if (typeof policy !== 'object' || policy === null) bad(`must be an object {maxAttempts, timeoutMs, baseDelayMs, maxDelayMs, jitter} (got ${shown(policy)})`);
  // A string such as '100' compares as a number below; it is the caller's mistake, not a policy.
  for (const field of ['maxAttempts', 'timeoutMs', 'baseDelayMs', 'maxDelayMs', 'jitter'] as const) {
    if (typeof policy[field] !== 'number') bad(`${field} must be a number (got ${shown(policy[field])})`);
  }
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) bad(`maxAttempts must be an integer ≥ 1 (got ${policy.maxAttempts}); 0 is not "unlimited"`);
  if (!(policy.timeoutMs > 0)) bad(`timeoutMs must be > 0 (got ${policy.timeoutMs})`);
  if (!(policy.baseDelayMs >= 0)) bad(`baseDelayMs must be ≥ 0 (got ${policy.baseDelayMs})`);
  if (!(policy.maxDelayMs >= policy.baseDelayMs)) bad(`maxDelayMs (${policy.maxDelayMs}) must be ≥ baseDelayMs (${policy.baseDelayMs})`);
  if (policy.maxDelayMs > 120_000) bad(`maxDelayMs must be ≤ 120000 (got ${policy.maxDelayMs})`);
  if (!(policy.jitter >= 0 && policy.jitter <= 1)) bad(`jitter must be in [0, 1] (got ${policy.jitter})`);
  return policy;
}

/** The fields of a {@link RetryPolicy} that shape its backoff. */
export type BackoffPolicy = Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'jitter'>;

/**
 * The sleep after failed attempt number `failedAttempt` (1-based): baseDelay·2^(n−1), capped at
 * maxDelay, then jittered downwards by up to `jitter` of itself (rounded to whole ms).
 */
export function backoffDelay(policy: BackoffPolicy, failedAttempt: number, random: RandomSource = Math.random): number {
  const exponent = Math.min(failedAttempt - 1, 30);
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  if (policy.jitter === 0) return delay;
  return Math.round(delay * (1 - policy.jitter * random()));
}

export interface AttemptContext {
  /** 1-based attempt number. */
  readonly attempt: number;
  /** Per-attempt deadline in ms: the policy's `timeoutMs`. */
  readonly timeoutMs: number;
  /** Aborts when the caller gives up. */
  readonly signal?: AbortSignal;
}

export interface RetryOptions {
  readonly clock: Clock;
  readonly random?: RandomSource;
  /** Aborts the whole operation, including a pending backoff sleep. */
  readonly signal?: AbortSignal;
  /**
   * The call is a write that may have reached the server: an attempt whose outcome is unknown
   * (deadline passed, connection lost after sending) is never retried; it fails with
   * {@link OutcomeUnknownError}.
   */
  readonly unsafeToRepeat?: boolean;
  /** Called before each backoff sleep (for logs and tests). */
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: RaftCtlError }) => void;
}

/** What {@link withRetry} reports besides the value: how many attempts it took. */
export interface Retried<T> {
  readonly value: T;
  readonly attempts: number;
}

/**
 * Runs `attempt` up to `policy.maxAttempts` times with exponential backoff between failures.
 * Errors must be {@link RaftCtlError}s (the gRPC call layer maps statuses); a non-retryable
 * one (see `isRetryable`) ends the loop at once. After the last attempt the last error is thrown
 * with `details.attempts` set.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (ctx: AttemptContext) => Promise<T>,
  options: RetryOptions,
): Promise<Retried<T>> {
  validateRetryPolicy(policy);
  let lastError: RaftCtlError | undefined;
  for (let n = 1; n <= policy.maxAttempts; n++) {
    if (options.signal?.aborted) throw lastError ?? new TimeoutError('operation cancelled before its first attempt', { details: { attempts: 0, sent: false } });
    try {
      const ctx: AttemptContext = options.signal ? { attempt: n, timeoutMs: policy.timeoutMs, signal: options.signal } : { attempt: n, timeoutMs: policy.timeoutMs };
      return { value: await attempt(ctx), attempts: n };
    } catch (err) {
      const error = asRaftCtlError(err);
      if (options.unsafeToRepeat && outcomeUnknown(error)) {
        throw new OutcomeUnknownError(`${error.message}; the write may have been applied, so it is not retried`, {
          cause: error,
          hint: 'read the key back before writing again',
          details: { attempts: n, outcome: 'unknown' },
        });
      }
      lastError = withAttempts(error, n);
      if (!isRetryable(error) || n === policy.maxAttempts) throw lastError;
      const delayMs = backoffDelay(policy, n, options.random);
      options.onRetry?.({ attempt: n, delayMs, error });
      try {
        await options.clock.sleep(delayMs, options.signal);
      } catch {
        throw lastError;
      }
    }
  }
  throw lastError ?? new TimeoutError('no attempt was made', { details: { attempts: 0, sent: false } });
}

/**
 * An error after which a write may or may not have been applied: the call was cut short after it
 * was sent (a timeout, a cancellation, a connection lost mid-call). A node's definite answer
 * (INVALID_ARGUMENT, "not the leader", any other refusal) says it was not applied, and a connect
 * failure that nothing was sent; those are not "unknown".
 */
function outcomeUnknown(error: RaftCtlError): boolean {
  if (error.details?.sent === false) return false;
  if (error.code === 'TIMEOUT' || error.code === 'OUTCOME_UNKNOWN') return true;
  return error.code === 'UNREACHABLE' && error.details?.sent === true; // lost mid-call (status.ts)
}

function withAttempts(error: RaftCtlError, attempts: number): RaftCtlError {
  error.details = { ...(error.details ?? {}), attempts };
  return error;
}

