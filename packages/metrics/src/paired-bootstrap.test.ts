// Grader.compare, the paired bootstrap behind the execution verdict's signal test: its properties
// on every metric kind through real task packages, determinism, the row cap, and agreement with
// an independent numpy bootstrap (up to Monte Carlo error: the RNGs differ).
import { mulberry32, type CompareOptions, type TaskManifest } from '@mle-smith/core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGrader } from './grader.js';
import { pairedBootstrap, quantile } from './paired-bootstrap.js';
import { getMetric } from './registry.js';

const PYTHON = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
const root = mkdtempSync(join(tmpdir(), 'metrics-compare-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
const grader = createGrader();
const OPTIONS: CompareOptions = { resamples: 1000, seed: 42, confidence: 0.95 };

type Format = Pick<TaskManifest, 'objective' | 'target' | 'submission'> & { metric: string; params?: Record<string, unknown> };

/** A task package (task.json + private/answers.csv) from rows of [id, answer]. */
function task(format: Format, rows: Array<[string, string]>): string {
  const dir = join(root, `task${seq++}`);
  mkdirSync(join(dir, 'private'), { recursive: true });
  const manifest = {
    id: 't', title: 't', modality: 'tabular', objective: format.objective, target: format.target,
    metric: { name: format.metric, higherIsBetter: getMetric(format.metric).higherIsBetter, params: format.params ?? {} }, submission: format.submission,
    // The grader reads task.json as untrusted input: it must be a whole, schema-valid manifest.
    split: { strategy: 'random', testFraction: 0.2, seed: 0 }, source: { dataset: 't', files: [] },
    files: [{ path: 'private/answers.csv', sha256: '0'.repeat(64) }],
  };
  writeFileSync(join(dir, 'task.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'private', 'answers.csv'), [`${format.submission.idColumn},${format.target}`, ...rows.map((r) => r.join(','))].join('\n') + '\n');
  return dir;
}

function submission(header: string[], rows: string[][]): string {
  const p = join(root, `sub${seq++}.csv`);
  writeFileSync(p, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
  return p;
}

interface Case {
  name: string;
  dir: string;
  /** A submission that knows the target well, and the trivial (constant) one. */
  good: string;
  trivial: string;
}

const N = 300;
const rand = mulberry32(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const ids = Array.from({ length: N }, (_, i) => `r${i}`);

function regressionCase(): Case {
  const y = ids.map(() => rand() * 10);
  const mean = y.reduce((a, b) => a + b, 0) / N;
  const dir = task({ objective: 'regression', target: 'y', metric: 'rmse', submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] } }, ids.map((id, i) => [id, y[i].toFixed(6)]));
  const sub = (f: (i: number) => number) => submission(['id', 'y'], ids.map((id, i) => [id, f(i).toFixed(6)]));
  return { name: 'score (rmse)', dir, good: sub((i) => y[i] + rand() - 0.5), trivial: sub(() => mean) };
}

function labelCase(metric: string): Case {
  const classes = ['a', 'b', 'c'];
  const y = ids.map(() => pick(classes));
  const dir = task({ objective: 'multiclass', target: 'k', metric, submission: { idColumn: 'id', predictionColumns: [{ name: 'k', type: 'string' }], classes } }, ids.map((id, i) => [id, y[i]]));
  const sub = (f: (i: number) => string) => submission(['id', 'k'], ids.map((id, i) => [id, f(i)]));
  return { name: `label (${metric})`, dir, good: sub((i) => (rand() < 0.8 ? y[i] : pick(classes))), trivial: sub(() => 'a') };
}

function binaryProbabilityCase(): Case {
  const y = ids.map(() => (rand() < 0.3 ? 1 : 0));
  const dir = task({ objective: 'binary', target: 'y', metric: 'roc_auc', submission: { idColumn: 'id', predictionColumns: [{ name: 'p', type: 'probability' }], classes: ['0', '1'] } }, ids.map((id, i) => [id, String(y[i])]));
  const sub = (f: (i: number) => number) => submission(['id', 'p'], ids.map((id, i) => [id, f(i).toFixed(6)]));
  return { name: 'probability, one column (roc_auc)', dir, good: sub((i) => Math.min(1, Math.max(0, 0.3 + 0.4 * y[i] + (rand() - 0.5) * 0.5))), trivial: sub(() => 0.3) };
}

function multiclassProbabilityCase(): Case {
  const classes = ['a', 'b', 'c'];
  const y = ids.map(() => pick(classes));
  const dir = task(
    { objective: 'multiclass', target: 'k', metric: 'log_loss', submission: { idColumn: 'id', predictionColumns: classes.map((name) => ({ name, type: 'probability' as const })), classes } },
    ids.map((id, i) => [id, y[i]]),
  );
  const sub = (f: (i: number) => number[]) => submission(['id', ...classes], ids.map((id, i) => [id, ...f(i).map((p) => p.toFixed(6))]));
  const normalized = (ps: number[]) => {
    const s = ps.reduce((a, b) => a + b, 0);
    const q = ps.map((p) => Number((p / s).toFixed(6)));
    q[q.length - 1] = Number((1 - q[0] - q[1]).toFixed(6));
    return q;
  };
  return {
    name: 'probability, one column per class (log_loss)', dir,
    good: sub((i) => normalized(classes.map((c) => (c === y[i] ? 0.5 + rand() * 0.4 : 0.1 + rand() * 0.1)))),
    trivial: sub(() => normalized([1, 1, 1])),
  };
}

function multilabelCase(): Case {
  const classes = ['x', 'y', 'z'];
  const y = ids.map(() => classes.filter(() => rand() < 0.5));
  const cell = (tags: string[]) => (tags.length ? tags.join(' ') : 'x');
  const dir = task({ objective: 'multilabel', target: 'tags', metric: 'f1_samples', submission: { idColumn: 'id', predictionColumns: [{ name: 'tags', type: 'label-list' }], classes } }, ids.map((id, i) => [id, cell(y[i])]));
  const sub = (f: (i: number) => string) => submission(['id', 'tags'], ids.map((id, i) => [id, f(i)]));
  return {
    name: 'label-list (f1_samples)', dir,
    good: sub((i) => (rand() < 0.85 ? cell(y[i]) : pick(classes))), trivial: sub(() => 'x y'),
  };
}

function rankingCase(): Case {
  const items = ['a', 'b', 'c', 'd', 'e', 'f'];
  const shuffled = () => [...items].sort(() => rand() - 0.5);
  const relevant = ids.map(() => shuffled().slice(0, 2));
  const dir = task({ objective: 'ranking', target: 'relevant', metric: 'map@3', submission: { idColumn: 'q', predictionColumns: [{ name: 'ranking', type: 'label-list' }] } }, ids.map((id, i) => [id, relevant[i].join(' ')]));
  const sub = (f: (i: number) => string[]) => submission(['q', 'ranking'], ids.map((id, i) => [id, f(i).join(' ')]));
  return {
    name: 'ranking (map@3)', dir,
    good: sub((i) => (rand() < 0.8 ? [...relevant[i], ...items.filter((x) => !relevant[i].includes(x))] : shuffled())), trivial: sub(() => items),
  };
}

const CASES: Case[] = [regressionCase(), labelCase('accuracy'), labelCase('f1_macro'), binaryProbabilityCase(), multiclassProbabilityCase(), multilabelCase(), rankingCase()];

describe('Grader.compare (paired bootstrap)', () => {
  for (const c of CASES) {
    it(`${c.name}: a better submission has lo > 0, an identical one [0, 0], a worse one hi < 0`, async () => {
      const better = await grader.compare!(c.dir, c.good, c.trivial, undefined, OPTIONS);
      expect(better.lo, JSON.stringify(better)).toBeGreaterThan(0);
      expect(better.difference).toBeGreaterThan(better.lo);
      expect(better.hi).toBeGreaterThan(better.difference);
      expect(better).toMatchObject({ rows: N, sampledRows: N, resamples: 1000, usedResamples: 1000, confidence: 0.95, seed: 42 });
      // the full-data scores are the grader's
      expect(better.scoreA).toBeCloseTo((await grader.grade(c.dir, c.good)).score!, 12);
      expect(better.scoreB).toBeCloseTo((await grader.grade(c.dir, c.trivial)).score!, 12);

      const same = await grader.compare!(c.dir, c.trivial, c.trivial, undefined, OPTIONS);
      expect([same.lo, same.difference, same.hi]).toEqual([0, 0, 0]);

      const worse = await grader.compare!(c.dir, c.trivial, c.good, undefined, OPTIONS);
      expect(worse.hi).toBeLessThan(0);
    });
  }

  it('is deterministic given the seed, and the seed matters', async () => {
    const c = CASES[3];
    const a = await grader.compare!(c.dir, c.good, c.trivial, undefined, OPTIONS);
    const b = await grader.compare!(c.dir, c.good, c.trivial, undefined, OPTIONS);
    expect(b).toEqual(a);
    const other = await grader.compare!(c.dir, c.good, c.trivial, undefined, { ...OPTIONS, seed: 43 });
    expect(other.difference).toBe(a.difference);
    expect([other.lo, other.hi]).not.toEqual([a.lo, a.hi]);
  });

  it('resamples label and probability metrics within each true class', async () => {
    expect((await grader.compare!(CASES[1].dir, CASES[1].good, CASES[1].trivial, undefined, OPTIONS)).stratified).toBe(true);
    expect((await grader.compare!(CASES[0].dir, CASES[0].good, CASES[0].trivial, undefined, OPTIONS)).stratified).toBe(false);
    // AUC on a test set with 3 positives in 300 rows: without strata many resamples would hold none
    const y = ids.map((_, i) => (i % 100 === 0 ? 1 : 0));
    const dir = task({ objective: 'binary', target: 'y', metric: 'roc_auc', submission: { idColumn: 'id', predictionColumns: [{ name: 'p', type: 'probability' }], classes: ['0', '1'] } }, ids.map((id, i) => [id, String(y[i])]));
    const good = submission(['id', 'p'], ids.map((id, i) => [id, String(y[i] ? 0.9 : 0.1 + (i % 7) / 100)]));
    const flat = submission(['id', 'p'], ids.map((id) => [id, '0.01']));
    expect(await grader.compare!(dir, good, flat, undefined, OPTIONS)).toMatchObject({ usedResamples: 1000, difference: 0.5 });
  });

  it('rejects an invalid submission with the grader\'s message', async () => {
    const c = CASES[0];
    const bad = submission(['id', 'y'], ids.slice(1).map((id) => [id, '1']));
    await expect(grader.compare!(c.dir, bad, c.trivial, undefined, OPTIONS)).rejects.toThrow(/missing|row|id/i);
  });
});

describe('pairedBootstrap', () => {
  const rmse = getMetric('rmse');
  const big = 5000;
  const r = mulberry32(11);
  const yTrue = Float64Array.from({ length: big }, () => r());
  const predA = Float64Array.from(yTrue, (v) => v + (r() - 0.5) * 0.5);
  const predB = Float64Array.from({ length: big }, () => 0.5);
  const aligned = (yPred: Float64Array) => ({ yTrue, yPred, params: {}, rows: big });

  it('above the cap resamples a seeded subsample of maxRows rows and rescales the interval to every row', () => {
    const capped = pairedBootstrap(rmse, aligned(predA), aligned(predB), { ...OPTIONS, resamples: 200, maxRows: 1000 });
    expect(capped).toMatchObject({ rows: big, sampledRows: 1000, usedResamples: 200 });
    expect(pairedBootstrap(rmse, aligned(predA), aligned(predB), { ...OPTIONS, resamples: 200, maxRows: 1000 })).toEqual(capped);
    const full = pairedBootstrap(rmse, aligned(predA), aligned(predB), { ...OPTIONS, resamples: 200 });
    expect(full.sampledRows).toBe(big);
    expect(full.difference).toBe(capped.difference); // the point estimate is always on every row
    // rescaled to n rows, the interval is about as wide as resampling every row gives, around the same gain
    const width = full.hi - full.lo;
    expect(Math.abs(capped.hi - capped.lo - width)).toBeLessThan(0.2 * width);
    expect(capped.lo).toBeLessThan(capped.difference);
    expect(capped.hi).toBeGreaterThan(capped.difference);
  });

  it('refuses a confidence outside (0, 1) and fewer than one resample', () => {
    expect(() => pairedBootstrap(rmse, aligned(predA), aligned(predB), { ...OPTIONS, confidence: 1 })).toThrow(/confidence/);
    expect(() => pairedBootstrap(rmse, aligned(predA), aligned(predB), { ...OPTIONS, resamples: 0 })).toThrow(/resamples/);
  });

  it('finds no signal between exchangeable submissions about as often as the confidence says', () => {
    // 200 null pairs: two submissions drawn the same way, neither knowing the target
    const trials = 200;
    const n = 200;
    const g = mulberry32(5);
    const count = { rmse: 0, accuracy: 0 };
    const covered = { rmse: 0, accuracy: 0 };
    for (let t = 0; t < trials; t++) {
      const y = Float64Array.from({ length: n }, () => g());
      const noisy = () => ({ yTrue: y, yPred: Float64Array.from({ length: n }, () => 0.5 + (g() - 0.5) * 0.3), params: {}, rows: n });
      const labels = Array.from({ length: n }, () => (g() < 0.4 ? 'p' : 'q'));
      const guess = () => ({ yTrue: labels, yPred: labels.map(() => (g() < 0.4 ? 'p' : 'q')), params: {}, rows: n });
      const opts = { ...OPTIONS, resamples: 500, seed: t };
      for (const [k, c] of [['rmse', pairedBootstrap(rmse, noisy(), noisy(), opts)], ['accuracy', pairedBootstrap(getMetric('accuracy'), guess(), guess(), opts)]] as const) {
        if (c.lo > 0) count[k]++;
        if (c.lo <= 0 && c.hi >= 0) covered[k]++;
      }
    }
    // one-sided false signal at 95 %: 2.5 % expected (5 of 200, sd 2.2)
    expect(count.rmse, JSON.stringify({ count, covered })).toBeLessThanOrEqual(12);
    expect(count.accuracy, JSON.stringify({ count, covered })).toBeLessThanOrEqual(12);
    expect(covered.rmse).toBeGreaterThanOrEqual(0.88 * trials);
    expect(covered.accuracy).toBeGreaterThanOrEqual(0.88 * trials);
  });

  it('quantile interpolates linearly between order statistics (numpy\'s default)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(quantile([5], 0.975)).toBe(5);
  });

  it('agrees with an independent numpy paired bootstrap up to Monte Carlo error (rmse; accuracy within classes)', () => {
    const n = 400;
    const g = mulberry32(3);
    const y = Array.from({ length: n }, () => g() * 4);
    const a = y.map((v) => v + (g() - 0.5) * 3);
    const b = y.map(() => 2 + (g() - 0.5));
    const labels = Array.from({ length: n }, () => (g() < 0.35 ? 'p' : 'q'));
    const la = labels.map((l) => (g() < 0.7 ? l : g() < 0.5 ? 'p' : 'q'));
    const lb = labels.map(() => 'q');
    const resamples = 4000;
    const script = `
import json, sys
import numpy as np
d = json.load(sys.stdin)
rng = np.random.default_rng(1)
def boot(score, n, strata):
    g = []
    for _ in range(${resamples}):
        idx = np.concatenate([rng.choice(s, size=len(s), replace=True) for s in strata])
        g.append(score(idx))
    return [float(np.percentile(g, 2.5)), float(np.percentile(g, 97.5))]
y, a, b = (np.array(d[k]) for k in ('y', 'a', 'b'))
rmse = lambda p, i: np.sqrt(np.mean((y[i] - p[i]) ** 2))
t, la, lb = (np.array(d[k]) for k in ('labels', 'la', 'lb'))
acc = lambda p, i: np.mean(t[i] == p[i])
print(json.dumps({
  'rmse': boot(lambda i: rmse(b, i) - rmse(a, i), len(y), [np.arange(len(y))]),
  'accuracy': boot(lambda i: acc(la, i) - acc(lb, i), len(t), [np.flatnonzero(t == c) for c in ('q', 'p')]),
}))`;
    const ref = JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify({ y, a, b, labels, la, lb }), encoding: 'utf8' })) as Record<string, [number, number]>;
    const ours = {
      rmse: pairedBootstrap(getMetric('rmse'), { yTrue: Float64Array.from(y), yPred: Float64Array.from(a), params: {}, rows: n }, { yTrue: Float64Array.from(y), yPred: Float64Array.from(b), params: {}, rows: n }, { ...OPTIONS, resamples }),
      accuracy: pairedBootstrap(getMetric('accuracy'), { yTrue: labels, yPred: la, params: {}, rows: n }, { yTrue: labels, yPred: lb, params: {}, rows: n }, { ...OPTIONS, resamples }),
    };
    for (const k of ['rmse', 'accuracy'] as const) {
      const [lo, hi] = ref[k];
      const width = hi - lo;
      // 4000 resamples: the 2.5 % and 97.5 % quantiles move by a few % of the width between RNGs
      expect(Math.abs(ours[k].lo - lo), `${k} lo ${ours[k].lo} vs numpy ${lo}`).toBeLessThan(0.1 * width);
      expect(Math.abs(ours[k].hi - hi), `${k} hi ${ours[k].hi} vs numpy ${hi}`).toBeLessThan(0.1 * width);
    }
  });
});
