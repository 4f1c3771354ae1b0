/**
 * Streams a (frozen) map's entries in key order without blocking the event loop for more than
 * about `sliceMs` at a time (STORAGE.md: "never blocks the event loop for more than ~10 ms").
 *
 * Keys are gathered in runs of at most {@link RUN} and each run is sorted on its own (a bounded
 * amount of work per slice); the runs are then merged with a binary heap. Between slices the
 * generator awaits `setImmediate`, letting IO and timers run. The map must not change while the
 * stream is consumed (it is a frozen generation).
 */

const RUN = 8192;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Time source for slicing (performance.now). */
const now = () => performance.now();

/**
 * Yields `map`'s entries in ascending key order, awaiting setImmediate after every `sliceMs` of
 * work. With `signal`, throws its reason at the first slice boundary after it aborts, also while
 * the runs are still being sorted (seconds for millions of keys, before the first entry).
 */
export async function* sortedEntries<V>(map: ReadonlyMap<string, V>, sliceMs = 4, signal?: AbortSignal): AsyncGenerator<[string, V]> {
  let sliceStart = now();
  const maybeYield = async () => {
    if (now() - sliceStart >= sliceMs) {
      await nextTick();
      signal?.throwIfAborted();
      sliceStart = now();
    }
  };

  // Phase 1: sorted runs.
  const runs: string[][] = [];
  let run: string[] = [];
  for (const k of map.keys()) {
    run.push(k);
    if (run.length === RUN) {
      run.sort();
      runs.push(run);
      run = [];
      await maybeYield();
    }
  }
  if (run.length > 0) {
    run.sort();
    runs.push(run);
  }

  // Phase 2: k-way merge. heap holds run numbers ordered by their current head key.
  const pos = new Array<number>(runs.length).fill(0);
  const head = (r: number) => runs[r]![pos[r]!]!;
  const heap: number[] = [];
  const less = (a: number, b: number) => head(a) < head(b);
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let r = 0; r < runs.length; r++) {
    heap.push(r);
    up(heap.length - 1);
  }
  let n = 0;
  while (heap.length > 0) {
    const r = heap[0]!;
    const k = head(r);
    yield [k, map.get(k)!];
    pos[r]!++;
    if (pos[r]! >= runs[r]!.length) {
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        down(0);
      }
    } else {
      down(0);
    }
    if (++n % 256 === 0) await maybeYield();
  }
}
