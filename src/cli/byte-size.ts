/**
 * Byte-size flags: a whole number of bytes with an optional binary unit (`512`, `64KiB`,
 * `256MiB`, `1GiB`; `K`, `M`, `G` and `KB`, `MB`, `GB` mean the same binary units, as in
 * etcd's and Kubernetes' quantity flags people paste). Anything else is a usage error (exit 2).
 */
import { UsageError } from '../errors.js';

const UNIT_BYTES: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i;

/**
 * Parses `text` into a whole number of bytes (fractions round down: `1.5KiB` is 1536).
 * Throws a {@link UsageError} naming `flagName` when the text is not a size or is below `min`.
 */
export function parseByteSize(text: string, flagName: string, min = 1): number {
  const m = SIZE.exec(text);
  const unit = m ? UNIT_BYTES[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    throw new UsageError(`--${flagName}: "${text}" is not a size`, { hint: 'use a number of bytes with an optional unit, e.g. 65536, 64KiB, 256MiB, 1GiB' });
  }
  const bytes = Math.floor(Number(m[1]) * unit);
  // Above 2^53-1 (8 PiB) the count is no longer exact: too large, not "below the minimum".
  if (!Number.isSafeInteger(bytes)) {
    throw new UsageError(`--${flagName}: "${text}" is too large (at most ${Number.MAX_SAFE_INTEGER} bytes)`, { hint: 'e.g. 64MiB, 256MiB, 1GiB' });
  }
  if (bytes < min) {
    throw new UsageError(`--${flagName}: "${text}" must be at least ${formatByteSize(min)}`, { hint: 'e.g. 64MiB, 256MiB, 1GiB' });
  }
  return bytes;
}

/** Formats bytes in the largest binary unit that divides them exactly (`268435456` → `256MiB`). */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}B`;
}
