import { auc, groupMeanR2, isNumeric, linearR2, mappingPurity } from '../sql-stats.js';
import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt } from '@mle-smith/task-package';

export interface SingleFeatureOptions extends Record<string, unknown> {
  threshold: number;
  maxCategories: number;
  bins: number;
  minRows: number;
}

interface Score {
  score: number;
  method: string;
}

export const singleFeature = defineRule<'package', SingleFeatureOptions>({
  id: 'leakage/single-feature',
  phase: 'package',
  severity: 'error',
  description:
    'No public feature predicts the target almost perfectly on its own (computed in DuckDB over train.csv): ROC AUC for binary targets, ' +
    'leave-one-out value→label mapping accuracy (normalised against the majority rate) for categorical or binned columns, ' +
    'R² of a linear fit, of ranks, and of per-value means for regression. A score ≥ threshold is an error.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      threshold: { type: 'number', minimum: 0, maximum: 1, description: 'score at or above which a column is a leak' },
      maxCategories: { type: 'integer', minimum: 2, description: 'columns with at most this many distinct values are also scored as categorical' },
      bins: { type: 'integer', minimum: 2, description: 'quantile bins for numeric columns in multiclass tasks' },
      minRows: { type: 'integer', minimum: 2, description: 'skip the rule below this many train rows' },
    },
  },
  defaultOptions: { threshold: 0.99, maxCategories: 100, bins: 20, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      const issues: Issue[] = [];
      for (const column of featureColumns(t.train.columns, manifest)) {
        const c = q(column);
        const type = t.train.types[column];
        const numeric = isNumeric(type);
        const [{ distinct }] = await db.all<{ distinct: number }>(`SELECT count(DISTINCT ${c})::BIGINT AS distinct FROM train`);
        const lowCardinality = Number(distinct) <= Math.min(opts.maxCategories, t.train.rows / 2);
        const scores: Score[] = [];
        if (info.kind === 'binary' || info.kind === 'multiclass') {
          if (info.kind === 'binary' && numeric) {
            const a = await auc(db, 'train', `${c}::DOUBLE`, info.positive!);
            if (a !== undefined) scores.push({ score: Math.max(a, 1 - a), method: 'roc_auc' });
          }
          if (lowCardinality) {
            const p = await mappingPurity(db, 'train', `CAST(${c} AS VARCHAR)`, info.y);
            if (p) scores.push({ score: p.normalized, method: 'value_mapping_accuracy' });
          } else if (numeric && info.kind === 'multiclass') {
            const binned = `(SELECT *, ntile(${opts.bins}) OVER (ORDER BY ${c}) AS __bin FROM train WHERE ${c} IS NOT NULL)`;
            const p = await mappingPurity(db, binned, '__bin', info.y);
            if (p) scores.push({ score: p.normalized, method: 'binned_mapping_accuracy' });
          }
        } else if (info.kind === 'regression') {
          if (numeric) {
            const r = await linearR2(db, 'train', `${c}::DOUBLE`, info.y);
            if (r && r.n >= opts.minRows) {
              scores.push({ score: r.r2, method: 'linear_r2' });
              scores.push({ score: r.rankR2, method: 'rank_r2' });
            }
          }
          if (lowCardinality) {
            const g = await groupMeanR2(db, 'train', `CAST(${c} AS VARCHAR)`, info.y);
            if (g !== undefined) scores.push({ score: g, method: 'group_mean_r2' });
          }
        }
        const best = scores.filter((s) => Number.isFinite(s.score)).sort((a, b) => b.score - a.score)[0];
        if (best && best.score >= opts.threshold) {
          issues.push({
            message: `public feature "${column}" predicts the target "${info.name}" almost perfectly on its own (${best.method} ${fmt(best.score)} ≥ ${opts.threshold}); drop it or check whether it is computed from the target`,
            location: `public/train.csv, column "${column}"`,
            data: { column, score: best.score, method: best.method, scores },
          });
        }
      }
      return issues;
    });
  },
});
