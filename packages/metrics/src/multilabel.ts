// Multilabel metrics over label sets (sklearn semantics on the indicator matrix whose columns are
// params.classes, else every label seen): F1 averaged by samples/macro/micro, Jaccard by samples.
// Each row is a list of labels or a whitespace-separated string of labels; zero_division is 0.
import type { Metric } from '@mle-smith/core';
import { checkLength, classesParam, labelKey, sortLabels } from './internal/inputs.js';

type Params = Record<string, unknown> | undefined;

export function labelSet(v: unknown, what: string): Set<string> {
  if (typeof v === 'string') return new Set(v.split(/\s+/).filter((s) => s !== ''));
  if (v === null || v === undefined) return new Set();
  if (Array.isArray(v)) return new Set(v.map(labelKey));
  throw new TypeError(`${what} must be a list of labels`);
}

function sets(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, metric: string): [Set<string>[], Set<string>[]] {
  const n = checkLength(yTrue, yPred, metric);
  const t: Set<string>[] = [];
  const p: Set<string>[] = [];
  for (let i = 0; i < n; i++) {
    t.push(labelSet(yTrue[i], `${metric} y_true row ${i}`));
    p.push(labelSet(yPred[i], `${metric} y_pred row ${i}`));
  }
  return [t, p];
}

function intersection(a: Set<string>, b: Set<string>): number {
  let c = 0;
  for (const x of a) if (b.has(x)) c++;
  return c;
}

export function multilabelF1(average: 'samples' | 'macro' | 'micro', yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const [t, p] = sets(yTrue, yPred, `f1_${average}`);
  const n = t.length;
  if (average === 'samples') {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const den = t[i].size + p[i].size;
      if (den > 0) sum += (2 * intersection(t[i], p[i])) / den;
    }
    return sum / n;
  }
  const universe = classesParam(params) ?? sortLabels([...new Set([...t.flatMap((s) => [...s]), ...p.flatMap((s) => [...s])])]);
  const index = new Map(universe.map((l, i) => [l, i]));
  const tp = new Float64Array(universe.length);
  const fp = new Float64Array(universe.length);
  const fn = new Float64Array(universe.length);
  for (let i = 0; i < n; i++) {
    for (const l of t[i]) {
      const c = index.get(l);
      if (c === undefined) throw new RangeError(`f1_${average}: label "${l}" in y_true row ${i} is not among the classes`);
      if (p[i].has(l)) tp[c]++;
      else fn[c]++;
    }
    for (const l of p[i]) {
      const c = index.get(l);
      if (c === undefined) throw new RangeError(`f1_${average}: label "${l}" in y_pred row ${i} is not among the classes`);
      if (!t[i].has(l)) fp[c]++;
    }
  }
  const f1 = (a: number, b: number, c: number) => (2 * a + b + c === 0 ? 0 : (2 * a) / (2 * a + b + c));
  if (average === 'micro') {
    let a = 0;
    let b = 0;
    let c = 0;
    for (let j = 0; j < universe.length; j++) {
      a += tp[j];
      b += fp[j];
      c += fn[j];
    }
    return f1(a, b, c);
  }
  let sum = 0;
  for (let j = 0; j < universe.length; j++) sum += f1(tp[j], fp[j], fn[j]);
  return universe.length === 0 ? 0 : sum / universe.length;
}

/** Mean over rows of |T ∩ P| / |T ∪ P| (sklearn jaccard_score average='samples'); an empty union scores 0. */
export function jaccardSamples(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>): number {
  const [t, p] = sets(yTrue, yPred, 'jaccard_samples');
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    const inter = intersection(t[i], p[i]);
    const union = t[i].size + p[i].size - inter;
    if (union > 0) sum += inter / union;
  }
  return sum / t.length;
}

export function multilabelMetrics(): Metric[] {
  const ml: Metric['objectives'] = ['multilabel'];
  return [
    { name: 'f1_samples', higherIsBetter: true, range: [0, 1], kind: 'label-list', objectives: ml, score: (t, p, q) => multilabelF1('samples', t, p, q) },
    { name: 'multilabel_f1_macro', higherIsBetter: true, range: [0, 1], kind: 'label-list', objectives: ml, score: (t, p, q) => multilabelF1('macro', t, p, q) },
    { name: 'multilabel_f1_micro', higherIsBetter: true, range: [0, 1], kind: 'label-list', objectives: ml, score: (t, p, q) => multilabelF1('micro', t, p, q) },
    { name: 'jaccard_samples', higherIsBetter: true, range: [0, 1], kind: 'label-list', objectives: ml, score: (t, p) => jaccardSamples(t, p) },
  ];
}
