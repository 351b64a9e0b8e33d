import { formatChance as chance, intervalSeparation, isNumeric, tailSeparation, type Interval } from '../sql-stats.js';
import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt } from '@mle-smith/task-package';

export interface TargetBinningOptions extends Record<string, unknown> {
  maxBins: number;
  maxChance: number;
  minRows: number;
}

function describeIntervals(intervals: Interval[], groups: number): string {
  const shown = intervals.slice(0, 5).map((i) => `${i.key} → [${fmt(i.lo, 6)}, ${fmt(i.hi, 6)}]`);
  return shown.join(', ') + (groups > shown.length ? `, … (${groups} in all)` : '');
}

export const targetBinning = defineRule<'package', TargetBinningOptions>({
  id: 'leakage/target-binning',
  phase: 'package',
  severity: 'error',
  description:
    'No public feature is a threshold or binning of the target, and the target is no binning of a public feature (over train.csv, in DuckDB): ' +
    'for a regression target, the rows of each value of a feature with at most maxBins values (and fewer than the target) must not fall into ' +
    'non-overlapping target intervals (a 0/1 flag "target < 2500", a low/medium/high cut), and a two-valued feature must not mark the target\'s tails ' +
    '(one value exactly for the target inside an interval, the other outside it: an outlier flag); for a multiclass or regression target with at most maxBins ' +
    'values, its values must not hold non-overlapping intervals of a numeric feature with more values (classes cut from a measurement; a binary ' +
    'target cut from a feature is a ROC AUC of 1, left to leakage/single-feature). A separation counts only when a random grouping of the same sizes would ' +
    'separate as cleanly with probability ≤ maxChance, so unique columns and tiny groups never count.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      maxBins: { type: 'integer', minimum: 2, description: 'most distinct values a binning (the feature, or the target) may have' },
      maxChance: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'largest chance of a separation this clean under a random grouping that still counts as a binning' },
      minRows: { type: 'integer', minimum: 2, description: 'skip the rule below this many train rows' },
    },
  },
  defaultOptions: { maxBins: 50, maxChance: 1e-6, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      const target = info.name;
      const [{ distinct: targetValues }] = await db.all<{ distinct: number }>(`SELECT count(DISTINCT ${info.y})::BIGINT AS distinct FROM train`);
      const logMax = Math.log(opts.maxChance);
      const issues: Issue[] = [];
      for (const column of featureColumns(t.train.columns, manifest)) {
        const c = q(column);
        const [{ distinct }] = await db.all<{ distinct: number }>(`SELECT count(DISTINCT ${c})::BIGINT AS distinct FROM train`);
        if (Number(distinct) < 2) continue;
        // A binning has fewer values than what it cuts; as many is a relabeled copy (leakage/single-feature).
        // The feature cuts the target: its values hold separate intervals of a numeric target.
        if (info.kind === 'regression' && Number(distinct) <= opts.maxBins && Number(distinct) < Number(targetValues)) {
          const s = await intervalSeparation(db, 'train', c, info.y);
          if (s && s.overlaps === 0 && s.logChance <= logMax) {
            issues.push({
              message:
                `public feature "${column}" is a threshold or binning of the target "${target}": its ${s.groups} values hold non-overlapping intervals of the target ` +
                `(${describeIntervals(s.intervals, s.groups)}; chance ${chance(s.logChance)} ≤ ${opts.maxChance}); drop it`,
              location: `public/train.csv, column "${column}"`,
              data: { column, direction: 'feature-bins-target', groups: s.groups, rows: s.n, intervals: s.intervals, logChance: s.logChance },
            });
            continue;
          }
          // A two-sided cut: a flag that marks the target's tails (an outlier flag, rt < 200 ms or rt > 2500 ms).
          const tail = Number(distinct) === 2 ? await tailSeparation(db, 'train', c, info.y) : undefined;
          if (tail && tail.logChance <= logMax) {
            issues.push({
              message:
                `public feature "${column}" is a two-sided threshold of the target "${target}": it is ${tail.inner} exactly for the target in ` +
                `[${fmt(tail.lo, 6)}, ${fmt(tail.hi, 6)}] and ${tail.outer} outside (${tail.outerRows} of ${tail.n} rows; chance ${chance(tail.logChance)} ≤ ${opts.maxChance}); drop it`,
              location: `public/train.csv, column "${column}"`,
              data: { column, direction: 'feature-marks-target-tails', rows: tail.n, outerRows: tail.outerRows, inner: { key: tail.inner, lo: tail.lo, hi: tail.hi }, logChance: tail.logChance },
            });
            continue;
          }
        }
        // The target cuts the feature: each target value holds a separate interval of a numeric feature.
        // A binary target cut from a feature is a ROC AUC of exactly 1, which leakage/single-feature reports.
        if (info.kind !== 'binary' && isNumeric(t.train.types[column]) && Number(targetValues) <= opts.maxBins && Number(targetValues) < Number(distinct)) {
          const s = await intervalSeparation(db, 'train', info.y, `${c}::DOUBLE`);
          if (s && s.overlaps === 0 && s.logChance <= logMax) {
            issues.push({
              message:
                `the target "${target}" is a binning of public feature "${column}": its ${s.groups} values hold non-overlapping intervals of "${column}" ` +
                `(${describeIntervals(s.intervals, s.groups)}; chance ${chance(s.logChance)} ≤ ${opts.maxChance}); drop "${column}" or choose another target`,
              location: `public/train.csv, column "${column}"`,
              data: { column, direction: 'target-bins-feature', groups: s.groups, rows: s.n, intervals: s.intervals, logChance: s.logChance },
            });
          }
        }
      }
      return issues;
    });
  },
});
