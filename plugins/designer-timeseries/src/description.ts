// description.md of a forecasting task: what to forecast, the frequency and the horizon, the
// files, the metric, and the submission shape (id = series key + time).
import { FREQUENCY_NAMES, type Frequency } from '@mle-smith/data';
import type { TaskSpec } from '@mle-smith/core';
import type { DescriptionText } from '@mle-smith/designer-kit';
import { SINGLE_SERIES_KEY, type TimeseriesFields } from './series-sql.js';

export interface DescriptionParts {
  spec: TaskSpec;
  timeseries: TimeseriesFields;
  text: DescriptionText;
  rows: { train: number; test: number };
  series: number;
  sampleLines: string[];
  source: string;
  license?: string;
}

const METRIC_TEXT: Record<string, string> = {
  mase: 'MASE (mean absolute scaled error, M4 definition): for each series, the mean absolute error over the test steps divided by the mean absolute error of the seasonal naive forecast (y_t − y_{t−m}) over that series\' training part; the score is the mean over series. Lower is better; 1 is as good as the in-sample seasonal naive forecast.',
  rmsse: 'RMSSE (root mean squared scaled error, M5 definition): for each series, the square root of the mean squared error over the test steps divided by the mean squared one-step naive error over that series\' training part; the score is the mean over series. Lower is better.',
  smape: 'sMAPE (symmetric mean absolute percentage error, M4 definition): the mean of 200·|y − ŷ| / (|y| + |ŷ|) over all test rows, in percent. Lower is better.',
  rmse: 'RMSE (root mean squared error) over all test rows, in the target\'s own units. Lower is better.',
};

export function renderDescription(p: DescriptionParts): string {
  const { spec, timeseries: ts, rows, series } = p;
  const target = spec.target.name;
  const freq = FREQUENCY_NAMES[ts.frequency as Frequency] ?? ts.frequency;
  const seriesText = ts.seriesColumns.length
    ? `${series} series, each identified by ${ts.seriesColumns.map((c) => `\`${c}\``).join(' + ')}`
    : 'one series';
  const columns = Object.entries(p.text.columns).map(([c, m]) => `- \`${c}\`: ${m}`);
  const idShape = ts.seriesColumns.length ? `\`<${ts.seriesColumns.join('|')}>|<${ts.timeColumn}>\` (e.g. \`${p.sampleLines[1]?.split(',')[0] ?? ''}\`)` : `the value of \`${ts.timeColumn}\` (one series, key "${SINGLE_SERIES_KEY}")`;
  const metric = METRIC_TEXT[spec.metric.name] ?? `${spec.metric.name} (lower is better).`;
  const m = Number(spec.metric.params?.seasonalPeriod ?? ts.seasonalPeriod);
  return [
    `# ${spec.title}`,
    '',
    '## Overview',
    '',
    p.text.overview,
    '',
    `Forecast \`${target}\` for the next **${ts.horizon} steps** of ${seriesText}. The data is **${freq}** (frequency \`${ts.frequency}\`, seasonal period m = ${m}).`,
    '',
    '## Data',
    '',
    `Source: ${p.source}.${p.license ? ` License: ${p.license}.` : ''}`,
    '',
    `- \`train.csv\` (${rows.train} rows): every observed step of each series before its last ${ts.horizon}, with \`${target}\`.`,
    `- \`test.csv\` (${rows.test} rows): the last ${ts.horizon} observed steps of every series (${ts.horizon} × ${series}), without \`${target}\`. Every test time of a series is later than all of its train times.`,
    `- \`sample_submission.csv\`: the expected format (it holds each series' training mean).`,
    '',
    `\`${ts.timeColumn}\` is ISO 8601 text (a year \`2000\`, a date \`2000-01-31\` — the first day of the month or quarter for monthly and quarterly data — or \`2000-01-31 12:00:00\`), so sorting it as text sorts by time. Steps missing from the data (gaps) stay missing; the test set is the last ${ts.horizon} *observed* steps. Columns whose future values would not be known when forecasting are left out.`,
    '',
    '### Columns',
    '',
    ...columns,
    '',
    '## Evaluation',
    '',
    metric,
    '',
    '## Submission format',
    '',
    `A CSV with a header and one row per row of \`test.csv\`: \`${spec.submission.idColumn}\` and \`${target}\` (a number). The id is ${idShape}.`,
    '',
    '```',
    ...p.sampleLines,
    '```',
    '',
  ].join('\n');
}
