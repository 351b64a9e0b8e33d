// Correlation coefficients. Each returns NaN when undefined (a constant sample), like scipy.
import { checkPair, mean } from './check.js';

/** Pearson's product-moment correlation r. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  checkPair('pearson', x, y);
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** Coefficient of determination of the least-squares line y ~ x (equals r²). */
export function rSquared(x: readonly number[], y: readonly number[]): number {
  const r = pearson(x, y);
  return r * r;
}

/** 1-based ranks; tied values share the average of the ranks they span. */
export function averageRanks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((i, j) => x[i]! - x[j]! || i - j);
  const ranks = new Array<number>(x.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && x[order[end + 1]!] === x[order[start]!]) end++;
    const rank = (start + end) / 2 + 1;
    for (let p = start; p <= end; p++) ranks[order[p]!] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Spearman's ρ: Pearson's r of the average ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  checkPair('spearman', x, y);
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * Kendall's τb, which corrects for ties in either sample:
 * (concordant − discordant) / sqrt((n0 − n1)(n0 − n2)). O(n²), fine for solver/task counts.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  checkPair('kendallTauB', x, y);
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      if (dx * dy > 0) concordant++;
      else if (dx * dy < 0) discordant++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denom = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  if (denom === 0) return Number.NaN;
  return (concordant - discordant) / denom;
}
