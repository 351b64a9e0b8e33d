import { isNumeric } from '../sql-stats.js';
import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import type { DuckDbSession } from '@mle-smith/data';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt } from '@mle-smith/task-package';

export interface PairComparisonOptions extends Record<string, unknown> {
  minAgreement: number;
  maxFeatures: number;
  minRows: number;
}

/** How often the commonest label within each side of a ≶ b is the row's label, and how often the commonest label overall is. */
async function comparisonAgreement(db: DuckDbSession, a: string, b: string, y: string): Promise<{ n: number; agree: number; majority: number; sides: number }> {
  const [r] = await db.all<{ n: number; agree: number; majority: number; sides: number }>(
    `WITH d AS (SELECT sign(${a} - ${b}) AS k, CAST(${y} AS VARCHAR) AS y FROM train
                WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL AND isfinite(${a}) AND isfinite(${b}) AND ${y} IS NOT NULL),
          g AS (SELECT k, y, count(*) AS c FROM d GROUP BY k, y),
          m AS (SELECT k, max(c) AS top FROM g GROUP BY k)
     SELECT (SELECT count(*) FROM d)::DOUBLE AS n, (SELECT coalesce(sum(top), 0) FROM m)::DOUBLE AS agree,
            (SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM d GROUP BY y))::DOUBLE AS majority, (SELECT count(*) FROM m)::BIGINT AS sides`,
  );
  return { n: Number(r?.n ?? 0), agree: Number(r?.agree ?? 0), majority: Number(r?.majority ?? 0), sides: Number(r?.sides ?? 0) };
}

export const pairComparison = defineRule<'package', PairComparisonOptions>({
  id: 'leakage/pair-comparison',
  phase: 'package',
  severity: 'error',
  description:
    'A class target is not which of two public numbers is larger (over train.csv, in DuckDB): for every pair of numeric features a, b, the label ' +
    'most common on each side of sign(a − b) is the row\'s label on at least minAgreement of the rows, and on at least minAgreement of the rows ' +
    'the majority class gets wrong. A game\'s result beside both teams\' goals, a pass/fail beside the score and the pass mark: each number alone ' +
    'predicts little, so leakage/single-feature and leakage/functional-dependency miss it. Tables with more than maxFeatures numeric features are ' +
    'checked on their first maxFeatures.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minAgreement: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'least share of rows (and of the rows the majority class misses) that the comparison gets right' },
      maxFeatures: { type: 'integer', minimum: 2, description: 'most numeric features whose pairs are compared' },
      minRows: { type: 'integer', minimum: 2, description: 'skip the rule below this many train rows' },
    },
  },
  defaultOptions: { minAgreement: 0.95, maxFeatures: 40, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      if (info.kind === 'regression') return [];
      const numeric = featureColumns(t.train.columns, manifest).filter((c) => isNumeric(t.train.types[c])).slice(0, opts.maxFeatures);
      const issues: Issue[] = [];
      const flagged = new Set<string>();
      for (let i = 0; i < numeric.length; i++) {
        for (let j = i + 1; j < numeric.length; j++) {
          const [a, b] = [numeric[i], numeric[j]];
          if (flagged.has(a) || flagged.has(b)) continue;
          const s = await comparisonAgreement(db, `${q(a)}::DOUBLE`, `${q(b)}::DOUBLE`, info.y);
          const missed = s.n - s.majority;
          if (s.sides < 2 || s.n < opts.minRows || missed <= 0) continue;
          if (s.agree < opts.minAgreement * s.n || s.agree - s.majority < opts.minAgreement * missed) continue;
          flagged.add(b);
          issues.push({
            message:
              `the target "${info.name}" is which of public features "${a}" and "${b}" is larger: the comparison gives the label of ${fmt((s.agree / s.n) * 100, 4)} % of ` +
              `the train rows (the majority class ${fmt((s.majority / s.n) * 100, 4)} %), e.g. a result beside both scores, known only with it; drop both`,
            location: `public/train.csv, columns "${a}" and "${b}"`,
            data: { column: b, columns: [a, b], agreement: s.agree / s.n, majority: s.majority / s.n },
          });
        }
      }
      return issues;
    });
  },
});
