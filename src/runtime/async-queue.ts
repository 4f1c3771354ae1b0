/**
 * A single-consumer async queue: iteration yields items in push order and ends after `end()`
 * (or throws the error given to `fail()`). Used to hand received snapshot chunks to the snapshot
 * store.
 *
 * `push` never blocks; a producer that must not outrun the consumer awaits {@link AsyncQueue.room}
 * after each push, so at most that many items wait in memory (a snapshot received faster than
 * the disk takes it then slows the gRPC stream through its own flow control instead of
 * buffering the whole file).
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #done = false;
  #error: unknown = null;
  #wake: (() => void) | null = null;
  /** A producer waiting in `room()`: the limit it waits below and how to wake it. */
  #roomWaiter: { readonly below: number; readonly resolve: () => void } | null = null;

  push(item: T): void {
    if (this.#done) return;
    this.#items.push(item);
    this.#notify();
  }

  end(): void {
    this.#done = true;
    this.#notify();
    this.#releaseProducer();
  }

  fail(err: unknown): void {
    this.#error = err ?? new Error('failed');
    this.#done = true;
    this.#items.length = 0;
    this.#notify();
    this.#releaseProducer();
  }

  /** Items pushed and not yet taken by the consumer. */
  get size(): number {
    return this.#items.length;
  }

  /**
   * Resolves once fewer than `below` items wait (at once when they already do, or when the
   * queue has ended or failed). One producer: a second call replaces the first one's wait
   * only after it resolved.
   */
  room(below: number): Promise<void> {
    if (this.#items.length < below || this.#done) return Promise.resolve();
    return new Promise<void>((resolve) => (this.#roomWaiter = { below, resolve }));
  }

  #notify(): void {
    const w = this.#wake;
    this.#wake = null;
    w?.();
  }

  #releaseProducer(): void {
    const w = this.#roomWaiter;
    this.#roomWaiter = null;
    w?.resolve();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.#error) throw this.#error;
      const item = this.#items.shift();
      if (item !== undefined) {
        if (this.#roomWaiter && this.#items.length < this.#roomWaiter.below) this.#releaseProducer();
        yield item;
        continue;
      }
      if (this.#done) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}
