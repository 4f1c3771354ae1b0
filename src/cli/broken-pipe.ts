/**
 * `raftctl cluster status | head -1`: when the reader closes the pipe early, writes to stdout
 * fail with EPIPE. Without a listener Node turns that into an uncaught exception and a stack
 * trace (and a terminal that hung up fails writes with EIO the same way); with this guard the lost output is dropped and the command still exits with its own
 * code (the verdict a script may check with `set -o pipefail`), or, a node after SIGHUP, stops
 * gracefully instead of crashing on its next log line.
 */

/**
 * Error codes of a write whose reader is gone: EPIPE, a pipe whose reader closed; EIO, a terminal
 * that hung up (closed while the command ran: a node or a playground logs its shutdown to it).
 */
const READER_GONE = new Set(['EPIPE', 'EIO']);

const guarded = new WeakSet<NodeJS.EventEmitter>();
let onStdoutGone: (() => void) | null = null;

/**
 * Installs the guard on stdout and stderr (or on `streams`, for tests) once per stream: a write
 * whose reader is gone is dropped. Other stream errors are rethrown.
 */
export function ignoreBrokenPipes(streams: readonly NodeJS.EventEmitter[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (guarded.has(stream)) continue;
    guarded.add(stream);
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (!READER_GONE.has(err.code ?? '')) throw err;
      if (stream === process.stdout) onStdoutGone?.();
    });
  }
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
