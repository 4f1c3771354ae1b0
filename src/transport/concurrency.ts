/**
 * Bounded fan-out: the operator commands and the transport ask many endpoints at once, but never
 * more than a fixed number concurrently, so a long endpoint list cannot open hundreds of
 * connections and calls in one burst.
 */

/** Calls in flight at most for one fan-out to endpoints (discovery, status). */
export const FAN_OUT_CONCURRENCY = 16;

/**
 * Maps `items` through `fn` with at most `limit` calls pending at a time, starting them in input
 * order; resolves with the results in input order. Rejects with the first rejection (calls
 * already started still run to completion); callers that must not fail catch inside `fn`.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!(Number.isSafeInteger(limit) && limit >= 1)) throw new RangeError(`concurrency limit must be a whole number ≥ 1, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
