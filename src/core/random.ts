/**
 * mulberry32: the one seeded PRNG of the project (32-bit state, period 2^32), deterministic
 * across platforms. The core takes randomness only through {@link Random}; this is the generator
 * behind the runtime's election timers, the bench's key choice and the simulations.
 */
import type { Random } from './types.js';

/** Uniform floats in [0, 1) from `seed`: the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A {@link Random} over {@link mulberry32}. */
export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  return { nextInt: (n) => Math.floor(next() * n) };
}
