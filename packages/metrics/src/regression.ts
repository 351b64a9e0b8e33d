// Regression metrics on Float64Arrays: rmse, mae, mape, r2, rmsle, and the Spearman/Pearson
// correlations (scipy.stats semantics, except that a constant input scores 0 instead of nan).
import type { Metric } from '@mle-smith/core';
import { checkLength, toFloat64 } from './internal/inputs.js';
import { rankAverage } from './internal/sort.js';
import { NeumaierSum } from './internal/sum.js';

function pair(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, metric: string): [Float64Array, Float64Array] {
  checkLength(yTrue, yPred, metric);
  return [toFloat64(yTrue, `${metric} y_true`), toFloat64(yPred, `${metric} y_pred`)];
}

export function rmse(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = pair(yTrue, yPred, 'rmse');
  const acc = new NeumaierSum();
  for (let i = 0; i < t.length; i++) {
    const d = t[i] - p[i];
    acc.add(d * d);
  }
  return Math.sqrt(acc.value / t.length);
}

export function mae(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = pair(yTrue, yPred, 'mae');
  const acc = new NeumaierSum();
  for (let i = 0; i < t.length; i++) acc.add(Math.abs(t[i] - p[i]));
  return acc.value / t.length;
}

/** sklearn mean_absolute_percentage_error: mean |y − ŷ| / max(|y|, eps), a fraction (not ×100). */
export function mape(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = pair(yTrue, yPred, 'mape');
  const eps = 2.220446049250313e-16;
  const acc = new NeumaierSum();
  for (let i = 0; i < t.length; i++) acc.add(Math.abs(t[i] - p[i]) / Math.max(Math.abs(t[i]), eps));
  return acc.value / t.length;
}

function mean(x: Float64Array): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < x.length; i++) acc.add(x[i]);
  return acc.value / x.length;
}

/** sklearn r2_score (force_finite): constant y_true gives 1 for a perfect fit, else 0. */
export function r2(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = pair(yTrue, yPred, 'r2');
  const m = mean(t);
  const res = new NeumaierSum();
  const tot = new NeumaierSum();
  for (let i = 0; i < t.length; i++) {
    const d = t[i] - p[i];
    const e = t[i] - m;
    res.add(d * d);
    tot.add(e * e);
  }
  if (tot.value === 0) return res.value === 0 ? 1 : 0;
  return 1 - res.value / tot.value;
}

/** sqrt(mean((log1p(y) − log1p(ŷ))²)); values must be greater than −1. */
export function rmsle(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = pair(yTrue, yPred, 'rmsle');
  const acc = new NeumaierSum();
  for (let i = 0; i < t.length; i++) {
    if (t[i] <= -1 || p[i] <= -1) throw new RangeError(`rmsle: values must be greater than -1 (index ${i}: y_true ${t[i]}, y_pred ${p[i]})`);
    const d = Math.log1p(t[i]) - Math.log1p(p[i]);
    acc.add(d * d);
  }
  return Math.sqrt(acc.value / t.length);
}

/** Pearson r as scipy.stats.pearsonr (centred, clipped to [−1, 1]); 0 when either input is constant. */
export function pearsonOf(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (n < 2) throw new RangeError('pearson: needs at least two rows');
  const mx = mean(x);
  const my = mean(y);
  const sxy = new NeumaierSum();
  const sxx = new NeumaierSum();
  const syy = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    const a = x[i] - mx;
    const b = y[i] - my;
    sxy.add(a * b);
    sxx.add(a * a);
    syy.add(b * b);
  }
  if (sxx.value === 0 || syy.value === 0) return 0;
  const r = sxy.value / (Math.sqrt(sxx.value) * Math.sqrt(syy.value));
  return Math.max(-1, Math.min(1, r));
}

export function pearson(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = pair(yTrue, yPred, 'pearson');
  return pearsonOf(t, p);
}

/** Spearman ρ: Pearson r of average ranks (scipy.stats.spearmanr); 0 when either input is constant. */
export function spearman(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = pair(yTrue, yPred, 'spearman');
  return pearsonOf(rankAverage(t), rankAverage(p));
}

const REG: Metric['objectives'] = ['regression', 'forecasting'];

export function regressionMetrics(): Metric[] {
  return [
    { name: 'rmse', higherIsBetter: false, range: [0, Infinity], kind: 'score', objectives: REG, score: rmse },
    { name: 'mae', higherIsBetter: false, range: [0, Infinity], kind: 'score', objectives: REG, score: mae },
    { name: 'mape', higherIsBetter: false, range: [0, Infinity], kind: 'score', objectives: REG, score: mape },
    { name: 'r2', higherIsBetter: true, range: [-Infinity, 1], kind: 'score', objectives: REG, score: r2 },
    { name: 'rmsle', higherIsBetter: false, range: [0, Infinity], kind: 'score', objectives: REG, score: rmsle },
    { name: 'spearman', higherIsBetter: true, range: [-1, 1], kind: 'score', objectives: REG, score: spearman },
    { name: 'pearson', higherIsBetter: true, range: [-1, 1], kind: 'score', objectives: REG, score: pearson },
  ];
}
