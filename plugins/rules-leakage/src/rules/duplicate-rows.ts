import type { DuckDbSession } from '@mle-smith/data';
import { isNumeric } from '../sql-stats.js';
import { targetInfo } from '../target-info.js';
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

/**
 * How far the train rows that repeat another train row's features agree on the target (1: each
 * group of repeats has one target value). Repeats whose targets differ are a coarse feature space
 * (a sex column and heights; the cells of a designed experiment): looking them up predicts no
 * better than a model does. Regression: the share of the target's variance the groups' means
 * explain; classification: the groups' majority-label accuracy, normalised against the overall
 * majority. Undefined when no row repeats or the target is unusable.
 */
async function repeatDeterminism(db: DuckDbSession, columns: string[], y: string, regression: boolean): Promise<number | undefined> {
  const key = `md5(concat_ws(chr(31), ${columns.map((c) => `coalesce(CAST(${q(c)} AS VARCHAR), chr(30))`).join(', ')}))`;
  const repeats = `(SELECT k, y FROM (SELECT ${key} AS k, ${y} AS y, count(*) OVER (PARTITION BY ${key}) AS n FROM train) WHERE n >= 2 AND y IS NOT NULL)`;
  const sql = regression
    ? `SELECT 1 - sum((y - gm) * (y - gm)) / nullif(sum((y - m) * (y - m)), 0) AS d FROM (SELECT y, avg(y) OVER (PARTITION BY k) AS gm, avg(y) OVER () AS m FROM ${repeats})`
    : `WITH c AS (SELECT k, y, count(*) AS c FROM ${repeats} GROUP BY k, y),
            acc AS (SELECT sum(mx) / sum(n) AS a FROM (SELECT max(c) AS mx, sum(c) AS n FROM c GROUP BY k)),
            base AS (SELECT max(c) / sum(c) AS b FROM (SELECT y, sum(c) AS c FROM c GROUP BY y))
       SELECT (a - b) / nullif(1 - b, 0) AS d FROM acc, base`;
  const [row] = await db.all<{ d: number | null }>(sql);
  return row?.d === null || row?.d === undefined ? undefined : Number(row.d);
}

/** Repeats that agree on the target at least this much let a solver look answers up. */
const LOOKUP_DETERMINISM = 0.95;

export const duplicateRows = defineRule<'package', DuplicateRowsOptions>({
  id: 'leakage/duplicate-rows',
  phase: 'package',
  severity: 'warning',
  description:
    'Few test rows repeat a train row feature-for-feature, exactly or nearly (numbers rounded to roundDigits decimals, text trimmed and lower-cased). ' +
    'Above warnFraction of test rows it warns; above errorFraction it is an error — unless the train rows that repeat each other disagree on the target ' +
    '(the groups of repeats explain less than 95% of its variance, or their majority labels are less than 95% better than the overall majority): then ' +
    'the repeats come from a coarse feature space, looking them up predicts no better than a model, and it only warns.',
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
        // Numbers are rounded only where both files hold numbers: the sniffer types each file on its own values.
        const near = await overlap(db, columns, (_table, c) =>
          isNumeric(t.train.types[c]) && isNumeric(t.test.types[c]) ? `round(${q(c)}::DOUBLE, ${opts.roundDigits})` : `lower(trim(CAST(${q(c)} AS VARCHAR)))`,
        );
        const issues: Issue[] = [];
        const info = await targetInfo(db, t.train, manifest);
        const determinism = info && Math.max(exact.cross, near.cross) / t.test.rows > opts.errorFraction ? await repeatDeterminism(db, columns, info.y, info.kind === 'regression') : undefined;
        const coarse = determinism !== undefined && determinism < LOOKUP_DETERMINISM;
        const report = (kind: 'exact' | 'near', count: number, within: number): void => {
          const fraction = count / t.test.rows;
          if (fraction <= opts.warnFraction) return;
          const withinFraction = t.train.rows ? within / t.train.rows : 0;
          const repeated = `${count} of ${t.test.rows} test rows (${fmt(fraction * 100, 3)}%) ${kind === 'exact' ? 'exactly repeat' : `nearly repeat (numbers rounded to ${opts.roundDigits} decimals)`} a train row's features (within train: ${fmt(withinFraction * 100, 3)}%)`;
          issues.push({
            severity: fraction > opts.errorFraction && !coarse ? 'error' : 'warning',
            message: coarse
              ? `${repeated}, but repeated rows disagree on the target (agreement ${fmt(determinism!, 3)} < ${LOOKUP_DETERMINISM}): a coarse feature space, where looking rows up predicts no better than a model`
              : `${repeated}; solvers can look answers up — deduplicate the raw rows before splitting or split by a group`,
            location: 'public/test.csv',
            data: { kind, count, fraction, withinTrainFraction: withinFraction, columns, ...(determinism !== undefined ? { targetAgreement: determinism } : {}) },
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
