/**
 * Verdict rules shared by the read-only use cases (CLI.md, "Exit codes" and "verdicts"): each
 * endpoint's outcome maps to an exit code, and when endpoints disagree the most informative
 * answer wins (0, then 3, then 5, then 4).
 */
import { EXIT, RaftCtlError, mostInformativeExit } from '../errors.js';

/** gRPC status codes the use cases test for (numbers from the gRPC spec; no grpc-js import here). */
export const GRPC_CODE = { UNIMPLEMENTED: 12, PERMISSION_DENIED: 7 } as const;

/**
 * The exit code one endpoint's failure stands for when the question was "who leads?":
 * no connection → 4; a deadline → 5; any answer from a live node that names no leader
 * (UNAVAILABLE "not ready", PERMISSION_DENIED from a candidate or learner, NOT_FOUND, ...) → 3.
 */
export function leaderlessExit(error: unknown): number {
  if (error instanceof RaftCtlError) {
    if (error.exitCode === EXIT.UNREACHABLE) return EXIT.UNREACHABLE;
    if (error.exitCode === EXIT.TIMEOUT) return EXIT.TIMEOUT;
  }
  return EXIT.NO_LEADER;
}

/**
 * The command's exit code: 0 when a leader is known; otherwise the most informative of the
 * endpoints' codes, where an endpoint that answered without naming a leader counts 3. With no
 * outcomes at all the answer is 4 (nothing could be asked).
 */
export function leaderVerdict(leaderKnown: boolean, outcomes: readonly { error: unknown }[]): number {
  if (leaderKnown) return EXIT.OK;
  const codes = outcomes.map((o) => (o.error == null ? EXIT.NO_LEADER : leaderlessExit(o.error)));
  return codes.length === 0 ? EXIT.UNREACHABLE : mostInformativeExit(codes);
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

/** The gRPC status code a transport error carries, if any. */
export function grpcCodeOf(error: unknown): number | undefined {
  const code = error instanceof RaftCtlError ? error.details?.grpcCode : undefined;
  return typeof code === 'number' ? code : undefined;
}

/** A result plus the exit code its verdict stands for; the CLI prints `result` and exits with `exitCode`. */
export interface Verdict<T> {
  readonly result: T;
  readonly exitCode: number;
  /** One line for stderr when `exitCode` is not 0: what failed, why. */
  readonly message: string | null;
  /** What to try, when `exitCode` is not 0. */
  readonly hint: string | null;
  /** The CLI.md error code of a non-zero verdict (NO_LEADER, UNREACHABLE, TIMEOUT). */
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

/**
 * The stderr line and hint of a leaderless verdict: which endpoints failed and how, and what
 * to try. `what` names the question asked ("leader discovery", "cluster status").
 */
export function leaderlessVerdict<T>(result: T, exitCode: number, what: string, outcomes: readonly { endpoint: string; error: unknown }[]): Verdict<T> {
  const failures = outcomes.filter((o) => o.error != null).map((o) => errorText(o.error));
  const why = failures.length > 0 ? ` (${failures.join('; ')})` : '';
  switch (exitCode) {
    case EXIT.OK:
      return { result, exitCode, message: null, hint: null, code: null };
    case EXIT.UNREACHABLE:
      return {
        result, exitCode, code: verdictCode(exitCode),
        message: `${what}: no endpoint could be connected${why}`,
        hint: 'check --endpoints (or RAFTCTL_ENDPOINTS) and that the nodes are running',
      };
    case EXIT.TIMEOUT:
      return {
        result, exitCode, code: verdictCode(exitCode),
        message: `${what}: no endpoint answered in time${why}`,
        hint: 'raise --timeout, or check that the nodes are not overloaded',
      };
    default:
      return {
        result, exitCode, code: verdictCode(exitCode),
        message: `${what}: the reachable nodes know no leader${why}`,
        hint: 'an election may be in progress; retry shortly, or run `raftctl wait leader`',
      };
  }
}
