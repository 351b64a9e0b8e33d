// The forecasting metrics through the grader: the answers' extra columns (series key, scale)
// reach MASE / RMSSE and no other metric; quantile and interval submissions; what is refused and
// how it is named. The formulas themselves are checked against NumPy in forecasting.numpy.test.ts.
import type { TaskManifest } from '@mle-smith/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { intervalCoverage, mase, maseScale, pinball, quantileColumnName } from './forecasting.js';
import { createGrader } from './grader.js';

const root = mkdtempSync(join(tmpdir(), 'metrics-forecasting-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
const grader = createGrader();

function task(metric: string, params: Record<string, unknown>, predictionColumns: string[], answers: string): string {
  const dir = join(root, `task${seq++}`);
  mkdirSync(join(dir, 'private'), { recursive: true });
  const manifest: Partial<TaskManifest> = {
    id: 't', title: 't', modality: 'time-series', objective: 'forecasting', target: 'sales',
    metric: { name: metric, higherIsBetter: false, params }, split: { strategy: 'time', by: 'week', testFraction: 0.2, seed: 0 },
    submission: { idColumn: 'id', predictionColumns: predictionColumns.map((name) => ({ name, type: 'number' })) },
    source: { dataset: 't', files: [] }, files: [{ path: 'private/answers.csv', sha256: '0'.repeat(64), bytes: 0 }],
  };
  writeFileSync(join(dir, 'task.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'private', 'answers.csv'), answers);
  return dir;
}

function file(text: string): string {
  const p = join(root, `sub${seq++}.csv`);
  writeFileSync(p, text);
  return p;
}

// two stores, horizon 2; scales from the train parts [10, 12, 11, 15] (store A) and [5, 5, 6] (store B), m = 1
const scaleA = maseScale([10, 12, 11, 15], 1); // (2 + 1 + 4) / 3
const scaleB = maseScale([5, 5, 6], 1); // 0.5
const ANSWERS = `id,sales,series,scale\nA|2024-05,16,A,${scaleA}\nA|2024-06,14,A,${scaleA}\nB|2024-05,7,B,${scaleB}\nB|2024-06,6,B,${scaleB}\n`;
const FORECAST = 'id,sales\nB|2024-06,6.5\nA|2024-05,15\nA|2024-06,15\nB|2024-05,6\n';
const PARAMS = { seasonalPeriod: 1, seriesColumn: 'series', scaleColumn: 'scale' };

describe('forecasting metrics in the grader', () => {
  it('passes the series and scale columns to mase: per-series mean |e| / scale, averaged over series', async () => {
    const dir = task('mase', PARAMS, ['sales'], ANSWERS);
    const want = (1 / scaleA + 0.75 / scaleB) / 2; // A: mean(1, 1); B: mean(1, 0.5)
    expect(await grader.grade(dir, file(FORECAST))).toEqual({ metric: 'mase', higherIsBetter: false, valid: true, score: want });
    expect((await grader.grade(dir, file('id,sales\nA|2024-05,16\nA|2024-06,14\nB|2024-05,7\nB|2024-06,6\n'))).score).toBe(0);
    // the same value as calling the metric with the columns by hand
    expect(mase([16, 14, 7, 6], [15, 15, 6, 6.5], { ...PARAMS, answerColumns: { series: ['A', 'A', 'B', 'B'], scale: [scaleA, scaleA, scaleB, scaleB] } })).toBeCloseTo(want, 12);
  });

  it('other metrics ignore the extra answers columns', async () => {
    const rmse = await grader.grade(task('rmse', {}, ['sales'], ANSWERS), file(FORECAST));
    expect(rmse.score).toBeCloseTo(Math.sqrt((1 + 1 + 1 + 0.25) / 4), 12);
    const smape = await grader.grade(task('smape', PARAMS, ['sales'], ANSWERS), file(FORECAST));
    expect(smape.score).toBeCloseTo((200 / 4) * (1 / 31 + 1 / 29 + 1 / 13 + 0.5 / 12.5), 12);
    const wape = await grader.grade(task('wape', {}, ['sales'], ANSWERS), file(FORECAST));
    expect(wape.score).toBeCloseTo(3.5 / 43, 12);
  });

  it('compare() resamples the series and scale columns with the rows', async () => {
    const dir = task('rmsse', PARAMS, ['sales'], ANSWERS.replaceAll(String(scaleA), '4').replaceAll(String(scaleB), '0.25'));
    const naive = file('id,sales\nA|2024-05,15\nA|2024-06,15\nB|2024-05,6\nB|2024-06,6\n');
    const result = await grader.compare!(dir, file(FORECAST), naive, undefined, { resamples: 200, seed: 3, confidence: 0.9 });
    expect(result.usedResamples).toBeGreaterThan(100);
    expect(result.scoreA).toBeCloseTo((Math.sqrt(1 / 4) + Math.sqrt(0.625 / 0.25)) / 2, 12);
    expect(result.lo).toBeLessThanOrEqual(result.difference);
    expect(result.hi).toBeGreaterThanOrEqual(result.difference);
  });

  it('a series with a zero scale or answers without the named column make the task unscorable, named', async () => {
    const flat = ANSWERS.replaceAll(String(scaleB), '0');
    await expect(grader.grade(task('mase', PARAMS, ['sales'], flat), file(FORECAST))).rejects.toThrow(/mase: series "B" has scale 0/);
    await expect(grader.grade(task('mase', { ...PARAMS, scaleColumn: 'denominator' }, ['sales'], ANSWERS), file(FORECAST)))
      .rejects.toThrow('metric mase: params.scaleColumn names the column "denominator", which the answers do not have');
    await expect(grader.grade(task('mase', { seasonalPeriod: 1 }, ['sales'], ANSWERS), file(FORECAST))).rejects.toThrow(/params.scaleColumn must name an answers column/);
  });

  it('pinball reads one column per quantile, q<quantile>, in the order of params.quantiles', async () => {
    const quantiles = [0.1, 0.5, 0.9];
    const cols = quantiles.map(quantileColumnName);
    expect(cols).toEqual(['q0.1', 'q0.5', 'q0.9']);
    const dir = task('pinball', { quantiles }, cols, ANSWERS);
    const sub = file('id,q0.1,q0.5,q0.9\nA|2024-05,12,15,18\nA|2024-06,12,14,17\nB|2024-05,5,6,9\nB|2024-06,4,6,8\n');
    const want = pinball([16, 14, 7, 6], [12, 15, 18, 12, 14, 17, 5, 6, 9, 4, 6, 8], { quantiles });
    // by hand: row A|2024-05: 0.1·4 + 0.5·1 + 0.1·2 = 1.1; A|2024-06: 0.2 + 0 + 0.3 = 0.5; B|2024-05: 0.2 + 0.5 + 0.2 = 0.9; B|2024-06: 0.2 + 0 + 0.2 = 0.4
    expect(want).toBeCloseTo((1.1 + 0.5 + 0.9 + 0.4) / 12, 12);
    expect((await grader.grade(dir, sub)).score).toBeCloseTo(want, 12);
    await expect(grader.grade(task('pinball', { quantiles: [0.5] }, cols, ANSWERS), sub)).rejects.toThrow('metric pinball needs one prediction column per entry of metric.params.quantiles, the task declares 3');
  });

  it('interval-coverage: |share inside [lower, upper] − level|; lower above upper is an invalid submission', async () => {
    const dir = task('interval-coverage', { level: 0.8 }, ['lower', 'upper'], ANSWERS);
    // A|2024-05 (16) outside, the other three inside: coverage 0.75
    const score = await grader.grade(dir, file('id,lower,upper\nA|2024-05,10,15\nA|2024-06,13,14\nB|2024-05,6,8\nB|2024-06,6,6\n'));
    expect(score.score).toBeCloseTo(0.05, 12);
    expect(intervalCoverage([1, 2], [0, 3, 2, 2], { level: 0.9 })).toBeCloseTo(0.1, 12);
    const swapped = await grader.grade(dir, file('id,lower,upper\nA|2024-05,10,15\nA|2024-06,13,14\nB|2024-05,8,6\nB|2024-06,6,6\n'));
    expect(swapped).toMatchObject({ valid: false, error: 'line 4: lower bound 8 ("lower") is above upper bound 6 ("upper")' });
  });
});
