// The target is one part of a composition: target + two or three non-negative features add up
// to a nearly constant whole (water + fat + protein ≈ 99 % of a meat sample). When the target
// varies little next to the other parts (protein: sd 3 beside water 10 and fat 13), the whole's
// remaining spread is a large share of the target's own variance, so a fit of the target alone
// (leakage/linear-combination's parts-of-a-whole test) misses it; this test compares the whole's
// variance with the parts' instead.
import { quoteIdent as q, type DuckDbSession } from '@mle-smith/data';
import type { Issue } from '@mle-smith/core';
import { formatNumber as fmt } from '@mle-smith/task-package';

/** Most non-negative features searched (those most correlated with the target when there are more). */
const MAX_PARTS = 40;
/** var(whole) / Σ var(parts) at or below which the parts make a whole (unrelated parts give ~1). */
const MAX_WHOLE_SHARE = 0.02;
/** The whole must vary at most this share of the target's variance (the target takes part in it)… */
const MAX_TARGET_SHARE = 0.5;
/** …and leaving out any one part (the target included) must at least double the whole's variance (protein: 2.9 → 11.0 without it). */
const MIN_PART_GAIN = 2;
/** Largest coefficient of variation of the whole: a composition adds up to a nearly fixed total. */
const MAX_WHOLE_CV = 0.05;

interface Moments {
  mean: number[];
  cov: number[][];
}

/** Means and the covariance matrix of the columns (the target last), over rows where all are set, in one query. */
async function moments(db: DuckDbSession, columns: string[], y: string): Promise<Moments & { n: number }> {
  const xs = [...columns.map((c) => `${q(c)}::DOUBLE`), `(${y})::DOUBLE`];
  const k = xs.length;
  const cells = xs.map((_, i) => `avg(x${i}) AS m${i}`);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) cells.push(`covar_pop(x${i}, x${j}) AS v${i}_${j}`);
  const [r] = await db.all<Record<string, number | null>>(
    `SELECT count(*)::BIGINT AS n, ${cells.join(', ')} FROM (SELECT ${xs.map((x, i) => `${x} AS x${i}`).join(', ')} FROM train WHERE ${xs.map((x) => `${x} IS NOT NULL`).join(' AND ')})`,
  );
  const at = (i: number, j: number): number => Number(r[i <= j ? `v${i}_${j}` : `v${j}_${i}`] ?? NaN);
  return {
    n: Number(r.n),
    mean: xs.map((_, i) => Number(r[`m${i}`] ?? NaN)),
    cov: Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => at(i, j))),
  };
}

/** Variance of the sum of the columns at `idx`, from the covariance matrix. */
function sumVariance(cov: number[][], idx: number[]): number {
  let v = 0;
  for (const i of idx) for (const j of idx) v += cov[i][j];
  return v;
}

/** Index sets {target} ∪ 2 or 3 features (the target is index `t`), each a candidate whole. */
function* candidateSets(features: number, t: number): Generator<number[]> {
  for (let a = 0; a < features; a++) {
    for (let b = a + 1; b < features; b++) {
      yield [t, a, b];
      for (let c = b + 1; c < features; c++) yield [t, a, b, c];
    }
  }
}

/** The tightest whole the target takes part in, if any passes every test. */
function tightestWhole(m: Moments): { idx: number[]; share: number; variance: number } | undefined {
  const t = m.cov.length - 1;
  let best: { idx: number[]; share: number; variance: number } | undefined;
  for (const idx of candidateSets(t, t)) {
    const v = sumVariance(m.cov, idx);
    const share = v / idx.reduce((s, i) => s + m.cov[i][i], 0);
    if (!(share <= MAX_WHOLE_SHARE) || v > MAX_TARGET_SHARE * m.cov[t][t] || (best && share >= best.share)) continue;
    const whole = idx.reduce((s, i) => s + m.mean[i], 0);
    if (!(whole > 0) || Math.sqrt(Math.max(v, 0)) > MAX_WHOLE_CV * whole) continue;
    if (idx.some((_, k) => sumVariance(m.cov, idx.filter((__, j) => j !== k)) < MIN_PART_GAIN * v)) continue;
    best = { idx, share, variance: v };
  }
  return best;
}

/**
 * The finding for a target that is a part of a whole with two or three non-negative public
 * features, or none. `numeric` are the numeric feature columns of train; `y` the target's SQL.
 */
export async function compositionLeak(db: DuckDbSession, y: string, target: string, numeric: string[], minRows: number): Promise<Issue[]> {
  if (numeric.length < 2) return [];
  const [ranges] = await db.all<Record<string, number | null>>(
    `SELECT min(${y}) AS y, ${numeric.map((c, i) => `min(${q(c)}::DOUBLE) AS m${i}, abs(corr(${q(c)}::DOUBLE, ${y})) AS r${i}`).join(', ')} FROM train`,
  );
  if (!(Number(ranges.y) >= 0)) return [];
  const parts = numeric
    .map((column, i) => ({ column, min: Number(ranges[`m${i}`]), r: Number(ranges[`r${i}`] ?? 0) }))
    .filter((p) => p.min >= 0)
    .sort((a, b) => b.r - a.r)
    .slice(0, MAX_PARTS)
    .map((p) => p.column);
  if (parts.length < 2) return [];
  const m = await moments(db, parts, y);
  if (m.n < minRows) return [];
  const hit = tightestWhole(m);
  if (!hit) return [];
  const names = hit.idx.slice(1).map((i) => parts[i]);
  const whole = hit.idx.reduce((s, i) => s + m.mean[i], 0);
  return [{
    message:
      `the target "${target}" and public features ${names.map((c) => `"${c}"`).join(', ')} are parts of a whole: ${[target, ...names].join(' + ')} ≈ ${fmt(whole, 4)} ` +
      `(sd ${fmt(Math.sqrt(hit.variance), 3)}, ${fmt(100 * hit.share, 2)}% of the parts' summed variance, over ${m.n} rows); drop them or choose another target`,
    location: `public/train.csv, columns ${names.map((c) => `"${c}"`).join(', ')}`,
    data: { columns: names, whole, wholeSd: Math.sqrt(hit.variance), varianceShare: hit.share, rows: m.n },
  }];
}
