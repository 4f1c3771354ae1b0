/**
 * `raftctl cluster status | head -1`: when the reader closes the pipe early, writes to stdout
 * fail with EPIPE. Without a listener Node turns that into an uncaught exception and a stack
 * trace (and a terminal that hung up fails writes with EIO the same way); with this guard the lost output is dropped and the command still exits with its own
 * code (the verdict a script may check with `set -o pipefail`), or, a node after SIGHUP, stops
 * gracefully instead of crashing on its next log line.
 */
import { EXIT, RaftCtlError } from '../errors.js';
import { formatErrorLine } from './error-line.js';
import type { Painter } from './style.js';

/**
 * Error codes of a write whose reader is gone: EPIPE, a pipe whose reader closed; EIO, a terminal
 * that hung up (closed while the command ran: a node or a playground logs its shutdown to it).
 */
const READER_GONE = new Set(['EPIPE', 'EIO']);

const guarded = new WeakSet<NodeJS.EventEmitter>();
let onStdoutGone: (() => void) | null = null;
let onWriteFailed: ((err: NodeJS.ErrnoException, stream: NodeJS.EventEmitter) => void) | null = null;

/**
 * Installs the guard on stdout and stderr (or on `streams`, for tests) once per stream: a write
 * whose reader is gone is dropped. Any other write error (stdout redirected to a full disk,
 * ENOSPC) goes to the {@link onOutputFailed} handler when one is set, and is rethrown otherwise.
 *
 * On the process's own stdout the guard replaces oclif's listener, installed when @oclif/core
 * loads, which swallows EPIPE but rethrows everything else: as it runs first, an EIO (a hung-up
 * terminal) or ENOSPC became an uncaught exception with a stack trace before this guard ran.
 */
export function ignoreBrokenPipes(streams: readonly NodeJS.EventEmitter[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (guarded.has(stream)) continue;
    guarded.add(stream);
    if (stream === process.stdout) stream.removeAllListeners('error');
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (READER_GONE.has(err.code ?? '')) {
        if (stream === process.stdout) onStdoutGone?.();
        return;
      }
      if (!onWriteFailed) throw err;
      onWriteFailed(err, stream);
    });
  }
}

/**
 * What to do when output cannot be written for another reason than a reader gone (ENOSPC, EBADF
 * ...): `handle` reports it (one stderr line) and ends the command. Returns the function that
 * removes the handler, putting back the one it replaced (a command that must clean up before it
 * ends, the playground, sets its own for its session).
 */
export function onOutputFailed(handle: (err: NodeJS.ErrnoException, stream: NodeJS.EventEmitter) => void): () => void {
  const previous = onWriteFailed;
  onWriteFailed = handle;
  return () => {
    if (onWriteFailed === handle) onWriteFailed = previous;
  };
}

/**
 * For a command whose output is an endless stream (`kv watch ... | head -1`): `stop` runs when
 * stdout's reader has gone (the next write failed with EPIPE), so the command ends instead of
 * streaming into nothing forever (EIO, a hung-up terminal, counts as gone too). Returns the function that removes the hook.
 */
export function onStdoutClosed(stop: () => void): () => void {
  onStdoutGone = stop;
  return () => {
    if (onStdoutGone === stop) onStdoutGone = null;
  };
}

/** The `OUTPUT_FAILED` error (exit 1) for a write to stdout or stderr that failed with `err`. */
export function outputFailedError(err: NodeJS.ErrnoException, stream: NodeJS.EventEmitter): RaftCtlError {
  const which = stream === process.stderr ? 'stderr' : 'stdout';
  return new RaftCtlError('OUTPUT_FAILED', EXIT.BUG, `cannot write the output to ${which} (${err.message})`, {
    cause: err,
    hint: `check where ${which} goes (a full disk, a closed or read-only file)`,
  });
}

/**
 * Ends the process for output that cannot be written ({@link onOutputFailed}'s usual handler):
 * one `OUTPUT_FAILED` line on stderr (JSON when `json`), unless stderr is what failed, and exit 1
 * at once, since the result a script would read is lost.
 */
export function exitOutputFailed(err: NodeJS.ErrnoException, stream: NodeJS.EventEmitter, line: { readonly json: boolean; readonly paint: Painter }): never {
  if (stream !== process.stderr) {
    const error = outputFailedError(err, stream);
    try {
      process.stderr.write(`${formatErrorLine(error, line)}\n`);
    } catch {
      // stderr failed as well: the exit code is all that is left.
    }
  }
  process.exit(EXIT.BUG);
}
