/**
 * Duration flags (CLI.md, "durations"): a number with a unit (`500ms`, `3s`, `2m`, `1h`,
 * also `1.5s`), or a bare number meaning milliseconds. Anything else is a usage error (exit 2).
 */
import { UsageError } from '../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses `text` into whole milliseconds (rounded up, so `0.5ms` is 1 ms rather than 0).
 * Throws a {@link UsageError} naming `flagName` when the text is not a duration or is not
 * positive: a zero or negative deadline can never be met.
 */
export function parseDuration(text: string, flagName = 'duration'): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (!m) {
    throw new UsageError(`--${flagName}: "${text}" is not a duration`, {
      hint: 'use a number with a unit, e.g. 500ms, 3s, 2m (a bare number means milliseconds)',
    });
  }
  const ms = Math.ceil(Number(m[1]) * UNIT_MS[(m[2] ?? 'ms').toLowerCase()]!);
  if (!(ms > 0) || !Number.isSafeInteger(ms)) {
    throw new UsageError(`--${flagName}: "${text}" must be greater than zero`, { hint: 'e.g. 500ms, 3s, 2m' });
  }
  return ms;
}

/** Formats milliseconds back into the shortest exact unit form (`3000` → `3s`, `90000` → `90s`). */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
