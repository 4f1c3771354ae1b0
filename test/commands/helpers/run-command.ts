/**
 * Runs a raftctl command in this process the way bin/run.js does (oclif's `run` over the
 * package's oclif config, commands from dist/commands) and captures what it writes to stdout
 * and stderr and the exit code it would exit with.
 *
 * Capture replaces process.stdout.write / process.stderr.write for the duration of the run and
 * keeps only string writes: the commands and oclif write strings, while node:test's child
 * process reports to the parent in binary chunks on the same stdout, which must pass through.
 * Runs are serialized (one capture at a time).
 */
import assert from 'node:assert/strict';
import { Config, Errors, run } from '@oclif/core';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs from dist/test/commands/helpers/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface CommandRun {
  readonly stdout: string;
  readonly stderr: string;
  /** What the process would exit with. */
  readonly exitCode: number;
  /** What the command's run() returned (undefined when it exited non-zero). */
  readonly result: unknown;
  readonly durationMs: number;
}

let config: Promise<Config> | undefined;
let queue: Promise<unknown> = Promise.resolve();

type Write = typeof process.stdout.write;

function capture(stream: NodeJS.WriteStream, into: string[]): () => void {
  const original = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === 'string') {
      into.push(chunk);
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }
    return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Write;
  return () => {
    stream.write = original;
  };
}

async function runOnce(argv: readonly string[], env: Record<string, string | undefined>): Promise<CommandRun> {
  config ??= Config.load({ root: REPO_ROOT });
  const cfg = await config;
  const out: string[] = [];
  const err: string[] = [];
  const saved: Record<string, string | undefined> = {};
  const fullEnv = { NO_COLOR: '1', FORCE_COLOR: undefined, ...env };
  for (const [k, v] of Object.entries(fullEnv)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const restoreOut = capture(process.stdout, out);
  const restoreErr = capture(process.stderr, err);
  const started = performance.now();
  let exitCode = 0;
  let result: unknown;
  try {
    result = await run([...argv], cfg);
  } catch (e) {
    if (e instanceof Errors.ExitError) exitCode = e.oclif.exit ?? 1;
    else {
      // Not exited through BaseCommand: oclif's global handler would print and exit like this.
      exitCode = (e as { oclif?: { exit?: number } }).oclif?.exit ?? 1;
      err.push(`[uncaught] ${(e as Error)?.stack ?? String(e)}\n`);
    }
  } finally {
    restoreOut();
    restoreErr();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { stdout: out.join(''), stderr: err.join(''), exitCode, result, durationMs: performance.now() - started };
}

/**
 * Runs `raftctl ...argv` in-process. `env` sets (or, with undefined, unsets) variables for the
 * run only; NO_COLOR is set unless overridden.
 */
export function runCommand(argv: readonly string[], env: Record<string, string | undefined> = {}): Promise<CommandRun> {
  const next = queue.then(() => runOnce(argv, env));
  queue = next.catch(() => undefined);
  return next;
}

/** The non-empty lines of a text. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/** The `error` object of the one JSON error line a failing command printed on stderr (asserted to be exactly one line). */
export function errorLine(stderr: string): { code: string; exitCode: number; message: string; hint: string } {
  const err = lines(stderr);
  assert.equal(err.length, 1, stderr);
  return (JSON.parse(err[0]!) as { error: { code: string; exitCode: number; message: string; hint: string } }).error;
}
