import type { DuckDbSession } from '@mle-smith/data';
import { isNumeric } from '../sql-stats.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt, withPackage, type Tables } from '@mle-smith/task-package';

export interface DuplicateRowsOptions extends Record<string, unknown> {
  warnFraction: number;
  errorFraction: number;
  roundDigits: number;
  minColumns: number;
}

async function overlap(db: DuckDbSession, columns: string[], signature: (table: 'train' | 'test', c: string) => string): Promise<{ cross: number; within: number }> {
  const sig = (table: 'train' | 'test'): string => columns.map((c) => `${signature(table, c)} AS ${q(c)}`).join(', ');
  const on = columns.map((c) => `a.${q(c)} IS NOT DISTINCT FROM b.${q(c)}`).join(' AND ');
  const [r] = await db.all<{ cross: number; within: number }>(
    `WITH s AS (SELECT ${sig('test')} FROM test), r AS (SELECT ${sig('train')} FROM train)
     SELECT (SELECT count(*) FROM s a SEMI JOIN r b ON ${on})::BIGINT AS cross,
            (SELECT count(*) - count(DISTINCT (${columns.map((c) => q(c)).join(', ')})) FROM r)::BIGINT AS within`,
  );
  return { cross: Number(r.cross), within: Number(r.within) };
}

export const duplicateRows = defineRule<'package', DuplicateRowsOptions>({
  id: 'leakage/duplicate-rows',
  phase: 'package',
  severity: 'warning',
  description:
    'Few test rows repeat a train row feature-for-feature, exactly or nearly (numbers rounded to roundDigits decimals, text trimmed and lower-cased). ' +
    'Above warnFraction of test rows it warns; above errorFraction it is an error.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      warnFraction: { type: 'number', minimum: 0, maximum: 1 },
      errorFraction: { type: 'number', minimum: 0, maximum: 1 },
      roundDigits: { type: 'integer', minimum: 0, maximum: 12 },
      minColumns: { type: 'integer', minimum: 1, description: 'skip packages with fewer shared feature columns' },
    },
  },
  defaultOptions: { warnFraction: 0.01, errorFraction: 0.1, roundDigits: 2, minColumns: 2 },
  async check({ taskDir, manifest }, { opts }) {
    return withPackage(
      taskDir,
      ['train', 'test'],
      async (db, t: Tables) => {
        const columns = featureColumns(t.test.columns, manifest).filter((c) => t.train.columns.includes(c));
        if (columns.length < opts.minColumns || t.test.rows === 0) return [];
        const exact = await overlap(db, columns, (_t, c) => `CAST(${q(c)} AS VARCHAR)`);
        const near = await overlap(db, columns, (table, c) =>
          isNumeric(t[table].types[c]) ? `round(${q(c)}::DOUBLE, ${opts.roundDigits})` : `lower(trim(CAST(${q(c)} AS VARCHAR)))`,
        );
        const issues: Issue[] = [];
        const report = (kind: 'exact' | 'near', count: number, within: number): void => {
          const fraction = count / t.test.rows;
          if (fraction <= opts.warnFraction) return;
          const withinFraction = t.train.rows ? within / t.train.rows : 0;
          issues.push({
            severity: fraction > opts.errorFraction ? 'error' : 'warning',
            message:
              `${count} of ${t.test.rows} test rows (${fmt(fraction * 100, 3)}%) ${kind === 'exact' ? 'exactly repeat' : `nearly repeat (numbers rounded to ${opts.roundDigits} decimals)`} a train row's features ` +
              `(within train: ${fmt(withinFraction * 100, 3)}%); solvers can look answers up — deduplicate the raw rows before splitting or split by a group`,
            location: 'public/test.csv',
            data: { kind, count, fraction, withinTrainFraction: withinFraction, columns },
          });
        };
        report('exact', exact.cross, exact.within);
        if (near.cross > exact.cross) report('near', near.cross, near.within);
        return issues;
      },
      { varchar: false },
    );
  },
});
