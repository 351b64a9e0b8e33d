// What the metadata allows and what defects repair: class folders plus an attributes table give
// a proposal per target (folder label, the table's label column, a numeric attribute as
// regression; never a file property such as its size, nor a column repeating the folder), and the SpecDesigner repairs the defects
// the verifier reports (a class too rare to learn, too few test rows, a metric unfit for
// unbalanced classes).
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { silentLogger, validateTaskSpec, type Finding } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createImageDesigner } from './index.js';
import { designContext, digitsSubset, tempDir, withAttributes } from './__fixtures__/helpers.js';

describe('image targets from the metadata', () => {
  it('class folders + attributes.csv: the folder label, the writer and the ink (regression) are proposed, not the bytes or the digit again; each a valid spec', async () => {
    const raw = await withAttributes(await digitsSubset(8, 3));
    const designer = createImageDesigner();
    const profile = await profileDataset(raw);
    expect(profile.tables.map((t) => t.name).sort()).toEqual(['attributes', 'images']);
    const proposals = await designer.brainstorm(profile, designContext());
    expect(proposals.map((p) => [p.id, p.table, p.objective, p.metric.name])).toEqual([
      ['digits-subset-label-multiclass', 'images', 'multiclass', 'accuracy'],
      ['digits-subset-writer-multiclass', 'attributes', 'multiclass', 'accuracy'],
      ['digits-subset-ink-regression', 'attributes', 'regression', 'rmse'],
    ]);
    for (const p of proposals) expect(validateTaskSpec(await designer.design(p, profile, designContext())).errors).toEqual([]);
    // Limited by the run: the best ones first.
    expect((await designer.brainstorm(profile, designContext({ maxProposals: 2 }))).map((p) => p.target.name)).toEqual(['label', 'writer']);

    const writer = await designer.design(proposals[1], profile, designContext());
    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(writer, { rawDir: raw, outDir, profile, log: silentLogger });
    expect(result).toMatchObject({ rows: { train: 18, test: 6 }, classes: ['ann', 'bob', 'cy'] });
    // The file's own size, the digit and the ink never reach the solver.
    expect((await readFile(join(outDir, 'public/train.csv'), 'utf8')).split('\n')[0]).toBe('id,image,writer');
  }, 120_000);
});

describe('image repair from defects', () => {
  const finding = (ruleId: string, data: Record<string, unknown>): Finding => ({ ruleId, severity: 'error', phase: 'package', message: ruleId, data });

  it('drops a class too rare to learn, raises the test fraction, moves an unfit metric; the repaired spec still materializes', async () => {
    const raw = await digitsSubset(10, 3);
    const designer = createImageDesigner();
    const profile = await profileDataset(raw);
    const [p] = await designer.brainstorm(profile, designContext());
    const first = await designer.design(p, profile, designContext());
    expect(first).toMatchObject({ split: { testFraction: 0.25 }, metric: { name: 'accuracy' }, submission: { classes: ['0', '1', '2'] } });
    expect(first.filter).toBeUndefined();

    const defects = [
      finding('structural/split-sizes', { class: '2', count: 1 }),
      finding('structural/test-fraction', { rows: 30, minTestRows: 10, minTrainRows: 10, minFraction: 0.05, maxFraction: 0.5 }),
      finding('review/metric-balance', { suggested: 'balanced_accuracy' }),
    ];
    const repaired = await designer.design(p, profile, designContext({ defects, attempt: 1 }));
    expect(repaired).toMatchObject({ split: { testFraction: 0.34 }, metric: { name: 'balanced_accuracy', higherIsBetter: true }, submission: { classes: ['0', '1'] } });
    expect(repaired.filter).toBe(`CAST("label" AS VARCHAR) NOT IN ('2')`);
    expect(validateTaskSpec(repaired).errors).toEqual([]);
    const result = await designer.materialize(repaired, { rawDir: raw, outDir: join(await tempDir(), 'task'), profile, log: silentLogger });
    expect(result.classes).toEqual(['0', '1']);
    expect(result.rows.train + result.rows.test).toBe(20);

    // A defect nothing here repairs gives the same spec back (the pipeline then stops repairing).
    expect(await designer.design(p, profile, designContext({ defects: [finding('leakage/whatever', {})], attempt: 1 }))).toEqual(first);
  }, 120_000);
});
