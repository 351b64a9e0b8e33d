import { dependencyStats, formatChance as chance } from '../sql-stats.js';
import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns } from '@mle-smith/task-package';

export interface FunctionalDependencyOptions extends Record<string, unknown> {
  minCoverage: number;
  maxChance: number;
  minRows: number;
}

export const functionalDependency = defineRule<'package', FunctionalDependencyOptions>({
  id: 'leakage/functional-dependency',
  phase: 'package',
  severity: 'error',
  description:
    'The target is not constant within every value of a public feature (over train.csv, in DuckDB; values compared exactly, any column type, ' +
    'any number of values): when at least minCoverage of the train rows share their feature value with another row and every such group carries ' +
    'one target value, the feature determines the target (a group number the target was coarsened from, a code that contains the label). It ' +
    'counts only when a random assignment of the target to the rows would leave all those groups constant with probability ≤ maxChance, so an ' +
    'imbalanced target or a few tied values never count; a unique column (no repeated value) never does.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minCoverage: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 1,
        description: 'least share of train rows whose feature value occurs on another train row (rows in groups of two or more)',
      },
      maxChance: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'largest chance of constant groups under a random target that still counts as a dependency' },
      minRows: { type: 'integer', minimum: 2, description: 'skip the rule below this many train rows' },
    },
  },
  defaultOptions: { minCoverage: 0.5, maxChance: 1e-6, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      const issues: Issue[] = [];
      for (const column of featureColumns(t.train.columns, manifest)) {
        const c = q(column);
        const fd = await dependencyStats(db, 'train', c, info.y);
        if (!fd || fd.groups < 2 || fd.covered < opts.minCoverage * fd.n || fd.impureRows > 0 || fd.logChance > Math.log(opts.maxChance)) continue;
        issues.push({
          message:
            `the target "${info.name}" is constant within each value of public feature "${column}" (${fd.groups} values; ${fd.covered} of ${fd.n} rows share their value with another row, ` +
            `and every such group has one target value; chance ${chance(fd.logChance)} ≤ ${opts.maxChance}): the feature determines the target, e.g. a group or code the target was derived from; drop it`,
          location: `public/train.csv, column "${column}"`,
          data: { column, groups: fd.groups, rows: fd.n, coveredRows: fd.covered, logChance: fd.logChance },
        });
      }
      return issues;
    });
  },
});
