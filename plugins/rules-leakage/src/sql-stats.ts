// Feature–target statistics computed inside DuckDB, over a loaded table: one-feature scores,
// ordering, interval separation, functional dependency and small linear fits. Every function
// takes SQL snippets for the key (x) and the target (y) so the same code serves feature columns,
// row order (rowid) and id columns; only aggregates come back to JS.
import type { DuckDbSession } from '@mle-smith/data';
import { solve } from './linear-algebra.js';

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

/** A probability given as its natural log, for a message: 3.2e-9, or 1e-412 past the range of a double. */
export function formatChance(logChance: number): string {
  return logChance > -690 ? Math.exp(logChance).toExponential(1) : `1e${Math.ceil(logChance / Math.LN10)}`;
}

export interface Interval {
  key: string;
  lo: number;
  hi: number;
  rows: number;
}

/**
 * Whether the values of `value` fall into non-overlapping intervals, one per value of `key`
 * (a feature cut from the target, or a target cut from a feature). `logChance` is ln of the
 * probability that a random assignment of the same group sizes to the rows would be separated
 * this cleanly, k!·∏nᵢ!/N! (an upper bound when values tie): it is what keeps a unique column
 * (groups of one) or a tiny group from counting as a binning.
 */
export async function intervalSeparation(
  db: DuckDbSession,
  table: string,
  key: string,
  value: string,
): Promise<{ groups: number; n: number; overlaps: number; logChance: number; intervals: Interval[] } | undefined> {
  const data = `WITH d AS (SELECT CAST(${key} AS VARCHAR) AS k, (${value})::DOUBLE AS v FROM ${table} WHERE ${key} IS NOT NULL AND (${value}) IS NOT NULL),
          g AS (SELECT k, min(v) AS lo, max(v) AS hi, count(*) AS c FROM d GROUP BY k),
          o AS (SELECT k, lo, hi, c, max(hi) OVER (ORDER BY lo, hi, k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev FROM g)`;
  const [r] = await db.all<{ groups: number; n: number; overlaps: number; lc: number | null }>(
    `${data}
     SELECT count(*)::BIGINT AS groups, coalesce(sum(c), 0)::BIGINT AS n, count(*) FILTER (WHERE prev >= lo)::BIGINT AS overlaps,
            sum(lgamma(c + 1)) + lgamma(count(*) + 1) - lgamma(sum(c) + 1) AS lc
     FROM o`,
  );
  if (!r || Number(r.groups) < 2) return undefined;
  const intervals = await db.all<{ k: string; lo: number; hi: number; c: number }>(`${data} SELECT k, lo, hi, c::BIGINT AS c FROM o ORDER BY lo, hi, k LIMIT 12`);
  return {
    groups: Number(r.groups),
    n: Number(r.n),
    overlaps: Number(r.overlaps),
    logChance: r.lc ?? 0,
    intervals: intervals.map((i) => ({ key: i.k, lo: i.lo, hi: i.hi, rows: Number(i.c) })),
  };
}

/**
 * A two-valued `key` that marks the tails of y (an outlier flag: y < a or y > b): along y sorted
 * (ties ordered both ways, so a tie across the cut counts against it), the key's values form three
 * runs, the outer ones with the same value. `logChance` is ln of the probability that a random
 * assignment of the same counts forms such a pattern: at most 2·(m − 1) of the C(n, m) arrangements,
 * m the outer value's count. Undefined when the key has not exactly two values.
 */
export async function tailSeparation(
  db: DuckDbSession,
  table: string,
  key: string,
  y: string,
): Promise<{ n: number; outer: string; inner: string; lo: number; hi: number; outerRows: number; logChance: number } | undefined> {
  const data = `WITH d AS (SELECT CAST(${key} AS VARCHAR) AS k, (${y})::DOUBLE AS v FROM ${table} WHERE ${key} IS NOT NULL AND (${y}) IS NOT NULL)`;
  const runs = (order: string): string =>
    `SELECT sum(CASE WHEN prev IS DISTINCT FROM k THEN 1 ELSE 0 END) FROM (SELECT k, lag(k) OVER (ORDER BY v, k ${order}) AS prev FROM d)`;
  const [r] = await db.all<{ n: number; keys: number; runs: number; outer: string; last: string; m: number; inner: string; lo: number; hi: number }>(
    `${data}, e AS (SELECT arg_min(k, v) AS outer_key, arg_max(k, v) AS last FROM d)
     SELECT count(*)::BIGINT AS n, count(DISTINCT k)::BIGINT AS keys, greatest((${runs('ASC')}), (${runs('DESC')}))::BIGINT AS runs,
            any_value(e.outer_key) AS outer, any_value(e.last) AS last, count(*) FILTER (WHERE k = e.outer_key)::BIGINT AS m,
            any_value(k) FILTER (WHERE k <> e.outer_key) AS inner, min(v) FILTER (WHERE k <> e.outer_key) AS lo, max(v) FILTER (WHERE k <> e.outer_key) AS hi
     FROM d, e`,
  );
  if (!r || Number(r.keys) !== 2 || Number(r.runs) !== 3 || r.outer !== r.last) return undefined;
  const n = Number(r.n);
  const m = Number(r.m);
  const [{ lc }] = await db.all<{ lc: number }>(`SELECT ln(${2 * Math.max(1, m - 1)}) - (lgamma(${n + 1}) - lgamma(${m + 1}) - lgamma(${n - m + 1})) AS lc`);
  return { n, outer: r.outer, inner: r.inner, lo: r.lo, hi: r.hi, outerRows: m, logChance: lc };
}

/**
 * How far the values of `key` determine y: rows in groups of two or more (`covered`), rows in
 * such groups that hold more than one y value (`impureRows`), and ln of the probability that all
 * those groups would be constant if y were assigned to rows at random (groups treated as
 * independent draws: each group of size m is constant with probability Σ_v p_v^m, p_v the share
 * of y value v). Singleton groups say nothing and are left out.
 */
export async function dependencyStats(
  db: DuckDbSession,
  table: string,
  key: string,
  y: string,
): Promise<{ n: number; groups: number; covered: number; impureRows: number; impureGroups: number; logChance: number } | undefined> {
  const [r] = await db.all<{ n: number; groups: number; covered: number; impure_rows: number; impure_groups: number; lc: number | null }>(
    `WITH d AS (SELECT CAST(${key} AS VARCHAR) AS k, CAST(${y} AS VARCHAR) AS y FROM ${table} WHERE ${key} IS NOT NULL AND ${y} IS NOT NULL),
          g AS (SELECT k, count(*) AS c, count(DISTINCT y) AS dy FROM d GROUP BY k),
          f AS (SELECT count(*)::DOUBLE / (SELECT count(*) FROM d) AS p FROM d GROUP BY y),
          s AS (SELECT c AS m, count(*) AS groups FROM g WHERE c > 1 GROUP BY c),
          -- ln Σ_v p_v^m, computed as m·ln p_max + ln Σ_v (p_v/p_max)^m so it never underflows
          l AS (SELECT s.m, s.groups, s.m * ln((SELECT max(p) FROM f)) + ln(sum(pow(f.p / (SELECT max(p) FROM f), s.m))) AS lp
                FROM s CROSS JOIN f GROUP BY s.m, s.groups)
     SELECT (SELECT count(*) FROM d)::BIGINT AS n, (SELECT count(*) FROM g)::BIGINT AS groups,
            (SELECT coalesce(sum(c), 0) FROM g WHERE c > 1)::BIGINT AS covered,
            (SELECT coalesce(sum(c), 0) FROM g WHERE dy > 1)::BIGINT AS impure_rows,
            (SELECT count(*) FROM g WHERE dy > 1)::BIGINT AS impure_groups,
            (SELECT sum(groups * lp) FROM l) AS lc`,
  );
  if (!r || !Number(r.n)) return undefined;
  return {
    n: Number(r.n),
    groups: Number(r.groups),
    covered: Number(r.covered),
    impureRows: Number(r.impure_rows),
    impureGroups: Number(r.impure_groups),
    logChance: r.lc ?? 0,
  };
}

/** Standard deviation of each column `xs` and its correlation with y, over the rows where y is set (one aggregate query). */
export async function targetCorrelations(db: DuckDbSession, table: string, xs: string[], y: string): Promise<Array<{ sd: number; r: number }>> {
  const [r] = await db.all<Record<string, number | null>>(
    `SELECT ${xs.map((_, i) => `stddev_pop(x${i}) AS s${i}, corr(x${i}, y) AS c${i}`).join(', ')}
     FROM (SELECT ${xs.map((c, i) => `(${c})::DOUBLE AS x${i}`).join(', ')}, (${y})::DOUBLE AS y FROM ${table} WHERE (${y}) IS NOT NULL)`,
  );
  return xs.map((_, i) => ({ sd: Number(r[`s${i}`] ?? 0), r: Number(r[`c${i}`] ?? NaN) }));
}

/**
 * The correlation matrix of the columns `xs` followed by y (the last row and column), over the
 * rows where y is set; each pair uses the rows where both are set.
 * One aggregate query: only (k+1)(k+2)/2 numbers reach JS, never a column.
 */
export async function correlationMatrix(db: DuckDbSession, table: string, xs: string[], y: string): Promise<number[][]> {
  const k = xs.length + 1;
  const cells: string[] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) cells.push(`corr(x${i}, x${j}) AS c${i}_${j}`);
  const [r] = await db.all<Record<string, number | null>>(
    `SELECT ${cells.join(', ')}
     FROM (SELECT ${[...xs, y].map((c, i) => `(${c})::DOUBLE AS x${i}`).join(', ')} FROM ${table} WHERE (${y}) IS NOT NULL)`,
  );
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : Number(r[i < j ? `c${i}_${j}` : `c${j}_${i}`] ?? NaN))));
}

/**
 * The least-squares fit of y on the columns `xs` (with an intercept) over the rows where all are
 * set: the normal equations are built from DuckDB's covariance aggregates and solved in JS, then
 * R² is measured in a second pass over the residuals with those coefficients, so the reported
 * fit is the one the data shows, not one that rounding in the solve could flatter.
 */
export async function linearFit(
  db: DuckDbSession,
  table: string,
  xs: string[],
  y: string,
): Promise<{ n: number; r2: number; intercept: number; coefficients: number[] } | undefined> {
  const cols = [...xs, y];
  const complete = `(SELECT ${cols.map((c, i) => `(${c})::DOUBLE AS x${i}`).join(', ')} FROM ${table} WHERE ${cols.map((c) => `(${c}) IS NOT NULL`).join(' AND ')})`;
  const k = xs.length;
  const cells = cols.map((_, i) => `avg(x${i}) AS m${i}`);
  for (let i = 0; i <= k; i++) for (let j = i; j <= k; j++) cells.push(`covar_pop(x${i}, x${j}) AS v${i}_${j}`);
  const [r] = await db.all<Record<string, number | null>>(`SELECT count(*)::BIGINT AS n, ${cells.join(', ')} FROM ${complete}`);
  const n = Number(r.n);
  if (n < k + 2) return undefined;
  const v = (i: number, j: number): number => Number(r[i <= j ? `v${i}_${j}` : `v${j}_${i}`] ?? NaN);
  // Solved on the correlation scale, so columns of very different magnitudes pivot fairly.
  const sd = Array.from({ length: k }, (_, i) => Math.sqrt(v(i, i)));
  if (sd.some((d) => !(d > 0))) return undefined;
  const scaled = solve(
    Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => v(i, j) / (sd[i] * sd[j]))),
    Array.from({ length: k }, (_, i) => v(i, k) / sd[i]),
  );
  if (!scaled) return undefined;
  const beta = scaled.map((b, i) => b / sd[i]);
  const mean = (i: number): number => Number(r[`m${i}`]);
  const intercept = mean(k) - beta.reduce((s, b, i) => s + b * mean(i), 0);
  const fit = `${intercept} + ${beta.map((b, i) => `${b} * x${i}`).join(' + ')}`;
  const [e] = await db.all<{ sse: number | null; sst: number | null }>(
    `SELECT sum(pow(x${k} - (${fit}), 2)) AS sse, var_pop(x${k}) * count(*) AS sst FROM ${complete}`,
  );
  if (!e?.sst) return undefined;
  return { n, r2: 1 - (e.sse ?? 0) / e.sst, intercept, coefficients: beta };
}

/**
 * How many rows satisfy y = b0 + Σ cᵢ·xᵢ exactly (within 1e-6 standard deviations of y, room for
 * decimal rounding only) for the given coefficients, b0 being the median of y − Σ cᵢ·xᵢ: an
 * identity that holds on most rows has that median as its intercept. Over the rows where all are
 * set; `distinct` counts the target values on the exact rows, so an identity that holds only
 * where everything is zero does not pass for one.
 */
export async function exactRows(
  db: DuckDbSession,
  table: string,
  xs: string[],
  y: string,
  coefficients: number[],
): Promise<{ n: number; exact: number; distinct: number; intercept: number }> {
  const cols = [...xs, y];
  const combination = coefficients.map((c, i) => `${c} * (${xs[i]})::DOUBLE`).join(' + ');
  const [r] = await db.all<{ n: number; exact: number; distinct: number; b0: number | null }>(
    `WITH d AS (SELECT (${y})::DOUBLE AS y, (${y})::DOUBLE - (${combination}) AS r FROM ${table} WHERE ${cols.map((c) => `(${c}) IS NOT NULL`).join(' AND ')}),
          m AS (SELECT median(r) AS b0, stddev_pop(y) AS sd FROM d),
          e AS (SELECT d.y, abs(d.r - m.b0) <= 1e-6 * m.sd AS hit, m.b0 FROM d, m)
     SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE hit)::BIGINT AS exact, count(DISTINCT y) FILTER (WHERE hit)::BIGINT AS distinct, any_value(b0) AS b0 FROM e`,
  );
  return { n: Number(r.n), exact: Number(r.exact), distinct: Number(r.distinct), intercept: r.b0 ?? 0 };
}
