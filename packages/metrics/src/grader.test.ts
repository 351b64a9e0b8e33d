// The grader end to end on small task packages written to a temp dir: scores, id joins, and
// every validation rule's message.
import type { TaskManifest } from '@mle-smith/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alignSubmission, createGrader, gradeSubmission, loadManifest } from './grader.js';
import { fastGrade } from './fast-grade.js';
import { createMetricRegistry } from './registry.js';
import { logLoss, rocAuc } from './probability.js';
import { rmse } from './regression.js';

const root = mkdtempSync(join(tmpdir(), 'metrics-grader-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

type Sub = Pick<TaskManifest, 'objective' | 'target' | 'submission'> & { metric: string; params?: Record<string, unknown> };

function task(spec: Sub, answers: string): string {
  const dir = join(root, `task${seq++}`);
  mkdirSync(join(dir, 'private'), { recursive: true });
  const manifest = {
    id: 't', title: 't', modality: 'tabular', objective: spec.objective, target: spec.target,
    metric: { name: spec.metric, higherIsBetter: true, params: spec.params ?? {} }, submission: spec.submission,
    split: { strategy: 'random', testFraction: 0.2, seed: 0 }, source: { dataset: 't', files: [] },
    files: [{ path: 'private/answers.csv', sha256: '0'.repeat(64) }],
  };
  writeFileSync(join(dir, 'task.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'private', 'answers.csv'), answers);
  return dir;
}

function file(text: string | Buffer): string {
  const p = join(root, `sub${seq++}.csv`);
  writeFileSync(p, text);
  return p;
}

const binary = task(
  { objective: 'binary', target: 'y', metric: 'roc_auc', submission: { idColumn: 'id', predictionColumns: [{ name: 'p', type: 'probability' }], classes: ['0', '1'] } },
  'id,y\n1,0\n2,1\n3,0\n4,1\n5,1\n6,0\n',
);
const regression = task(
  { objective: 'regression', target: 'y', metric: 'rmse', submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] } },
  'id,y\n10,1.5\n11,2.5\n12,-3\n',
);
const multiclass = task(
  {
    objective: 'multiclass', target: 'species', metric: 'log_loss',
    submission: { idColumn: 'id', predictionColumns: ['a', 'b', 'c'].map((name) => ({ name, type: 'probability' as const })), classes: ['a', 'b', 'c'] },
  },
  'id,species\nx1,a\nx2,b\nx3,c\nx4,a\n',
);
const labels = task(
  { objective: 'multiclass', target: 'grade', metric: 'cohen_kappa_quadratic', submission: { idColumn: 'id', predictionColumns: [{ name: 'grade', type: 'string' }], classes: ['1', '10', '2', '3'] } },
  'id,grade\na,1\nb,2\nc,3\nd,10\ne,2\n',
);

async function invalid(dir: string, text: string | Buffer): Promise<string> {
  const r = await gradeSubmission(dir, file(text));
  expect(r.valid).toBe(false);
  return r.error ?? '';
}

describe('grading valid submissions', () => {
  it('scores binary roc_auc, joining by id rather than row order', async () => {
    const r = await gradeSubmission(binary, file('id,p\n6,0.2\n5,0.9\n4,0.4\n3,0.4\n2,0.8\n1,0.1\n'));
    expect(r).toEqual({ valid: true, metric: 'roc_auc', higherIsBetter: true, score: rocAuc([0, 1, 0, 1, 1, 0], [0.1, 0.8, 0.4, 0.4, 0.9, 0.2]) });
  });
  it('accepts columns in another order', async () => {
    const r = await gradeSubmission(binary, file('p,id\n0.1,1\n0.8,2\n0.4,3\n0.4,4\n0.9,5\n0.2,6\n'));
    expect(r.valid).toBe(true);
    expect(r.score).toBeCloseTo(rocAuc([0, 1, 0, 1, 1, 0], [0.1, 0.8, 0.4, 0.4, 0.9, 0.2]), 12);
  });
  it('scores rmse and multiclass log_loss', async () => {
    const r = await gradeSubmission(regression, file('id,y\n12,-2\n10,1\n11,2.5\n'));
    expect(r.score).toBeCloseTo(rmse([1.5, 2.5, -3], [1, 2.5, -2]), 12);
    const m = await gradeSubmission(multiclass, file('id,a,b,c\nx4,0.5,0.25,0.25\nx1,0.7,0.2,0.1\nx2,0.1,0.8,0.1\nx3,0,0,1\n'));
    expect(m.metric).toBe('log_loss');
    expect(m.higherIsBetter).toBe(false);
    expect(m.score).toBeCloseTo(logLoss(['a', 'b', 'c', 'a'], [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0, 0, 1], [0.5, 0.25, 0.25]], { classes: ['a', 'b', 'c'] }), 12);
  });
  it('treats numeric classes as an ordinal scale for quadratic kappa', async () => {
    const r = await gradeSubmission(labels, file('id,grade\na,1\nb,2\nc,3\nd,10\ne,2\n'));
    expect(r.score).toBe(1);
    const worse = await gradeSubmission(labels, file('id,grade\na,10\nb,2\nc,3\nd,1\ne,2\n'));
    expect(worse.score!).toBeLessThan(0);
  });
  it('uses a given manifest and a custom registry', async () => {
    const grader = createGrader();
    const r = await grader.grade(binary, file('id,p\n1,0\n2,1\n3,0\n4,1\n5,1\n6,0\n'));
    expect(r.score).toBe(1);
  });
  it('grades ranking and multilabel submissions', async () => {
    const rank = task(
      { objective: 'ranking', target: 'relevant', metric: 'map@2', submission: { idColumn: 'query', predictionColumns: [{ name: 'ranking', type: 'label-list' }] } },
      'query,relevant\nq1,a b\nq2,c\n',
    );
    const r = await gradeSubmission(rank, file('query,ranking\nq2,x c\nq1,a z b\n'));
    // q1: top 2 = [a, z], one hit at rank 1 → 1 / min(2, 2) = 0.5; q2: hit at rank 2 → (1/2) / 1 = 0.5
    expect(r.score).toBeCloseTo(0.5, 12);
    const ml = task(
      { objective: 'multilabel', target: 'tags', metric: 'f1_samples', submission: { idColumn: 'id', predictionColumns: [{ name: 'tags', type: 'label-list' }], classes: ['x', 'y', 'z'] } },
      'id,tags\n1,x y\n2,z\n',
    );
    expect((await gradeSubmission(ml, file('id,tags\n1,x\n2,z\n'))).score).toBeCloseTo((2 / 3 + 1) / 2, 12);
    expect(await invalid(ml, 'id,tags\n1,x w\n2,z\n')).toBe('line 2, column "tags": label "w" is not one of the classes');
  });
});

describe('submission validation', () => {
  it('rejects empty, binary and header-less files', async () => {
    expect(await invalid(binary, '')).toMatch(/empty file/);
    expect(await invalid(binary, Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 0, 0]))).toMatch(/binary file/);
    expect(await invalid(binary, 'id,p\n')).toMatch(/no data rows/);
    expect(await invalid(binary, '1,0.5\n2,0.5\n3,0.1\n4,0.2\n5,0.3\n6,0.1\n')).toMatch(/line 1|header/);
  });
  it('names missing, misnamed and extra columns', async () => {
    expect(await invalid(binary, 'ID,p\n1,0.5\n')).toBe('line 1: missing id column "id" (found "ID": names are case- and space-sensitive); expected header "id", "p"');
    expect(await invalid(binary, 'id,prob\n1,0.5\n')).toMatch(/^line 1: missing prediction column "p"/);
    expect(await invalid(binary, 'id,p,q\n1,0.5,1\n')).toMatch(/^line 1: unexpected column "q"/);
  });
  it('names duplicated, missing and unknown ids', async () => {
    expect(await invalid(binary, 'id,p\n1,0.1\n2,0.1\n3,0.1\n2,0.1\n5,0.1\n6,0.1\n')).toBe('line 5, column "id": duplicate id "2" (first on line 3)');
    expect(await invalid(binary, 'id,p\n1,0.1\n2,0.1\n3,0.1\n4,0.1\n5,0.1\n')).toBe('submission has 5 data rows, expected 6; 1 test id is missing (e.g. "6")');
    expect(await invalid(binary, 'id,p\n1,0.1\n2,0.1\n3,0.1\n4,0.1\n5,0.1\n6,0.1\n70,0.1\n71,0.2\n')).toBe(
      'submission has 8 data rows, expected 6; 2 ids are not in the test set (e.g. "70" on line 8)',
    );
    expect(await invalid(multiclass, 'id,a,b,c\nx1,1,0,0\nx2,1,0,0\nx9,1,0,0\nx4,1,0,0\n')).toBe('1 id is not in the test set (e.g. "x9" on line 4); 1 test id is missing (e.g. "x3")');
    expect(await invalid(multiclass, 'id,a,b,c\nx1,1,0,0\nx2,1,0,0\nx1,1,0,0\nx4,1,0,0\n')).toBe('line 4, column "id": duplicate id "x1" (first on line 2)');
  });
  it('names bad numbers by line and column', async () => {
    expect(await invalid(regression, 'id,y\n10,1\n11,\n12,3\n')).toBe('line 3, column "y": empty value; a number is required');
    expect(await invalid(regression, 'id,y\n10,1\n11,2\n12,abc\n')).toBe('line 4, column "y": "abc" is not a number');
    expect(await invalid(regression, 'id,y\n10,1\n11,nan\n12,3\n')).toBe('line 3, column "y": "nan" is not a finite number (NaN and infinity are not allowed)');
    expect(await invalid(regression, 'id,y\n10,inf\n11,1\n12,3\n')).toMatch(/^line 2, column "y": "inf" is not a finite number/);
  });
  it('checks probability ranges and row sums', async () => {
    expect(await invalid(binary, 'id,p\n1,0.1\n2,1.2\n3,0.1\n4,0.1\n5,0.1\n6,0.1\n')).toBe('line 3, column "p": probability 1.2 is outside [0, 1]');
    expect(await invalid(multiclass, 'id,a,b,c\nx1,0.5,0.5,0\nx2,0.5,0.4,0\nx3,0,0,1\nx4,1,0,0\n')).toBe('line 3: class probabilities sum to 0.9, not 1 (tolerance 0.0001)');
    const ok = await gradeSubmission(multiclass, file('id,a,b,c\nx1,0.333333,0.333333,0.333333\nx2,0.5,0.5,0\nx3,0,0,1\nx4,1,0,0\n'));
    expect(ok.valid).toBe(true);
  });
  it('rejects labels outside the classes', async () => {
    expect(await invalid(labels, 'id,grade\na,1\nb,2\nc,4\nd,10\ne,2\n')).toBe('line 4, column "grade": label "4" is not one of the classes (1, 10, 2, 3)');
    expect(await invalid(labels, 'id,grade\na,1\nb,\nc,3\nd,10\ne,2\n')).toBe('line 3, column "grade": empty label');
  });
});

describe('fast path (ids in answers order, plain numeric files read side by side)', () => {
  // The fast path's own answer next to the general path's: equal to the bit, or undefined.
  async function bothPaths(dir: string, submission: string) {
    const manifest = await loadManifest(dir);
    const metric = createMetricRegistry().get(manifest.metric.name)!;
    const fast = await fastGrade(dir, submission, manifest, metric);
    const aligned = await alignSubmission(dir, submission, manifest, metric);
    return { fast, general: metric.score(aligned.yTrue, aligned.yPred, aligned.params) };
  }

  it('takes plain in-order submissions and scores them exactly as the general path', async () => {
    const n = 70_000; // several blocks of the pair scan
    let s = 3;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const ys = Array.from({ length: n }, () => (rnd() < 0.4 ? 1 : 0));
    const ps = ys.map((y) => (y ? rnd() * 0.7 + 0.3 : rnd() * 0.8));
    const auc = task(
      { objective: 'binary', target: 'y', metric: 'roc_auc', submission: { idColumn: 'id', predictionColumns: [{ name: 'p', type: 'probability' }], classes: ['0', '1'] } },
      'id,y\n' + ys.map((y, i) => `${i},${y}`).join('\n') + '\n',
    );
    const sub = file('id,p\n' + ps.map((p, i) => `${i},${p}`).join('\n') + '\n');
    const a = await bothPaths(auc, sub);
    expect(a.fast).toBeTypeOf('number');
    expect(a.fast).toBe(a.general);
    for (const metric of ['rmse', 'mae']) {
      const reg = task(
        { objective: 'regression', target: 'y', metric, submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] } },
        'id,y\n' + ps.map((p, i) => `${i},${(p * 300 - 100).toFixed(3)}`).join('\n') + '\n',
      );
      const r = await bothPaths(reg, file('id,y\n' + ps.map((p, i) => `${i},${p * 310 - 99}`).join('\n') + '\n'));
      expect(r.fast, metric).toBeTypeOf('number');
      expect(r.fast, metric).toBe(r.general);
    }
    // the same submission, quoted, is left to the general path (which scores it the same)
    const quoted = file('"id","p"\n' + ps.map((p, i) => `${i},"${p}"`).join('\n') + '\n');
    const q = await bothPaths(auc, quoted);
    expect(q.fast).toBeUndefined();
    expect(q.general).toBe(a.general);
  });

  it('agrees with the general path (shuffled rows) for roc_auc, rmse and mae, ties and -0 included', async () => {
    const n = 3000;
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const ys = Array.from({ length: n }, () => (rnd() < 0.3 ? 1 : 0));
    const ps = ys.map((y) => (y ? Math.round(rnd() * 50) / 100 + 0.3 : Math.round(rnd() * 60) / 100));
    ps[5] = 0;
    ps[6] = -0;
    const auc = task(
      { objective: 'binary', target: 'y', metric: 'roc_auc', submission: { idColumn: 'id', predictionColumns: [{ name: 'p', type: 'number' }], classes: ['0', '1'] } },
      'id,y\n' + ys.map((y, i) => `${i + 1},${y}`).join('\n') + '\n',
    );
    const lines = ps.map((p, i) => `${i + 1},${Object.is(p, -0) ? '-0.0' : p}`);
    const inOrder = await gradeSubmission(auc, file('id,p\n' + lines.join('\n') + '\n'));
    const shuffled = await gradeSubmission(auc, file('id,p\n' + [...lines].reverse().join('\n') + '\n'));
    expect(inOrder.valid && shuffled.valid).toBe(true);
    expect(inOrder.score).toBe(shuffled.score);
    expect(inOrder.score).toBe(rocAuc(ys, Float64Array.from(ps), { classes: ['0', '1'] }));
    for (const metric of ['rmse', 'mae']) {
      const reg = task(
        { objective: 'regression', target: 'y', metric, submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] } },
        'id,y\n' + ps.map((p, i) => `${i + 1},${p * 3 - 1}`).join('\n') + '\n',
      );
      const a = await gradeSubmission(reg, file('id,y\n' + lines.join('\n') + '\n'));
      const b = await gradeSubmission(reg, file('id,y\n' + [...lines].reverse().join('\n') + '\n'));
      expect(a.valid && b.valid).toBe(true);
      expect(Math.abs(a.score! - b.score!)).toBeLessThanOrEqual(1e-12 * Math.max(1, b.score!));
    }
  });

  it('leaves invalid in-order submissions to the general path and its messages', async () => {
    const r = await gradeSubmission(binary, file('id,p\n1,0.1\n2,0.9\n3,0.2\n4,1.5\n5,0.7\n6,0.3\n'));
    expect(r).toMatchObject({ valid: false, error: 'line 5, column "p": probability 1.5 is outside [0, 1]' });
    const short = await gradeSubmission(regression, file('id,y\n10,1\n11,2\n'));
    expect(short.valid).toBe(false);
    expect(short.error).toContain('submission has 2 data rows, expected 3');
  });
});
