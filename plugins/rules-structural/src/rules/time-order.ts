import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { seriesKeySql, timeLayout, timeOrderSql, withPackage } from '@mle-smith/task-package';

export const timeOrder = defineRule<'package'>({
  id: 'structural/time-order',
  phase: 'package',
  severity: 'error',
  description:
    'A task split by time (a forecasting task, or a tabular task whose split strategy is "time") has, in every series, each test timestamp later than ' +
    'every train timestamp: a test row at or before a train row of its series means the periods overlap, and a model sees the future it is asked to forecast. ' +
    'Times compare as numbers, else as dates/timestamps; a time column neither can order gives a warning.',
  async check({ taskDir, manifest }) {
    const layout = timeLayout(manifest);
    if (!layout) return [];
    const { timeColumn, seriesColumns } = layout;
    return withPackage(taskDir, ['train', 'test'], async (db, t) => {
      const needed = [timeColumn, ...seriesColumns];
      const missing = needed.filter((c) => !t.train.columns.includes(c) || !t.test.columns.includes(c));
      // a tabular split.by may be an SQL expression over the raw table rather than a public column
      if (missing.length > 0) {
        return manifest.timeseries
          ? [{ message: `the forecasting task's column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} must be in both train.csv and test.csv`, location: 'public/test.csv', data: { missing } }]
          : [];
      }
      const order = await timeOrderSql(db, [t.train, t.test], timeColumn);
      if (!order) {
        return [{ severity: 'warning', message: `the time column "${timeColumn}" holds values that are neither numbers nor dates, so the split's time order cannot be checked`, location: `public/train.csv, column "${timeColumn}"` }];
      }
      const key = seriesKeySql(seriesColumns);
      const written = `CAST(${q(timeColumn)} AS VARCHAR)`;
      const rows = await db.all<{ series: string; last_train: string; first_test: string; early: number }>(
        `WITH tr AS (SELECT ${key} AS series, max(${order}) AS last_at, arg_max(${written}, ${order}) AS last_train FROM train GROUP BY 1),
              te AS (SELECT ${key} AS series, ${order} AS at, ${written} AS written FROM test)
         SELECT te.series, any_value(tr.last_train) AS last_train, arg_min(te.written, te.at) AS first_test, count(*) FILTER (WHERE te.at <= tr.last_at)::BIGINT AS early
         FROM te JOIN tr USING (series) GROUP BY te.series HAVING count(*) FILTER (WHERE te.at <= tr.last_at) > 0 ORDER BY te.series`,
      );
      if (rows.length === 0) return [];
      const early = rows.reduce((n, r) => n + Number(r.early), 0);
      const where = seriesColumns.length ? `${rows.length} series (e.g. "${rows[0].series}": first test time ${rows[0].first_test}, last train time ${rows[0].last_train})` : `the test set (first test time ${rows[0].first_test}, last train time ${rows[0].last_train})`;
      const issue: Issue = {
        message: `${early} test row(s) are at or before the last train time of their series in ${where}: train and test periods overlap; the test must hold only the latest steps`,
        location: `public/test.csv, column "${timeColumn}"`,
        data: { column: timeColumn, rows: early, series: rows.slice(0, 10).map((r) => r.series) },
      };
      return [issue];
    });
  },
});
