/**
 * `raftctl cluster status | head -1`: when the reader closes the pipe early, writes to stdout
 * fail with EPIPE. Without a listener Node turns that into an uncaught exception and a stack
 * trace; with this guard the lost output is dropped and the command still exits with its own
 * code (the verdict a script may check with `set -o pipefail`).
 */

let installed = false;
let onStdoutGone: (() => void) | null = null;

/** Installs the guard on stdout and stderr once per process. Other stream errors are rethrown. */
export function ignoreBrokenPipes(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      if (stream === process.stdout) onStdoutGone?.();
    });
  }
}

/**
 * For a command whose output is an endless stream (`kv watch ... | head -1`): `stop` runs when
 * stdout's reader has gone (the next write failed with EPIPE), so the command ends instead of
 * streaming into nothing forever. Returns the function that removes the hook.
 */
export function onStdoutClosed(stop: () => void): () => void {
  onStdoutGone = stop;
  return () => {
    if (onStdoutGone === stop) onStdoutGone = null;
  };
}
