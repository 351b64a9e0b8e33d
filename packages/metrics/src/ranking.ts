// Ranking metrics: MAP@k (Kaggle/ml_metrics apk) and NDCG@k (sklearn.metrics.ndcg_score).
//
// Each row is one query. Two input forms are accepted per row:
//  - list form (what the grader builds from CSV): y_true is the relevant items (string[], or a
//    Record<item, relevance> for graded relevance); y_pred is the ranked item list, best first.
//  - matrix form (sklearn's): y_true is a relevance vector and y_pred a score vector of the same
//    length over the query's candidate items.
import type { Metric } from '@mle-smith/core';
import { checkLength, kParam, labelKey } from './internal/inputs.js';

type Params = Record<string, unknown> | undefined;

function isNumericVector(v: unknown): v is ArrayLike<number> {
  if (ArrayBuffer.isView(v)) return true;
  return Array.isArray(v) && v.every((x) => typeof x === 'number');
}

function itemList(v: unknown, what: string): string[] {
  if (typeof v === 'string') return v.split(/\s+/).filter((s) => s !== '');
  if (Array.isArray(v)) return v.map(labelKey);
  throw new TypeError(`${what} must be a list of items`);
}

/** Relevance per item from a list (relevance 1) or a relevance map. */
function relevanceMap(v: unknown, what: string): Map<string, number> {
  if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
    const m = new Map<string, number>();
    for (const [k, r] of Object.entries(v as Record<string, unknown>)) {
      const x = Number(r);
      if (!Number.isFinite(x) || x < 0) throw new RangeError(`${what}: relevance of "${k}" must be a non-negative number`);
      m.set(k, x);
    }
    return m;
  }
  return new Map(itemList(v, what).map((k) => [k, 1]));
}

/** Converts a list-form query to sklearn's (relevance, score) vectors; unranked items tie last with score 0. */
function listToVectors(t: unknown, p: unknown, i: number): [Float64Array, Float64Array] {
  const rel = relevanceMap(t, `y_true row ${i}`);
  const ranked = [...new Set(itemList(p, `y_pred row ${i}`))];
  const items = [...ranked, ...[...rel.keys()].filter((k) => !ranked.includes(k))];
  const r = new Float64Array(items.length);
  const s = new Float64Array(items.length);
  items.forEach((it, j) => {
    r[j] = rel.get(it) ?? 0;
    s[j] = j < ranked.length ? ranked.length - j : 0;
  });
  return [r, s];
}

function discounts(n: number, k: number): Float64Array {
  const d = new Float64Array(n);
  for (let i = 0; i < Math.min(n, k); i++) d[i] = 1 / Math.log2(i + 2);
  return d;
}

/** DCG@k with sklearn's tie averaging: a tie group shares its mean gain over the group's discounts. */
function tieAveragedDcg(rel: ArrayLike<number>, score: ArrayLike<number>, k: number): number {
  const n = rel.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const disc = discounts(n, k);
  let dcg = 0;
  let i = 0;
  while (i < n && i < k) {
    let j = i;
    let gain = 0;
    let dsum = 0;
    while (j < n && score[order[j]] === score[order[i]]) {
      gain += rel[order[j]];
      dsum += disc[j];
      j++;
    }
    dcg += (gain / (j - i)) * dsum;
    i = j;
  }
  return dcg;
}

function idealDcg(rel: ArrayLike<number>, k: number): number {
  const sorted = Float64Array.from(rel).sort().reverse();
  const disc = discounts(sorted.length, k);
  let s = 0;
  for (let i = 0; i < Math.min(sorted.length, k); i++) s += sorted[i] * disc[i];
  return s;
}

/**
 * Mean NDCG@k over queries, as sklearn.metrics.ndcg_score(y_true, y_score, k=k) with linear
 * gains, log2 discounts and tie averaging; a query with no relevant item scores 0.
 * params.k: cut-off (default: no cut-off).
 */
export function ndcg(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const n = checkLength(yTrue, yPred, 'ndcg@k');
  const k = kParam(params, Infinity);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let rel: ArrayLike<number>;
    let score: ArrayLike<number>;
    if (isNumericVector(yTrue[i]) && isNumericVector(yPred[i])) {
      rel = yTrue[i] as ArrayLike<number>;
      score = yPred[i] as ArrayLike<number>;
      if (rel.length !== score.length) throw new RangeError(`ndcg@k: row ${i} has ${rel.length} relevances but ${score.length} scores`);
      for (let j = 0; j < rel.length; j++) if (!(rel[j] >= 0) || !Number.isFinite(score[j])) throw new RangeError(`ndcg@k: row ${i} needs non-negative relevances and finite scores`);
    } else {
      [rel, score] = listToVectors(yTrue[i], yPred[i], i);
    }
    const ideal = idealDcg(rel, k);
    if (ideal > 0) sum += tieAveragedDcg(rel, score, k) / ideal;
  }
  return sum / n;
}

/**
 * Mean average precision at k (Kaggle's ml_metrics mapk): per query,
 * AP@k = Σ_{i≤k, item i relevant and not repeated} precision@i / min(#relevant, k),
 * and 0 for a query with no relevant item. Matrix-form rows rank items by descending score,
 * ties in input order; relevant means relevance > 0. params.k: cut-off (default: no cut-off).
 */
export function mapAtK(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Params): number {
  const n = checkLength(yTrue, yPred, 'map@k');
  const k = kParam(params, Infinity);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let actual: Set<string>;
    let ranked: string[];
    const t = yTrue[i];
    const p = yPred[i];
    if (isNumericVector(t) && isNumericVector(p)) {
      if (t.length !== p.length) throw new RangeError(`map@k: row ${i} has ${t.length} relevances but ${p.length} scores`);
      actual = new Set();
      for (let j = 0; j < t.length; j++) if (t[j] > 0) actual.add(String(j));
      ranked = Array.from({ length: p.length }, (_, j) => j).sort((a, b) => p[b] - p[a] || a - b).map(String);
    } else {
      actual = new Set(relevanceMap(t, `y_true row ${i}`).keys());
      ranked = itemList(p, `y_pred row ${i}`);
    }
    if (actual.size === 0) continue;
    const seen = new Set<string>();
    let hits = 0;
    let score = 0;
    for (let j = 0; j < Math.min(ranked.length, k); j++) {
      const it = ranked[j];
      if (actual.has(it) && !seen.has(it)) {
        hits++;
        score += hits / (j + 1);
      }
      seen.add(it);
    }
    sum += score / Math.min(actual.size, k);
  }
  return sum / n;
}

/** "map@5" / "ndcg@10" name a cut-off; "map@k" / "ndcg@k" take it from params.k. */
export function rankingMetric(base: 'map' | 'ndcg', k?: number): Metric {
  const fn = base === 'map' ? mapAtK : ndcg;
  return {
    name: `${base}@${k ?? 'k'}`,
    higherIsBetter: true,
    range: [0, 1],
    kind: 'ranking',
    objectives: ['ranking'],
    score: (t, p, params) => fn(t, p, k === undefined ? params : { ...params, k }),
  };
}
