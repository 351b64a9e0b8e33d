// The project's one seeded PRNG, so fixtures, bootstraps and benchmarks are bit-for-bit the
// same on every machine.

/** mulberry32: 32-bit state, period 2^32, good enough for fixtures and resampling indices. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
