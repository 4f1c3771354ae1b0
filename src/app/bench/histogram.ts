/**
 * A small log-bucketed latency histogram in the manner of HdrHistogram, without the dependency:
 * values (whole microseconds) below 128 get a bucket each; above, every power-of-two range is
 * split into 64 equal buckets, so a reported value is within 1/64 (1.6 %) of the recorded one.
 * Percentiles report the highest value of the bucket they fall in (never above the recorded
 * maximum), as HdrHistogram does; min, max and mean are exact.
 */

const LINEAR = 128;
const SUB = 64;
/** Buckets for values up to 2^53 µs. */
const BUCKETS = LINEAR + SUB * 47;

/** The bucket of a value ≥ 0 (whole microseconds). */
export function bucketOf(v: number): number {
  if (v < LINEAR) return v;
  const e = Math.floor(Math.log2(v)) - 6;
  const m = Math.floor(v / 2 ** e);
  // Math.log2 can land one off for values near a power of two; normalize the mantissa to [64, 127].
  if (m >= 2 * SUB) return LINEAR + e * SUB + (Math.floor(v / 2 ** (e + 1)) - SUB);
  if (m < SUB) return LINEAR + (e - 2) * SUB + (Math.floor(v / 2 ** (e - 1)) - SUB);
  return LINEAR + (e - 1) * SUB + (m - SUB);
}

/** The highest value that falls into bucket `i`. */
export function bucketHigh(i: number): number {
  if (i < LINEAR) return i;
  const k = i - LINEAR;
  const e = Math.floor(k / SUB) + 1;
  const m = SUB + (k % SUB);
  return (m + 1) * 2 ** e - 1;
}

/** Latency summary in milliseconds (null fields when nothing was recorded). */
export interface LatencySummary {
  readonly min: number | null;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly p999: number | null;
  readonly max: number | null;
}

/**
 * ⌈p/100 · count⌉, at least 1, without the floating-point error of the product: 0.999 · 1000 is
 * 999.0000000000001 in binary floating point, whose ceiling (1000) would make p99.9 of 1000
 * samples the maximum. Percentiles have a few decimals at most, so an error below a millionth of
 * a rank is rounding.
 */
export function nearestRank(p: number, count: number): number {
  const exact = (p / 100) * count;
  const nearest = Math.round(exact);
  return Math.max(1, Math.abs(exact - nearest) < 1e-6 ? nearest : Math.ceil(exact));
}

export class Histogram {
  readonly #counts = new Float64Array(BUCKETS);
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  /** Records one latency in milliseconds (rounded up to whole microseconds; negatives count as 0). */
  recordMs(ms: number): void {
    const us = Math.max(0, Math.ceil(ms * 1000));
    this.#counts[Math.min(bucketOf(us), BUCKETS - 1)]!++;
    this.#count++;
    this.#sum += us;
    if (us < this.#min) this.#min = us;
    if (us > this.#max) this.#max = us;
  }

  /**
   * Records the `n` latencies firstMs, firstMs + stepMs, …, firstMs + (n − 1)·stepMs (firstMs ≥ 0,
   * stepMs > 0) in time proportional to the buckets they span, not to `n` (the open loop's
   * missed requests: one per due time, possibly billions at an absurd `--rate`). Buckets, count,
   * min and max as `n` calls of {@link recordMs} would give; the sum (the mean) leaves out the
   * round-up to whole microseconds, under 1 µs per value.
   */
  recordSeriesMs(firstMs: number, stepMs: number, n: number): void {
    if (!(n >= 1)) return;
    if (!(stepMs > 0)) throw new RangeError(`recordSeriesMs needs stepMs > 0 (got ${stepMs})`);
    const f = Math.max(0, firstMs * 1000);
    const s = stepMs * 1000;
    for (let k = 0; k < n; ) {
      const us = Math.ceil(f + k * s);
      const b = Math.min(bucketOf(us), BUCKETS - 1);
      // The last term still in this bucket: f + j·s ≤ its top (at least k, so it always advances).
      const last = b === BUCKETS - 1 ? n - 1 : Math.min(n - 1, Math.max(k, Math.floor((bucketHigh(b) - f) / s)));
      const m = last - k + 1;
      this.#counts[b]! += m;
      this.#count += m;
      this.#sum += m * f + (s * (k + last) * m) / 2;
      if (us < this.#min) this.#min = us;
      this.#max = Math.max(this.#max, Math.ceil(f + last * s));
      k = last + 1;
    }
  }

  get count(): number {
    return this.#count;
  }

  /**
   * The value (ms) at percentile `p` (0 < p ≤ 100) by nearest rank: the ⌈p/100 · count⌉-th
   * smallest (within its bucket's precision); null when empty.
   */
  percentileMs(p: number): number | null {
    if (this.#count === 0) return null;
    const rank = nearestRank(p, this.#count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) return Math.min(bucketHigh(i), this.#max) / 1000;
    }
    return this.#max / 1000;
  }

  /** min, mean, p50, p95, p99, p99.9 and max in milliseconds, three decimals. */
  summary(): LatencySummary {
    const r = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);
    if (this.#count === 0) return { min: null, mean: null, p50: null, p95: null, p99: null, p999: null, max: null };
    return {
      min: r(this.#min / 1000),
      mean: r(this.#sum / this.#count / 1000),
      p50: r(this.percentileMs(50)),
      p95: r(this.percentileMs(95)),
      p99: r(this.percentileMs(99)),
      p999: r(this.percentileMs(99.9)),
      max: r(this.#max / 1000),
    };
  }
}
