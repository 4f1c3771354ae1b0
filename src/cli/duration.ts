/**
 * Duration flags (CLI.md, "durations"): a number with a unit (`500ms`, `3s`, `2m`, `1h`,
 * also `1.5s`), several of them largest unit first as in Go and etcdctl (`1m30s`, `2s500ms`), or
 * a bare number meaning milliseconds. Anything else is a usage error (exit 2).
 */
import { MAX_TIMER_MS } from '../transport/clock.js';
import { UsageError } from '../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The longest duration taken: Node's timers wait at most 2^31 − 1 ms (about 24.8 days); a longer
 * delay fires after 1 ms with a TimeoutOverflowWarning, so `--wait-timeout 1000h` would end the
 * command at once with "did not finish within --wait-timeout".
 */
export const MAX_DURATION_MS = MAX_TIMER_MS;

const BARE_NUMBER = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*$/;

/** True when `text` is a bare number, which a duration flag reads as milliseconds. */
export function isBareNumber(text: string): boolean {
  return BARE_NUMBER.test(text);
}

/** What {@link parseDuration} accepts besides positive durations up to the timer limit. */
export interface DurationLimits {
  /** The longest duration taken (default {@link MAX_DURATION_MS}; a value only sent, such as a TTL, passes a larger one). */
  readonly maxMs?: number;
  /** Take zero (`0`, `0s`): for a flag whose default is "none" (bench's `--warmup`). */
  readonly allowZero?: boolean;
}

/**
 * Parses `text` into whole milliseconds (rounded up, so `0.5ms` is 1 ms rather than 0).
 * Throws a {@link UsageError} naming `flagName` when the text is not a duration, is not
 * positive (a zero or negative deadline can never be met; zero only with `limits.allowZero`)
 * or is longer than `limits.maxMs`.
 */
export function parseDuration(text: string, flagName = 'duration', limits: DurationLimits = {}): number {
  const maxMs = limits.maxMs ?? MAX_DURATION_MS;
  const bare = BARE_NUMBER.exec(text);
  // Go-style compound durations as well: `1m30s`, `1h15m`, `2s500ms` (units largest first).
  const compound = bare ? null : /^\s*((?:(?:\d+(?:\.\d+)?|\.\d+)(?:ms|s|m|h))+)\s*$/i.exec(text);
  const parts = compound ? [...compound[1]!.matchAll(/(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)/gi)] : [];
  const units = parts.map((p) => p[2]!.toLowerCase());
  const descending = units.every((u, i) => i === 0 || UNIT_MS[u]! < UNIT_MS[units[i - 1]!]!);
  if (!bare && (!compound || !descending)) {
    throw new UsageError(`--${flagName}: "${text}" is not a duration`, {
      hint: 'use a number with a unit, e.g. 500ms, 3s, 2m, 1m30s (a bare number means milliseconds)',
    });
  }
  const ms = Math.ceil(bare ? Number(bare[1]) : parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!.toLowerCase()]!, 0));
  if (limits.allowZero === true && ms === 0) return 0;
  if (!(ms > 0)) {
    throw new UsageError(`--${flagName}: "${text}" must be greater than zero`, { hint: 'e.g. 500ms, 3s, 2m' });
  }
  if (!Number.isSafeInteger(ms) || ms > maxMs) {
    const most = maxMs === MAX_DURATION_MS ? '596h (about 24 days)' : formatDuration(maxMs);
    throw new UsageError(`--${flagName}: "${text}" is too long: at most ${most}`, { hint: 'give a shorter duration' });
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
