/**
 * Memory a set of buffers keeps alive: the bytes of their distinct backing ArrayBuffers. A small
 * buffer carved out of Node's shared 8 KiB pool keeps its whole pool slab alive, so a kept value
 * can cost far more than its own bytes (src/state-machine/value-arena.ts).
 */

/** Bytes of the distinct backing ArrayBuffers of `buffers`. */
export function retainedBytes(buffers: Iterable<Uint8Array>): number {
  const backing = new Set<ArrayBufferLike>();
  for (const b of buffers) backing.add(b.buffer);
  let n = 0;
  for (const b of backing) n += b.byteLength;
  return n;
}

/** {@link retainedBytes} of `buffers` over their own bytes (1 when they keep nothing else alive). */
export function retainedRatio(buffers: readonly Uint8Array[]): number {
  let own = 0;
  for (const b of buffers) own += b.byteLength;
  return retainedBytes(buffers) / own;
}
