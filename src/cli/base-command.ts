/**
 * BaseCommand: what every raftctl command shares (CLI.md, "Global conventions").
 *
 * - Parses the global flags ({@link globalFlags}; a command that talks to no cluster narrows
 *   `baseFlags` to those it uses) and the command's own in `init()`, into typed `this.flags` /
 *   `this.args`.
 * - Implements `-o table|wide|json|yaml|ndjson` itself; oclif's `--json` is a synonym of
 *   `-o json` (a conflicting `-o` is a usage error).
 * - Writes results through one renderer layer ({@link render}, {@link renderVerdict}); JSON
 *   is the result object itself, never an envelope.
 * - Reports every failure as one stderr line (JSON under JSON output) and exits with the
 *   error's code: nothing on stdout, no stack trace unless `--debug`. oclif's own flag and
 *   argument errors become usage errors (exit 2) on the same path.
 * - Owns the command's {@link CliContext} and closes it when the command ends.
 *
 * Exits go through oclif's ExitError, so `bin/run.js` exits with the code and an in-process
 * caller (the command tests) reads it from the thrown error; `process.exitCode` is never set.
 */
import { Command, Errors, type Interfaces } from '@oclif/core';
import { EXIT, UsageError } from '../errors.js';
import type { Verdict } from '../app/verdict.js';
import { silenceGrpcLogs } from '../transport/channels.js';
import { exitOutputFailed, ignoreBrokenPipes, onOutputFailed } from './broken-pipe.js';
import { createCliContext, type CliContext } from './context.js';
import { debugDetails, formatErrorLine, jsonErrorLines, parseFailure, toReportable } from './error-line.js';
import { globalFlags } from './flags.js';
import { isMachineFormat, renderResult, type OutputFormat, type View } from './output.js';
import { colourEnabled, painter, type Painter } from './style.js';

/**
 * A command's parsed flags. Typed as if it took every global flag: a command that narrows its
 * `baseFlags` ({@link someGlobalFlags}) reads only those it took.
 */
export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<typeof globalFlags & T['flags']>;
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/** Reads the output format from raw argv, for errors raised before flags are parsed. */
export function outputFormatFromArgv(argv: readonly string[]): OutputFormat | undefined {
  const end = argv.indexOf('--');
  const args = end === -1 ? argv : argv.slice(0, end);
  let format: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') return 'json';
    if (a === '-o' || a === '--output') format = args[i + 1];
    else if (a.startsWith('--output=')) format = a.slice('--output='.length);
    else if (a.startsWith('-o') && a.length > 2) format = a.slice(a[2] === '=' ? 3 : 2);
  }
  return format === 'table' || format === 'wide' || format === 'json' || format === 'yaml' || format === 'ndjson' ? format : undefined;
}

/**
 * The output format of a command line whose flags are not (or could not be) parsed: argv's
 * `-o`/`--json`, else `json` when RAFTCTL_CONTENT_TYPE=json (oclif's `<BIN>_CONTENT_TYPE`, what
 * `--json` stands for), else undefined. For a command that takes `-o`/`--json`.
 */
export function outputFormatBeforeParse(argv: readonly string[], config: Pick<Interfaces.Config, 'scopedEnvVar'>): OutputFormat | undefined {
  return outputFormatFromArgv(argv) ?? (config.scopedEnvVar('CONTENT_TYPE')?.toLowerCase() === 'json' ? 'json' : undefined);
}

export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;
  static override baseFlags: Interfaces.FlagInput = globalFlags;

  protected flags!: CommandFlags<T>;
  protected args!: CommandArgs<T>;

  #format: OutputFormat | undefined;
  #context: CliContext | undefined;
  #defaulted = new Set<string>();
  #rendered = false;

  public override async init(): Promise<void> {
    ignoreBrokenPipes();
    onOutputFailed((err, stream) => this.#outputFailed(err, stream));
    silenceGrpcLogs();
    await super.init();
    const { args, flags, metadata } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (this.ctor as unknown as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    }).catch((err: unknown) => {
      if (err instanceof Errors.ExitError) throw err; // --help / --version style flags exit on purpose
      throw parseFailure(err, this.id?.replace(/:/g, ' '));
    });
    this.flags = flags as CommandFlags<T>;
    this.args = args as CommandArgs<T>;
    for (const [name, meta] of Object.entries(metadata.flags)) if (meta?.setFromDefault) this.#defaulted.add(name);
    // --json and -o on the command line conflict; either beats the environment (oclif's
    // RAFTCTL_CONTENT_TYPE=json), which only picks the default when neither is given.
    const jsonFlag = (flags as { json?: boolean }).json === true;
    const output = (flags as { output?: OutputFormat }).output;
    if (jsonFlag && output !== undefined && output !== 'json') {
      throw new UsageError(`--json conflicts with -o ${output}`, { hint: 'pass one of them' });
    }
    this.#format = jsonFlag ? 'json' : (output ?? (super.jsonEnabled() ? 'json' : 'table'));
  }

  /**
   * The output format in effect; until flags are parsed (a flag or argument error),
   * {@link outputFormatBeforeParse} or `table`: never for a command without `-o`/`--json`, whose
   * "Nonexistent flag: --json" is a plain line.
   */
  protected get format(): OutputFormat {
    if (this.#format) return this.#format;
    const ctor = this.ctor as unknown as typeof BaseCommand;
    const takesOutput = ctor.enableJsonFlag || 'output' in (ctor.baseFlags ?? {}) || 'output' in (ctor.flags ?? {});
    if (!takesOutput) return 'table';
    return outputFormatBeforeParse(this.argv, this.config) ?? 'table';
  }

  /** True under `--json` or `-o json` (oclif then keeps `this.log` and warnings off stdout). */
  public override jsonEnabled(): boolean {
    return this.format === 'json';
  }

  /**
   * The command's operator context, built on first use from `--endpoints`, `--timeout` and
   * `--wait-timeout`; closed when the command ends. No endpoints is a usage error.
   * `waitTimeoutMs` replaces `--wait-timeout`'s default (not a value the user gave): streaming
   * commands such as `kv watch` run until interrupted unless `--wait-timeout` is passed.
   */
  protected async operatorContext(overrides: { readonly defaultWaitTimeoutMs?: number } = {}): Promise<CliContext> {
    if (this.#context) return this.#context;
    const flags = this.flags as unknown as { endpoints?: string[]; timeout: number; 'wait-timeout': number };
    if (!flags.endpoints || flags.endpoints.length === 0) {
      throw new UsageError('--endpoints: no endpoint given', { hint: 'pass -e host:port[,host:port...] or set RAFTCTL_ENDPOINTS' });
    }
    const waitTimeoutMs = overrides.defaultWaitTimeoutMs !== undefined && !this.flagGiven('wait-timeout') ? overrides.defaultWaitTimeoutMs : flags['wait-timeout'];
    this.#context = await createCliContext({ endpoints: flags.endpoints, timeoutMs: flags.timeout, waitTimeoutMs });
    return this.#context;
  }

  /** Whether the user gave flag `name` (on the command line or through its environment variable), rather than its default. */
  protected flagGiven(name: string): boolean {
    return !this.#defaulted.has(name) && (this.flags as Record<string, unknown> | undefined)?.[name] !== undefined;
  }

  /** Writes `result` to stdout in the output format and returns it. */
  protected render<R>(result: R, view: View<R>): R {
    const paint = painter(!isMachineFormat(this.format) && colourEnabled(process.stdout));
    process.stdout.write(renderResult(result, this.format, view, paint));
    this.#rendered = true;
    return result;
  }

  /**
   * For verdict commands (CLI.md, "verdicts"): always prints the full result, then exits with
   * the verdict's code; a non-zero verdict also gets its one stderr line (what, why, what to try).
   */
  protected renderVerdict<R>(verdict: Verdict<R>, view: View<R>): R {
    this.render(verdict.result, view);
    if (verdict.exitCode !== EXIT.OK) {
      const line = formatErrorLine(
        { code: verdict.code ?? 'FAILED', exitCode: verdict.exitCode, message: verdict.message ?? 'failed', hint: verdict.hint },
        { json: jsonErrorLines(this.format), paint: this.#stderrPaint() },
      );
      process.stderr.write(`${line}\n`);
      throw new Errors.ExitError(verdict.exitCode);
    }
    return verdict.result;
  }

  /** Renders any failure as the one-line report and exits with its code (see the class comment). */
  protected override async catch(err: Interfaces.CommandError): Promise<never> {
    if (err instanceof Errors.ExitError) throw err;
    const reportable = toReportable(err, this.id?.replace(/:/g, ' '));
    process.stderr.write(`${formatErrorLine(reportable, { json: jsonErrorLines(this.format), paint: this.#stderrPaint() })}\n`);
    if (this.#debugEnabled()) process.stderr.write(`${debugDetails(err)}\n`);
    throw new Errors.ExitError(reportable.exitCode);
  }

  /** Closes channels and cancels calls still in flight. */
  protected override async finally(err: Error | undefined): Promise<void> {
    this.#context?.close();
    this.#context = undefined;
    await super.finally(err);
  }

  /**
   * oclif prints a returned result under `--json` after `run()`. BaseCommand has printed it
   * already, so this only prints for a command that returned without rendering.
   */
  protected override logJson(json: unknown): void {
    if (this.#rendered) return;
    this.#rendered = true;
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  /**
   * Output that cannot be written (stdout redirected to a full disk: ENOSPC; a closed file):
   * one line on stderr, code OUTPUT_FAILED, and the process exits 1 at once, since the result a
   * script would read is lost. A failing stderr leaves only the exit code.
   */
  #outputFailed(err: NodeJS.ErrnoException, stream: NodeJS.EventEmitter): never {
    exitOutputFailed(err, stream, { json: jsonErrorLines(this.format), paint: this.#stderrPaint() });
  }

  #stderrPaint(): Painter {
    return painter(!jsonErrorLines(this.format) && colourEnabled(process.stderr));
  }

  #debugEnabled(): boolean {
    const flags = this.flags as unknown as { debug?: boolean } | undefined;
    return flags?.debug === true || (flags === undefined && this.argv.includes('--debug'));
  }
}
