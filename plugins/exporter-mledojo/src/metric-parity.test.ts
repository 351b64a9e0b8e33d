// The exported utils/metric.py against `mle-smith grade`: for every metric the Python grader
// supports, on the perfect, the sample and 200 random valid submissions metric.py returns the score
// of the Python grader it wraps (to the bit), which is mle-smith grade's to 1e-9 (checked here on
// the perfect and the sample, and on the same 200 random ones by packages/metrics'
// python-grader test); and InvalidSubmissionError on every kind of invalid submission. All exports are graded by one Python process
// (src/__fixtures__/run_metrics.py, with the metrics package's shim of mledojo.metrics.base).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256File } from '@mle-smith/core';
import { createGrader, getMetric } from '@mle-smith/metrics';
// the parity cases of the Python grader: one per metric, with seeded valid and invalid submissions
import { caseFiles, graderCases, type GraderCase } from '../../../packages/metrics/src/__fixtures__/grader-cases.js';
import { exportMledojo } from './export-mledojo.js';

const PYTHON = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
const RUNNER = fileURLToPath(new URL('./__fixtures__/run_metrics.py', import.meta.url));
const RANDOM = 200;
const ROWS = 24;
const root = mkdtempSync(join(tmpdir(), 'mledojo-parity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const grader = createGrader();

type PyResult = { score: number } | { invalid: string } | { error: string };

interface CaseRun {
  c: GraderCase;
  taskDir: string;
  valid: string[];
  invalid: Array<{ what: string; path: string }>;
}

/** A task package for the case (public/ holds only the sample: metric.py never reads train/test). */
async function writeCase(c: GraderCase, seed: number): Promise<CaseRun> {
  const taskDir = join(root, `case${seed}`);
  mkdirSync(join(taskDir, 'private'), { recursive: true });
  mkdirSync(join(taskDir, 'public'));
  const files = caseFiles(c, seed, ROWS, RANDOM);
  writeFileSync(join(taskDir, 'private', 'answers.csv'), files.answers);
  writeFileSync(join(taskDir, 'public', 'sample_submission.csv'), files.valid[1]);
  writeFileSync(join(taskDir, 'description.md'), `# case ${c.label}\n`);
  const manifest = {
    id: `case${seed}`, title: c.label, modality: 'tabular', objective: c.objective, target: 'y',
    metric: { name: c.metric, higherIsBetter: getMetric(c.metric).higherIsBetter, params: c.params ?? {} }, submission: c.submission,
    split: { strategy: 'random', testFraction: 0.2, seed: 0 }, source: { dataset: 'cases', files: [] },
    files: await Promise.all(['private/answers.csv', 'public/sample_submission.csv'].map(async (path) => ({ path, sha256: await sha256File(join(taskDir, path)) }))),
  };
  writeFileSync(join(taskDir, 'task.json'), JSON.stringify(manifest));
  const write = (name: string, text: string) => {
    const p = join(root, `case${seed}-${name}.csv`);
    writeFileSync(p, text);
    return p;
  };
  return {
    c, taskDir,
    valid: files.valid.map((text, i) => write(`valid${i}`, text)),
    invalid: Object.entries(files.invalid).map(([what, text], i) => ({ what, path: write(`invalid${i}`, text) })),
  };
}

/** Grades a few at a time: each grade reads two CSV files through DuckDB. */
async function gradeInTs(taskDir: string, paths: string[]) {
  const results = [];
  for (let i = 0; i < paths.length; i += 8) results.push(...(await Promise.all(paths.slice(i, i + 8).map((p) => grader.grade(taskDir, p)))));
  return results;
}

describe('exported MLE-Dojo metric.py', () => {
  // a hang guard, not a speed target: 44 cases (the forecasting metrics added six) took ~16 min on a loaded 2-core machine
  it('scores every supported metric exactly as mle-smith grade, and rejects every invalid kind', { timeout: 1_500_000 }, async () => {
    const out = join(root, 'export');
    const runs: CaseRun[] = [];
    for (const [i, c] of graderCases().entries()) {
      const run = await writeCase(c, i);
      await exportMledojo(run.taskDir, out, grader);
      runs.push(run);
    }
    const jobs = runs.map((r, i) => ({
      utils: join(out, 'competitions', `case${i}`, 'utils'),
      answers: join(out, 'data', `case${i}`, 'private', 'test_answer.csv'),
      submissions: [...r.valid, ...r.invalid.map((x) => x.path)],
    }));
    writeFileSync(join(root, 'jobs.json'), JSON.stringify(jobs));
    const lines = execFileSync(PYTHON, [RUNNER, join(root, 'jobs.json')], { encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n');
    const results = lines.map((l) => JSON.parse(l) as PyResult & { validated?: string; grader: number | null });
    expect(results).toHaveLength(jobs.reduce((n, j) => n + j.submissions.length, 0));

    let at = 0;
    for (const run of runs) {
      const label = run.c.label;
      const valid = results.slice(at, at + run.valid.length);
      const invalid = results.slice(at + run.valid.length, at + run.valid.length + run.invalid.length);
      at += run.valid.length + run.invalid.length;
      // every valid submission: metric.py's score is the wrapped grader's, to the bit
      for (const [i, r] of valid.entries()) {
        expect(r, `${label} valid ${i}`).toHaveProperty('score');
        expect((r as { score: number }).score, `${label} valid ${i}`).toBe(r.grader);
      }
      // ... which is mle-smith grade's to 1e-9: here on the perfect and the sample; on every random
      // one in packages/metrics' python-grader test (the same cases, seeds and rows)
      const ts = await gradeInTs(run.taskDir, run.valid.slice(0, 2));
      for (const [i, g] of ts.entries()) {
        expect(g.valid, `${label} valid ${i}: ${g.error}`).toBe(true);
        expect(Math.abs((valid[i] as { score: number }).score - g.score!), `${label} valid ${i}`).toBeLessThanOrEqual(1e-9);
      }
      expect(valid[0].validated, label).toBe('Submission is valid.');
      // every invalid kind: evaluate and validate_submission raise InvalidSubmissionError with the
      // grader's message, and mle-smith grade rejects it too
      const tsInvalid = await gradeInTs(run.taskDir, run.invalid.map((x) => x.path));
      for (const [i, { what }] of run.invalid.entries()) {
        expect(invalid[i], `${label}: ${what}`).toHaveProperty('invalid');
        expect(invalid[i].validated, `${label}: ${what}`).toBe((invalid[i] as { invalid: string }).invalid);
        expect(tsInvalid[i].valid, `${label}: ${what}`).toBe(false);
      }
    }
  });
});
