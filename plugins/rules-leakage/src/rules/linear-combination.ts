import { correlationMatrix, exactRows, isNumeric, linearFit, targetCorrelations } from '../sql-stats.js';
import { solve } from '../linear-algebra.js';
import { compositionLeak } from './composition.js';
import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q, type DuckDbSession } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt } from '@mle-smith/task-package';

export interface LinearCombinationOptions extends Record<string, unknown> {
  threshold: number;
  maxTerms: number;
  maxFeatures: number;
  minExactShare: number;
  minRows: number;
}

/** Least-squares R² from which a candidate is also tested as an identity that a few bad rows hide. */
const IDENTITY_SCREEN = 0.98;
/** Denominators a coefficient of an identity is snapped to: integers, halves, thirds, quarters. */
const DENOMINATORS = [1, 2, 3, 4];
/** Least distinct target values on the rows an identity holds on (all-zero rows prove nothing). */
const IDENTITY_MIN_DISTINCT = 10;
/** Most candidates refitted in DuckDB per task (a table of sub-totals of the target has hundreds). */
const MAX_REFITS = 40;

/** The term list of `b0 + c1·x1 − c2·x2 …` for a message. */
function formula(intercept: number, coefficients: number[], names: string[]): string {
  // Rounding leaves an intercept like 1e-14 where the combination has none.
  const b0 = Math.abs(intercept) < 1e-9 ? 0 : intercept;
  return fmt(b0, 4) + names.map((c, i) => ` ${coefficients[i] < 0 ? '−' : '+'} ${fmt(Math.abs(coefficients[i]), 4)}·${c}`).join('');
}

/** Subsets of 0..n-1 of the given size, in lexicographic order. */
function subsets(n: number, size: number): number[][] {
  if (size === 0) return [[]];
  const out: number[][] = [];
  for (let i = size - 1; i < n; i++) for (const s of subsets(i, size - 1)) out.push([...s, i]);
  return out;
}

/** R² of y on the features in `s`, from the correlation matrix (y is the last index): r' R⁻¹ r. */
function screenR2(corr: number[][], s: number[]): number {
  const y = corr.length - 1;
  const r = s.map((i) => corr[i][y]);
  const beta = solve(
    s.map((i) => s.map((j) => corr[i][j])),
    r,
  );
  return beta ? beta.reduce((sum, b, i) => sum + b * r[i], 0) : NaN;
}

export const linearCombination = defineRule<'package', LinearCombinationOptions>({
  id: 'leakage/linear-combination',
  phase: 'package',
  severity: 'error',
  description:
    'A regression target is no exact linear combination of two or three numeric public features (price = (min_price + max_price) / 2, total = a + b + c): ' +
    'the least-squares fit with an intercept on each pair and triple of numeric features reaches R² < threshold. The correlation matrix comes from one ' +
    'DuckDB aggregate query; pairs and triples are screened in JS from it, and each candidate is refitted on its complete rows and its R² measured on ' +
    'the residuals in DuckDB. A candidate with R² ≥ 0.98 is also tested as an identity with simple coefficients (least-squares ones snapped to ' +
    'integers, halves, thirds or quarters): if it holds exactly on at least minExactShare of the rows, a few bad rows hide an exact combination. ' +
    'At most maxFeatures features (those most correlated with the target) are combined, and at most 40 candidates (exact-looking and smallest first) ' +
    'are refitted in DuckDB; features that fit the target alone are ' +
    'left to leakage/single-feature and leakage/monotone-transform, and only minimal combinations are reported.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      threshold: { type: 'number', minimum: 0, maximum: 1, description: 'R² at or above which the target counts as a combination of the features' },
      maxTerms: { type: 'integer', minimum: 2, maximum: 3, description: 'largest number of features combined' },
      maxFeatures: { type: 'integer', minimum: 2, maximum: 60, description: 'numeric features searched, the most correlated with the target first' },
      minExactShare: { type: 'number', minimum: 0.5, maximum: 1, description: 'share of rows on which an identity with simple coefficients must hold exactly' },
      minRows: { type: 'integer', minimum: 5, description: 'skip a combination with fewer complete train rows' },
    },
  },
  defaultOptions: { threshold: 0.99999, maxTerms: 3, maxFeatures: 30, minExactShare: 0.95, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      if (info.kind !== 'regression') return [];
      const numeric = featureColumns(t.train.columns, manifest).filter((c) => isNumeric(t.train.types[c]));
      if (numeric.length < 2) return [];
      const sql = (c: string): string => `${q(c)}::DOUBLE`;
      // Rank features by |corr| with the target and keep the top maxFeatures (constant ones drop out).
      // A feature that fits the target alone is another rule's finding, and would make every pair with it a hit.
      const columns = (await targetCorrelations(db, 'train', numeric.map(sql), info.y))
        .map(({ sd, r }, i) => ({ column: numeric[i], i, r: Math.abs(r), sd }))
        .filter((f) => f.sd > 0 && Number.isFinite(f.r) && f.r * f.r < opts.threshold)
        .sort((a, b) => b.r - a.r || a.i - b.i)
        .slice(0, opts.maxFeatures)
        .map((f) => f.column);
      if (columns.length < 2) return [];
      const corr = await correlationMatrix(db, 'train', columns.map(sql), info.y);
      // Screen a little below the threshold: pairwise-complete correlations are only an approximation when values are missing.
      const exactScreen = opts.threshold - Math.min(1e-3, 10 * (1 - opts.threshold));
      const candidates: Array<{ s: number[]; r2: number; exact: boolean }> = [];
      for (let size = 2; size <= opts.maxTerms; size++) {
        for (const s of subsets(columns.length, size)) {
          const r2 = screenR2(corr, s);
          if (r2 >= Math.min(PARTS_R2, exactScreen)) candidates.push({ s, r2, exact: r2 >= exactScreen });
        }
      }
      // Exact-looking candidates first; smaller before larger (so a reported pair prunes its triples); then the strongest.
      candidates.sort((a, b) => Number(b.exact) - Number(a.exact) || a.s.length - b.s.length || b.r2 - a.r2);
      const hits: number[][] = [];
      const issues: Issue[] = [];
      const report = (s: number[], names: string[], text: string, data: Record<string, unknown>): void => {
        hits.push(s);
        issues.push({
          message: `the target "${info.name}" is a linear combination of public features ${names.map((c) => `"${c}"`).join(', ')}: ${text}; drop them or choose another target`,
          location: `public/train.csv, columns ${names.map((c) => `"${c}"`).join(', ')}`,
          data: { columns: names, ...data },
        });
      };
      for (const { s } of candidates.slice(0, MAX_REFITS)) {
        if (hits.some((h) => h.every((i) => s.includes(i)))) continue;
        const names = s.map((i) => columns[i]);
        const xs = names.map(sql);
        const fit = await linearFit(db, 'train', xs, info.y);
        if (!fit || fit.n < opts.minRows) continue;
        if (fit.r2 >= opts.threshold) {
          report(s, names, `${info.name} ≈ ${formula(fit.intercept, fit.coefficients, names)} (R² ${fmt(fit.r2, 8)} ≥ ${opts.threshold} over ${fit.n} rows)`, {
            r2: fit.r2, intercept: fit.intercept, coefficients: fit.coefficients, rows: fit.n,
          });
          continue;
        }
        if (fit.r2 < IDENTITY_SCREEN) continue;
        // A few wrong rows (a typo) pull the fit off an exact identity: snap to simple coefficients and count the rows it holds on.
        const tried = new Set<string>();
        for (const d of DENOMINATORS) {
          const c = fit.coefficients.map((b) => Math.round(b * d) / d);
          if (c.some((b) => b === 0) || tried.has(c.join())) continue;
          tried.add(c.join());
          const e = await exactRows(db, 'train', xs, info.y, c);
          if (e.exact < opts.minExactShare * e.n || e.exact < opts.minRows || e.distinct < IDENTITY_MIN_DISTINCT) continue;
          report(s, names, `${info.name} = ${formula(e.intercept, c, names)} exactly on ${e.exact} of ${e.n} rows (${fmt((100 * e.exact) / e.n, 3)}% ≥ ${opts.minExactShare * 100}%; least-squares R² ${fmt(fit.r2, 6)})`, {
            r2: fit.r2, intercept: e.intercept, coefficients: c, rows: e.n, exactRows: e.exact,
          });
          break;
        }
      }
      if (issues.length === 0) issues.push(...(await partsOfAWhole(db, info.y, columns, corr, candidates, sql, info.name)));
      if (issues.length === 0) issues.push(...(await productOrRatio(db, info.y, columns, t.train.rows, opts.minRows, info.name)));
      if (issues.length === 0) issues.push(...(await compositionLeak(db, info.y, info.name, numeric, opts.minRows)));
      return issues;
    });
  },
});

/** Share of the target's variance a near-identity must explain (water + fat + protein ≈ 99). */
const PARTS_R2 = 0.95;
/** Log-space R² and exponent band of a product or ratio (expenditure = 833·share·income). */
const PRODUCT_R2 = 0.995;
const EXPONENT_BAND = [0.8, 1.25] as const;

/**
 * The target and two or three features are parts of a whole: with unit coefficients their sum is
 * nearly constant (a composition in percent that does not quite add up to 100), which least
 * squares with free coefficients fits only approximately.
 */
async function partsOfAWhole(
  db: DuckDbSession, y: string, columns: string[], corr: number[][], candidates: Array<{ s: number[]; r2: number }>,
  sql: (c: string) => string, target: string,
): Promise<Issue[]> {
  for (const { s, r2 } of candidates.filter((c) => c.r2 >= PARTS_R2).slice(0, MAX_REFITS)) {
    const names = s.map((i) => columns[i]);
    const yIndex = corr.length - 1;
    const beta = solve(s.map((i) => s.map((j) => corr[i][j])), s.map((i) => corr[i][yIndex]));
    if (!beta) continue;
    const signs = beta.map((b) => (b < 0 ? -1 : 1));
    const sum = names.map((c, i) => `${signs[i]} * ${sql(c)}`).join(' + ');
    const [row] = await db.all<{ u: number | null; n: number }>(
      `SELECT var_pop((${y}) - (${sum})) / nullif(var_pop(${y}), 0) AS u, count(*)::BIGINT AS n FROM train WHERE (${y}) IS NOT NULL AND ${names.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')}`,
    );
    if (row.u === null || 1 - Number(row.u) < PARTS_R2) continue;
    const identity = `${target} ${names.map((c, i) => `${signs[i] < 0 ? '+' : '−'} ${c}`).join(' ')}`;
    return [{
      message: `the target "${target}" and public features ${names.map((c) => `"${c}"`).join(', ')} are parts of a whole: ${identity} is nearly constant (it leaves ${fmt(100 * Number(row.u), 3)}% of the target's variance; least-squares R² ${fmt(r2, 4)}); drop them or choose another target`,
      location: `public/train.csv, columns ${names.map((c) => `"${c}"`).join(', ')}`,
      data: { columns: names, signs, unexplained: Number(row.u), rows: Number(row.n) },
    }];
  }
  return [];
}

/**
 * The target is a product or ratio of two features (expenditure = 833 · share · income), or the
 * log of one (a log-odds y1 = ln(v1 / v3) of two vote shares): a linear identity in logs.
 */
async function productOrRatio(db: DuckDbSession, y: string, columns: string[], rows: number, minRows: number, target: string): Promise<Issue[]> {
  const log = (e: string): string => `CASE WHEN (${e}) > 0 THEN ln(${e}) END`;
  const logs = columns.map((c) => log(`${q(c)}::DOUBLE`));
  for (const logTarget of [true, false]) {
    const side = logTarget ? log(y) : y;
    const corr = await correlationMatrix(db, 'train', logs, side);
    const pairs = subsets(columns.length, 2).map((s) => ({ s, r2: screenR2(corr, s) })).filter((p) => p.r2 >= PRODUCT_R2 - 0.01);
    pairs.sort((a, b) => b.r2 - a.r2);
    for (const { s } of pairs.slice(0, MAX_REFITS)) {
      const names = s.map((i) => columns[i]);
      const fit = await linearFit(db, 'train', s.map((i) => logs[i]), side);
      if (!fit || fit.n < Math.max(minRows, rows / 2) || fit.r2 < PRODUCT_R2) continue;
      const powers = fit.coefficients.map((b) => Math.abs(b));
      if (powers.some((b) => b < EXPONENT_BAND[0] || b > EXPONENT_BAND[1])) continue;
      // Numerator first: ln(v1 / v3), not ln(1 / v3 · v1).
      const order = names.map((_, i) => i).sort((a, b) => fit.coefficients[b] - fit.coefficients[a]);
      const ratio = order.map((i, k) => `${k === 0 ? (fit.coefficients[i] < 0 ? '1 / ' : '') : fit.coefficients[i] < 0 ? ' / ' : ' · '}${names[i]}`).join('');
      const form = logTarget ? `${fmt(Math.exp(fit.intercept), 4)} · ${ratio}` : `${fmt(fit.intercept, 4)} + ln(${ratio})`;
      return [{
        message: `the target "${target}" is ${logTarget ? 'a product or ratio' : 'the log of a product or ratio'} of public features ${names.map((c) => `"${c}"`).join(', ')}: ${target} ≈ ${form} (R² ${fmt(fit.r2, 6)} in logs over the ${fit.n} rows where all are positive); drop them or choose another target`,
        location: `public/train.csv, columns ${names.map((c) => `"${c}"`).join(', ')}`,
        data: { columns: names, exponents: fit.coefficients, r2Log: fit.r2, rows: fit.n },
      }];
    }
  }
  return [];
}
