// The exported grade.py against `mle-smith grade`: for every metric the Python grader supports, on
// the perfect, the sample and 200 random valid submissions grade.py returns the score of the Python
// grader it wraps (to the bit), which is mle-smith grade's to 1e-9 (checked here on the perfect and
// the sample, and on the same 200 random ones by packages/metrics' python-grader test); and it raises
// mlebench.grade_helpers.InvalidSubmissionError on every kind of invalid submission the grader knows.
// All exports are graded by one Python process (__fixtures__/grade_parity.py, through the harness
// shim in __fixtures__/mlebench).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256File } from '@mle-smith/core';
import { createGrader, getMetric } from '@mle-smith/metrics';
// the parity cases of the Python grader: one per metric, with seeded valid and invalid submissions
import { caseFiles, graderCases, type GraderCase } from '../../../packages/metrics/src/__fixtures__/grader-cases.js';
import { exportMlebench } from './export-mlebench.js';

const PYTHON = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
const FIXTURES = fileURLToPath(new URL('./__fixtures__', import.meta.url));
const RANDOM = 200;
const ROWS = 24;
const root = mkdtempSync(join(tmpdir(), 'mlebench-parity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const grader = createGrader();

type PyResult = ({ score: number } | { invalid: string } | { error: string }) & { grader: number | null };

interface CaseRun {
  c: GraderCase;
  id: string;
  taskDir: string;
  valid: string[];
  invalid: Array<{ what: string; path: string }>;
}

/**
 * A task package for the case: the answers, the sample, and a train.csv / test.csv pair of the
 * shape the exporter's raw data needs (id + target, id), with train ids the test never uses.
 */
async function writeCase(c: GraderCase, seed: number): Promise<CaseRun> {
  const id = `case${seed}`;
  const taskDir = join(root, 'packages', id);
  mkdirSync(join(taskDir, 'private'), { recursive: true });
  mkdirSync(join(taskDir, 'public'));
  const files = caseFiles(c, seed, ROWS, RANDOM);
  const idCol = c.submission.idColumn;
  const answerRows = files.answers.trim().split('\n').slice(1).map((line) => line.split(','));
  const train = [`${idCol},y`, ...answerRows.slice(0, 6).map((cells, k) => `train${k},${cells[1]}`)];
  const test = [idCol, ...answerRows.map((cells) => cells[0])];
  writeFileSync(join(taskDir, 'public', 'train.csv'), train.join('\n') + '\n');
  writeFileSync(join(taskDir, 'public', 'test.csv'), test.join('\n') + '\n');
  writeFileSync(join(taskDir, 'public', 'sample_submission.csv'), files.valid[1]);
  writeFileSync(join(taskDir, 'private', 'answers.csv'), files.answers);
  writeFileSync(join(taskDir, 'description.md'), `# case ${c.label}\n`);
  const paths = ['public/train.csv', 'public/test.csv', 'public/sample_submission.csv', 'private/answers.csv'];
  const manifest = {
    id, title: c.label, modality: 'tabular', objective: c.objective, target: 'y',
    metric: { name: c.metric, higherIsBetter: getMetric(c.metric).higherIsBetter, params: c.params ?? {} }, submission: c.submission,
    split: { strategy: 'random', testFraction: 0.2, seed: 0 }, source: { dataset: 'cases', files: [] },
    files: await Promise.all(paths.map(async (path) => ({ path, sha256: await sha256File(join(taskDir, path)) }))),
  };
  writeFileSync(join(taskDir, 'task.json'), JSON.stringify(manifest));
  const write = (name: string, text: string) => {
    const p = join(root, `${id}-${name}.csv`);
    writeFileSync(p, text);
    return p;
  };
  return {
    c, id, taskDir,
    valid: files.valid.map((text, i) => write(`valid${i}`, text)),
    invalid: Object.entries(files.invalid).map(([what, text], i) => ({ what, path: write(`invalid${i}`, text) })),
  };
}

/** A folder laid out like MLE-bench's repository, with every exported competition copied in. */
function harness(out: string): string {
  const repo = join(root, 'harness');
  cpSync(join(FIXTURES, 'mlebench'), join(repo, 'mlebench'), { recursive: true });
  for (const id of readdirSync(join(out, 'competitions'))) cpSync(join(out, 'competitions', id), join(repo, 'mlebench', 'competitions', id), { recursive: true });
  return repo;
}

describe('exported MLE-bench grade.py', () => {
  // a hang guard, not a speed target: one Python process grades 44 cases × ~215 submissions
  it('scores every supported metric exactly as mle-smith grade, and raises InvalidSubmissionError on every invalid kind', { timeout: 1_500_000 }, async () => {
    const out = join(root, 'export');
    const runs: CaseRun[] = [];
    for (const [i, c] of graderCases().entries()) {
      const run = await writeCase(c, i);
      await exportMlebench(run.taskDir, out, grader);
      runs.push(run);
    }
    const jobs = runs.map((r) => ({
      id: r.id,
      answers: join(out, 'data', r.id, 'prepared', 'private', 'test.csv'),
      submissions: [...r.valid, ...r.invalid.map((x) => x.path)],
    }));
    writeFileSync(join(root, 'jobs.json'), JSON.stringify(jobs));
    const lines = execFileSync(PYTHON, [join(FIXTURES, 'grade_parity.py'), harness(out), join(root, 'jobs.json')], { encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n');
    const results = lines.map((l) => JSON.parse(l) as PyResult);
    expect(results).toHaveLength(jobs.reduce((n, j) => n + j.submissions.length, 0));

    let at = 0;
    for (const run of runs) {
      const label = run.c.label;
      const valid = results.slice(at, at + run.valid.length);
      const invalid = results.slice(at + run.valid.length, at + run.valid.length + run.invalid.length);
      at += run.valid.length + run.invalid.length;
      expect(valid.length, label).toBe(RANDOM + 2);
      // every valid submission: grade.py's score is the wrapped grader's, to the bit ...
      for (const [i, r] of valid.entries()) {
        expect(r, `${label} valid ${i}`).toHaveProperty('score');
        expect((r as { score: number }).score, `${label} valid ${i}`).toBe(r.grader);
      }
      // ... which is mle-smith grade's to 1e-9 on the perfect and the sample
      for (const [i, path] of run.valid.slice(0, 2).entries()) {
        const g = await grader.grade(run.taskDir, path);
        expect(g.valid, `${label} valid ${i}: ${g.error}`).toBe(true);
        expect(Math.abs((valid[i] as { score: number }).score - g.score!), `${label} valid ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g.score!)));
      }
      // every invalid kind (missing, duplicated or empty ids, wrong row count, wrong columns, bad
      // cells such as NaN or labels outside the classes): InvalidSubmissionError, and mle-smith
      // grade rejects it too
      for (const [i, { what, path }] of run.invalid.entries()) {
        expect(invalid[i], `${label}: ${what}`).toHaveProperty('invalid');
        expect((await grader.grade(run.taskDir, path)).valid, `${label}: ${what}`).toBe(false);
      }
    }
  });
});
