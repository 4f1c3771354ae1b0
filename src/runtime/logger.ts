/**
 * The runtime's logging interface. The runtime never writes to stdout/stderr itself
 * (ARCHITECTURE.md): the caller hands in a {@link Logger}; `node start` passes one that prints
 * NDJSON lines to stderr. Fields must be JSON-safe (numbers, strings, booleans, null).
 */

/** Severity levels, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured fields of one log record. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Where the runtime's log records go. Implementations must not throw. */
export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { log() {} };

/**
 * A logger that formats one JSON object per record (`{"ts","level","msg",...fields}`) and hands
 * the line to `write`, dropping records below `minLevel`.
 */
export function ndjsonLogger(write: (line: string) => void, minLevel: LogLevel = 'info', base: LogFields = {}): Logger {
  const min = LOG_LEVELS.indexOf(minLevel);
  return {
    log(level, msg, fields) {
      if (LOG_LEVELS.indexOf(level) < min) return;
      try {
        write(`${JSON.stringify({ ts: new Date().toISOString(), level, msg, ...base, ...fields })}\n`);
      } catch {
        // a logger never throws
      }
    },
  };
}
