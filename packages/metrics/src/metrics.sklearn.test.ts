// Every metric against scikit-learn/scipy on seeded random inputs (sizes, ties, edge cases).
// One Python run computes all reference values; agreement is required to 1e-9 (relative or absolute).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMetric } from './registry.js';
import { mulberry32 } from '@mle-smith/core';

const PYTHON = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./__fixtures__/sklearn_reference.py', import.meta.url));

interface Case {
  id: string;
  metric: string;
  yTrue: unknown[];
  yPred: unknown[];
  params: Record<string, unknown>;
  form?: 'matrix' | 'list';
}

const rand = mulberry32(20251007);
const cases: Case[] = [];
let seq = 0;
function add(metric: string, yTrue: unknown[], yPred: unknown[], params: Record<string, unknown> = {}, form?: Case['form']): void {
  cases.push({ id: `${metric}#${seq++}`, metric, yTrue, yPred, params, form });
}

const int = (n: number) => Math.floor(rand() * n);
const SIZES = [2, 3, 7, 31, 200, 1000, 20_000];
const LABEL_SETS: unknown[][] = [
  [0, 1],
  [-1, 1],
  ['no', 'yes'],
  [0, 1, 2],
  [1, 2, 3, 10, 20],
  ['cat', 'dog', 'emu', 'fox'],
];

/** Predictions that agree with the truth with probability `acc`, else a random label. */
function noisyLabels(truth: unknown[], labels: unknown[], acc: number): unknown[] {
  return truth.map((t) => (rand() < acc ? t : labels[int(labels.length)]));
}

// ---- label metrics ----
const LABEL_METRICS = ['accuracy', 'balanced_accuracy', 'mcc', 'cohen_kappa', 'cohen_kappa_quadratic',
  ...['precision', 'recall', 'f1'].flatMap((m) => [`${m}_macro`, `${m}_micro`, `${m}_weighted`])];
for (const labels of LABEL_SETS) {
  for (const n of SIZES) {
    // skewed class frequencies, so weighted and macro averages differ
    const truth = Array.from({ length: n }, () => labels[Math.min(labels.length - 1, int(labels.length * rand() * 1.3))]);
    const pred = noisyLabels(truth, labels, 0.3 + 0.6 * rand());
    const constant = new Set(truth).size < 2 && new Set(pred).size < 2;
    for (const m of LABEL_METRICS) if (!(constant && m.startsWith('cohen'))) add(m, truth, pred);
    if (labels.length === 2) for (const m of ['precision', 'recall', 'f1']) add(m, truth, pred);
    if (labels.length === 2 && n > 30) for (const m of ['precision', 'recall', 'f1']) add(m, truth, pred, { pos_label: labels[0] });
  }
}
// edge cases: perfect, all wrong, a class only in the predictions, and kappa over given labels
add('accuracy', [1, 0, 1], [1, 0, 1]);
for (const m of ['f1_macro', 'precision_weighted', 'recall_macro', 'balanced_accuracy', 'mcc', 'cohen_kappa']) add(m, [0, 0, 1, 1], [2, 2, 0, 0]);
add('f1', [0, 0, 0], [0, 0, 0]);
add('mcc', [0, 1, 0, 1], [1, 1, 1, 1]);
add('cohen_kappa_quadratic', [1, 2, 5, 5, 2], [1, 3, 4, 5, 2], { classes: [1, 2, 3, 4, 5] });
add('cohen_kappa', [1, 2, 5, 5, 2], [1, 3, 4, 5, 1], { classes: [1, 2, 3, 4, 5] });

// ---- binary scores: roc_auc, average_precision, log_loss ----
for (const labels of [[0, 1], [-1, 1], ['neg', 'pos']]) {
  for (const n of SIZES) {
    for (const decimals of [1, 2, 6, 16]) {
      const truth = Array.from({ length: n }, (_, i) => (i < 2 ? labels[i] : labels[rand() < 0.3 ? 1 : 0]));
      const q = 10 ** decimals;
      const score = truth.map((t) => Math.round(Math.min(1, Math.max(0, rand() * 0.7 + (t === labels[1] ? 0.3 : 0))) * q) / q);
      add('roc_auc', truth, score);
      add('average_precision', truth, score);
      add('log_loss', truth, score);
      if (decimals === 2) add('roc_auc', truth, score.map((s) => s * 40 - 7)); // scores, not probabilities
    }
  }
}
add('roc_auc', [0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]);
add('average_precision', [0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]);
add('log_loss', [0, 1, 1, 0], [0, 1, 0, 1]); // clipping at both ends
add('roc_auc', [1, 0, 1, 0, 1], [-0, 0, 0, -0, 1]);

// ---- multiclass probabilities ----
const PROTOS = [
  [0.5, 0.25, 0.25],
  [0.25, 0.5, 0.25],
  [0.2, 0.2, 0.6],
  [1, 0, 0],
];
for (const classes of [[0, 1, 2], ['a', 'b', 'c']]) {
  for (const n of SIZES.filter((s) => s >= 7)) {
    const truth = Array.from({ length: n }, (_, i) => (i < 3 ? classes[i] : classes[int(3)]));
    // smooth probabilities (no ties) and a few prototype rows (many ties, exact zeros)
    const smooth = truth.map((t) => {
      const w = classes.map((c) => rand() + (c === t ? 0.5 : 0));
      const s = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / s);
    });
    const tied = truth.map(() => PROTOS[int(PROTOS.length)].map((x, j, row) => row[(j + int(3)) % 3] * 0 + x));
    for (const p of [smooth, tied]) {
      add('roc_auc', truth, p, { classes });
      add('log_loss', truth, p, { classes });
    }
  }
}

// ---- regression ----
for (const n of [2, 3, 10, 100, 5000, 100_000]) {
  for (const decimals of [0, 1, 12]) {
    const q = 10 ** decimals;
    const t = Array.from({ length: n }, () => Math.round((rand() * 200 - 50) * q) / q);
    const p = t.map((v) => Math.round((v + (rand() - 0.5) * 30) * q) / q);
    for (const m of ['rmse', 'mae', 'mape', 'r2', 'spearman', 'pearson']) add(m, t, p);
    add('rmsle', t.map(Math.abs), p.map(Math.abs));
  }
}
add('mape', [0, 1, 2], [0.5, 1, 2]); // y_true = 0 uses eps as sklearn does
add('r2', [3, 3, 3], [3, 3, 3]);
add('r2', [3, 3, 3], [3, 2, 3]);
add('rmse', [1e9, 1e9 + 1], [1e9 + 1, 1e9]);
add('spearman', [1, 2, 2, 2, 3], [5, 5, 1, 2, 2]);

// ---- ranking ----
for (const [queries, items] of [[1, 5], [20, 10], [200, 30]]) {
  for (const k of [1, 3, 10, undefined]) {
    const rel = Array.from({ length: queries }, () => Array.from({ length: items }, () => (rand() < 0.4 ? int(4) : 0)));
    const scores = rel.map((r) => r.map((x) => Math.round((x + rand() * 3) * 2) / 2)); // ties
    add('ndcg@k', rel, scores, k === undefined ? {} : { k });
    // list form MAP@k (Kaggle apk): ranked lists with repeats and unknown items
    const actual = rel.map((r) => r.flatMap((x, j) => (x > 0 ? [`i${j}`] : [])));
    const predicted = scores.map((s) => s.map((x, j) => [x, j] as const).sort((a, b) => b[0] - a[0]).slice(0, items - int(3)).map(([, j]) => `i${rand() < 0.1 ? 99 : j}`));
    add('map@k', actual, predicted, k === undefined ? {} : { k });
  }
  // matrix form with distinct scores equals per-query sklearn average precision (no cut-off)
  const rel = Array.from({ length: queries }, () => Array.from({ length: items }, () => (rand() < 0.4 ? 1 : 0)));
  const perm = rel.map((r) => r.map((_, j) => j + 1).sort(() => rand() - 0.5));
  add('map@k', rel, perm, {}, 'matrix');
}

// ---- multilabel ----
const ML = ['a', 'b', 'c', 'd', 'e'];
for (const n of [1, 5, 50, 2000]) {
  const pick = (p: number) => ML.filter(() => rand() < p);
  const t = Array.from({ length: n }, () => pick(0.35));
  const p = t.map((row) => (rand() < 0.5 ? row.filter(() => rand() < 0.8).concat(pick(0.15)) : pick(0.3)));
  for (const m of ['f1_samples', 'multilabel_f1_macro', 'multilabel_f1_micro', 'jaccard_samples']) add(m, t, p, { classes: ML });
}
add('f1_samples', [[], ['a']], [[], ['a']], { classes: ML });
add('jaccard_samples', [[], ['a', 'b']], [[], ['b']], { classes: ML });

let reference: Record<string, number | string> = {};
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-sklearn-'));
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
  execFileSync(PYTHON, [SCRIPT, join(dir, 'cases.json'), join(dir, 'out.json')], { stdio: ['ignore', 'inherit', 'inherit'] });
  reference = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

describe('metrics agree with scikit-learn / scipy', () => {
  const byMetric = new Map<string, Case[]>();
  for (const c of cases) byMetric.set(c.metric, [...(byMetric.get(c.metric) ?? []), c]);
  for (const [metric, list] of byMetric) {
    it(`${metric} (${list.length} cases)`, () => {
      const m = getMetric(metric);
      const failures: string[] = [];
      for (const c of list) {
        const expected = reference[c.id];
        if (typeof expected !== 'number') {
          failures.push(`${c.id}: python gave ${String(expected)}`);
          continue;
        }
        const actual = m.score(c.yTrue, c.yPred, c.params);
        if (!close(actual, expected)) failures.push(`${c.id} (n=${c.yTrue.length}): ours ${actual}, sklearn ${expected}`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('covers every registered metric', () => {
    const tested = new Set(cases.map((c) => c.metric));
    const untested = ['accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1', 'mcc', 'cohen_kappa', 'cohen_kappa_quadratic',
      'roc_auc', 'average_precision', 'log_loss', 'rmse', 'mae', 'mape', 'r2', 'rmsle', 'spearman', 'pearson', 'map@k', 'ndcg@k',
      'f1_samples', 'multilabel_f1_macro', 'multilabel_f1_micro', 'jaccard_samples'].filter((m) => !tested.has(m));
    expect(untested).toEqual([]);
    expect(cases.length).toBeGreaterThan(500);
    console.log(`${cases.length} cases compared with scikit-learn/scipy`);
  });
});
