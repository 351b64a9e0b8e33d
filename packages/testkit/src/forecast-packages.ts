// Forecasting packages of the broken-package corpus, laid out as issue 16's interface says a
// time-series designer writes them: train.csv = every step of every series but the last H,
// test.csv = the last H steps (no target), id = "<series key>|<timestamp>", answers with the
// series key and the series' MASE scale from its train part. Written directly (no designer): a
// weekly sales table of four stores, and one defect per broken package.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTaskManifest, mulberry32, type PackageTarget, type TaskSpec } from '@mle-smith/core';

export const FORECAST_STORES = ['north', 'south', 'east', 'west'];
export const FORECAST_WEEKS = 60;
export const FORECAST_HORIZON = 8;
const SEASON = 4;

export interface StoreWeek {
  store: string;
  week: string;
  promo: number;
  temperature: number;
  sales: number;
}

/** Weekly sales of four stores: level, trend, a 4-week cycle, promotions, temperature and noise. */
export function storeSalesRows(): StoreWeek[] {
  const rnd = mulberry32(160016);
  const rows: StoreWeek[] = [];
  FORECAST_STORES.forEach((store, s) => {
    const level = 60 + 40 * s;
    const cycle = Array.from({ length: SEASON }, () => 12 * rnd());
    for (let t = 0; t < FORECAST_WEEKS; t++) {
      const day = new Date(Date.UTC(2023, 0, 2 + 7 * t));
      const promo = rnd() < 0.25 ? 1 : 0;
      const temperature = Math.round((12 + 10 * Math.sin((2 * Math.PI * t) / 52) + 4 * (rnd() - 0.5)) * 10) / 10;
      const sales = level + 0.6 * t + cycle[t % SEASON] + 15 * promo + 0.5 * temperature + 8 * (rnd() - 0.5);
      rows.push({ store, week: day.toISOString().slice(0, 10), promo, temperature, sales: Math.round(sales * 10) / 10 });
    }
  });
  return rows;
}

export function forecastSpec(): TaskSpec {
  return {
    specVersion: 1, id: 'store-sales-forecast', title: 'Weekly store sales', dataset: 'store_sales', table: 'store_sales',
    modality: 'time-series', objective: 'forecasting',
    target: { name: 'sales', expression: 'sales', sourceColumns: ['sales'] },
    rowKey: ['store', 'week'], features: ['week', 'store', 'promo', 'temperature'], derivedFeatures: [], dropColumns: [],
    metric: { name: 'mase', higherIsBetter: false, params: { seasonalPeriod: SEASON, seriesColumn: 'series', scaleColumn: 'scale' } },
    split: { strategy: 'time', by: 'week', testFraction: FORECAST_HORIZON / FORECAST_WEEKS, seed: 0 },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'sales', type: 'number' }] },
    timeseries: { timeColumn: 'week', seriesColumns: ['store'], frequency: 'W', horizon: FORECAST_HORIZON, seasonalPeriod: SEASON },
    description: { overview: `Forecast the weekly sales of each of four stores for the next ${FORECAST_HORIZON} weeks.` },
  };
}

export interface ForecastLayout {
  /** Public columns computed per row from the store's whole series (a defect: values of later weeks). */
  extraFeatures?: Record<string, (series: StoreWeek[], t: number) => number | null>;
  /** Which weeks (indexes into the series) of a store are test rows; default the last H. */
  testWeeks?: (store: string) => number[];
  /** Stores left out of the test side (and of answers and sample): a defect. */
  dropFromTest?: string[];
}

/** MASE's scale (M4): mean |y_t − y_{t−m}| over the train part. */
function seasonalScale(train: number[], m: number): number {
  let sum = 0;
  for (let t = m; t < train.length; t++) sum += Math.abs(train[t] - train[t - m]);
  return sum / (train.length - m);
}

const csv = (rows: Array<Array<string | number | null>>) => rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n';

/** Writes a forecasting package (public/, private/, description.md, task.json) into `dir`. */
export async function writeForecastPackage(dir: string, layout: ForecastLayout = {}): Promise<PackageTarget> {
  const spec = forecastSpec();
  const extras = Object.keys(layout.extraFeatures ?? {});
  const rows = storeSalesRows();
  const head = ['id', 'week', 'store', 'promo', 'temperature', ...extras];
  const train: Array<Array<string | number | null>> = [[...head, 'sales']];
  const test: Array<Array<string | number | null>> = [head];
  const sample: Array<Array<string | number | null>> = [['id', 'sales']];
  const answers: Array<Array<string | number | null>> = [['id', 'sales', 'series', 'scale']];
  for (const store of FORECAST_STORES) {
    const series = rows.filter((r) => r.store === store);
    const testWeeks = new Set(layout.testWeeks?.(store) ?? series.map((_, t) => t).slice(-FORECAST_HORIZON));
    const scale = seasonalScale(series.filter((_, t) => !testWeeks.has(t)).map((r) => r.sales), SEASON);
    series.forEach((r, t) => {
      const cells = [`${store}|${r.week}`, r.week, store, r.promo, r.temperature, ...extras.map((e) => layout.extraFeatures![e](series, t))];
      if (!testWeeks.has(t)) train.push([...cells, r.sales]);
      else if (!layout.dropFromTest?.includes(store)) {
        test.push(cells);
        sample.push([cells[0], 0]);
        answers.push([cells[0], r.sales, store, scale]);
      }
    });
  }
  await mkdir(join(dir, 'public'), { recursive: true });
  await mkdir(join(dir, 'private'), { recursive: true });
  await writeFile(join(dir, 'public', 'train.csv'), csv(train));
  await writeFile(join(dir, 'public', 'test.csv'), csv(test));
  await writeFile(join(dir, 'public', 'sample_submission.csv'), csv(sample));
  await writeFile(join(dir, 'private', 'answers.csv'), csv(answers));
  await writeFile(join(dir, 'description.md'), [
    `# ${spec.title}`, '', '## Overview', '', spec.description.overview, '',
    '## Data files', '', '- `train.csv`: every week before the last 8 of each store, with `sales`.', '- `test.csv`: the last 8 weeks of each store, without `sales`.',
    '- `sample_submission.csv`: `id` (`<store>|<week>`) and `sales`.', '', '## Evaluation', '', 'MASE (seasonal period 4), lower is better.', '',
  ].join('\n'));
  const manifest = await buildTaskManifest(spec, { name: spec.dataset, files: [] }, 'corpus', dir, { rows: { train: train.length - 1, test: test.length - 1 }, agents: {} }, [], '0.1.0');
  await writeFile(join(dir, 'task.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { phase: 'package', taskDir: dir, manifest };
}

/** The corpus' forecasting packages: a clean one and one per time defect. */
export async function forecastPackages(at: (name: string) => string) {
  const sales = (series: StoreWeek[], t: number) => series[t]?.sales ?? null;
  return {
    'clean-forecast': await writeForecastPackage(at('clean-forecast'), {
      // an honest feature: last week's sales (a lag; in test.csv only its first week would know it, so it is blank there)
      extraFeatures: { sales_last_week: (s, t) => (t >= 1 && t < FORECAST_WEEKS - FORECAST_HORIZON + 1 ? sales(s, t - 1) : null) },
    }),
    // east's test weeks are 20–27, inside its train period
    'forecast-overlapping-periods': await writeForecastPackage(at('forecast-overlapping-periods'), {
      testWeeks: (store) => Array.from({ length: FORECAST_HORIZON }, (_, h) => (store === 'east' ? 20 : FORECAST_WEEKS - FORECAST_HORIZON) + h),
    }),
    // a centred 3-week moving average of the target
    'forecast-centred-average': await writeForecastPackage(at('forecast-centred-average'), {
      extraFeatures: {
        sales_ma3: (s, t) => (t >= 1 && t + 1 < s.length ? Math.round(((s[t - 1].sales + s[t].sales + s[t + 1].sales) / 3) * 1000) / 1000 : null),
      },
    }),
    // next week's sales: the target shifted backwards
    'forecast-lead-feature': await writeForecastPackage(at('forecast-lead-feature'), { extraFeatures: { next_week_sales: (s, t) => sales(s, t + 1) } }),
    // west has train rows but no test, answers or sample rows
    'forecast-missing-series': await writeForecastPackage(at('forecast-missing-series'), { dropFromTest: ['west'] }),
    // south's test holds only the last 5 weeks (3 of its 8 are train rows)
    'forecast-ragged-horizon': await writeForecastPackage(at('forecast-ragged-horizon'), {
      testWeeks: (store) => Array.from({ length: store === 'south' ? 5 : FORECAST_HORIZON }, (_, h) => FORECAST_WEEKS - 1 - h),
    }),
  };
}
