/**
 * Writing an endless stream of output (`kv watch`) at the pace of its reader.
 */

/**
 * Writes `text` to `stream`. Returns undefined when the stream took it within its buffer, else a
 * promise that resolves once the stream drains (or closes, or fails: a reader that is gone is
 * handled by the broken-pipe guard, src/cli/broken-pipe.ts). A command that awaits it before it
 * reads more input holds at most one buffer of output, however slowly its reader reads.
 */
export function writeOrWait(stream: NodeJS.WritableStream & NodeJS.EventEmitter, text: string): Promise<void> | undefined {
  if (stream.write(text)) return undefined;
  return new Promise<void>((resolve) => {
    const events = ['drain', 'close', 'error'] as const;
    const done = (): void => {
      for (const e of events) stream.removeListener(e, done);
      resolve();
    };
    for (const e of events) stream.on(e, done);
  });
}
