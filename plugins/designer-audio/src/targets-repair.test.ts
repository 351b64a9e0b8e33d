// What the metadata allows and what defects repair, for audio: class folders plus a speakers
// table give a proposal per target (the word, the accent, the loudness as regression; never a
// file property such as the sample rate), and the SpecDesigner repairs a class too rare to learn
// and a too-small test set.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger, validateTaskSpec, type Finding } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createAudioDesigner } from './index.js';
import { designContext, tempDir, withSpeakers, wordsSubset } from './__fixtures__/helpers.js';

describe('audio targets from the metadata, and repair', () => {
  it('class folders + speakers.csv: the word, the accent and the loudness (regression) are proposed, each a valid spec', async () => {
    const raw = await withSpeakers(await wordsSubset(8, ['yes', 'no', 'up']));
    const designer = createAudioDesigner();
    const profile = await profileDataset(raw);
    const proposals = await designer.brainstorm(profile, designContext());
    expect(proposals.map((p) => [p.table, p.target.name, p.objective])).toEqual([
      ['recordings', 'label', 'multiclass'], ['speakers', 'accent', 'multiclass'], ['speakers', 'loudness', 'regression'],
    ]);
    for (const p of proposals) expect(validateTaskSpec(await designer.design(p, profile, designContext())).errors).toEqual([]);
  }, 120_000);

  it('a rare class is filtered out and the test fraction raised; the repaired spec materializes', async () => {
    const raw = await wordsSubset(8, ['yes', 'no', 'up']);
    const designer = createAudioDesigner();
    const profile = await profileDataset(raw);
    const [p] = await designer.brainstorm(profile, designContext());
    const defects: Finding[] = [
      { ruleId: 'structural/split-sizes', severity: 'error', phase: 'package', message: 'class up has 1 train row', data: { class: 'up', count: 1 } },
      { ruleId: 'structural/split-sizes', severity: 'error', phase: 'package', message: 'test.csv has 4 rows', data: { side: 'test', rows: 4, trainRows: 12, testRows: 4, minTrainRows: 8, minTestRows: 6, testFraction: 0.25 } },
    ];
    const spec = await designer.design(p, profile, designContext({ defects, attempt: 1 }));
    expect(spec).toMatchObject({ filter: `CAST("label" AS VARCHAR) NOT IN ('up')`, submission: { classes: ['no', 'yes'] }, split: { testFraction: 0.38 } });
    const result = await designer.materialize(spec, { rawDir: raw, outDir: join(await tempDir(), 'task'), profile, log: silentLogger });
    expect(result.classes).toEqual(['no', 'yes']);
    expect(result.rows.test).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
