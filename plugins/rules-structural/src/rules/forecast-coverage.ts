import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { seriesKeySql, timeLayout, withPackage } from '@mle-smith/task-package';

const examples = (keys: string[]) => keys.slice(0, 5).map((k) => `"${k}"`).join(', ') + (keys.length > 5 ? ', …' : '');

export const forecastCoverage = defineRule<'package'>({
  id: 'structural/forecast-coverage',
  phase: 'package',
  severity: 'error',
  description:
    'A forecasting task forecasts every series over the same horizon: each series of train.csv is in test.csv, each series of test.csv has train history, ' +
    'and each has exactly H test rows at H distinct times (task.json timeseries.horizon); the answers hold H rows for as many series ' +
    '(by the column metric.params.seriesColumn names). Ids across test, answers and sample submission are structural/ids-consistent\'s check.',
  async check({ taskDir, manifest }) {
    const layout = timeLayout(manifest);
    if (!layout?.horizon) return [];
    const { timeColumn, seriesColumns, horizon } = layout;
    return withPackage(taskDir, ['train', 'test', 'answers'], async (db, t) => {
      const needed = [timeColumn, ...seriesColumns];
      if (needed.some((c) => !t.train.columns.includes(c) || !t.test.columns.includes(c))) return []; // structural/time-order names the missing columns
      const key = seriesKeySql(seriesColumns);
      const issues: Issue[] = [];
      const [sets] = await db.all<{ missing: string[]; unknown: string[] }>(
        `SELECT (SELECT coalesce(list(s ORDER BY s), []) FROM (SELECT DISTINCT ${key} AS s FROM train EXCEPT SELECT DISTINCT ${key} FROM test)) AS missing,
                (SELECT coalesce(list(s ORDER BY s), []) FROM (SELECT DISTINCT ${key} AS s FROM test EXCEPT SELECT DISTINCT ${key} FROM train)) AS unknown`,
      );
      if (sets.missing.length > 0) {
        issues.push({
          message: `${sets.missing.length} series of train.csv have no test rows (${examples(sets.missing)}): every series must be forecast over the horizon, or be left out of train too`,
          location: 'public/test.csv', data: { series: sets.missing.slice(0, 20), count: sets.missing.length },
        });
      }
      if (sets.unknown.length > 0) {
        issues.push({
          message: `${sets.unknown.length} series of test.csv have no train rows (${examples(sets.unknown)}): a series without history cannot be forecast nor scaled`,
          location: 'public/test.csv', data: { series: sets.unknown.slice(0, 20), count: sets.unknown.length },
        });
      }
      const ragged = await db.all<{ s: string; n: number; times: number }>(
        `SELECT ${key} AS s, count(*)::BIGINT AS n, count(DISTINCT ${q(timeColumn)})::BIGINT AS times FROM test GROUP BY 1 HAVING count(*) <> ${horizon} OR count(DISTINCT ${q(timeColumn)}) <> count(*) ORDER BY 1`,
      );
      if (ragged.length > 0) {
        const r = ragged[0];
        issues.push({
          message: `${ragged.length} series have other than ${horizon} test rows at distinct times (the horizon H), e.g. "${r.s}" with ${r.n} rows at ${r.times} times: every series of test.csv needs exactly its next ${horizon} steps`,
          location: `public/test.csv, column "${timeColumn}"`, data: { horizon, series: ragged.slice(0, 20).map((x) => ({ series: x.s, rows: Number(x.n), times: Number(x.times) })) },
        });
      }
      const seriesColumn = manifest.metric.params.seriesColumn;
      if (typeof seriesColumn === 'string' && t.answers.columns.includes(seriesColumn)) {
        const [a] = await db.all<{ series: number; off: number }>(
          `SELECT count(*)::BIGINT AS series, count(*) FILTER (WHERE n <> ${horizon})::BIGINT AS off FROM (SELECT count(*) AS n FROM answers GROUP BY ${q(seriesColumn)})`,
        );
        const [{ testSeries }] = await db.all<{ testSeries: number }>(`SELECT count(DISTINCT ${key})::BIGINT AS testSeries FROM test`);
        if (Number(a.off) > 0 || Number(a.series) !== Number(testSeries)) {
          issues.push({
            message: `private/answers.csv holds ${a.series} series in "${seriesColumn}" (${a.off} of them without ${horizon} rows) where test.csv has ${testSeries}: the answers must cover the test series over the horizon`,
            location: `private/answers.csv, column "${seriesColumn}"`, data: { answersSeries: Number(a.series), answersOff: Number(a.off), testSeries: Number(testSeries) },
          });
        }
      }
      return issues;
    });
  },
});
