import { linearFit, isNumeric } from '../sql-stats.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { formatNumber as fmt, seriesKeySql, timeLayout, timeOrderSql, withPackage } from '@mle-smith/task-package';

export interface FutureValuesOptions extends Record<string, unknown> {
  window: number;
  minFit: number;
  minPastGap: number;
  minRows: number;
  maxFeatures: number;
}

export const futureValues = defineRule<'package', FutureValuesOptions>({
  id: 'leakage/future-values',
  phase: 'package',
  severity: 'error',
  description:
    'In a forecasting task no public numeric feature is computed from the target at the same or later steps (a centred moving average, the target ' +
    'shifted backwards, a rolling mean that includes the current value): on train.csv, within each series in time order and with per-series means removed, ' +
    'each feature is fitted linearly on the target from `window` steps back to `window` steps ahead. A fit with R² ≥ minFit whose unexplained share grows ' +
    'by at least minPastGap (and five-fold) when only the past steps may be used is an error; features built from past values only (lags) fit their past just as well and pass.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      window: { type: 'integer', minimum: 1, maximum: 12, description: 'steps of target lags and leads the feature is fitted on' },
      minFit: { type: 'number', minimum: 0, maximum: 1, description: 'R² on the whole window at or above which the feature is a function of the target' },
      minPastGap: { type: 'number', minimum: 0, maximum: 1, description: 'least 1 − R² on the past steps alone that makes the current/future steps necessary' },
      minRows: { type: 'integer', minimum: 5, description: 'skip the rule below this many complete windows' },
      maxFeatures: { type: 'integer', minimum: 1, description: 'numeric features fitted at most (in file order)' },
    },
  },
  defaultOptions: { window: 3, minFit: 0.99, minPastGap: 0.005, minRows: 30, maxFeatures: 50 },
  async check({ taskDir, manifest }, { opts }) {
    const layout = timeLayout(manifest);
    if (!layout?.horizon) return [];
    const { timeColumn, seriesColumns } = layout;
    const target = manifest.target;
    return withPackage(
      taskDir,
      ['train'],
      async (db, t) => {
        if (![timeColumn, target, ...seriesColumns].every((c) => t.train.columns.includes(c)) || !isNumeric(t.train.types[target])) return [];
        const skip = new Set([manifest.submission.idColumn, target, timeColumn, ...seriesColumns]);
        const features = t.train.columns.filter((c) => !skip.has(c) && isNumeric(t.train.types[c])).slice(0, opts.maxFeatures);
        const order = await timeOrderSql(db, [t.train], timeColumn);
        if (features.length === 0 || !order) return [];
        const key = seriesKeySql(seriesColumns);
        const centred = (c: string) => `${q(c)}::DOUBLE - avg(${q(c)}::DOUBLE) OVER (PARTITION BY __series)`;
        const steps = Array.from({ length: opts.window }, (_, i) => i + 1);
        await db.run(
          `CREATE TABLE future_windows AS
           SELECT ${features.map((_, i) => `x${i}`).join(', ')}, y0,
                  ${steps.map((k) => `lag(y0, ${k}) OVER w AS past${k}, lead(y0, ${k}) OVER w AS next${k}`).join(', ')}
           FROM (SELECT __series, __at, ${centred(target)} AS y0, ${features.map((c, i) => `${centred(c)} AS x${i}`).join(', ')}
                 FROM (SELECT *, ${key} AS __series, ${order} AS __at FROM train WHERE ${q(target)} IS NOT NULL))
           WINDOW w AS (PARTITION BY __series ORDER BY __at)`,
        );
        const past = steps.map((k) => `past${k}`);
        const whole = [...past, 'y0', ...steps.map((k) => `next${k}`)];
        const issues: Issue[] = [];
        for (const [i, feature] of features.entries()) {
          const full = await linearFit(db, 'future_windows', whole, `x${i}`);
          if (!full || full.n < opts.minRows || full.r2 < opts.minFit) continue;
          const pastOnly = await linearFit(db, 'future_windows', past, `x${i}`);
          const pastGap = pastOnly ? 1 - pastOnly.r2 : 1;
          if (pastGap < opts.minPastGap || pastGap < 5 * (1 - full.r2)) continue;
          // the step with the largest weight, for the message
          const weights = full.coefficients.map((b, j) => ({ step: j < opts.window ? -(j + 1) : j - opts.window, b: Math.abs(b) }));
          const top = weights.reduce((a, b) => (b.b > a.b ? b : a));
          issues.push({
            message:
              `feature "${feature}" is a function of the target at the same or later steps of its series (R² ${fmt(full.r2)} on the target from t−${opts.window} to t+${opts.window}, ` +
              `${fmt(pastOnly?.r2 ?? 0)} on the past steps alone; largest weight at t${top.step === 0 ? '' : top.step > 0 ? `+${top.step}` : top.step}): a forecaster does not have those values — drop it or lag it by the horizon`,
            location: `public/train.csv, column "${feature}"`,
            data: { column: feature, r2: full.r2, pastR2: pastOnly?.r2 ?? null, window: opts.window, rows: full.n },
          });
        }
        return issues;
      },
      { varchar: false },
    );
  },
});
