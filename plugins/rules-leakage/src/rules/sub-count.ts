import { isNumeric, spearman } from '../sql-stats.js';
import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt } from '@mle-smith/task-package';

export interface SubCountOptions extends Record<string, unknown> {
  minShare: number;
  minRho: number;
  minRows: number;
}

const letters = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** True when the feature's name holds the target's whole name (`nfatal`, `fatal1517` of `fatal`). */
export function namedPart(feature: string, target: string): boolean {
  const [f, t] = [letters(feature), letters(target)];
  return t.length >= 3 && f.length > t.length && f.includes(t);
}

export const subCount = defineRule<'package', SubCountOptions>({
  id: 'leakage/sub-count',
  phase: 'package',
  severity: 'error',
  description:
    'No numeric public feature is a part of a non-negative regression target: a column whose name holds the target\'s name (`nfatal`, `fatal1517` ' +
    'of `fatal`: night-time or age-group fatalities) and whose values lie between 0 and the target on at least minShare of the train rows, ' +
    'following it (Spearman ρ ≥ minRho). Such a sub-count is measured together with the outcome, so it is not known before it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minShare: { type: 'number', minimum: 0.5, maximum: 1, description: 'share of rows on which 0 ≤ feature ≤ target must hold' },
      minRho: { type: 'number', minimum: 0, maximum: 1, description: 'Spearman ρ with the target from which a bounded, name-sharing feature is a part of it' },
      minRows: { type: 'integer', minimum: 2, description: 'skip a feature with fewer train rows where it and the target are both set' },
    },
  },
  defaultOptions: { minShare: 0.99, minRho: 0.5, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      if (info.kind !== 'regression') return [];
      const [{ negative }] = await db.all<{ negative: number }>(`SELECT count_if(${info.y} < 0)::BIGINT AS negative FROM train`);
      if (Number(negative) > 0) return [];
      const issues: Issue[] = [];
      for (const column of featureColumns(t.train.columns, manifest)) {
        if (!isNumeric(t.train.types[column]) || !namedPart(column, info.name)) continue;
        const x = `${q(column)}::DOUBLE`;
        const [row] = await db.all<{ n: number; bounded: number }>(
          `SELECT count(*)::BIGINT AS n, count_if(${x} >= 0 AND ${x} <= ${info.y})::BIGINT AS bounded FROM train WHERE ${x} IS NOT NULL AND ${info.y} IS NOT NULL`,
        );
        const [n, bounded] = [Number(row.n), Number(row.bounded)];
        if (n < opts.minRows || bounded < opts.minShare * n) continue;
        const rho = await spearman(db, 'train', x, info.y);
        if (rho === undefined || rho < opts.minRho) continue;
        issues.push({
          message:
            `public feature "${column}" is a part of the target "${info.name}": its name holds the target's, and 0 ≤ ${column} ≤ ${info.name} on ${bounded} of ${n} rows ` +
            `(Spearman ρ ${fmt(rho, 3)}); a sub-count is measured with the outcome, so drop it`,
          location: `public/train.csv, column "${column}"`,
          data: { column, rows: n, boundedRows: bounded, spearman: rho },
        });
      }
      return issues;
    });
  },
});
