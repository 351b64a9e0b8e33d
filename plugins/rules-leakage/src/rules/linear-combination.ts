import { correlationMatrix, isNumeric, linearFit, targetCorrelations } from '../sql-stats.js';
import { solve } from '../linear-algebra.js';
import { targetInfo } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt, withPackage } from '@mle-smith/task-package';

export interface LinearCombinationOptions extends Record<string, unknown> {
  threshold: number;
  maxTerms: number;
  maxFeatures: number;
  minRows: number;
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
    'the residuals in DuckDB. At most maxFeatures features (those most correlated with the target) are combined; features that fit the target alone are ' +
    'left to leakage/single-feature and leakage/monotone-transform, and only minimal combinations are reported.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      threshold: { type: 'number', minimum: 0, maximum: 1, description: 'R² at or above which the target counts as a combination of the features' },
      maxTerms: { type: 'integer', minimum: 2, maximum: 3, description: 'largest number of features combined' },
      maxFeatures: { type: 'integer', minimum: 2, maximum: 60, description: 'numeric features searched, the most correlated with the target first' },
      minRows: { type: 'integer', minimum: 5, description: 'skip a combination with fewer complete train rows' },
    },
  },
  defaultOptions: { threshold: 0.99999, maxTerms: 3, maxFeatures: 30, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withPackage(
      taskDir,
      ['train'],
      async (db, t) => {
        const info = await targetInfo(db, t.train, manifest);
        if (info?.kind !== 'regression' || t.train.rows < opts.minRows) return [];
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
        const screen = opts.threshold - Math.min(1e-3, 10 * (1 - opts.threshold));
        const hits: number[][] = [];
        const issues: Issue[] = [];
        for (let size = 2; size <= opts.maxTerms; size++) {
          for (const s of subsets(columns.length, size)) {
            if (hits.some((h) => h.every((i) => s.includes(i)))) continue;
            if (!(screenR2(corr, s) >= screen)) continue;
            const names = s.map((i) => columns[i]);
            const fit = await linearFit(db, 'train', names.map(sql), info.y);
            if (!fit || fit.n < opts.minRows || fit.r2 < opts.threshold) continue;
            hits.push(s);
            // Rounding leaves an intercept like 1e-14 where the combination has none.
            const intercept = Math.abs(fit.intercept) < 1e-9 ? 0 : fit.intercept;
            const formula = fmt(intercept, 4) + names.map((c, i) => ` ${fit.coefficients[i] < 0 ? '−' : '+'} ${fmt(Math.abs(fit.coefficients[i]), 4)}·${c}`).join('');
            issues.push({
              message:
                `the target "${manifest.target}" is a linear combination of public features ${names.map((c) => `"${c}"`).join(', ')}: ` +
                `${manifest.target} ≈ ${formula} (R² ${fmt(fit.r2, 8)} ≥ ${opts.threshold} over ${fit.n} rows); drop them or choose another target`,
              location: `public/train.csv, columns ${names.map((c) => `"${c}"`).join(', ')}`,
              data: { columns: names, r2: fit.r2, intercept: fit.intercept, coefficients: fit.coefficients, rows: fit.n },
            });
          }
        }
        return issues;
      },
      { varchar: false },
    );
  },
});
