import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt } from '@mle-smith/task-package';

export interface RecordedByClassOptions extends Record<string, unknown> {
  minMissing: number;
  maxMissing: number;
  minClassRows: number;
  minRows: number;
}

interface ClassMissing {
  label: string;
  n: number;
  missing: number;
}

export const recordedByClass = defineRule<'package', RecordedByClassOptions>({
  id: 'leakage/recorded-by-class',
  phase: 'package',
  severity: 'error',
  description:
    'No public feature is recorded for (nearly) every row of one class of a binary target and missing on most rows of the other (over train.csv, ' +
    'in DuckDB): the feature is missing on at least minMissing of one class\'s rows and at most maxMissing of the other\'s. That is a value ' +
    'written down because of the outcome — the onset time of the ill in an outbreak survey — whose presence alone tells the label, whatever its values.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minMissing: { type: 'number', minimum: 0, maximum: 1, description: "least share of one class's rows with the feature missing" },
      maxMissing: { type: 'number', minimum: 0, maximum: 1, description: "largest share of the other class's rows with the feature missing" },
      minClassRows: { type: 'integer', minimum: 2, description: 'fewest train rows of each class for the rule to look' },
      minRows: { type: 'integer', minimum: 2, description: 'skip the rule below this many train rows' },
    },
  },
  defaultOptions: { minMissing: 0.5, maxMissing: 0.05, minClassRows: 10, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      if (info.kind !== 'binary') return [];
      const issues: Issue[] = [];
      for (const column of featureColumns(t.train.columns, manifest)) {
        const classes = await db.all<ClassMissing>(
          `SELECT CAST(${info.y} AS VARCHAR) AS label, count(*)::DOUBLE AS n, count(*) FILTER (WHERE ${q(column)} IS NULL)::DOUBLE AS missing
           FROM train WHERE ${info.y} IS NOT NULL GROUP BY 1 ORDER BY 1`,
        );
        if (classes.length !== 2 || classes.some((c) => Number(c.n) < opts.minClassRows)) continue;
        const share = (c: ClassMissing): number => Number(c.missing) / Number(c.n);
        const [absent, recorded] = share(classes[0]) >= share(classes[1]) ? classes : [classes[1], classes[0]];
        if (share(absent) < opts.minMissing || share(recorded) > opts.maxMissing) continue;
        issues.push({
          message:
            `public feature "${column}" is recorded because of the outcome: missing on ${fmt(share(absent) * 100, 3)} % of the rows with ${info.name} = "${absent.label}" ` +
            `and on ${fmt(share(recorded) * 100, 3)} % of those with "${recorded.label}", so its presence tells the label; drop it`,
          location: `public/train.csv, column "${column}"`,
          data: { column, absentLabel: absent.label, missingShare: share(absent), recordedLabel: recorded.label, recordedMissingShare: share(recorded) },
        });
      }
      return issues;
    });
  },
});
