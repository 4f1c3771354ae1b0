/**
 * Verdict rules shared by the read-only use cases (CLI.md, "Exit codes" and "verdicts"): each
 * endpoint's outcome maps to an exit code, and when endpoints disagree the most informative
 * answer wins (0, then 3, then 5, then 4; a malformed answer, exit 7, ranks after 3: see
 * {@link leaderVerdict}).
 *
 * Verdict commands always print their full result, also when `--wait-timeout` runs out. The
 * mechanism: every call goes through {@link settle}, which turns a failure into an outcome
 * (never a rejection) and names a call the deadline cut off ({@link CutOffError}, exit 5), so
 * the use case still builds its result from what it learned, with the rest null or
 * unreachable, and the verdict counts the cut-off calls as timeouts.
 */
import { EXIT, RaftCtlError, TimeoutError, mostInformativeExit, type ErrorDetails } from '../errors.js';
import type { CallOptions } from '../transport/call.js';
import type { AddressBook } from '../transport/address-identity.js';
import type { CallBudget } from './operator.js';

/** gRPC status codes the use cases test for (numbers from the gRPC spec; no grpc-js import here). */
export const GRPC_CODE = { CANCELLED: 1, UNIMPLEMENTED: 12, PERMISSION_DENIED: 7 } as const;

/**
 * The exit code one endpoint's failure stands for when the question was "who leads?":
 * no connection → 4; a deadline → 5; a malformed answer (a protocol violation: garbage bytes, a
 * uint64 above 2^53−1) or another integrity failure → 7; any answer from a live node that names
 * no leader (UNAVAILABLE "not ready", PERMISSION_DENIED from a candidate or learner, NOT_FOUND,
 * ...) → 3.
 */
export function leaderlessExit(error: unknown): number {
  if (error instanceof RaftCtlError) {
    if (error.exitCode === EXIT.UNREACHABLE) return EXIT.UNREACHABLE;
    if (error.exitCode === EXIT.TIMEOUT) return EXIT.TIMEOUT;
    if (error.exitCode === EXIT.INTEGRITY) return EXIT.INTEGRITY;
  }
  return EXIT.NO_LEADER;
}

/**
 * The command's exit code: 0 when a leader is known; otherwise the most informative of the
 * endpoints' codes, where an endpoint that answered without naming a leader counts 3. A
 * malformed answer (7) ranks between the two: a node's valid answer says more, but it was an
 * answer, so it says more than a timeout or no connection (0, then 3, then 7, then 5, then 4).
 * With no outcomes at all the answer is 4 (nothing could be asked).
 */
export function leaderVerdict(leaderKnown: boolean, outcomes: readonly { error: unknown }[]): number {
  if (leaderKnown) return EXIT.OK;
  const codes = outcomes.map((o) => (o.error == null ? EXIT.NO_LEADER : leaderlessExit(o.error)));
  if (codes.length === 0) return EXIT.UNREACHABLE;
  if (codes.includes(EXIT.INTEGRITY) && !codes.includes(EXIT.NO_LEADER)) return EXIT.INTEGRITY;
  return mostInformativeExit(codes.filter((c) => c !== EXIT.INTEGRITY));
}

/** The one-line text of a failure for a result's `error` field. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // grpc-js appends an empty "Resolution note: " to connection failures; it says nothing.
  return text.replace(/\s*\n\s*/g, '; ').replace(/\.?\s*Resolution note:\s*$/, '');
}

/** Whether a failure means nothing reached the node (connection refused, DNS, connect timeout). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof RaftCtlError && error.exitCode === EXIT.UNREACHABLE;
}

/**
 * The outcome showing that `address` (host:port, as a node advertises it) was asked in this run,
 * in whatever spelling `book` takes for the same node (`localhost:P` given for `127.0.0.1:P`),
 * and could not be connected, if any: how a leader the others still name after it died is told
 * apart from a live one (leader discovery, cluster status).
 */
export async function unreachableAt<O extends { readonly endpoint: string; readonly error: unknown }>(book: AddressBook, outcomes: readonly O[], address: string): Promise<O | undefined> {
  for (const o of outcomes) if (isUnreachable(o.error) && (await book.same(o.endpoint, address))) return o;
  return undefined;
}

/** The gRPC status code a transport error carries, if any. */
export function grpcCodeOf(error: unknown): number | undefined {
  const code = error instanceof RaftCtlError ? error.details?.grpcCode : undefined;
  return typeof code === 'number' ? code : undefined;
}

/** How a {@link CutOffError}'s message ends: "cut off by --wait-timeout (N ms)". */
export function cutOffText(waitTimeoutMs: number): string {
  return `cut off by --wait-timeout (${waitTimeoutMs} ms)`;
}

/**
 * A call that `--wait-timeout` cut off while it was in flight, or that could not start because
 * the budget was spent. A timeout (exit 5) like any other, but it says which deadline passed.
 */
export class CutOffError extends TimeoutError {
  constructor(endpoint: string, waitTimeoutMs: number, options: { hint?: string; details?: ErrorDetails; cause?: unknown } = {}) {
    super(`${endpoint}: ${cutOffText(waitTimeoutMs)}`, {
      hint: options.hint ?? 'raise --wait-timeout',
      details: { endpoint, ...options.details },
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
  }
}

/**
 * A read left out because the caller's straggler deadline passed first (`cluster health` keeps
 * the rest of `--wait-timeout` for its own checks): a timeout (exit 5), not a node seen down.
 */
export class StragglerTimeoutError extends TimeoutError {
  /** `why`: what the node was not waited for beyond (default: the checks that need the rest of --wait-timeout). */
  constructor(endpoint: string, why = 'in the time left for it (the rest of --wait-timeout was kept for the checks)', hint = 'raise --wait-timeout, or check the node') {
    super(`${endpoint}: no answer ${why}`, { hint, details: { endpoint } });
  }
}

/** One call's outcome: its value, or its failure (`error` null when it answered). */
export interface Settled<T> {
  readonly endpoint: string;
  readonly value: T | null;
  readonly error: unknown;
}

/**
 * Makes one call to `endpoint` with options from `budget` (deadline = min(`--timeout`, what is
 * left)) and returns its outcome instead of rejecting. A failure that comes from `--wait-timeout`
 * running out (the call cancelled in flight, connected or not, its deadline capped at the
 * budget's end, or not started because the budget was spent) becomes a {@link CutOffError};
 * every other failure is returned as it is.
 */
export async function settle<T>(budget: CallBudget, endpoint: string, call: (options: CallOptions) => Promise<T>): Promise<Settled<T>> {
  try {
    return { endpoint, value: await call(budget.callOptions()), error: null };
  } catch (error) {
    // Once the budget has cancelled the calls in flight, any failure is that cancellation (the
    // transport reports one still waiting for a connection as UNREACHABLE, nothing sent); just
    // before, a call's own deadline is the budget's remainder (CallBudget.expired).
    const timedOut = error instanceof RaftCtlError && error.exitCode === EXIT.TIMEOUT;
    const cutOff = budget.timedOut() || (timedOut && budget.expired());
    return { endpoint, value: null, error: cutOff ? new CutOffError(endpoint, budget.waitTimeoutMs) : error };
  }
}

/**
 * How long a read of several nodes waits for the ones still silent once one has answered
 * ({@link withoutStragglers}): a hung node (accepting connections, answering nothing until
 * `--timeout`) must not hold back, nor let `--wait-timeout` cut off, what the live ones said.
 */
export const STRAGGLER_GRACE_MS = 500;

/**
 * The straggler grace for a read under `budget`: {@link STRAGGLER_GRACE_MS}, or a quarter of
 * what is left of `--wait-timeout` when that is less, so a tight budget still leaves time to
 * read the members after the first answers.
 */
export function stragglerGraceMs(budget: { remainingMs(): number }, graceMs = STRAGGLER_GRACE_MS): number {
  return Math.min(graceMs, Math.floor(budget.remainingMs() / 4));
}

/**
 * How long a node that has not answered is waited for once others have, where its answer only
 * adds detail (leader discovery) or another node can serve the request (kv routing: the wait for
 * its connection): a hung node (accepts TCP, never answers) then costs this, not all of
 * `--timeout`. Long enough for a cold connection to a far node (a few round trips).
 */
export const SILENT_NODE_MS = 1000;

/**
 * Waits for `promises` (which must never reject) until all have settled or the monotonic time
 * `deadline` (performance.now(); Infinity: no deadline) passes, and returns the values settled
 * by then, `undefined` for the rest.
 */
export function settledBy<T>(promises: readonly Promise<T>[], deadline: number): Promise<(T | undefined)[]> {
  const values: (T | undefined)[] = promises.map(() => undefined);
  const all = Promise.all(promises.map((p, i) => p.then((v) => (values[i] = v))));
  if (deadline === Infinity) return all.then(() => [...values]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const passed = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - performance.now()))));
  return Promise.race([all, passed]).then(() => {
    clearTimeout(timer);
    return [...values];
  });
}

/**
 * Waits for `promises` (which must never reject) until all have settled, or until `graceMs`
 * after the first one resolved with a value `isAnswer` accepts, whichever comes first. Returns
 * the values in order, `undefined` for those still pending then; those keep running, and the
 * caller awaits them later for their results.
 */
export function withoutStragglers<T>(promises: readonly Promise<T>[], isAnswer: (value: T) => boolean, graceMs: number): Promise<(T | undefined)[]> {
  const values: (T | undefined)[] = promises.map(() => undefined);
  if (promises.length === 0) return Promise.resolve(values);
  return new Promise((resolve) => {
    let pending = promises.length;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve([...values]);
    };
    promises.forEach((promise, i) => {
      void promise.then((value) => {
        if (done) return;
        values[i] = value;
        if (--pending === 0) finish();
        else if (timer === undefined && isAnswer(value)) timer = setTimeout(finish, graceMs);
      });
    });
  });
}

/**
 * One outcome per endpoint, in first-seen order, for a use case that calls an endpoint more
 * than once: an endpoint that answered any call counts as answered (error null, it is live);
 * otherwise its first failure stands. Keeps a verdict line from naming one failure twice.
 */
export function onePerEndpoint<O extends { readonly endpoint: string; readonly error: unknown }>(outcomes: readonly O[]): O[] {
  const byEndpoint = new Map<string, O>();
  for (const o of outcomes) {
    const seen = byEndpoint.get(o.endpoint);
    if (seen === undefined || (seen.error != null && o.error == null)) byEndpoint.set(o.endpoint, o);
  }
  return [...byEndpoint.values()];
}

/** A result plus the exit code its verdict stands for; the CLI prints `result` and exits with `exitCode`. */
export interface Verdict<T> {
  readonly result: T;
  readonly exitCode: number;
  /** One line for stderr when `exitCode` is not 0: what failed, why. */
  readonly message: string | null;
  /** What to try, when `exitCode` is not 0. */
  readonly hint: string | null;
  /** The CLI.md error code of a non-zero verdict (NO_LEADER, UNREACHABLE, TIMEOUT, PROTOCOL_VIOLATION, ...). */
  readonly code: string | null;
}

/** The error code CLI.md names for a verdict's exit code. */
export function verdictCode(exitCode: number): string | null {
  switch (exitCode) {
    case EXIT.OK: return null;
    case EXIT.NO_LEADER: return 'NO_LEADER';
    case EXIT.UNREACHABLE: return 'UNREACHABLE';
    case EXIT.TIMEOUT: return 'TIMEOUT';
    default: return 'FAILED';
  }
}

/** What to do when the endpoints given are d-engine learners (reference §3.6, §3.8). */
export const LEARNER_HINT = 'give the address of a voter (a d-engine learner can name neither the leader nor the members)';

/**
 * Why no leader is known, given the verdict's exit code (from {@link leaderVerdict}) and the
 * endpoints' outcomes: one clause naming each failed endpoint's failure once, and what to try.
 */
export function leaderlessReason(exitCode: number, outcomes: readonly { endpoint: string; error: unknown }[]): { reason: string; hint: string } {
  const failures = onePerEndpoint(outcomes).filter((o) => o.error != null);
  const why = failures.length > 0 ? ` (${failures.map((o) => errorText(o.error)).join('; ')})` : '';
  switch (exitCode) {
    case EXIT.UNREACHABLE:
      return { reason: `no endpoint could be connected${why}`, hint: 'check --endpoints (or RAFTCTL_ENDPOINTS) and that the nodes are running' };
    case EXIT.TIMEOUT:
      return {
        reason: `no endpoint answered in time${why}`,
        hint: failures.some((o) => o.error instanceof CutOffError)
          ? 'raise --wait-timeout (it passed before the nodes answered), or check that they are not hung'
          : 'raise --timeout, or check that the nodes are not overloaded',
      };
    case EXIT.INTEGRITY:
      return {
        reason: `the only answers were malformed${why}`,
        hint: 'a node answered with messages that break the protocol (garbage bytes, or a number above 2^53-1): check that the endpoints are raftctl or d-engine nodes of a compatible version',
      };
    default:
      // Only d-engine learners answered: they cannot name the leader or the members, and never will.
      if (failures.length > 0 && failures.length === onePerEndpoint(outcomes).length && failures.every((o) => o.error instanceof RaftCtlError && o.error.code === 'LEARNER_ENDPOINT')) {
        return { reason: `the reachable nodes know no leader${why}`, hint: LEARNER_HINT };
      }
      return { reason: `the reachable nodes know no leader${why}`, hint: 'an election may be in progress; retry shortly, or run `raftctl wait leader`' };
  }
}

/** The error code of a verdict with exit code 7: that of the first integrity failure among `outcomes` (PROTOCOL_VIOLATION when none says). */
function integrityCode(outcomes: readonly { error: unknown }[]): string {
  const failure = outcomes.find((o) => o.error instanceof RaftCtlError && o.error.exitCode === EXIT.INTEGRITY);
  return (failure?.error as RaftCtlError | undefined)?.code ?? 'PROTOCOL_VIOLATION';
}

/** The verdict of a question `what` that `error` answered for the whole command: its exit code, code, message and hint. */
export function errorVerdict<T>(result: T, what: string, error: RaftCtlError): Verdict<T> {
  return { result, exitCode: error.exitCode, code: error.code, message: `${what}: ${error.message}`, hint: error.hint ?? null };
}

/**
 * The verdict of a question about the leader: exit 0 with no message when `exitCode` is 0;
 * otherwise the stderr line `what: reason` and its hint ({@link leaderlessReason}). `what`
 * names the question asked ("leader discovery", "cluster status").
 */
export function leaderlessVerdict<T>(result: T, exitCode: number, what: string, outcomes: readonly { endpoint: string; error: unknown }[]): Verdict<T> {
  if (exitCode === EXIT.OK) return { result, exitCode, message: null, hint: null, code: null };
  const { reason, hint } = leaderlessReason(exitCode, outcomes);
  const code = exitCode === EXIT.INTEGRITY ? integrityCode(outcomes) : verdictCode(exitCode);
  return { result, exitCode, code, message: `${what}: ${reason}`, hint };
}
