// A cheap predictability probe of a candidate target from the other columns, in DuckDB: the best
// single-feature association, as a share of the target's variation one feature explains.
//   numeric target, numeric feature:       r²
//   numeric target, categorical feature:   η² (correlation ratio: between-group / total variance)
//   class target,   numeric feature:       η² of the feature grouped by the class
//   class target,   categorical feature:   Goodman–Kruskal λ (proportional reduction in error)
// Each is 0 for no association and 1 for a function, so they share one scale. Deterministic.
import type { ColumnProfile } from '@mle-smith/core';
import type { DuckDbSession } from './session.js';
import { momentValue, quoteIdent } from './sql.js';

export interface Predictability {
  /** Largest association with one feature, in [0, 1]. */
  value: number;
  /** The feature that reached it. */
  feature?: string;
  /** Whether that feature is numeric. */
  numericFeature?: boolean;
}

/** Feature columns probed per target: enough for every table of ordinary width. */
const MAX_FEATURES = 40;
const MAX_LEVELS = 50;

function numeric(c: ColumnProfile): boolean {
  return c.inferredType === 'integer' || c.inferredType === 'float';
}

function categorical(c: ColumnProfile): boolean {
  return (c.inferredType === 'categorical' || c.inferredType === 'boolean' || c.inferredType === 'integer') && c.distinctCount >= 2 && c.distinctCount <= MAX_LEVELS;
}

export async function probePredictability(
  db: DuckDbSession, source: string, target: ColumnProfile, classTarget: boolean, features: ColumnProfile[],
): Promise<Predictability> {
  const usable = features.filter((f) => f.name !== target.name && f.missingFraction < 1 && f.distinctCount >= 2).slice(0, MAX_FEATURES);
  let best: Predictability = { value: 0 };
  const consider = (value: number | null, feature: string): void => {
    if (value !== null && Number.isFinite(value) && value > best.value) best = { value: Math.min(1, value), feature, numericFeature: usable.some((f) => f.name === feature && numeric(f) && f.distinctCount > MAX_LEVELS) };
  };
  const y = quoteIdent(target.name);
  const [{ rows }] = await db.all<{ rows: number }>(`SELECT count(${y}) AS rows FROM ${source}`);
  const yNum = momentValue(`TRY_CAST(${y} AS DOUBLE)`);
  const nums = usable.filter(numeric);
  if (!classTarget && nums.length) {
    const x = (f: ColumnProfile): string => momentValue(`TRY_CAST(${quoteIdent(f.name)} AS DOUBLE)`);
    const [r] = await db.all<Record<string, number | null>>(`SELECT ${nums.map((f, i) => `corr(${yNum}, ${x(f)}) AS r${i}, regr_count(${yNum}, ${x(f)}) AS n${i}`).join(', ')} FROM ${source}`);
    nums.forEach((f, i) => consider(r[`r${i}`] === null ? null : Number(r[`r${i}`]) ** 2 * coverage(Number(r[`n${i}`]), rows), f.name));
  }
  if (classTarget && nums.length) {
    for (const f of nums) consider(await etaSquared(db, source, momentValue(`TRY_CAST(${quoteIdent(f.name)} AS DOUBLE)`), y, rows), f.name);
  }
  for (const f of usable.filter(categorical)) {
    if (!classTarget) consider(await etaSquared(db, source, yNum, quoteIdent(f.name), rows), f.name);
    else consider(await lambda(db, source, y, quoteIdent(f.name), rows), f.name);
  }
  return { value: Math.round(best.value * 1e4) / 1e4, ...(best.feature ? { feature: best.feature, numericFeature: best.numericFeature } : {}) };
}

/** η² of `value` grouped by `group`: 1 − within-group sum of squares / total sum of squares. */
async function etaSquared(db: DuckDbSession, source: string, value: string, group: string, rowsOf: number): Promise<number | null> {
  const [r] = await db.all<{ within: number | null; total: number | null; n: number; k: number }>(
    `WITH d AS (SELECT ${value} AS v, ${group} AS g FROM ${source} WHERE ${value} IS NOT NULL AND ${group} IS NOT NULL), ` +
      `m AS (SELECT g, avg(v) AS mu FROM d GROUP BY g) ` +
      `SELECT sum((d.v - m.mu) ^ 2) AS within, (SELECT var_pop(v) * count(*) FROM d) AS total, (SELECT count(*) FROM d) AS n, (SELECT count(*) FROM m) AS k FROM d JOIN m USING (g)`,
  );
  const total = Number(r.total);
  if (!(total > 0) || r.within === null) return null;
  return adjusted(1 - Number(r.within) / total, Number(r.n), Number(r.k)) * coverage(Number(r.n), rowsOf);
}

/**
 * The share of the target's rows where the feature is present too: an association seen on a few
 * rows (a feature missing elsewhere) says little about the rest.
 */
function coverage(pairs: number, targetRows: number): number {
  return targetRows > 0 ? Math.min(1, pairs / Number(targetRows)) : 0;
}

/**
 * Corrects a share of explained variation for the levels spent on it (as adjusted R² does): a
 * feature with one level per few rows explains much by chance alone.
 */
function adjusted(v: number, n: number, k: number): number {
  if (n - k <= 0) return 0;
  return Math.max(0, v - ((1 - v) * (k - 1)) / (n - k));
}

/** Goodman–Kruskal λ of class `y` given `x`: how much knowing x reduces errors of guessing the mode. */
async function lambda(db: DuckDbSession, source: string, y: string, x: string, rowsOf: number): Promise<number | null> {
  const [r] = await db.all<{ n: number; mode: number; hits: number; k: number }>(
    `WITH d AS (SELECT ${y} AS y, ${x} AS x FROM ${source} WHERE ${y} IS NOT NULL AND ${x} IS NOT NULL), ` +
      `c AS (SELECT x, y, count(*) AS n FROM d GROUP BY x, y) ` +
      `SELECT (SELECT count(*) FROM d) AS n, (SELECT max(k) FROM (SELECT count(*) AS k FROM d GROUP BY y)) AS mode, ` +
      `(SELECT sum(m) FROM (SELECT max(n) AS m FROM c GROUP BY x)) AS hits, (SELECT count(DISTINCT x) FROM d) AS k`,
  );
  const n = Number(r.n);
  const mode = Number(r.mode);
  if (!(n > mode)) return null;
  return adjusted((Number(r.hits) - mode) / (n - mode), n, Number(r.k)) * coverage(n, rowsOf);
}
