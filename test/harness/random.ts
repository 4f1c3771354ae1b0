/**
 * Seeded PRNG for simulations: mulberry32 (32-bit state, period 2^32). Deterministic across
 * platforms; the only randomness the harness and the cores under test use.
 */
import { mulberry32, type Random } from '../../src/core/index.js';

export class SeededRandom implements Random {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    return this.#next() * 4294967296;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  between(lo: number, hi: number): number {
    return lo + this.nextInt(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new RangeError('pick from empty array');
    return xs[this.nextInt(xs.length)]!;
  }

  /** A new independent generator derived from this one. */
  fork(): SeededRandom {
    return new SeededRandom(this.nextU32());
  }
}
