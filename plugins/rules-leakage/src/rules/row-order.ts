import type { DuckDbSession } from '@mle-smith/data';
import { auc, isNumeric, orderClumping, spearman } from '../sql-stats.js';
import { targetInfo, type TargetInfo } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { formatNumber as fmt, timeLayout, withPackage, type LoadedTable } from '@mle-smith/task-package';

export interface RowOrderOptions extends Record<string, unknown> {
  threshold: number;
  minRows: number;
}

async function strength(db: DuckDbSession, table: string, key: string, info: TargetInfo): Promise<{ score: number; method: string } | undefined> {
  if (info.kind === 'regression') {
    const rho = await spearman(db, table, key, info.y);
    return rho === undefined ? undefined : { score: Math.abs(rho), method: '|spearman|' };
  }
  if (info.kind === 'binary') {
    const a = await auc(db, table, key, info.positive!);
    return a === undefined ? undefined : { score: Math.abs(2 * a - 1), method: '|2·auc−1|' };
  }
  const c = await orderClumping(db, table, key, info.y);
  return c === undefined ? undefined : { score: c, method: 'label_clumping' };
}

/** An ordering key for an id column: numeric ids order numerically, others as text. */
function idKey(t: LoadedTable, id: string): string {
  return isNumeric(t.types[id] ?? 'VARCHAR') ? `${q(id)}::DOUBLE` : `CAST(${q(id)} AS VARCHAR)`;
}

export const rowOrder = defineRule<'package', RowOrderOptions>({
  id: 'leakage/row-order',
  phase: 'package',
  severity: 'error',
  description:
    'The target is not predictable from the order of rows or from the id (in train.csv, and in test.csv joined with the answers; not for forecasting tasks, whose order is their public time): ' +
    '|Spearman ρ| for regression, |2·AUC−1| for binary, label clumping (1 − label changes between neighbours / expected) for multiclass. A score ≥ threshold is an error.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      threshold: { type: 'number', minimum: 0, maximum: 1 },
      minRows: { type: 'integer', minimum: 2 },
    },
  },
  defaultOptions: { threshold: 0.8, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    // a forecasting task's rows and ids follow its series and time, which are public: the target
    // following them is the signal to forecast, not a leak (leakage/future-values checks the features)
    if (timeLayout(manifest)?.horizon) return [];
    const id = manifest.submission.idColumn;
    const target = manifest.target;
    return withPackage(
      taskDir,
      ['train', 'test', 'answers'],
      async (db, t) => {
        const issues: Issue[] = [];
        const info = await targetInfo(db, t.train, manifest);
        if (!info) return [];
        // test.csv in file order, with the true target joined from the answers.
        const canJoinTest = t.test.columns.includes(id) && t.answers.columns.includes(id) && t.answers.columns.includes(target);
        if (canJoinTest) {
          await db.run(
            `CREATE TABLE test_truth AS SELECT s.rowid AS __row, s.${q(id)}, a.${q(target)} FROM test s JOIN answers a ON CAST(s.${q(id)} AS VARCHAR) = CAST(a.${q(id)} AS VARCHAR) ORDER BY s.rowid`,
          );
        }
        const checks: Array<{ table: string; file: string; rows: number; key: string; what: string; column?: string }> = [
          { table: 'train', file: 'public/train.csv', rows: t.train.rows, key: 'rowid', what: 'row order' },
        ];
        if (t.train.columns.includes(id)) checks.push({ table: 'train', file: 'public/train.csv', rows: t.train.rows, key: idKey(t.train, id), what: `id "${id}"`, column: id });
        if (canJoinTest) {
          checks.push({ table: 'test_truth', file: 'public/test.csv', rows: t.test.rows, key: '__row', what: 'row order' });
          checks.push({ table: 'test_truth', file: 'public/test.csv', rows: t.test.rows, key: idKey(t.test, id), what: `id "${id}"`, column: id });
        }
        for (const c of checks) {
          if (c.rows < opts.minRows) continue;
          const s = await strength(db, c.table, c.key, info);
          if (s && s.score >= opts.threshold) {
            issues.push({
              message: `the target "${target}" follows the ${c.what} of ${c.file} (${s.method} ${fmt(s.score)} ≥ ${opts.threshold}); shuffle the rows${c.column ? ' and assign ids after shuffling (or hash them)' : ''}`,
              location: c.column ? `${c.file}, column "${c.column}"` : c.file,
              data: { file: c.file, key: c.what, score: s.score, method: s.method, ...(c.column ? { column: c.column } : {}) },
            });
          }
        }
        return issues;
      },
      { varchar: false },
    );
  },
});
