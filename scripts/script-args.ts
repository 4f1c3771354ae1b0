/**
 * Command-line arguments of the repository's scripts (benchmarks, the simulator): strict, so a
 * mistyped or unknown option is refused instead of silently ignored (before, `bench-cluster.js
 * --help` or `--round 8` ran the default three-minute benchmark), with `--help`/`-h` printing the
 * script's usage. A refusal prints `error: ...` and the usage on stderr and exits 2; `--help`
 * prints the usage on stdout and exits 0.
 */
import { parseArgs } from 'node:util';

/** What a script accepts: option name → string (takes a value) or boolean (a switch). */
export type ScriptOptions = Record<string, { readonly type: 'string' | 'boolean' }>;

/** Parsed values: a string for each string option given, true for each switch given. */
export type ScriptValues = Record<string, string | boolean | undefined>;

/**
 * Parses `argv` (default process.argv after the script path) against `options`, or ends the
 * process as the module comment says. `usage` is printed as given (the script's usage line and
 * what each option means).
 */
export function parseScriptArgs(usage: string, options: ScriptOptions, argv: readonly string[] = process.argv.slice(2)): ScriptValues {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage.trimEnd()}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as ScriptValues;
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n${usage.trimEnd()}\n`);
    process.exit(2);
  }
}

/** A whole number ≥ `min` from option `name` (or `fallback` when absent); else exits 2 with the usage. */
export function wholeNumber(values: ScriptValues, name: string, fallback: number, min: number, usage: string): number {
  const given = values[name];
  if (given === undefined) return fallback;
  const n = Number(given);
  if (typeof given !== 'string' || given.trim() === '' || !Number.isSafeInteger(n) || n < min) {
    process.stderr.write(`error: --${name} must be a whole number ≥ ${min}, got ${String(given)}\n${usage.trimEnd()}\n`);
    process.exit(2);
  }
  return n;
}
