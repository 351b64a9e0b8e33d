// End to end: profile → design → verify → materialize → series ladder in executor-local →
// publish, on the real example series (Texas housing sales) and on generated store sales in long and
// wide layouts. Checks the forecasting split (every test time later than the series' train
// times), the metric, and the ladder's order with a lower-is-better metric.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '@mle-smith/testkit';
import { readCsvColumns } from '@mle-smith/data';
import { EXAMPLES, PLUGIN_DIR, SOURCE, longCsv, storeSales, wideCsv, writeDataset } from './__fixtures__/series.js';

const PLUGINS = [PLUGIN_DIR, 'rules-structural', 'executor-local'];
const EXECUTOR = { backend: 'local', limits: { timeSec: 300, memoryMb: 2048, cpus: 1 } };
const METRIC = 'mase';

type Summary = Awaited<ReturnType<typeof runPipeline>>['summary'];

async function publish(datasetDir: string, configDir?: string): Promise<{ summary: Summary; runDir: string }> {
  const { summary, runDir } = await runPipeline({
    ...(configDir ? { configDir } : {}),
    config: {
      datasets: [datasetDir], plugins: PLUGINS, execute: { enabled: true }, executor: EXECUTOR, seed: 42,
      design: { maxProposalsPerDataset: 1 },
    },
  });
  console.log(JSON.stringify(summary.tasks.map((t) => ({ id: t.taskId, status: t.status, ladder: t.ladder.map((l) => [l.solver, l.score]), reasons: t.reasons }))));
  return { summary, runDir };
}

/** Per series, the latest train time is before the earliest test time; returns the series keys seen. */
async function checkTimeSplit(taskDir: string, timeColumn: string, seriesColumns: string[]): Promise<string[]> {
  const read = (f: string) => readCsvColumns(join(taskDir, 'public', f), { allVarchar: true });
  const [train, test] = await Promise.all([read('train.csv'), read('test.csv')]);
  const key = (cols: Record<string, ArrayLike<unknown>>, i: number) => seriesColumns.map((c) => String(cols[c][i])).join('|') || 'all';
  const lastTrain = new Map<string, string>();
  Array.from(train.columns[timeColumn]).forEach((t, i) => {
    const k = key(train.columns, i);
    if (!lastTrain.has(k) || String(t) > lastTrain.get(k)!) lastTrain.set(k, String(t));
  });
  Array.from(test.columns[timeColumn]).forEach((t, i) => {
    const k = key(test.columns, i);
    expect(lastTrain.has(k), `series ${k} has no train rows`).toBe(true);
    expect(String(t) > lastTrain.get(k)!, `series ${k}: test time ${t} is not after the last train time ${lastTrain.get(k)}`).toBe(true);
  });
  return [...lastTrain.keys()].sort();
}

function expectLadder(task: Summary['tasks'][number]): void {
  expect(['accepted', 'repaired'], JSON.stringify(task)).toContain(task.status);
  const score = (tier: string) => task.ladder.find((l) => l.tier === tier)!.score!;
  expect(task.ladder.map((l) => l.solver)).toEqual(['series-trivial', 'series-simple', 'series-strong']);
  // Lower is better: trivial (naive) worst, strong at least as good as simple.
  expect(score('simple')).toBeLessThan(score('trivial'));
  expect(score('strong')).toBeLessThanOrEqual(score('simple'));
}

describe('forecasting tasks through the pipeline', () => {
  it('txhousing (example): 46 monthly series from year + month columns, with missing months, publish a forecast of their last H months', async () => {
    const { summary, runDir } = await publish(join(EXAMPLES, 'datasets', 'txhousing'));
    const task = summary.tasks.find((t) => t.taskId === 'txhousing-sales-forecast');
    expect(task, JSON.stringify(summary.tasks)).toBeDefined();
    expectLadder(task!);
    const dir = join(runDir, 'tasks', task!.taskId);
    const manifest = JSON.parse(await readFile(join(dir, 'task.json'), 'utf8'));
    expect(manifest).toMatchObject({
      modality: 'time-series', objective: 'forecasting', metric: { name: METRIC, higherIsBetter: false },
      split: { strategy: 'time' }, timeseries: { timeColumn: 'time', seriesColumns: ['city'], frequency: 'M', horizon: 18, seasonalPeriod: 12 },
    });
    const cities = await checkTimeSplit(dir, 'time', ['city']);
    expect(cities.length).toBe(46);
    expect(manifest.rows.test).toBe(46 * 18);
    const answers = (await readFile(join(dir, 'private', 'answers.csv'), 'utf8')).split('\n');
    expect(answers[0]).toBe('id,sales,series,scale');
    expect(answers[1]).toMatch(/^Abilene\|\d{4}-\d{2}-01,[\d.]+,Abilene,[\d.]+$/);
    const description = await readFile(join(dir, 'description.md'), 'utf8');
    expect(description).toContain('**monthly**');
    expect(description).toContain('next **18 steps** of 46 series');
    expect(description).toContain('## Submission format');
  });

  it('long layout: text dates, a series column, a calendar column kept and an unknown-future column dropped', async () => {
    const dir = await writeDataset('stores-long', { 'sales.csv': longCsv(storeSales()), 'SOURCE.md': SOURCE });
    const { summary, runDir } = await publish(dir);
    const task = summary.tasks.find((t) => t.taskId === 'stores-long-sales-forecast');
    expect(task, JSON.stringify(summary.tasks)).toBeDefined();
    expectLadder(task!);
    const taskDir = join(runDir, 'tasks', task!.taskId);
    const manifest = JSON.parse(await readFile(join(taskDir, 'task.json'), 'utf8'));
    expect(manifest.spec.timeseries).toMatchObject({ timeColumn: 'time', seriesColumns: ['store'], frequency: 'M', horizon: 18, seasonalPeriod: 12 });
    expect(await checkTimeSplit(taskDir, 'time', ['store'])).toEqual(['store_a', 'store_b', 'store_c', 'store_d']);
    expect((await readFile(join(taskDir, 'public', 'train.csv'), 'utf8')).split('\n')[0]).toBe('id,time,store,holiday,sales');
    const test = (await readFile(join(taskDir, 'public', 'test.csv'), 'utf8')).split('\n');
    expect(test[0]).toBe('id,time,store,holiday');
    expect(test[1]).toBe('store_a|2016-07-01,2016-07-01,store_a,0');
    expect(manifest.rows).toEqual({ train: 4 * (96 - 18), test: 4 * 18 });
  });

  it('wide layout: one column per store is melted into one task over four series', async () => {
    const dir = await writeDataset('stores-wide', { 'sales.csv': wideCsv(storeSales()), 'SOURCE.md': SOURCE });
    const { summary, runDir } = await publish(dir);
    const task = summary.tasks.find((t) => t.taskId === 'stores-wide-value-forecast');
    expect(task, JSON.stringify(summary.tasks)).toBeDefined();
    expectLadder(task!);
    const taskDir = join(runDir, 'tasks', task!.taskId);
    const manifest = JSON.parse(await readFile(join(taskDir, 'task.json'), 'utf8'));
    expect(manifest.spec.timeseries).toMatchObject({ timeColumn: 'time', seriesColumns: ['series'], frequency: 'M', seasonalPeriod: 12 });
    expect(await checkTimeSplit(taskDir, 'time', ['series'])).toEqual(['store_a', 'store_b', 'store_c', 'store_d']);
    const sample = (await readFile(join(taskDir, 'public', 'sample_submission.csv'), 'utf8')).split('\n');
    expect(sample[0]).toBe('id,value');
    expect(sample[1]).toMatch(/^store_a\|\d{4}-\d{2}-01,[\d.]+$/);
  });
});
