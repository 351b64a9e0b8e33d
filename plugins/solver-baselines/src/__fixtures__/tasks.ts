// Small real task packages for the ladder tests, built from the CSVs Debian ships with
// scikit-learn (python3-sklearn): breast cancer (binary), wine (multiclass), diabetes (regression).
// The files are plain numbers without quoting, so splitting on the separator is enough here.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SubmissionColumn, TaskManifest, TaskPublicView } from '@mle-smith/core';

export const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

export type FixtureKind = 'binary-accuracy' | 'binary-auc' | 'multiclass-logloss' | 'regression-rmse' | 'regression-rmsle' | 'noise-accuracy';

type Cell = string | number | null;
interface Table {
  features: string[];
  rows: Cell[][];
  target: string[];
}

function sklearnCsv(file: string): { rows: number[][]; header: string[] } {
  const lines = readFileSync(join(SKLEARN_DATA, file), 'utf8').trim().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',').map(Number)) };
}

function breastCancer(): Table {
  const { rows } = sklearnCsv('breast_cancer.csv');
  const features = [...Array(30).keys()].map((i) => `x${String(i).padStart(2, '0')}`);
  // A categorical column and a few missing values exercise one-hot/ordinal encoding and imputation.
  return {
    features: [...features, 'size_band'],
    rows: rows.map((r, i) => [
      ...r.slice(0, 30).map((v, j) => (j === 3 && i % 13 === 0 ? null : v)),
      i % 17 === 0 ? null : r[0] > 17 ? 'large' : r[0] > 12 ? 'medium' : 'small',
    ]),
    target: rows.map((r) => (r[30] === 0 ? 'malignant' : 'benign')),
  };
}

function wine(): Table {
  const { header, rows } = sklearnCsv('wine_data.csv');
  const names = header.slice(2);
  return {
    features: [...[...Array(13).keys()].map((i) => `w${i}`), 'region'],
    rows: rows.map((r, i) => [...r.slice(0, 13), i % 11 === 0 ? null : ['north', 'south', 'east'][i % 3]]),
    target: rows.map((r) => names[r[13]]),
  };
}

function diabetes(): Table {
  const gz = (f: string) => gunzipSync(readFileSync(join(SKLEARN_DATA, f))).toString('utf8').trim().split('\n');
  const x = gz('diabetes_data_raw.csv.gz').map((l) => l.trim().split(/\s+/).map(Number));
  const y = gz('diabetes_target.csv.gz').map((l) => Number(l.trim()));
  return {
    features: ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'],
    rows: x.map((r, i) => r.map((v, j) => (j === 1 ? (v === 1 ? 'F' : 'M') : j === 2 && i % 19 === 0 ? null : v))),
    target: y.map(String),
  };
}

/** Binary labels that do not depend on the features: no baseline can beat the trivial one. */
function noise(): Table {
  let state = 12345;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const rows = [...Array(400).keys()].map(() => [rand(), rand(), rand(), rand()]);
  return { features: ['a', 'b', 'c', 'd'], rows, target: rows.map(() => (rand() < 0.7 ? 'no' : 'yes')) };
}

function csv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n';
}

export interface FixtureTask {
  taskDir: string;
  manifest: TaskManifest;
  view: TaskPublicView;
}

/** Writes a task package (task.json, description.md, public/, private/) under `root`. */
export function makeTask(root: string, kind: FixtureKind): FixtureTask {
  const regression = kind.startsWith('regression');
  const table = kind === 'multiclass-logloss' ? wine() : regression ? diabetes() : kind === 'noise-accuracy' ? noise() : breastCancer();
  const target = regression ? 'progression' : kind === 'multiclass-logloss' ? 'cultivar' : 'label';
  const objective = regression ? 'regression' : kind === 'multiclass-logloss' ? 'multiclass' : 'binary';
  const classes = objective === 'regression' ? undefined : [...new Set(table.target)].sort();
  const metric =
    kind === 'binary-auc' ? { name: 'roc_auc', higherIsBetter: true, params: {} }
    : kind === 'multiclass-logloss' ? { name: 'log_loss', higherIsBetter: false, params: {} }
    : kind === 'regression-rmse' ? { name: 'rmse', higherIsBetter: false, params: {} }
    : kind === 'regression-rmsle' ? { name: 'rmsle', higherIsBetter: false, params: {} }
    : { name: 'accuracy', higherIsBetter: true, params: {} };
  const predictionColumns: SubmissionColumn[] =
    kind === 'binary-auc' ? [{ name: 'malignant', type: 'probability' }]
    : kind === 'multiclass-logloss' ? (classes ?? []).map((c) => ({ name: c, type: 'probability' as const }))
    : regression ? [{ name: target, type: 'number' }]
    : [{ name: target, type: 'string' }];

  const taskDir = join(root, kind);
  const publicDir = join(taskDir, 'public');
  mkdirSync(publicDir, { recursive: true });
  mkdirSync(join(taskDir, 'private'), { recursive: true });
  const ids = table.rows.map((_, i) => `${kind.split('-')[0]}-${String(i).padStart(4, '0')}`);
  // A fixed pseudo-random ~20 % test split (multiplicative hash of the row index).
  const isTest = table.rows.map((_, i) => ((i * 2654435761) >>> 0) % 100 < 20);
  const train: Cell[][] = [];
  const test: Cell[][] = [];
  const answers: Cell[][] = [];
  const sample: Cell[][] = [];
  table.rows.forEach((row, i) => {
    if (!isTest[i]) return void train.push([ids[i], ...row, table.target[i]]);
    test.push([ids[i], ...row]);
    answers.push([ids[i], table.target[i]]);
    sample.push([ids[i], ...predictionColumns.map((c) => (c.type === 'probability' ? (1 / (classes?.length ?? 2)).toFixed(4) : objective === 'regression' ? 0 : (classes ?? [''])[0]))]);
  });
  writeFileSync(join(publicDir, 'train.csv'), csv(['id', ...table.features, target], train));
  writeFileSync(join(publicDir, 'test.csv'), csv(['id', ...table.features], test));
  writeFileSync(join(publicDir, 'sample_submission.csv'), csv(['id', ...predictionColumns.map((c) => c.name)], sample));
  writeFileSync(join(taskDir, 'private', 'answers.csv'), csv(['id', target], answers));
  const description = `# ${kind}\n\nPredict \`${target}\` for each row of test.csv. Metric: ${metric.name}.\n`;
  writeFileSync(join(taskDir, 'description.md'), description);

  const manifest = {
    id: kind,
    title: `Fixture ${kind}`,
    modality: 'tabular',
    objective,
    target,
    metric,
    submission: { idColumn: 'id', predictionColumns, ...(classes ? { classes } : {}) },
    split: { strategy: 'random', testFraction: 0.2, seed: 0 },
    source: { dataset: 'sklearn-debian', files: [] },
    // the grader reads task.json as untrusted input: it must validate, so real checksums
    files: ['private/answers.csv', 'public/sample_submission.csv', 'public/test.csv', 'public/train.csv'].map((path) => ({
      path, sha256: createHash('sha256').update(readFileSync(join(taskDir, path))).digest('hex'),
    })),
    generator: { name: 'mle-smith', version: '0.0.0-test', designer: 'fixture', agents: {}, models: [], promptHashes: {} },
    rows: { train: train.length, test: test.length },
  } as unknown as TaskManifest;
  writeFileSync(join(taskDir, 'task.json'), JSON.stringify(manifest, null, 2) + '\n');
  const { files: _f, spec: _s, source: _src, ...visible } = manifest;
  return { taskDir, manifest, view: { taskDir, publicDir, manifest: visible, modality: 'tabular', inputColumns: [...table.features], description } };
}
