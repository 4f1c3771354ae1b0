/**
 * `raftctl cluster status | head -1`: when the reader closes the pipe early, writes to stdout
 * fail with EPIPE. Without a listener Node turns that into an uncaught exception and a stack
 * trace; with this guard the lost output is dropped and the command still exits with its own
 * code (the verdict a script may check with `set -o pipefail`).
 */

let installed = false;

/** Installs the guard on stdout and stderr once per process. Other stream errors are rethrown. */
export function ignoreBrokenPipes(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}
