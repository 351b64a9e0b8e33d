// Forecasting metrics: MASE (M4), RMSSE (M5), sMAPE (M4), WAPE, pinball loss for quantile
// forecasts and the calibration of prediction intervals. MASE and RMSSE are scaled per series by
// an in-sample denominator that only the train part of a series determines, so the designer
// computes it and writes it into private/answers.csv (`scale`, with the series key in `series`);
// the grader passes those columns in `params.answerColumns` (Metric.answerColumnParams).
// Definitions and sources: docs/metrics.md#forecasting.
import type { Metric } from '@mle-smith/core';
import { checkLength, labelKey, toFloat64 } from './internal/inputs.js';
import { NeumaierSum } from './internal/sum.js';

type Params = Record<string, unknown> | undefined;

/** The answers columns a per-series metric reads: the series key and the per-series scale. */
export const FORECAST_ANSWER_PARAMS = ['seriesColumn', 'scaleColumn'];

/** Submission column of quantile `q` in a `pinball` task: `q` + the quantile in shortest decimal form (0.1 → "q0.1"). */
export function quantileColumnName(q: number): string {
  return `q${q}`;
}

/** Submission columns of an `interval-coverage` task, in this order. */
export const INTERVAL_COLUMNS = ['lower', 'upper'] as const;

/**
 * MASE's scale of one series from its TRAIN part, M4: mean |y_t − y_{t−m}| over t = m … n−1
 * (m = 1 when the series has no seasonality). Needs more than m training values.
 */
export function maseScale(train: ArrayLike<number>, seasonalPeriod: number): number {
  const m = seasonalPeriod;
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`maseScale: the seasonal period must be a positive integer, got ${m}`);
  if (train.length <= m) throw new RangeError(`maseScale: ${train.length} training values, the seasonal difference needs more than ${m}`);
  const acc = new NeumaierSum();
  for (let t = m; t < train.length; t++) acc.add(Math.abs(train[t] - train[t - m]));
  return acc.value / (train.length - m);
}

/** RMSSE's scale of one series from its TRAIN part, M5: mean (y_t − y_{t−1})² over t = 1 … n−1. */
export function rmsseScale(train: ArrayLike<number>): number {
  if (train.length < 2) throw new RangeError(`rmsseScale: ${train.length} training values, the first difference needs at least 2`);
  const acc = new NeumaierSum();
  for (let t = 1; t < train.length; t++) acc.add((train[t] - train[t - 1]) ** 2);
  return acc.value / (train.length - 1);
}

/** The answers column that params[key] names, as the grader passed it; undefined when the key is absent. */
function answerColumn(params: Params, key: string, metric: string): ArrayLike<unknown> | undefined {
  const name = params?.[key];
  if (name === undefined || name === null) return undefined;
  if (typeof name !== 'string') throw new TypeError(`${metric}: params.${key} must name a column of the answers`);
  const col = (params?.answerColumns as Record<string, ArrayLike<unknown>> | undefined)?.[name];
  if (!col) throw new RangeError(`${metric}: the answers have no column "${name}" (params.${key})`);
  return col;
}

interface SeriesScale {
  /** Series index of every row, series numbered in first-seen order. */
  series: Int32Array;
  keys: string[];
  /** Denominator of each series. */
  scale: Float64Array;
}

/** Rows grouped by params.seriesColumn (one series without it) with the scale of each series. */
function seriesScales(n: number, params: Params, metric: string): SeriesScale {
  const seasonalPeriod = params?.seasonalPeriod;
  if (seasonalPeriod !== undefined && !(Number.isInteger(seasonalPeriod) && (seasonalPeriod as number) >= 1)) {
    throw new RangeError(`${metric}: params.seasonalPeriod must be a positive integer, got ${String(seasonalPeriod)}`);
  }
  const seriesCol = answerColumn(params, 'seriesColumn', metric);
  const scaleCol = answerColumn(params, 'scaleColumn', metric);
  if (!scaleCol) throw new RangeError(`${metric}: needs the per-series scale; params.scaleColumn must name an answers column`);
  if (scaleCol.length !== n || (seriesCol && seriesCol.length !== n)) throw new RangeError(`${metric}: the answers columns do not have ${n} rows`);
  const scaleOfRow = toFloat64(scaleCol, `${metric} scale`);
  const index = new Map<string, number>();
  const series = new Int32Array(n);
  const scales: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = seriesCol ? labelKey(seriesCol[i]) : 'all';
    let s = index.get(key);
    if (s === undefined) {
      s = index.size;
      index.set(key, s);
      scales.push(scaleOfRow[i]);
      if (!(scaleOfRow[i] > 0)) throw new RangeError(`${metric}: series "${key}" has scale ${scaleOfRow[i]}; a scaled error needs a positive scale (a series whose training part is constant has none: use smape or wape)`);
    } else if (scaleOfRow[i] !== scales[s]) {
      throw new RangeError(`${metric}: series "${key}" has two scales (${scales[s]} and ${scaleOfRow[i]} at row ${i})`);
    }
    series[i] = s;
  }
  return { series, keys: [...index.keys()], scale: Float64Array.from(scales) };
}

/** Mean over series of f(series mean of `perRow`, series scale). */
function perSeriesMean(t: Float64Array, p: Float64Array, params: Params, metric: string, perRow: (e: number) => number, ofSeries: (meanErr: number, scale: number) => number): number {
  const { series, keys, scale } = seriesScales(t.length, params, metric);
  const sums = keys.map(() => new NeumaierSum());
  const counts = new Float64Array(keys.length);
  for (let i = 0; i < t.length; i++) {
    sums[series[i]].add(perRow(t[i] - p[i]));
    counts[series[i]]++;
  }
  const total = new NeumaierSum();
  for (let s = 0; s < keys.length; s++) total.add(ofSeries(sums[s].value / counts[s], scale[s]));
  return total.value / keys.length;
}

function pair(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, metric: string): [Float64Array, Float64Array] {
  checkLength(yTrue, yPred, metric);
  return [toFloat64(yTrue, `${metric} y_true`), toFloat64(yPred, `${metric} y_pred`)];
}

/** M4's MASE: per series mean |y − ŷ| / scale (scale = mean |y_t − y_{t−m}| over its train part), averaged over series. */
export function mase(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const [t, p] = pair(yTrue, yPred, 'mase');
  return perSeriesMean(t, p, params, 'mase', Math.abs, (e, scale) => e / scale);
}

/** M5's RMSSE: per series sqrt(mean (y − ŷ)² / scale) (scale = mean (y_t − y_{t−1})² over its train part), averaged over series, unweighted. */
export function rmsse(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const [t, p] = pair(yTrue, yPred, 'rmsse');
  return perSeriesMean(t, p, params, 'rmsse', (e) => e * e, (e, scale) => Math.sqrt(e / scale));
}

/** M4's sMAPE in percent: mean 200 |y − ŷ| / (|y| + |ŷ|); a row with y = ŷ = 0 counts 0. */
export function smape(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = pair(yTrue, yPred, 'smape');
  const acc = new NeumaierSum();
  for (let i = 0; i < t.length; i++) {
    const denominator = Math.abs(t[i]) + Math.abs(p[i]);
    if (denominator > 0) acc.add((200 * Math.abs(t[i] - p[i])) / denominator);
  }
  return acc.value / t.length;
}

/** WAPE: Σ |y − ŷ| / Σ |y| (a fraction); undefined when every y is 0. */
export function wape(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = pair(yTrue, yPred, 'wape');
  const err = new NeumaierSum();
  const total = new NeumaierSum();
  for (let i = 0; i < t.length; i++) {
    err.add(Math.abs(t[i] - p[i]));
    total.add(Math.abs(t[i]));
  }
  if (total.value === 0) throw new RangeError('wape: every true value is 0, so Σ|y| is 0 and WAPE is not defined');
  return err.value / total.value;
}

function quantilesParam(params: Params): number[] {
  const q = params?.quantiles;
  if (!Array.isArray(q) || q.length === 0 || !q.every((x) => typeof x === 'number' && x > 0 && x < 1)) {
    throw new RangeError('pinball: params.quantiles must be a non-empty list of numbers in (0, 1)');
  }
  return q as number[];
}

/** Flat row-major predictions of `width` columns for n rows. */
function columnsOf(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, width: number, metric: string): [Float64Array, Float64Array] {
  const t = toFloat64(yTrue, `${metric} y_true`);
  if (t.length === 0) throw new RangeError(`${metric}: no rows to score`);
  const p = toFloat64(yPred, `${metric} y_pred`);
  if (p.length !== t.length * width) throw new RangeError(`${metric}: ${t.length} rows need ${t.length * width} predictions (${width} per row), got ${p.length}`);
  return [t, p];
}

/**
 * Pinball (quantile) loss averaged over rows and quantiles: ρ_q(e) = max(q e, (q − 1) e) with
 * e = y − ŷ_q. yPred holds one value per quantile per row, in the order of params.quantiles.
 */
export function pinball(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const quantiles = quantilesParam(params);
  const k = quantiles.length;
  const [t, p] = columnsOf(yTrue, yPred, k, 'pinball');
  const acc = new NeumaierSum();
  for (let i = 0; i < t.length; i++) {
    for (let j = 0; j < k; j++) {
      const e = t[i] - p[i * k + j];
      acc.add(Math.max(quantiles[j] * e, (quantiles[j] - 1) * e));
    }
  }
  return acc.value / (t.length * k);
}

function levelParam(params: Params): number {
  const level = params?.level;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) throw new RangeError(`interval-coverage: params.level must be the nominal coverage in (0, 1), got ${String(level)}`);
  return level;
}

/**
 * |observed coverage − nominal level|: observed = share of rows with lower ≤ y ≤ upper. Lower is
 * better; 0 is a perfectly calibrated interval. yPred holds lower, upper per row.
 */
export function intervalCoverage(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const level = levelParam(params);
  const [t, p] = columnsOf(yTrue, yPred, 2, 'interval-coverage');
  let covered = 0;
  for (let i = 0; i < t.length; i++) {
    if (p[2 * i] > p[2 * i + 1]) throw new RangeError(`interval-coverage: row ${i} has lower bound ${p[2 * i]} above upper bound ${p[2 * i + 1]}`);
    if (p[2 * i] <= t[i] && t[i] <= p[2 * i + 1]) covered++;
  }
  return Math.abs(covered / t.length - level);
}

const FC: Metric['objectives'] = ['forecasting'];

export function forecastingMetrics(): Metric[] {
  return [
    { name: 'mase', higherIsBetter: false, range: [0, Infinity], kind: 'score', objectives: FC, answerColumnParams: FORECAST_ANSWER_PARAMS, score: mase },
    { name: 'rmsse', higherIsBetter: false, range: [0, Infinity], kind: 'score', objectives: FC, answerColumnParams: FORECAST_ANSWER_PARAMS, score: rmsse },
    { name: 'smape', higherIsBetter: false, range: [0, 200], kind: 'score', objectives: FC, score: smape },
    { name: 'wape', higherIsBetter: false, range: [0, Infinity], kind: 'score', objectives: ['forecasting', 'regression'], score: wape },
    { name: 'pinball', higherIsBetter: false, range: [0, Infinity], kind: 'quantiles', objectives: FC, score: pinball },
    { name: 'interval-coverage', higherIsBetter: false, range: [0, 1], kind: 'interval', objectives: FC, score: intervalCoverage },
  ];
}
