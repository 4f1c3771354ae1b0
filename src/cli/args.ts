/**
 * Argument constructors whose parse errors are usage errors (exit 2) with a clear message.
 * (oclif's Args.integer throws a plain Error that would be reported as a bug.)
 */
import { Args } from '@oclif/core';
import { UsageError } from '../errors.js';

/** A required integer argument within [min, max]. */
export function integerArg(options: { name: string; description: string; min: number; max?: number }) {
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return Args.custom<number>({
    description: options.description,
    parse: async (input) => {
      const n = /^\d+$/.test(input.trim()) ? Number(input.trim()) : NaN;
      if (!Number.isSafeInteger(n) || n < options.min || n > max) {
        throw new UsageError(`${options.name}: "${input}" is not an integer from ${options.min} to ${max}`, { hint: `e.g. ${options.min}` });
      }
      return n;
    },
  })({ required: true });
}
