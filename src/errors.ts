/**
 * raftctl's error classes, error codes and the exit-code table of CLI.md.
 *
 * Every error a user can see is a {@link RaftCtlError}: a SCREAMING_SNAKE `code` (reusing
 * d-engine's names where one exists), the process `exitCode` it maps to, a one-line
 * `message` (what failed and why) and an optional `hint` (what to try). Each error sets both
 * `exitCode` (read by oclif's `Command.catch` under `--json`) and `oclif.exit` (read by
 * oclif's global handler otherwise), so both paths exit with the same code.
 *
 * This module imports nothing.
 */

/** Process exit codes (CLI.md, "Exit codes"). */
export const EXIT = {
  OK: 0,
  BUG: 1,
  USAGE: 2,
  NO_LEADER: 3,
  UNREACHABLE: 4,
  TIMEOUT: 5,
  REJECTED: 6,
  INTEGRITY: 7,
  UNHEALTHY: 8,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Extra, JSON-safe facts an error carries for `--json` output and for programmatic callers. */
export type ErrorDetails = Record<string, string | number | boolean | null | undefined>;

export interface RaftCtlErrorOptions extends ErrorOptions {
  hint?: string;
  details?: ErrorDetails;
}

/** Base class of every error raftctl reports to a user. */
export class RaftCtlError extends Error {
  readonly exitCode: ExitCode;
  readonly oclif: { exit: number };
  readonly hint: string | undefined;
  /** Mutable so layers can add facts (attempts, endpoint) as the error travels up. */
  details: ErrorDetails | undefined;

  constructor(
    readonly code: string,
    exitCode: ExitCode,
    message: string,
    options: RaftCtlErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.oclif = { exit: exitCode };
    this.hint = options.hint;
    this.details = options.details;
  }

  /** The `{"error": ...}` object of CLI.md's error line. */
  toJSON(): { code: string; exitCode: number; message: string; hint: string | null } {
    return { code: this.code, exitCode: this.exitCode, message: this.message, hint: this.hint ?? null };
  }
}

/** A bad flag, argument or option value (exit 2). */
export class UsageError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('USAGE', EXIT.USAGE, message, options);
  }
}

/**
 * The endpoints given answer for different clusters and nothing tells which one is meant (as
 * many endpoints answer for each, and each one's configuration names as many of them): a bad
 * `--endpoints` value that waiting cannot fix (exit 2, code AMBIGUOUS_CLUSTER).
 */
export class AmbiguousClusterError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('AMBIGUOUS_CLUSTER', EXIT.USAGE, message, options);
  }
}

/** A configuration object (retry policy, chunk size, ...) that cannot work (exit 2). */
export class ConfigError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('INVALID_CONFIG', EXIT.USAGE, message, options);
  }
}

/** No leader is known, or a node is not the leader even after following hints (exit 3). */
export class NoLeaderError extends RaftCtlError {
  constructor(
    message: string,
    options: RaftCtlErrorOptions & { leaderId?: number | null; leaderAddress?: string | null; code?: 'NO_LEADER' | 'NOT_LEADER' | 'LEARNER_ENDPOINT' } = {},
  ) {
    super(options.code ?? 'NO_LEADER', EXIT.NO_LEADER, message, options);
    this.leaderId = options.leaderId ?? null;
    this.leaderAddress = options.leaderAddress ?? null;
  }
  readonly leaderId: number | null;
  readonly leaderAddress: string | null;
}

/** A live node answered UNAVAILABLE ("no leader", "not ready") (exit 3). */
export class NotReadyError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('NOT_READY', EXIT.NO_LEADER, message, options);
  }
}

/** No connection could be made at all: refused, connect timeout, DNS, TLS handshake (exit 4). */
export class UnreachableError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('UNREACHABLE', EXIT.UNREACHABLE, message, options);
  }
}

/** A deadline passed: DEADLINE_EXCEEDED, CANCELLED, or the command's `--wait-timeout` (exit 5). */
export class TimeoutError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('TIMEOUT', EXIT.TIMEOUT, message, options);
  }
}

/** A write that may or may not have reached the leader; never retried blindly (exit 5). */
export class OutcomeUnknownError extends RaftCtlError {
  readonly outcome = 'unknown';
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('OUTCOME_UNKNOWN', EXIT.TIMEOUT, message, options);
  }
}

/**
 * The cluster refused the request (exit 6): stale term, a change in progress, a stale plan
 * (`CONFIG_CHANGED`), an unsafe plan without --force, an id already taken, ...
 */
export class RejectedError extends RaftCtlError {
  constructor(code: string, message: string, options: RaftCtlErrorOptions = {}) {
    super(code, EXIT.REJECTED, message, options);
  }
}

/** Data integrity failure (exit 7): checksum mismatch, corrupt file, protocol violation. */
export class IntegrityError extends RaftCtlError {
  constructor(code: 'CHECKSUM_MISMATCH' | 'CORRUPT' | 'PROTOCOL_VIOLATION' | string, message: string, options: RaftCtlErrorOptions = {}) {
    super(code, EXIT.INTEGRITY, message, options);
  }
}

/**
 * A peer sent something that breaks the protocol: a uint64 above 2^53−1, node id 0, a frame
 * over the size limit, a malformed message (exit 7).
 */
export class ProtocolError extends IntegrityError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('PROTOCOL_VIOLATION', message, options);
  }
}

/** A health check found a problem (exit 8). */
export class UnhealthyError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('UNHEALTHY', EXIT.UNHEALTHY, message, options);
  }
}

/** A failure that is a bug in raftctl (exit 1). */
export class InternalError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('INTERNAL', EXIT.BUG, message, options);
  }
}

/**
 * `err` as a RaftCtlError: itself when it is one, otherwise an {@link InternalError} (INTERNAL,
 * exit 1) whose message is `prefix` and `err`'s message and whose cause is `err`, so that every
 * INTERNAL failure a caller sees is an `instanceof InternalError`.
 */
export function asRaftCtlError(err: unknown, prefix = ''): RaftCtlError {
  if (err instanceof RaftCtlError) return err;
  return new InternalError(`${prefix}${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/**
 * The exit code of any thrown value: a RaftCtlError's own, an oclif parse error's 2, and 1 for
 * anything else (a bug).
 */
export function exitCodeOf(err: unknown): number {
  if (err instanceof RaftCtlError) return err.exitCode;
  const oclifExit = (err as { oclif?: { exit?: unknown } } | null)?.oclif?.exit;
  if (typeof oclifExit === 'number') return oclifExit;
  return EXIT.BUG;
}

/**
 * When several endpoints disagree, the most informative answer wins: 0, then 3, then 5, then 4
 * (CLI.md). Codes outside that list (6, 7, 8, 2, 1) are more specific still and win over all of them.
 */
export function mostInformativeExit(codes: readonly number[]): number {
  const rank = (c: number): number => {
    switch (c) {
      case EXIT.OK: return 0;
      case EXIT.NO_LEADER: return 1;
      case EXIT.TIMEOUT: return 2;
      case EXIT.UNREACHABLE: return 3;
      default: return -1;
    }
  };
  let best: number | undefined;
  for (const c of codes) {
    if (rank(c) < 0) return c;
    if (best === undefined || rank(c) < rank(best)) best = c;
  }
  return best ?? EXIT.UNREACHABLE;
}
