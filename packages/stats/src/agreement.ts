// Agreement between two measurements of the same things (e.g. per-solver Elo on two task sets).
import { UsageError } from '@mle-smith/core';
import { checkMatrix, checkPair, mean, variance } from './check.js';
import { kendallTauB, pearson, spearman } from './correlation.js';

/**
 * Lin's concordance correlation coefficient (Lin 1989), with the population (1/n) moments of the
 * original paper: 2·s_xy / (s_x² + s_y² + (x̄ − ȳ)²). Unlike r it penalizes shifts and scale changes.
 */
export function linCcc(x: readonly number[], y: readonly number[]): number {
  checkPair('linCcc', x, y);
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  const denom = sxx / n + syy / n + (mx - my) ** 2;
  return denom === 0 ? Number.NaN : (2 * sxy) / n / denom;
}

/**
 * ICC(2,1) of Shrout & Fleiss (1979): two-way random effects, absolute agreement, single rater.
 * `ratings` is n targets × k raters. From the two-way ANOVA mean squares:
 * (MSR − MSE) / (MSR + (k − 1)·MSE + k·(MSC − MSE)/n).
 */
export function icc21(ratings: readonly (readonly number[])[]): number {
  const k = checkMatrix('icc21', ratings);
  const n = ratings.length;
  const grand = mean(ratings.flat());
  const rowMeans = ratings.map((r) => mean(r));
  const colMeans = Array.from({ length: k }, (_, j) => mean(ratings.map((r) => r[j]!)));
  let sst = 0;
  for (const r of ratings) for (const v of r) sst += (v - grand) ** 2;
  const ssr = k * rowMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const ssc = n * colMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const sse = sst - ssr - ssc;
  const msr = ssr / (n - 1);
  const msc = ssc / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  const denom = msr + (k - 1) * mse + (k * (msc - mse)) / n;
  return denom === 0 ? Number.NaN : (msr - mse) / denom;
}

/**
 * Cronbach's α with the items as columns of `scores` (n subjects × k items):
 * k/(k − 1) · (1 − Σ var(item) / var(total)), sample variances.
 */
export function cronbachAlpha(scores: readonly (readonly number[])[]): number {
  const k = checkMatrix('cronbachAlpha', scores);
  let itemVar = 0;
  for (let j = 0; j < k; j++) itemVar += variance(scores.map((r) => r[j]!));
  const totalVar = variance(scores.map((r) => r.reduce((s, v) => s + v, 0)));
  return totalVar === 0 ? Number.NaN : (k / (k - 1)) * (1 - itemVar / totalVar);
}

export interface BlandAltman {
  /** Mean difference a − b. */
  bias: number;
  /** Sample standard deviation of the differences. */
  sd: number;
  /** 95% limits of agreement: bias ∓ 1.96·sd. */
  lower: number;
  upper: number;
  /** One point per pair, for the plot: x = (a + b)/2, y = a − b. */
  points: Array<{ mean: number; diff: number }>;
}

/** Bland–Altman analysis of paired measurements a and b. */
export function blandAltman(a: readonly number[], b: readonly number[]): BlandAltman {
  checkPair('blandAltman', a, b);
  const diffs = a.map((v, i) => v - b[i]!);
  const bias = mean(diffs);
  const sd = Math.sqrt(variance(diffs));
  return {
    bias,
    sd,
    lower: bias - 1.96 * sd,
    upper: bias + 1.96 * sd,
    points: a.map((v, i) => ({ mean: (v + b[i]!) / 2, diff: v - b[i]! })),
  };
}

export interface TopKOverlap {
  k: number;
  /** Number of items in both top-k sets. */
  overlap: number;
  /** overlap / k. */
  fraction: number;
}

/** Indices of the k largest values; ties at the boundary go to the earlier index (deterministic). */
function topIndices(x: readonly number[], k: number): Set<number> {
  const order = x.map((_, i) => i).sort((i, j) => x[j]! - x[i]! || i - j);
  return new Set(order.slice(0, k));
}

/** How many of the k highest items by `a` are also among the k highest by `b`. */
export function topKOverlap(a: readonly number[], b: readonly number[], k: number): TopKOverlap {
  checkPair('topKOverlap', a, b, 1);
  if (!Number.isInteger(k) || k < 1 || k > a.length) {
    throw new UsageError(`topKOverlap: k must be an integer in 1..${a.length}, got ${k}`);
  }
  const ta = topIndices(a, k);
  let overlap = 0;
  for (const i of topIndices(b, k)) if (ta.has(i)) overlap++;
  return { k, overlap, fraction: overlap / k };
}

export interface AgreementStats {
  n: number;
  pearson: number;
  r2: number;
  spearman: number;
  kendallTauB: number;
  ccc: number;
  /** ICC(2,1) with a and b as the two raters. */
  icc21: number;
  /** Cronbach's α with a and b as the two items. */
  cronbachAlpha: number;
  blandAltman: BlandAltman;
  topK: TopKOverlap;
}

export interface AgreementOptions {
  /** k of the top-k overlap; default min(5, ⌈n/2⌉), so that with few solvers the overlap still says something. */
  topK?: number;
}

/** Every agreement statistic for paired values a[i] and b[i] (NaN where a statistic is undefined). */
export function agreement(a: readonly number[], b: readonly number[], options: AgreementOptions = {}): AgreementStats {
  checkPair('agreement', a, b);
  const r = pearson(a, b);
  const pairs = a.map((v, i) => [v, b[i]!]);
  return {
    n: a.length,
    pearson: r,
    r2: r * r,
    spearman: spearman(a, b),
    kendallTauB: kendallTauB(a, b),
    ccc: linCcc(a, b),
    icc21: icc21(pairs),
    cronbachAlpha: cronbachAlpha(pairs),
    blandAltman: blandAltman(a, b),
    topK: topKOverlap(a, b, options.topK ?? Math.min(5, Math.ceil(a.length / 2))),
  };
}

/** Flattens the statistics to name → value (NaN becomes null), the form report sections carry. */
export function flattenAgreement(stats: AgreementStats): Record<string, number | null> {
  const v = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    n: stats.n,
    pearson: v(stats.pearson),
    r2: v(stats.r2),
    spearman: v(stats.spearman),
    kendallTauB: v(stats.kendallTauB),
    ccc: v(stats.ccc),
    icc21: v(stats.icc21),
    cronbachAlpha: v(stats.cronbachAlpha),
    blandAltmanBias: v(stats.blandAltman.bias),
    blandAltmanSd: v(stats.blandAltman.sd),
    blandAltmanLower: v(stats.blandAltman.lower),
    blandAltmanUpper: v(stats.blandAltman.upper),
    topK: stats.topK.k,
    topKOverlap: stats.topK.fraction,
  };
}
