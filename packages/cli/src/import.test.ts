// mle-smith import: human-designed competitions become packages that grade and eval treat like
// generated ones; a task's own Python grader runs in the executor (local here).
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plantRows, plantWeightedError, writeMlebenchCompetition, writeMledojoCompetition } from '@mle-smith/testkit';
import { runCli } from './cli-helpers.test-util.js';

const root = await mkdtemp(join(tmpdir(), 'mls-import-'));
afterAll(() => rm(root, { recursive: true, force: true }));

/** A submission for the plant test rows: `wrong` of them mislabelled. */
async function plantSubmission(path: string, wrong: number): Promise<Map<number, string>> {
  const predictions = new Map(plantRows().slice(40).map((r, i) => [r.id, i < wrong ? (r.label === 'high' ? 'low' : 'high') : r.label]));
  await writeFile(path, ['id,label', ...[...predictions].map(([id, label]) => `${id},${label}`)].join('\n') + '\n');
  return predictions;
}

const gradeJson = async (task: string, submission: string) => {
  const r = await runCli(['grade', '--task', task, '--submission', submission, '--json'], root);
  return { code: r.code, body: JSON.parse(r.stdout) as { valid: boolean; score?: number; error?: string }, stderr: r.stderr };
};

describe('mle-smith import', () => {
  it('runs an MLE-bench task\'s own grade.py in the sandbox: its score, and its message for an invalid submission', async () => {
    const dir = join(root, 'mlebench-custom');
    const { competitionDir, dataDir } = await writeMlebenchCompetition(dir, { grader: 'plant-weighted-error' });
    const task = join(dir, 'task');
    const imported = await runCli(['import', competitionDir, '--format', 'mlebench', '--data', dataDir, '--out', task], root);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported plant-growth \(mlebench, graded by task-grader\)/);

    const predictions = await plantSubmission(join(dir, 'sub.csv'), 5);
    const graded = await gradeJson(task, join(dir, 'sub.csv'));
    expect(graded.code, graded.stderr).toBe(0);
    expect(graded.body).toEqual({ valid: true, score: plantWeightedError(predictions), metric: 'task-grader', higherIsBetter: false });

    const short = (await readFile(join(dir, 'sub.csv'), 'utf8')).trim().split('\n').slice(0, -1);
    await writeFile(join(dir, 'short.csv'), short.join('\n') + '\n');
    const invalid = await gradeJson(task, join(dir, 'short.csv'));
    expect(invalid.code).toBe(1);
    expect(invalid.body).toEqual({ valid: false, error: 'expected 20 rows, got 19' });
  });

  it('runs an MLE-Dojo task\'s metric.py (validate_submission, then evaluate) in the sandbox', async () => {
    const dir = join(root, 'mledojo-custom');
    const { competitionDir, dataDir } = await writeMledojoCompetition(dir);
    const task = join(dir, 'task');
    expect((await runCli(['import', competitionDir, '--format', 'mledojo', '--data', dataDir, '--out', task], root)).code).toBe(0);
    const predictions = await plantSubmission(join(dir, 'sub.csv'), 3);
    expect((await gradeJson(task, join(dir, 'sub.csv'))).body).toMatchObject({ valid: true, score: plantWeightedError(predictions) });
    await writeFile(join(dir, 'other-ids.csv'), (await readFile(join(dir, 'sub.csv'), 'utf8')).replace('\n41,', '\n999,'));
    expect((await gradeJson(task, join(dir, 'other-ids.csv'))).body).toEqual({ valid: false, error: 'ids do not match the test set' });
  });

  it('round trip: export --format mledojo, import, grade gives the original package\'s scores', async () => {
    const penguins = resolve(process.cwd(), '..', '..', 'examples', 'reference-tasks', 'tasks', 'ref-penguins-species');
    const dir = join(root, 'roundtrip-mledojo');
    const exported = await runCli(['export', penguins, '--format', 'mledojo', '--out', join(dir, 'export')], root);
    expect(exported.code, exported.stderr).toBe(0);
    const id = 'ref-penguins-species';
    const task = join(dir, 'task');
    const imported = await runCli(['import', join(dir, 'export', 'competitions', id), '--format', 'mledojo', '--data', join(dir, 'export', 'data', id), '--out', task], root);
    expect(imported.code, imported.stderr).toBe(0);
    // the sample, and the answers with every third label changed
    const answers = (await readFile(join(penguins, 'private', 'answers.csv'), 'utf8')).trim().split('\n');
    const swap: Record<string, string> = { Adelie: 'Gentoo', Gentoo: 'Chinstrap', Chinstrap: 'Adelie' };
    const changed = answers.map((line, i) => (i > 0 && i % 3 === 0 ? line.replace(/,(\w+)$/, (_, l: string) => `,${swap[l]}`) : line));
    await writeFile(join(dir, 'changed.csv'), changed.join('\n') + '\n');
    for (const submission of [join(penguins, 'public', 'sample_submission.csv'), join(dir, 'changed.csv')]) {
      const original = await gradeJson(penguins, submission);
      const again = await gradeJson(task, submission);
      expect(again.body, again.stderr).toMatchObject({ valid: true, metric: 'task-grader', higherIsBetter: true });
      expect(Math.abs(again.body.score! - original.body.score!)).toBeLessThanOrEqual(1e-9);
    }
  });

  it('round trip: export --format mlebench, import, grade gives the original package\'s scores (metric params kept)', async () => {
    const cancer = resolve(process.cwd(), '..', '..', 'examples', 'reference-tasks', 'tasks', 'ref-breast-cancer-diagnosis');
    const dir = join(root, 'roundtrip-mlebench');
    const exported = await runCli(['export', cancer, '--format', 'mlebench', '--out', join(dir, 'export')], root);
    expect(exported.code, exported.stderr).toBe(0);
    const id = 'ref-breast-cancer-diagnosis';
    const task = join(dir, 'task');
    const imported = await runCli(['import', join(dir, 'export', 'competitions', id), '--format', 'mlebench', '--data', join(dir, 'export', 'data', id, 'prepared'), '--out', task], root);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/graded by log_loss/);
    // the sample, and a probability that follows the id (pos_label "malignant" matters to log_loss)
    const sample = (await readFile(join(cancer, 'public', 'sample_submission.csv'), 'utf8')).trim().split('\n');
    const ramp = sample.map((line, i) => (i === 0 ? line : `${line.split(',')[0]},${((i * 37) % 100) / 100}`));
    await writeFile(join(dir, 'ramp.csv'), ramp.join('\n') + '\n');
    for (const submission of [join(cancer, 'public', 'sample_submission.csv'), join(dir, 'ramp.csv')]) {
      const original = await gradeJson(cancer, submission);
      const again = await gradeJson(task, submission);
      expect(again.body, again.stderr).toEqual(original.body);
    }
  });

  it('eval runs the baseline solvers on an imported task', async () => {
    const dir = join(root, 'mlebench-eval');
    const { competitionDir, dataDir } = await writeMlebenchCompetition(dir, { grader: 'accuracy' });
    const task = join(dir, 'task');
    expect((await runCli(['import', competitionDir, '--format', 'mlebench', '--data', dataDir, '--out', task], root)).code).toBe(0);
    const r = await runCli(['eval', '--tasks', task, '--solvers', 'baseline-trivial,baseline-simple', '--out', join(dir, 'eval'), '--json'], root);
    expect(r.code, r.stderr).toBe(0);
    const { scores } = JSON.parse(r.stdout) as { scores: Array<{ task: string; solver: string; valid: boolean; score: number; metric: string }> };
    expect(scores.map((s) => [s.task, s.solver, s.valid, s.metric])).toEqual([
      ['plant-growth', 'baseline-trivial', true, 'accuracy'],
      ['plant-growth', 'baseline-simple', true, 'accuracy'],
    ]);
    for (const s of scores) expect(s.score).toBeGreaterThan(0);
  });

  it('bad input: a folder that is no competition, or a non-empty --out without --force: one line, nothing written', async () => {
    const dir = join(root, 'bad');
    const { competitionDir, dataDir } = await writeMlebenchCompetition(dir, { grader: 'accuracy' });
    const notCompetition = await runCli(['import', dataDir, '--format', 'mlebench', '--data', dataDir + '-x', '--out', join(dir, 'task')], root);
    expect(notCompetition.code).toBe(1);
    expect(notCompetition.stderr.trim().split('\n')).toHaveLength(1);
    expect(notCompetition.stderr).toMatch(/^error: .*config.yaml/);
    expect(await readdir(dir)).toEqual(['competitions', 'data']);

    const occupied = join(dir, 'occupied');
    await mkdir(occupied);
    await writeFile(join(occupied, 'notes.txt'), 'mine');
    const refused = await runCli(['import', competitionDir, '--format', 'mlebench', '--data', dataDir, '--out', occupied], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: --out .* exists and is not written by import .*--force/);
    expect(await readdir(occupied)).toEqual(['notes.txt']);

    const unknown = await runCli(['import', competitionDir, '--format', 'kaggle', '--data', dataDir, '--out', join(dir, 'k')], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no importer for format "kaggle" \(known: mlebench, mledojo\)/);
  });
});
