// NaN, ±Infinity and extreme magnitudes in float columns (issue 18): one such cell used to fail
// DuckDB's STDDEV_SAMP ("out of range") and drop the whole dataset.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskSpec } from '@mle-smith/core';
import { profileDataset } from './profile.js';
import { materializeSplit } from './split.js';
import { dataset, tempDir } from './test-helpers.js';

/** 40 rows of x = i/10, y = 2x, then the edge cells replace a few values. */
function table(edits: Record<number, string>): string {
  const lines = ['x,y'];
  for (let i = 0; i < 40; i++) lines.push(edits[i] ?? `${i / 10},${(2 * i) / 10}`);
  return lines.join('\n') + '\n';
}

describe('non-finite and extreme float values', () => {
  it('are counted and left out of the moments instead of failing the profile', async () => {
    const dir = await dataset({ 'data.csv': table({ 3: 'nan,0.6', 4: 'inf,0.8', 5: '-inf,1.0', 6: '1e308,1.2', 7: '0.7,-1e300' }) });
    const [t] = (await profileDataset(dir)).tables;
    const x = t.columns.find((c) => c.name === 'x')!;
    const y = t.columns.find((c) => c.name === 'y')!;
    expect(x).toMatchObject({ duckdbType: 'DOUBLE', nonFiniteCount: 3, extremeCount: 1, min: 0, max: 1e308 });
    const moderate = Array.from({ length: 40 }, (_, i) => i / 10).filter((_, i) => i < 3 || i > 6);
    const mean = moderate.reduce((a, b) => a + b, 0) / moderate.length;
    expect(x.mean).toBeCloseTo(mean, 8);
    expect(x.std).toBeCloseTo(Math.sqrt(moderate.reduce((a, b) => a + (b - mean) ** 2, 0) / (moderate.length - 1)), 8);
    expect(y).toMatchObject({ extremeCount: 1, min: -1e300 });
    expect(y.nonFiniteCount).toBeUndefined();
    expect(Number.isFinite(y.mean)).toBe(true);
    // the probe and the candidate ranking run on the same columns
    expect(t.candidateTargets.length).toBeGreaterThan(0);
  });

  it('a column of ordinary values carries no counts (profiles of clean data are unchanged)', async () => {
    const [t] = (await profileDataset(await dataset({ 'data.csv': table({}) }))).tables;
    for (const c of t.columns) expect(Object.keys(c)).not.toContain('nonFiniteCount');
  });

  it('the split drops rows whose float target is NaN, ±Infinity or extreme, and keeps such features', async () => {
    const rawDir = await dataset({ 'data.csv': table({ 1: '0.1,nan', 2: '0.2,inf', 3: '0.3,1e200', 4: 'inf,0.8', 5: 'nan,1.0' }) });
    const spec: TaskSpec = {
      specVersion: 1, id: 't', title: 't', dataset: 'd', table: 'data', modality: 'tabular', objective: 'regression',
      target: { name: 'y', expression: 'y', sourceColumns: ['y'] }, rowKey: [], features: ['x'], derivedFeatures: [], dropColumns: [],
      metric: { name: 'rmse' }, split: { strategy: 'random', testFraction: 0.25, seed: 3 },
      submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] }, description: { overview: '' },
    };
    const out = join(await tempDir(), 'pkg');
    const res = await materializeSplit(spec, { rawDir, outDir: out });
    expect(res.rows.train + res.rows.test).toBe(37);
    const answers = await readFile(join(out, 'private', 'answers.csv'), 'utf8');
    const train = await readFile(join(out, 'public', 'train.csv'), 'utf8');
    expect(`${answers}${train}`).not.toMatch(/,(nan|inf|1e200)\n/);
    const test = await readFile(join(out, 'public', 'test.csv'), 'utf8');
    expect(`${train}${test}`.match(/^\d+,(inf|nan)(,|$)/gm)).toHaveLength(2);
    const sample = await readFile(join(out, 'public', 'sample_submission.csv'), 'utf8');
    expect(sample.split('\n')[1]).toMatch(/^\d+,\d+(\.\d+)?$/);
  });
});
