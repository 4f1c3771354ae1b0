/**
 * How a failure reads on stderr (CLI.md, "errors"): exactly one line saying what failed, why,
 * and what to try; under JSON output the line is `{"error":{"code","exitCode","message","hint"}}`.
 * Stack traces only with --debug. Every thrown value is first turned into a RaftCtlError:
 * oclif's flag and argument errors become usage errors (exit 2), unknown errors bugs (exit 1).
 */
import { EXIT, InternalError, RaftCtlError, UsageError } from '../errors.js';
import type { Painter } from './style.js';

const ANSI = /\u001b\[[0-9;]*m/g;

/** One line of text: ANSI codes removed, line breaks folded into "; ". */
export function oneLine(text: string): string {
  return text
    .replace(ANSI, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('; ');
}

/** Strips oclif's decorations from a parse error message: the "See more help" tail and the "Parsing --flag" head. */
function cleanParseMessage(message: string): string {
  let m = message.replace(ANSI, '').replace(/\s*See more help with --help\s*$/, '');
  const parsing = /^Parsing --([\w-]+)\s*\n\t([\s\S]*)$/.exec(m);
  if (parsing) m = parsing[2]!.startsWith(`--${parsing[1]}`) ? parsing[2]! : `--${parsing[1]}: ${parsing[2]}`;
  m = m.replace(/^The following errors? occurred:\s*/, '');
  // "Missing 2 required args:\nkey    The key.\nvalue  The value." → "missing required arguments: key, value"
  const missing = /^Missing \d+ required args?:\s*\n([\s\S]*)$/.exec(m);
  if (missing) {
    const names = missing[1]!.split('\n').map((line) => line.trim().split(/\s+/)[0]).filter((n): n is string => !!n);
    m = `missing required argument${names.length === 1 ? '' : 's'}: ${names.join(', ')}`;
  }
  return oneLine(m);
}

/** oclif's parse errors carry `parse` (CLIParseError) or an `oclif.exit` of 2 (flag parse failures). */
function isOclifUsageError(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { parse?: unknown; oclif?: { exit?: number } };
  return e.parse !== undefined || e.oclif?.exit === EXIT.USAGE;
}

/**
 * What a failure of oclif's argument parsing is reported as: always a usage error (exit 2),
 * whatever oclif threw (some of its parser errors carry no usage marker, e.g. "Flag --endpoints
 * expects a value"); a RaftCtlError from a flag's own parser keeps its code.
 */
export function parseFailure(err: unknown, commandId: string | undefined): RaftCtlError {
  if (err instanceof RaftCtlError) return toReportable(err, commandId);
  const helpHint = `see \`raftctl ${commandId ?? ''} --help\``.replace(/\s+--help/, ' --help');
  return new UsageError(cleanParseMessage(err instanceof Error ? err.message : String(err)), { hint: helpHint, cause: err });
}

/**
 * The RaftCtlError a thrown value is reported as. `commandId` (e.g. "leader discover") goes into
 * usage hints.
 */
export function toReportable(err: unknown, commandId: string | undefined): RaftCtlError {
  const helpHint = `see \`raftctl ${commandId ?? ''} --help\``.replace(/\s+--help/, ' --help');
  if (err instanceof RaftCtlError) {
    if (err.exitCode !== EXIT.USAGE || !/Parsing --|See more help/.test(err.message)) return err;
    return new UsageError(cleanParseMessage(err.message), { hint: err.hint ?? helpHint, cause: err });
  }
  if (isOclifUsageError(err)) return new UsageError(cleanParseMessage(err.message), { hint: helpHint, cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new InternalError(`unexpected error: ${oneLine(message)}`, {
    hint: 'this is a bug in raftctl; rerun with --debug and report the output',
    cause: err,
  });
}

/** What an error line says: a RaftCtlError, or a non-zero verdict's summary. */
export interface ErrorReport {
  readonly code: string;
  readonly exitCode: number;
  readonly message: string;
  readonly hint?: string | null;
}

/** Whether an output format's error line is JSON: `json`, and `ndjson` (a machine stream). */
export function jsonErrorLines(format: string | undefined): boolean {
  return format === 'json' || format === 'ndjson';
}

/** The stderr line (no trailing newline) for `err` in text or JSON form. */
export function formatErrorLine(err: ErrorReport, options: { readonly json: boolean; readonly paint: Painter }): string {
  const message = oneLine(err.message);
  const hint = err.hint == null ? null : oneLine(err.hint);
  if (options.json) return JSON.stringify({ error: { code: err.code, exitCode: err.exitCode, message, hint } });
  const tail = hint ? `. Hint: ${hint}` : '';
  return `${options.paint.red('Error:')} ${message.replace(/\.$/, '')}${tail}`;
}

/** What --debug adds after the line: the stack and each cause's stack. */
export function debugDetails(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    parts.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e !== undefined && e !== null) parts.push('Caused by:');
  }
  return parts.join('\n');
}
