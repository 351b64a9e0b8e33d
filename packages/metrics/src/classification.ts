// Label metrics (sklearn.metrics semantics): accuracy, balanced accuracy, precision/recall/F1 in
// every averaging mode, Matthews correlation and Cohen's kappa. zero_division is 0 throughout.
import type { Metric } from '@mle-smith/core';
import { checkLength, classesParam, confusion, encodeLabels, positiveLabel, type EncodedLabels } from './internal/inputs.js';

type Params = Record<string, unknown> | undefined;

function encode(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, name: string, labels?: string[]): EncodedLabels {
  checkLength(yTrue, yPred, name);
  return encodeLabels(yTrue, yPred, labels);
}

export function accuracy(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const enc = encode(yTrue, yPred, 'accuracy');
  let ok = 0;
  for (let i = 0; i < enc.yTrue.length; i++) if (enc.yTrue[i] === enc.yPred[i]) ok++;
  return ok / enc.yTrue.length;
}

/** Mean recall over the classes present in y_true (sklearn balanced_accuracy_score, adjusted=False). */
export function balancedAccuracy(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const enc = encode(yTrue, yPred, 'balanced_accuracy');
  const k = enc.labels.length;
  const c = confusion(enc);
  let sum = 0;
  let m = 0;
  for (let i = 0; i < k; i++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += c[i * k + j];
    if (row > 0) {
      sum += c[i * k + i] / row;
      m++;
    }
  }
  return sum / m;
}

interface PerClass {
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
  support: Float64Array;
}

function perClass(enc: EncodedLabels): PerClass {
  const k = enc.labels.length;
  const tp = new Float64Array(k);
  const predSum = new Float64Array(k);
  const support = new Float64Array(k);
  const { yTrue, yPred } = enc;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    support[t]++;
    predSum[p]++;
    if (t === p) tp[t]++;
  }
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    fp[c] = predSum[c] - tp[c];
    fn[c] = support[c] - tp[c];
  }
  return { tp, fp, fn, support };
}

export type Measure = 'precision' | 'recall' | 'f1';
export type Average = 'binary' | 'macro' | 'micro' | 'weighted';

/** One class's measure from its counts; 0 when the denominator is 0 (zero_division=0). */
export function measureOf(measure: Measure, tp: number, fp: number, fn: number): number {
  const den = measure === 'precision' ? tp + fp : measure === 'recall' ? tp + fn : 2 * tp + fp + fn;
  if (den === 0) return 0;
  return (measure === 'f1' ? 2 * tp : tp) / den;
}

export function prf(measure: Measure, average: Average, yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const name = average === 'binary' ? measure : `${measure}_${average}`;
  const enc = encode(yTrue, yPred, name);
  const { tp, fp, fn, support } = perClass(enc);
  const k = enc.labels.length;
  if (average === 'binary') {
    const pos = enc.labels.indexOf(positiveLabel(classesParam(params) ?? enc.labels, params));
    if (pos < 0) return 0; // the positive class occurs in neither array: no true or predicted positives
    return measureOf(measure, tp[pos], fp[pos], fn[pos]);
  }
  if (average === 'micro') {
    let a = 0;
    let b = 0;
    let c = 0;
    for (let i = 0; i < k; i++) {
      a += tp[i];
      b += fp[i];
      c += fn[i];
    }
    return measureOf(measure, a, b, c);
  }
  let sum = 0;
  let wsum = 0;
  for (let i = 0; i < k; i++) {
    const w = average === 'weighted' ? support[i] : 1;
    sum += w * measureOf(measure, tp[i], fp[i], fn[i]);
    wsum += w;
  }
  return wsum === 0 ? 0 : sum / wsum;
}

/** Multiclass Matthews correlation (sklearn matthews_corrcoef); 0 when either marginal is constant. */
export function mcc(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const enc = encode(yTrue, yPred, 'mcc');
  const { tp, support } = perClass(enc);
  const k = enc.labels.length;
  const predSum = new Float64Array(k);
  for (let i = 0; i < enc.yPred.length; i++) predSum[enc.yPred[i]]++;
  const n = enc.yTrue.length;
  let correct = 0;
  let tDotP = 0;
  let tDotT = 0;
  let pDotP = 0;
  for (let c = 0; c < k; c++) {
    correct += tp[c];
    tDotP += support[c] * predSum[c];
    tDotT += support[c] * support[c];
    pDotP += predSum[c] * predSum[c];
  }
  const covTP = correct * n - tDotP;
  const covPP = n * n - pDotP;
  const covTT = n * n - tDotT;
  if (covPP === 0 || covTT === 0) return 0;
  return covTP / Math.sqrt(covTT * covPP);
}

/**
 * Cohen's kappa (sklearn cohen_kappa_score). Quadratic weights use the distance between label
 * positions in the label order: params.labels/classes when given (the grader passes the task's
 * classes, numerically sorted when numeric), else the sorted union of both arrays.
 */
export function cohenKappa(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, weights: 'none' | 'quadratic' | 'linear', params?: Params): number {
  const enc = encode(yTrue, yPred, weights === 'none' ? 'cohen_kappa' : `cohen_kappa_${weights}`, classesParam(params));
  const k = enc.labels.length;
  const c = confusion(enc);
  const rowSum = new Float64Array(k);
  const colSum = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      rowSum[i] += c[i * k + j];
      colSum[j] += c[i * k + j];
      n += c[i * k + j];
    }
  }
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weights === 'none' ? (i === j ? 0 : 1) : weights === 'linear' ? Math.abs(i - j) : (i - j) * (i - j);
      if (w === 0) continue;
      observed += w * c[i * k + j];
      expected += (w * colSum[i] * rowSum[j]) / n;
    }
  }
  // sklearn divides 0 by 0 here and returns nan; an all-one-class table carries no information.
  if (expected === 0) return observed === 0 ? 1 : 0;
  return 1 - observed / expected;
}

const CLS: Metric['objectives'] = ['binary', 'multiclass'];

export function classificationMetrics(): Metric[] {
  const out: Metric[] = [
    { name: 'accuracy', higherIsBetter: true, range: [0, 1], kind: 'label', objectives: CLS, score: (t, p) => accuracy(t, p) },
    { name: 'balanced_accuracy', higherIsBetter: true, range: [0, 1], kind: 'label', objectives: CLS, score: (t, p) => balancedAccuracy(t, p) },
    { name: 'mcc', higherIsBetter: true, range: [-1, 1], kind: 'label', objectives: CLS, score: (t, p) => mcc(t, p) },
    { name: 'cohen_kappa', higherIsBetter: true, range: [-1, 1], kind: 'label', objectives: CLS, score: (t, p, q) => cohenKappa(t, p, 'none', q) },
    { name: 'cohen_kappa_quadratic', higherIsBetter: true, range: [-1, 1], kind: 'label', objectives: ['multiclass'], score: (t, p, q) => cohenKappa(t, p, 'quadratic', q) },
  ];
  for (const m of ['precision', 'recall', 'f1'] as const) {
    out.push({ name: m, higherIsBetter: true, range: [0, 1], kind: 'label', objectives: ['binary'], score: (t, p, q) => prf(m, 'binary', t, p, q) });
    for (const a of ['macro', 'micro', 'weighted'] as const) {
      out.push({ name: `${m}_${a}`, higherIsBetter: true, range: [0, 1], kind: 'label', objectives: CLS, score: (t, p, q) => prf(m, a, t, p, q) });
    }
  }
  return out;
}
