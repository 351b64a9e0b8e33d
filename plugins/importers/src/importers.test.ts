// The importers on small human-designed competitions: what the package holds, how it is graded,
// and that bad input fails in one line with nothing written.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError, readTaskManifest, silentLogger } from '@mle-smith/core';
import { getMetric, gradeSubmission } from '@mle-smith/metrics';
import { plantRows, writeMlebenchCompetition, writeMledojoCompetition } from '@mle-smith/testkit';
import { GRADER_TABLE, metricForGrader } from './grader-table.js';
import { mlebenchImporter } from './mlebench-importer.js';
import { mledojoImporter } from './mledojo-importer.js';

const root = await mkdtemp(join(tmpdir(), 'importers-'));
afterAll(() => rm(root, { recursive: true, force: true }));
const ctx = { log: silentLogger };
let n = 0;
const fresh = async () => mkdtemp(join(root, `case${n++}-`));

describe('the grader-name table', () => {
  it('maps every name to a registry metric, and a registry name to itself', () => {
    for (const [name, mapped] of Object.entries(GRADER_TABLE)) expect(getMetric(mapped.name).name, name).toBe(mapped.name);
    expect(metricForGrader('AUC-ROC')).toEqual({ name: 'roc_auc', params: {} });
    expect(metricForGrader('f1_macro')).toEqual({ name: 'f1_macro', params: {} });
    expect(metricForGrader('map@5')).toEqual({ name: 'map@5', params: {} });
    expect(metricForGrader('my-weighted-error')).toBeUndefined();
  });
});

describe('mlebench importer', () => {
  it('wraps a competition whose grader maps to a registry metric; grade scores it like a generated task', async () => {
    const dir = await fresh();
    const { competitionDir, dataDir } = await writeMlebenchCompetition(dir, { grader: 'accuracy' });
    const out = join(dir, 'task');
    const manifest = await mlebenchImporter.import(competitionDir, dataDir, out, ctx);
    expect(manifest).toMatchObject({
      id: 'plant-growth', title: 'Plant growth', modality: 'tabular', objective: 'multiclass', target: 'label',
      metric: { name: 'accuracy', higherIsBetter: true },
      submission: { idColumn: 'id', predictionColumns: [{ name: 'label', type: 'string' }], classes: ['high', 'low', 'mid'] },
      rows: { train: 40, test: 20 },
      source: { dataset: 'plant-growth', origin: { format: 'mlebench', competition: 'plant-growth', grader: 'accuracy' } },
    });
    expect(await readdir(join(out, 'public'))).toEqual(['sample_submission.csv', 'test.csv', 'train.csv']);
    expect(manifest.files.map((f) => f.path)).toContain('private/answers.csv');
    expect(await readFile(join(out, 'description.md'), 'utf8')).toMatch(/^# Plant growth/);

    // 15 of the 20 test rows right
    const test = plantRows().slice(40);
    const submission = join(dir, 'sub.csv');
    await writeFile(submission, ['id,label', ...test.map((r, i) => `${r.id},${i < 15 ? r.label : r.label === 'low' ? 'mid' : 'low'}`)].join('\n') + '\n');
    expect(await gradeSubmission(out, submission)).toMatchObject({ valid: true, score: 0.75, metric: 'accuracy' });
  });

  it('keeps an unknown grader as the task\'s own Python grader, its direction read from the leaderboard', async () => {
    const dir = await fresh();
    const { competitionDir, dataDir } = await writeMlebenchCompetition(dir, { grader: 'plant-weighted-error' });
    const out = join(dir, 'task');
    const manifest = await mlebenchImporter.import(competitionDir, dataDir, out, ctx);
    expect(manifest.metric).toEqual({ name: 'task-grader', higherIsBetter: false, params: { harness: 'mlebench', script: 'private/grader/grade.py' } });
    expect(await readdir(join(out, 'private', 'grader'))).toEqual(['grade.py']);
    expect(await readdir(join(out, 'public'))).not.toContain('grade.py');
    // the host grader never runs that code itself
    const err = await gradeSubmission(out, join(out, 'public', 'sample_submission.csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(/own Python grader \(private\/grader\/grade.py\), which runs only in an executor/);
  });

  it('takes target, metric params and submission format from an MLE-Smith export\'s mle_smith_task.json', async () => {
    const dir = await fresh();
    const { competitionDir, dataDir } = await writeMlebenchCompetition(dir, { grader: 'f1_macro' });
    const submission = { idColumn: 'id', predictionColumns: [{ name: 'label', type: 'string' }], classes: ['high', 'low', 'mid', 'none'] };
    await writeFile(join(competitionDir, 'mle_smith_task.json'), JSON.stringify({ id: 'plant-growth', target: 'label', metric: { name: 'f1_macro', higherIsBetter: true, params: { zero_division: 0 } }, submission }));
    const manifest = await mlebenchImporter.import(competitionDir, dataDir, join(dir, 'task'), ctx);
    expect(manifest).toMatchObject({ metric: { name: 'f1_macro', params: { zero_division: 0 } }, submission, target: 'label' });
  });

  it('rejects a competition without train.csv in one line and writes nothing', async () => {
    const dir = await fresh();
    const { competitionDir, dataDir } = await writeMlebenchCompetition(dir, { grader: 'accuracy' });
    await rm(join(dataDir, 'public', 'train.csv'));
    const out = join(dir, 'task');
    const err = await mlebenchImporter.import(competitionDir, dataDir, out, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(/public: has no train.csv/);
    expect((err as Error).message).not.toContain('\n');
    expect(await readdir(dir)).toEqual(['competitions', 'data']);
  });

  it('rejects a config.yaml without a grader name', async () => {
    const dir = await fresh();
    const { competitionDir, dataDir } = await writeMlebenchCompetition(dir, { grader: 'accuracy' });
    await writeFile(join(competitionDir, 'config.yaml'), 'id: plant-growth\nname: Plant growth\n');
    await expect(mlebenchImporter.import(competitionDir, dataDir, join(dir, 'task'), ctx)).rejects.toThrow(/config.yaml: has no "grader.name"/);
  });
});

describe('mledojo importer', () => {
  it('wraps a competition with its metric.py as the grader and records where it came from', async () => {
    const dir = await fresh();
    const { competitionDir, dataDir } = await writeMledojoCompetition(dir);
    const out = join(dir, 'task');
    await mledojoImporter.import(competitionDir, dataDir, out, ctx);
    const manifest = await readTaskManifest(out);
    expect(manifest).toMatchObject({
      id: 'plant-growth', title: 'Plant growth', objective: 'multiclass', target: 'label',
      metric: { name: 'task-grader', higherIsBetter: false, params: { harness: 'mledojo', script: 'private/grader/metric.py' } },
      source: { origin: { format: 'mledojo', competition: 'plant-growth', grader: 'utils/metric.py' } },
    });
    expect(await readFile(join(out, 'private', 'answers.csv'), 'utf8')).toBe(await readFile(join(dataDir, 'private', 'test_answer.csv'), 'utf8'));
  });

  it('needs a leaderboard with two different scores to know the direction', async () => {
    const dir = await fresh();
    const { competitionDir, dataDir } = await writeMledojoCompetition(dir);
    await writeFile(join(competitionDir, 'info', 'private_leaderboard.csv'), 'rank,score\n1,0.5\n');
    await expect(mledojoImporter.import(competitionDir, dataDir, join(dir, 'task'), ctx)).rejects.toThrow(/needs two different scores to tell whether higher is better/);
  });
});
