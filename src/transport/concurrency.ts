/**
 * Bounded fan-out for the transport's own fan-outs (leader discovery over a membership or an
 * endpoint list): never more than a fixed number of calls at once, so a long list cannot open
 * hundreds of connections and calls in one burst. Only for calls with a fixed per-call deadline:
 * a caller whose calls share one overall budget (the CLI's `--wait-timeout`) must start them all
 * at once, or the later ones would start late and find the budget spent.
 */

/** Calls in flight at most for one fan-out to endpoints (discovery, status). */
export const FAN_OUT_CONCURRENCY = 16;

/**
 * Maps `items` through `fn` with at most `limit` calls pending at a time, starting them in input
 * order; resolves with the results in input order. Rejects with the first rejection; no call is
 * started after it (calls already started run to completion). Callers that must not fail catch
 * inside `fn`.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!(Number.isSafeInteger(limit) && limit >= 1)) throw new RangeError(`concurrency limit must be a whole number ≥ 1, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!, i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
