// One-feature and ordering statistics computed inside DuckDB, over a loaded table. Every
// function takes SQL snippets for the key (x) and the target (y) so the same code serves
// feature columns, row order (rowid) and id columns.
import type { DuckDbSession } from '@mle-smith/data';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*|BOOLEAN)$/;

export function isNumeric(type: string): boolean {
  return NUMERIC.test(type);
}

/** Mid-ranks of x (ties share their average rank, NULLs rank first), as a SQL window expression. */
function midRank(x: string): string {
  return `(rank() OVER (ORDER BY ${x} NULLS FIRST) + (count(*) OVER (PARTITION BY ${x}) - 1) / 2.0)`;
}

/**
 * ROC AUC of key x for the indicator y = positive (Mann–Whitney U with mid-ranks). Missing x
 * values form one tie group (the lowest), so a missingness pattern that tracks the label counts.
 */
export async function auc(db: DuckDbSession, table: string, x: string, yIsPositive: string): Promise<number | undefined> {
  const [r] = await db.all<{ np: number; nn: number; sr: number }>(
    `WITH d AS (SELECT ${x} AS x, (${yIsPositive})::INTEGER AS y FROM ${table} WHERE (${yIsPositive}) IS NOT NULL),
          r AS (SELECT y, ${midRank('x')} AS rk FROM d)
     SELECT sum(y)::DOUBLE AS np, (count(*) - sum(y))::DOUBLE AS nn, sum(rk) FILTER (WHERE y = 1)::DOUBLE AS sr FROM r`,
  );
  if (!r || !r.np || !r.nn) return undefined;
  return (r.sr - (r.np * (r.np + 1)) / 2) / (r.np * r.nn);
}

/**
 * Leave-one-out accuracy of predicting y by the majority label among other rows with the same
 * key value, normalised against the majority-class rate: 1 means the key determines the label,
 * 0 means it does no better than always guessing the majority. Keys seen once predict nothing,
 * so a unique column (an id, free text) scores low instead of looking "pure".
 */
export async function mappingPurity(
  db: DuckDbSession,
  table: string,
  key: string,
  y: string,
): Promise<{ accuracy: number; majority: number; normalized: number; n: number } | undefined> {
  const [r] = await db.all<{ correct: number; n: number; top: number }>(
    `WITH d AS (SELECT ${key} AS k, ${y} AS y FROM ${table} WHERE ${y} IS NOT NULL),
          g AS (SELECT k, y, count(*) AS c FROM d GROUP BY k, y),
          r AS (SELECT k, c, row_number() OVER (PARTITION BY k ORDER BY c DESC) AS rn FROM g),
          s AS (SELECT k, max(c) FILTER (WHERE rn = 1) AS top, coalesce(max(c) FILTER (WHERE rn = 2), 0) AS second FROM r GROUP BY k)
     SELECT sum(CASE WHEN top - 1 > second THEN top WHEN top - 1 = second THEN top / 2.0 ELSE 0 END)::DOUBLE AS correct,
            (SELECT count(*) FROM d)::DOUBLE AS n,
            (SELECT max(c) FROM (SELECT count(*) AS c FROM d GROUP BY y))::DOUBLE AS top
     FROM s`,
  );
  if (!r || !r.n) return undefined;
  const accuracy = r.correct / r.n;
  const majority = r.top / r.n;
  const normalized = majority >= 1 ? 0 : (accuracy - majority) / (1 - majority);
  return { accuracy, majority, normalized, n: r.n };
}

/** R² of the best linear fit of y on x, and of ranks (|Spearman ρ|², catches monotone transforms). */
export async function linearR2(db: DuckDbSession, table: string, x: string, y: string): Promise<{ r2: number; rankR2: number; n: number } | undefined> {
  const [r] = await db.all<{ r2: number | null; rr2: number | null; n: number }>(
    `WITH d AS (SELECT ${x}::DOUBLE AS x, ${y}::DOUBLE AS y FROM ${table} WHERE ${x} IS NOT NULL AND ${y} IS NOT NULL),
          r AS (SELECT x, y, ${midRank('x')} AS rx, ${midRank('y')} AS ry FROM d)
     SELECT regr_r2(y, x) AS r2, regr_r2(ry, rx) AS rr2, count(*)::DOUBLE AS n FROM r`,
  );
  if (!r || !r.n) return undefined;
  return { r2: r.r2 ?? 0, rankR2: r.rr2 ?? 0, n: r.n };
}

/** Spearman ρ between x and y (Pearson correlation of mid-ranks). */
export async function spearman(db: DuckDbSession, table: string, x: string, y: string): Promise<number | undefined> {
  const [r] = await db.all<{ rho: number | null }>(
    `WITH d AS (SELECT ${x} AS x, ${y}::DOUBLE AS y FROM ${table} WHERE ${x} IS NOT NULL AND ${y} IS NOT NULL),
          r AS (SELECT ${midRank('x')} AS rx, ${midRank('y')} AS ry FROM d)
     SELECT corr(rx, ry) AS rho FROM r`,
  );
  return r?.rho ?? undefined;
}

/**
 * R² of predicting y by the mean of y within each key value (groups of one are left out of
 * both sums, since a singleton's own mean fits it trivially).
 */
export async function groupMeanR2(db: DuckDbSession, table: string, key: string, y: string): Promise<number | undefined> {
  const [r] = await db.all<{ sse: number | null; sst: number | null }>(
    `WITH d AS (SELECT ${key} AS k, ${y}::DOUBLE AS y FROM ${table} WHERE ${y} IS NOT NULL),
          g AS (SELECT k, count(*) AS c, var_pop(y) * count(*) AS sse FROM d GROUP BY k),
          kept AS (SELECT d.y FROM d JOIN g ON d.k IS NOT DISTINCT FROM g.k WHERE g.c > 1)
     SELECT (SELECT sum(sse) FROM g WHERE c > 1) AS sse, (SELECT var_pop(y) * count(*) FROM kept) AS sst`,
  );
  if (!r || !r.sst) return undefined;
  return 1 - (r.sse ?? 0) / r.sst;
}

/**
 * How much ordering rows by key x groups equal labels together: 1 − (label changes between
 * neighbours) / (changes expected in a random order). Sorted by label ⇒ ≈1; shuffled ⇒ ≈0.
 */
export async function orderClumping(db: DuckDbSession, table: string, x: string, y: string): Promise<number | undefined> {
  const [r] = await db.all<{ changes: number; n: number; sump2: number }>(
    `WITH d AS (SELECT ${x} AS x, CAST(${y} AS VARCHAR) AS y FROM ${table} WHERE ${y} IS NOT NULL),
          o AS (SELECT y, lag(y) OVER (ORDER BY x NULLS FIRST) AS prev FROM d),
          p AS (SELECT count(*)::DOUBLE AS c FROM d GROUP BY y)
     SELECT (SELECT count(*) FILTER (WHERE prev IS NOT NULL AND prev <> y) FROM o)::DOUBLE AS changes,
            (SELECT count(*) FROM d)::DOUBLE AS n,
            (SELECT sum(c * c) FROM p) / pow((SELECT count(*) FROM d)::DOUBLE, 2) AS sump2`,
  );
  if (!r || r.n < 2) return undefined;
  const expected = (r.n - 1) * (1 - r.sump2);
  if (expected <= 0) return undefined;
  return Math.max(0, 1 - r.changes / expected);
}
