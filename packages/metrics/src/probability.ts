// Probability/score metrics: ROC AUC (binary, one-vs-rest macro), average precision, log loss.
// Each sorts once with the radix argsort and walks tie groups, so ties are handled exactly as
// sklearn's threshold curves (a tie group is one threshold; AUC uses the trapezoid rule there).
import type { Metric } from '@mle-smith/core';
import { argsortFloat64, sortFloat64 } from './internal/sort.js';
import { checkLength, classesParam, labelKey, positiveLabel, sortLabels, toFloat64 } from './internal/inputs.js';
import { NeumaierSum } from './internal/sum.js';

type Params = Record<string, unknown> | undefined;

/** Positive-class indicator (1/0) for binary metrics, and the label set it was derived from. */
function binaryTruth(yTrue: ArrayLike<unknown>, params: Params, metric: string): Uint8Array {
  const classes = classesParam(params);
  const n = yTrue.length;
  const out = new Uint8Array(n);
  let labels = classes;
  if (!labels) {
    const seen = new Set<unknown>();
    // typed arrays: compare numbers (no per-row string conversion on 10M rows)
    const typed = ArrayBuffer.isView(yTrue);
    for (let i = 0; i < n && seen.size <= 2; i++) seen.add(typed ? yTrue[i] : labelKey(yTrue[i]));
    labels = sortLabels([...seen].map(labelKey));
  }
  if (labels.length > 2 && params?.pos_label === undefined) {
    throw new RangeError(`${metric}: y_true has more than two classes (${labels.slice(0, 3).join(', ')}, ...); give probability columns per class for multiclass`);
  }
  const pos = positiveLabel(labels, params);
  if (ArrayBuffer.isView(yTrue)) {
    const p = Number(pos);
    const typed = yTrue as unknown as ArrayLike<number>;
    for (let i = 0; i < n; i++) out[i] = typed[i] === p ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) out[i] = labelKey(yTrue[i]) === pos ? 1 : 0;
  }
  return out;
}

/**
 * Binary ROC AUC from a 0/1 truth vector and scores: the Mann–Whitney U statistic with tied
 * scores counted as half, which equals the trapezoid area under sklearn's ROC curve. Positive and
 * negative scores are sorted separately (native typed-array sort, no index payload) and merged.
 */
export function binaryRocAuc(truth: Uint8Array, scores: Float64Array): number {
  const n = truth.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += truth[i];
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) throw new RangeError('roc_auc: only one class present in y_true; ROC AUC is not defined');
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    const v = scores[i] === 0 ? 0 : scores[i]; // -0 ties with +0
    if (truth[i]) pos[a++] = v;
    else neg[b++] = v;
  }
  return aucOfSplitScores(pos, neg);
}

/**
 * Binary ROC AUC from the scores of the positives and of the negatives (-0 already folded into
 * +0; both arrays are sorted in place).
 */
export function aucOfSplitScores(pos: Float64Array, neg: Float64Array): number {
  const nPos = pos.length;
  const nNeg = neg.length;
  if (nPos === 0 || nNeg === 0) throw new RangeError('roc_auc: only one class present in y_true; ROC AUC is not defined');
  sortFloat64(pos);
  sortFloat64(neg);
  // u = Σ over positives of (#negatives with a lower score + ½ #negatives with an equal score);
  // the counts stay below 2^53, so u is exact
  let u = 0;
  let below = 0;
  for (let i = 0; i < nPos; ) {
    const v = pos[i];
    let e = i + 1;
    while (e < nPos && pos[e] === v) e++;
    while (below < nNeg && neg[below] < v) below++;
    let eq = below;
    while (eq < nNeg && neg[eq] === v) eq++;
    u += (e - i) * (below + (eq - below) / 2);
    i = e;
  }
  return u / nPos / nNeg;
}

/** sklearn average_precision_score: Σ (R_t − R_{t−1}) · P_t over descending distinct thresholds. */
export function binaryAveragePrecision(truth: Uint8Array, scores: Float64Array): number {
  const n = truth.length;
  const order = argsortFloat64(scores);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += truth[i];
  if (nPos === 0) throw new RangeError('average_precision: no positive samples in y_true; average precision is not defined');
  const ap = new NeumaierSum();
  let tp = 0;
  let seen = 0;
  let i = n - 1;
  while (i >= 0) {
    const v = scores[order[i]];
    let j = i;
    let dtp = 0;
    while (j >= 0 && scores[order[j]] === v) {
      dtp += truth[order[j]];
      j--;
    }
    seen += i - j;
    tp += dtp;
    if (dtp > 0) ap.add((dtp / nPos) * (tp / seen));
    i = j;
  }
  return ap.value;
}

/** Per-class probability matrix as column arrays, from row arrays or a flat row-major array of n·k. */
export function probabilityColumns(yPred: ArrayLike<unknown>, n: number, k: number, metric: string): Float64Array[] {
  const cols = Array.from({ length: k }, () => new Float64Array(n));
  if (yPred.length === n * k && typeof yPred[0] === 'number') {
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) cols[c][i] = yPred[i * k + c] as number;
  } else if (yPred.length === n) {
    for (let i = 0; i < n; i++) {
      const row = yPred[i] as ArrayLike<unknown>;
      if (!row || typeof row !== 'object' || row.length !== k) throw new RangeError(`${metric}: y_pred row ${i} must hold ${k} class probabilities`);
      for (let c = 0; c < k; c++) cols[c][i] = Number(row[c]);
    }
  } else {
    throw new RangeError(`${metric}: y_pred must have ${n} rows of ${k} probabilities (or a flat array of ${n * k})`);
  }
  for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) if (!Number.isFinite(cols[c][i])) throw new RangeError(`${metric}: y_pred row ${i}, class ${c} is not finite`);
  return cols;
}

function isMatrixInput(yPred: ArrayLike<unknown>, n: number): boolean {
  if (yPred.length !== n) return true;
  return n > 0 && typeof yPred[0] === 'object' && yPred[0] !== null;
}

/** Class labels for a probability matrix: params.classes, else the sorted labels of y_true. */
function matrixClasses(yTrue: ArrayLike<unknown>, params: Params): string[] {
  const given = classesParam(params);
  if (given) return given;
  const seen = new Set<string>();
  for (let i = 0; i < yTrue.length; i++) seen.add(labelKey(yTrue[i]));
  return sortLabels([...seen]);
}

function classIndex(yTrue: ArrayLike<unknown>, classes: string[], metric: string): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  const out = new Int32Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    const c = index.get(labelKey(yTrue[i]));
    if (c === undefined) throw new RangeError(`${metric}: y_true label "${labelKey(yTrue[i])}" at index ${i} is not among the classes`);
    out[i] = c;
  }
  return out;
}

/**
 * ROC AUC. Binary: y_pred is the score of the positive class. Multiclass: y_pred holds one
 * probability column per class (order = params.classes, else sorted labels) and the result is the
 * unweighted mean of the one-vs-rest AUCs (sklearn multi_class='ovr', average='macro').
 */
export function rocAuc(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const n = yTrue.length;
  if (n === 0) throw new RangeError('roc_auc: no rows to score');
  if (!isMatrixInput(yPred, n)) {
    checkLength(yTrue, yPred, 'roc_auc');
    return binaryRocAuc(binaryTruth(yTrue, params, 'roc_auc'), toFloat64(yPred, 'roc_auc y_pred'));
  }
  const classes = matrixClasses(yTrue, params);
  const cols = probabilityColumns(yPred, n, classes.length, 'roc_auc');
  const y = classIndex(yTrue, classes, 'roc_auc');
  if (classes.length === 2) {
    const truth = new Uint8Array(n);
    for (let i = 0; i < n; i++) truth[i] = y[i] === 1 ? 1 : 0;
    return binaryRocAuc(truth, cols[1]);
  }
  let sum = 0;
  const truth = new Uint8Array(n);
  for (let c = 0; c < classes.length; c++) {
    for (let i = 0; i < n; i++) truth[i] = y[i] === c ? 1 : 0;
    sum += binaryRocAuc(truth, cols[c]);
  }
  return sum / classes.length;
}

export function averagePrecision(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  checkLength(yTrue, yPred, 'average_precision');
  return binaryAveragePrecision(binaryTruth(yTrue, params, 'average_precision'), toFloat64(yPred, 'average_precision y_pred'));
}

/** Clipping bound of current sklearn: np.finfo(float64).eps. */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/**
 * Mean cross-entropy, as current sklearn log_loss: probabilities are clipped to [eps, 1−eps]
 * with eps = float64 machine epsilon and are not renormalized. Binary: y_pred is P(positive).
 */
export function logLoss(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const n = yTrue.length;
  if (n === 0) throw new RangeError('log_loss: no rows to score');
  const clip = (p: number) => (p < LOG_LOSS_EPS ? LOG_LOSS_EPS : p > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : p);
  const acc = new NeumaierSum();
  if (!isMatrixInput(yPred, n)) {
    const truth = binaryTruth(yTrue, params, 'log_loss');
    const p = toFloat64(yPred, 'log_loss y_pred');
    for (let i = 0; i < n; i++) acc.add(-Math.log(clip(truth[i] ? p[i] : 1 - p[i])));
    return acc.value / n;
  }
  const classes = matrixClasses(yTrue, params);
  const cols = probabilityColumns(yPred, n, classes.length, 'log_loss');
  const y = classIndex(yTrue, classes, 'log_loss');
  for (let i = 0; i < n; i++) acc.add(-Math.log(clip(cols[y[i]][i])));
  return acc.value / n;
}

export function probabilityMetrics(): Metric[] {
  return [
    { name: 'roc_auc', higherIsBetter: true, range: [0, 1], kind: 'probability', objectives: ['binary', 'multiclass'], score: rocAuc },
    { name: 'average_precision', higherIsBetter: true, range: [0, 1], kind: 'probability', objectives: ['binary'], score: averagePrecision },
    { name: 'log_loss', higherIsBetter: false, range: [0, Infinity], kind: 'probability', objectives: ['binary', 'multiclass'], score: logLoss },
  ];
}
