// The Python port of the grader (python/mle_smith_grade.py, embedded in every export) against
// this grader: for every built-in metric, the same score to 1e-9 on the perfect, the sample and
// 200 random valid submissions, and a rejection of every kind of invalid submission. One Python
// process per metric grades all of that metric's submissions.
//
// The perfect and sample submissions go through the whole grader (files read by DuckDB). A
// DuckDB read costs tens of milliseconds, so the random ones are aligned by the grader's own
// alignColumns from tables parsed here (the generated files are plain: no quotes, numeric
// columns are all numbers); the test checks that this parse gives the grader's score on the
// perfect and sample files too. Invalid submissions go through the whole grader once per kind of
// prediction column and are all checked against Python.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseFiles, graderCases, type GraderCase } from './__fixtures__/grader-cases.js';
import type { TaskManifest } from '@mle-smith/core';
import type { CsvColumns } from '@mle-smith/data';
import { alignColumns, createGrader } from './grader.js';
import { PYTHON_GRADER_PATH, pythonGraderUnsupported } from './python-grader.js';
import { builtinMetrics, getMetric } from './registry.js';
import { readsAsText } from './submission.js';

const PYTHON = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
const RANDOM = 200;
const ROWS = 24;
const root = mkdtempSync(join(tmpdir(), 'metrics-python-grader-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const grader = createGrader();

type PyResult = { score: number } | { invalid: string } | { error: string };

function writeCase(c: GraderCase, seed: number) {
  const dir = join(root, `case${seed}`);
  mkdirSync(join(dir, 'private'), { recursive: true });
  const files = caseFiles(c, seed, ROWS, RANDOM);
  const manifest = {
    id: 't', title: 't', modality: 'tabular', objective: c.objective, target: 'y',
    metric: { name: c.metric, higherIsBetter: true, params: c.params ?? {} }, submission: c.submission,
    split: { strategy: 'random', testFraction: 0.2, seed: 0 }, source: { dataset: 't', files: [] },
    files: [{ path: 'private/answers.csv', sha256: '0'.repeat(64) }],
  };
  writeFileSync(join(dir, 'task.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'private', 'answers.csv'), files.answers);
  const write = (name: string, text: string) => {
    const p = join(dir, `${name}.csv`);
    writeFileSync(p, text);
    return p;
  };
  const valid = files.valid.map((text, i) => write(`valid${i}`, text));
  const invalid = Object.entries(files.invalid).map(([what, text], i) => ({ what, path: write(`invalid${i}`, text) }));
  return { dir, valid, invalid, files, manifest: manifest as unknown as TaskManifest };
}

function gradeInPython(dir: string, paths: string[]): PyResult[] {
  const out = execFileSync(PYTHON, [PYTHON_GRADER_PATH, join(dir, 'task.json'), join(dir, 'private', 'answers.csv'), ...paths], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.trim().split('\n').map((l) => JSON.parse(l) as PyResult);
}

/** Grades a few at a time (each grade reads two files through DuckDB). */
async function gradeInTs(dir: string, paths: string[]) {
  const results = [];
  for (let i = 0; i < paths.length; i += 4) results.push(...(await Promise.all(paths.slice(i, i + 4).map((p) => grader.grade(dir, p)))));
  return results;
}

/** A generated CSV as readCsvColumns gives it: numeric columns as Float64Array unless read as text. */
function parseCsv(text: string, asText: boolean): CsvColumns {
  const [header, ...rows] = text.trimEnd().split('\n').map((l) => l.split(','));
  const columns: CsvColumns['columns'] = {};
  header.forEach((name, c) => {
    const cells = rows.map((r) => (r[c] === '' ? null : r[c]));
    const numeric = !asText && cells.every((v) => v === null || (Number.isFinite(Number(v)) && /^[-+0-9.e]+$/i.test(v)));
    columns[name] = numeric ? Float64Array.from(cells, (v) => (v === null ? NaN : Number(v))) : cells;
  });
  return { names: header, rowCount: rows.length, columns };
}

async function scoreInMemory(manifest: TaskManifest, answers: string, submission: string): Promise<number> {
  const metric = getMetric(manifest.metric.name);
  const asText = readsAsText(metric);
  const aligned = await alignColumns({ path: 'answers.csv', table: parseCsv(answers, asText) }, { path: 'submission.csv', table: parseCsv(submission, asText) }, manifest, metric);
  return metric.score(aligned.yTrue, aligned.yPred, aligned.params);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

describe('the Python grader', () => {
  it('implements every built-in metric, and the parity cases cover each of them', () => {
    const names = builtinMetrics().map((m) => m.name).sort();
    const python = JSON.parse(execFileSync(PYTHON, [PYTHON_GRADER_PATH, '--metrics'], { encoding: 'utf8' })) as string[];
    expect(python).toEqual(names);
    const covered = new Set(graderCases().map((c) => c.metric.replace(/@\d+$/, '@k')));
    expect([...covered].sort()).toEqual(names);
    for (const name of [...names, 'map@5', 'ndcg@10']) expect(pythonGraderUnsupported(name)).toBeUndefined();
    expect(pythonGraderUnsupported('my_plugin_metric')).toMatch(/^metric "my_plugin_metric" is not supported by exporters/);
  });

  // the whole grader on invalid submissions, once per kind of prediction column
  const fullInvalid = new Set(['accuracy', 'roc_auc (binary)', 'roc_auc (3 columns, by name)', 'log_loss (3 columns, by position)', 'rmsle', 'map@k {"k":3}', 'f1_samples', 'mase', 'pinball', 'interval-coverage']);

  graderCases().forEach((c, seed) => {
    it(`agrees on ${c.label}: perfect, sample, ${RANDOM} random valid and every invalid submission`, async () => {
      const { dir, valid, invalid, files, manifest } = writeCase(c, seed);
      const py = gradeInPython(dir, [...valid, ...invalid.map((x) => x.path)]);
      const ts = await gradeInTs(dir, valid.slice(0, 2));
      for (let i = 0; i < valid.length; i++) {
        const p = py[i];
        expect('score' in p, `${valid[i]}: ${JSON.stringify(p)}`).toBe(true);
        const b = (p as { score: number }).score;
        const a = await scoreInMemory(manifest, files.answers, files.valid[i]);
        expect(close(a, b), `${valid[i]}: TS ${a}, Python ${b}`).toBe(true);
        if (i < 2) {
          expect(ts[i].valid, `${valid[i]}: ${ts[i].error}`).toBe(true);
          expect(close(ts[i].score!, b), `${valid[i]}: mle-smith grade ${ts[i].score}, Python ${b}`).toBe(true);
          expect(a).toBe(ts[i].score); // the in-memory parse is the grader's reading
        }
      }
      invalid.forEach(({ what }, k) => expect(py[valid.length + k], `Python accepted "${what}"`).toHaveProperty('invalid'));
      if (fullInvalid.has(c.label)) {
        const rejected = await gradeInTs(dir, invalid.map((x) => x.path));
        invalid.forEach(({ what }, k) => expect(rejected[k].valid, `mle-smith grade accepted "${what}"`).toBe(false));
      }
    });
  });
});
