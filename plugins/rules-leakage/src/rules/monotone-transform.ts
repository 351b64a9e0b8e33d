import { isNumeric, linearR2, spearman } from '../sql-stats.js';
import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt } from '@mle-smith/task-package';

export interface MonotoneTransformOptions extends Record<string, unknown> {
  threshold: number;
  minRows: number;
}

export const monotoneTransform = defineRule<'package', MonotoneTransformOptions>({
  id: 'leakage/monotone-transform',
  phase: 'package',
  severity: 'error',
  description:
    'No numeric public feature is a monotone transform of a regression target (log, rank, rescaling, a unit change): |Spearman ρ| ≥ threshold ' +
    'over the train rows where both are set (computed in DuckDB with mid-ranks). The message says whether the transform is also linear.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      threshold: { type: 'number', minimum: 0, maximum: 1, description: '|Spearman ρ| at or above which a feature is a transform of the target' },
      minRows: { type: 'integer', minimum: 2, description: 'skip a feature with fewer train rows where it and the target are both set' },
    },
  },
  defaultOptions: { threshold: 0.999, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      if (info.kind !== 'regression') return [];
      const issues: Issue[] = [];
      for (const column of featureColumns(t.train.columns, manifest)) {
        if (!isNumeric(t.train.types[column])) continue;
        const x = `${q(column)}::DOUBLE`;
        const fit = await linearR2(db, 'train', x, info.y);
        if (!fit || fit.n < opts.minRows || Math.sqrt(fit.rankR2) < opts.threshold) continue;
        const rho = (await spearman(db, 'train', x, info.y)) ?? 0;
        const kind = fit.r2 >= opts.threshold ? 'a linear rescaling' : 'a non-linear monotone transform (log, power, rank, …)';
        issues.push({
          message:
            `public feature "${column}" is ${kind} of the target "${manifest.target}", ${rho > 0 ? 'increasing' : 'decreasing'} ` +
            `(|Spearman ρ| ${fmt(Math.abs(rho), 6)} ≥ ${opts.threshold}, linear R² ${fmt(fit.r2, 6)}, over ${fit.n} rows); drop it`,
          location: `public/train.csv, column "${column}"`,
          data: { column, spearman: rho, linearR2: fit.r2, rows: fit.n },
        });
      }
      return issues;
    });
  },
});
