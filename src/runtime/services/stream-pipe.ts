/**
 * Feeds a watcher's bounded event queue into a server-streaming call (Watch, WatchMembership)
 * with backpressure.
 *
 * Events are taken from the queue only while the call's send buffer accepts them: once
 * `call.write()` returns false nothing more is taken until the call emits 'drain'. A client that
 * stops reading therefore leaves its events in the watcher's queue, which is bounded: when it is
 * full the state machine's overflow rule applies (the buffered events, one final CANCELED event,
 * the end of the stream; docs/storage.md "Watches"), instead of the gRPC buffer growing without
 * limit. A cancelled or closed call closes the queue (the watcher is dropped) and stops the
 * pipe at once, also while it waits for 'drain'.
 */
import type { EventQueue } from '../../state-machine/index.js';
import { Code, type ServerStreamLike } from './grpc-shapes.js';

/** Resolves at the call's next 'drain', or when it is cancelled or closed (whichever comes first). */
function writable(call: ServerStreamLike<unknown, unknown>): Promise<void> {
  return new Promise((resolve) => {
    const events = ['drain', 'cancelled', 'close'] as const;
    const done = (): void => {
      for (const e of events) call.removeListener(e, done);
      resolve();
    };
    for (const e of events) call.on(e, done);
  });
}

/**
 * Writes every event of `queue`, mapped by `map`, to `call` (see the module contract). When the
 * queue ends (the node stops, or the watcher was canceled: overflow, snapshot restore) the call
 * ends with UNAVAILABLE, as d-engine ends every stream its server closes; `endDetails(last)`
 * says why, from the last event written. Resolves when the pipe is done (the call ended or was
 * cancelled).
 */
export async function pipeEvents<T, R>(call: ServerStreamLike<unknown, R>, queue: EventQueue<T>, map: (e: T) => R, endDetails: (last: T | undefined) => string): Promise<void> {
  let gone = false;
  const stop = (): void => {
    gone = true;
    queue.close();
  };
  call.on('cancelled', stop);
  call.on('close', stop);
  let last: T | undefined;
  for await (const ev of queue) {
    if (gone || call.cancelled) return;
    last = ev;
    if (!call.write(map(ev))) await writable(call);
  }
  if (gone || call.cancelled) return;
  call.emit('error', { code: Code.UNAVAILABLE, details: endDetails(last) });
}
