// Seeded randomness for bootstrap resampling: core's mulberry32 (re-exported as part of this
// package's API) and quantiles of the resampled values.
export { mulberry32 } from '@mle-smith/core';

/** Linear-interpolated quantile (numpy's default, "type 7") of an already sorted array. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
