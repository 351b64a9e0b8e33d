// The grader on hostile or broken input: overflowing predictions, oversized or non-regular
// submissions, and untrusted manifests and answers files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, openSync, closeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGrader, loadManifest, submissionCap } from './grader.js';

const root = mkdtempSync(join(tmpdir(), 'metrics-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

function task(metric: string, answers: string, manifest: unknown = undefined): string {
  const dir = join(root, `task${seq++}`);
  mkdirSync(join(dir, 'private'), { recursive: true });
  const m = manifest ?? {
    id: 't', title: 't', modality: 'tabular', objective: 'regression', target: 'y',
    metric: { name: metric, higherIsBetter: false, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] },
    split: { strategy: 'random', testFraction: 0.2, seed: 0 }, source: { dataset: 't', files: [] },
    files: [{ path: 'private/answers.csv', sha256: '0'.repeat(64) }],
  };
  writeFileSync(join(dir, 'task.json'), typeof m === 'string' ? m : JSON.stringify(m));
  writeFileSync(join(dir, 'private', 'answers.csv'), answers);
  return dir;
}

function file(text: string): string {
  const p = join(root, `sub${seq++}.csv`);
  writeFileSync(p, text);
  return p;
}

const grader = createGrader();
const answers = 'id,y\n1,1.5\n2,2.5\n3,3.5\n4,4.5\n';

describe('numbers: a score is finite or the submission is invalid with a reason', () => {
  it('1e200 in rmse (in order: the fast path) is invalid and names the line and column', async () => {
    const dir = task('rmse', answers);
    const r = await grader.grade(dir, file('id,y\n1,1.5\n2,1e200\n3,3.5\n4,4.5\n'));
    expect(r.valid).toBe(false);
    expect(r.score).toBeUndefined();
    expect(r.error).toMatch(/^line 3, column "y": 1e\+200 is too large for rmse/);
  });

  it('1e200 in shuffled rows names the submission line, not the answers row', async () => {
    const dir = task('rmse', answers);
    const r = await grader.grade(dir, file('id,y\n4,4.5\n3,3.5\n1,1e200\n2,2.5\n'));
    expect(r).toMatchObject({ valid: false });
    expect(r.error).toMatch(/^line 4, column "y"/);
  });

  it('1e200 in mae stays valid when the score is finite, and -1e308 pairs overflow', async () => {
    const dir = task('mae', answers);
    const ok = await grader.grade(dir, file('id,y\n1,1e200\n2,2.5\n3,3.5\n4,4.5\n'));
    expect(ok.valid).toBe(true);
    expect(Number.isFinite(ok.score)).toBe(true);
    const over = await grader.grade(dir, file('id,y\n1,1e308\n2,-1e308\n3,1e308\n4,4.5\n'));
    expect(over.valid).toBe(false);
    expect(over.error).toMatch(/line 2, column "y"/);
  });
});

describe('submission size cap and file kinds', () => {
  it('refuses a submission over the cap before reading it (1 GB, sparse)', async () => {
    const dir = task('rmse', answers);
    const big = join(root, 'big.csv');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const r = await grader.grade(dir, big);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    expect(r.valid).toBe(false);
    expect(r.error).toMatch(/over this task's cap of \d+ bytes/);
    expect(submissionCap(answers.length, 1)).toBe(16 * 1024 * 1024 + 64 * answers.length);
  });

  it('valid-looking rows just over the cap (a few MB for a small answers file) are refused without being parsed', async () => {
    const dir = task('rmse', answers);
    const big = join(root, 'rows.csv');
    const cap = submissionCap(answers.length, 1);
    execFileSync('sh', ['-c', `(echo id,y; yes 5,1.0) | head -c ${cap + 1024} > ${big}`]);
    const started = Date.now();
    const r = await grader.grade(dir, big);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.valid).toBe(false);
    expect(r.error).toMatch(new RegExp(`is ${cap + 1024} bytes, over this task's cap of ${cap} bytes`));
    rmSync(big);
  });

  it('a large submission under the cap is graded streamed, memory bounded (the 1 GB case: bench/grade-1gb.mjs)', async () => {
    const rows = 200_000;
    const lines = (value: (i: number) => string) => Array.from({ length: rows }, (_, i) => `${i + 1},${value(i)}`).join('\n');
    const dir = task('rmse', `id,y\n${lines((i) => String(i % 100))}\n`);
    // 60-digit predictions: 13 MB of valid rows, in shuffled blocks so the in-order fast path declines
    const sub = join(root, 'long.csv');
    const body = lines((i) => `${i % 100}.${'0'.repeat(58)}1`).split('\n');
    writeFileSync(sub, `id,y\n${[...body.slice(rows / 2), ...body.slice(0, rows / 2)].join('\n')}\n`);
    const before = process.memoryUsage().rss;
    const r = await grader.grade(dir, sub);
    expect(r).toMatchObject({ valid: true });
    expect(r.score).toBeLessThan(1e-9);
    expect(process.memoryUsage().rss - before).toBeLessThan(96 * 1024 * 1024);
    rmSync(sub);
  }, 60_000);

  it('a FIFO submission is invalid at once instead of blocking', async () => {
    const dir = task('rmse', answers);
    const fifo = join(root, 'sub.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await grader.grade(dir, fifo);
    expect(r).toMatchObject({ valid: false, error: expect.stringMatching(/not a regular file/) });
  });
});

describe('untrusted packages', () => {
  it('a symlinked private/answers.csv is refused, and the host file is never quoted', async () => {
    const secret = join(root, 'secret.txt');
    writeFileSync(secret, 'id,y\nTOPSECRET,1\n');
    const dir = task('rmse', answers);
    rmSync(join(dir, 'private', 'answers.csv'));
    symlinkSync(secret, join(dir, 'private', 'answers.csv'));
    const err = await grader.grade(dir, file('id,y\nTOPSECRET,1\n')).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/private\/answers.csv is a symbolic link/);
    expect((err as Error).message).not.toMatch(/TOPSECRET/);
  });

  it.each([['{}', /must have required property 'id'/], ['null', /at \/: must be an object, got null/], ['[1]', /got an array/], ['{"id": "../../../../tmp/x"}', /at \/: must have required property/]])(
    'task.json %s is one clear DatasetError line',
    async (text, pattern) => {
      const dir = task('rmse', answers, text);
      const err = await loadManifest(dir).catch((e: Error) => e);
      expect((err as Error).name).toBe('DatasetError');
      expect((err as Error).message).toMatch(pattern);
      expect((err as Error).message.split('\n')).toHaveLength(1);
    },
  );

  it('a complete manifest with a traversal id or file path names the field', async () => {
    const good = JSON.parse(JSON.stringify({
      id: 't', title: 't', modality: 'tabular', objective: 'regression', target: 'y', metric: { name: 'rmse', higherIsBetter: false },
      submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] }, split: { strategy: 'random', testFraction: 0.2, seed: 0 },
      source: { dataset: 't', files: [] }, files: [{ path: 'private/answers.csv', sha256: '0'.repeat(64) }],
    }));
    const badId = await loadManifest(task('rmse', answers, { ...good, id: '../../../../tmp/x' })).catch((e: Error) => e);
    expect((badId as Error).message).toMatch(/task.json is not a valid task manifest: at \/id: must match pattern/);
    const badPath = await loadManifest(task('rmse', answers, { ...good, files: [{ path: 'public/../../../../etc/passwd', sha256: '0'.repeat(64) }] })).catch((e: Error) => e);
    expect((badPath as Error).message).toMatch(/at \/files\/0\/path: must match pattern/);
  });
});
