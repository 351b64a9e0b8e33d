import { describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskSpec } from '@mle-smith/core';
import { DatasetError } from '@mle-smith/core';
import { materializeSplit } from './split.js';
import { checksumTree } from './checksum.js';
import { readCsvColumns } from './csv-columns.js';
import { withDuckDb } from './session.js';
import { dataset, rng, tempDir } from './test-helpers.js';

function spec(over: Partial<TaskSpec> = {}): TaskSpec {
  return {
    specVersion: 1,
    id: 't',
    title: 't',
    dataset: 'd',
    table: 'data',
    modality: 'tabular',
    objective: 'multiclass',
    target: { name: 'label', expression: 'label', sourceColumns: ['label'] },
    rowKey: [],
    features: [],
    derivedFeatures: [],
    dropColumns: [],
    metric: { name: 'accuracy' },
    split: { strategy: 'random', testFraction: 0.2, seed: 7 },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'label', type: 'string' }] },
    description: { overview: '' },
    ...over,
  };
}

/** 1,000 rows: a subject with 5 rows each, a day, two features, a 3-class label (class c is rare). */
function rows(): string[] {
  const r = rng(11);
  const out: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const x = Math.round(r() * 1000) / 100;
    const label = i % 20 === 0 ? 'c' : r() < 0.6 ? 'a' : 'b';
    out.push(`s${Math.floor(i / 5)},2024-01-${String((i % 28) + 1).padStart(2, '0')},${x},${Math.round(r() * 50)},${label}`);
  }
  return out;
}
const HEADER = 'subject,day,x,n,label';

async function raw(lines: string[]): Promise<string> {
  return dataset({ 'data.csv': [HEADER, ...lines].join('\n') + '\n' });
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const r = rng(seed);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

async function csvRows(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).trim().split('\n');
}

describe('materializeSplit', () => {
  it('writes train, test, sample submission and answers with consistent ids', async () => {
    const rawDir = await raw(rows());
    const out = await tempDir();
    const res = await materializeSplit(spec(), { rawDir, outDir: out });
    expect(res.classes).toEqual(['a', 'b', 'c']);
    expect(res.rows.train + res.rows.test).toBe(1000);
    const train = await csvRows(join(out, 'public/train.csv'));
    const test = await csvRows(join(out, 'public/test.csv'));
    const sample = await csvRows(join(out, 'public/sample_submission.csv'));
    const answers = await csvRows(join(out, 'private/answers.csv'));
    expect(train[0]).toBe('id,subject,day,x,n,label');
    expect(test[0]).toBe('id,subject,day,x,n');
    expect(sample[0]).toBe('id,label');
    expect(answers[0]).toBe('id,label');
    expect(train.length - 1).toBe(res.rows.train);
    expect(test.length - 1).toBe(res.rows.test);
    const ids = (ls: string[]) => ls.slice(1).map((l) => Number(l.split(',')[0]));
    expect(ids(sample)).toEqual(ids(test));
    expect(ids(answers)).toEqual(ids(test));
    const all = [...ids(train), ...ids(test)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    // Sorted by id in every file.
    expect(ids(train)).toEqual([...ids(train)].sort((a, b) => a - b));
    // The sample predicts the majority class of train.
    expect(new Set(sample.slice(1).map((l) => l.split(',')[1]))).toEqual(new Set(['a']));
    expect(await readdir(join(out))).toEqual(['private', 'public']);
  });

  it('is byte-identical across runs and independent of input row order', async () => {
    const lines = rows();
    const a = await raw(lines);
    const b = await raw(shuffled(lines, 3));
    const outs = [await tempDir(), await tempDir(), await tempDir()];
    for (const s of ['random', 'stratified', 'group', 'time'] as const) {
      const sp = spec({ split: { strategy: s, testFraction: 0.2, seed: 7, by: s === 'group' ? 'subject' : s === 'time' ? 'day' : undefined } });
      await materializeSplit(sp, { rawDir: a, outDir: outs[0] });
      await materializeSplit(sp, { rawDir: a, outDir: outs[1] });
      await materializeSplit(sp, { rawDir: b, outDir: outs[2] });
      const sums = await Promise.all(outs.map((o) => checksumTree(o)));
      expect(sums[1], s).toEqual(sums[0]);
      expect(sums[2], s).toEqual(sums[0]);
    }
  });

  it('random: a small table gets exactly round(rows × testFraction) test rows, whatever the seed', async () => {
    const rawDir = await raw(rows().slice(0, 60));
    for (const seed of [1, 2, 3, 4, 5]) {
      const res = await materializeSplit(spec({ split: { strategy: 'random', testFraction: 0.34, seed } }), { rawDir, outDir: await tempDir() });
      expect(res.rows, `seed ${seed}`).toEqual({ train: 40, test: 20 });
    }
  });

  it('changes the split with the seed', async () => {
    const rawDir = await raw(rows());
    const [o1, o2] = [await tempDir(), await tempDir()];
    await materializeSplit(spec(), { rawDir, outDir: o1 });
    await materializeSplit(spec({ split: { strategy: 'random', testFraction: 0.2, seed: 8 } }), { rawDir, outDir: o2 });
    expect(await readFile(join(o1, 'private/answers.csv'), 'utf8')).not.toBe(await readFile(join(o2, 'private/answers.csv'), 'utf8'));
  });

  it('stratified: every class gets about testFraction of its rows', async () => {
    const rawDir = await raw(rows());
    const out = await tempDir();
    await materializeSplit(spec({ split: { strategy: 'stratified', testFraction: 0.25, seed: 1 } }), { rawDir, outDir: out });
    const train = await readCsvColumns(join(out, 'public/train.csv'));
    const answers = await readCsvColumns(join(out, 'private/answers.csv'));
    const count = (xs: unknown[]) => xs.reduce<Record<string, number>>((m, x) => ((m[String(x)] = (m[String(x)] ?? 0) + 1), m), {});
    const tr = count(train.columns.label as unknown[]);
    const te = count(answers.columns.label as unknown[]);
    for (const c of ['a', 'b', 'c']) {
      const total = tr[c] + te[c];
      expect(Math.abs(te[c] - Math.round(total * 0.25)), c).toBeLessThanOrEqual(0);
    }
  });

  it('group: no group is on both sides', async () => {
    const rawDir = await raw(rows());
    const out = await tempDir();
    const res = await materializeSplit(spec({ split: { strategy: 'group', testFraction: 0.2, seed: 5, by: 'subject' } }), { rawDir, outDir: out });
    const train = await readCsvColumns(join(out, 'public/train.csv'));
    const test = await readCsvColumns(join(out, 'public/test.csv'));
    const trainGroups = new Set(train.columns.subject as string[]);
    const testGroups = new Set(test.columns.subject as string[]);
    expect([...testGroups].filter((g) => trainGroups.has(g))).toEqual([]);
    expect(res.rows.test / 1000).toBeGreaterThan(0.15);
    expect(res.rows.test / 1000).toBeLessThan(0.25);
  });

  it('group: a dominant group still leaves both sides rows, each file in id order', async () => {
    // two groups, one with 95% of the rows: the midpoint rule puts both in train, so the first
    // group in hash order becomes the test side and the table is sorted again
    const lines = Array.from({ length: 200 }, (_, i) => `${i < 190 ? 'big' : 'small'},${i},${i % 2 ? 'p' : 'q'}`);
    const rawDir = await dataset({ 'data.csv': ['g,x,label', ...lines].join('\n') + '\n' });
    const out = await tempDir();
    const res = await materializeSplit(spec({ split: { strategy: 'group', testFraction: 0.2, seed: 1, by: 'g' } }), { rawDir, outDir: out });
    expect(res.rows).toEqual({ train: 10, test: 190 }); // the big group first in hash order: the dominant-group path
    const [train, test, answers] = await Promise.all(['public/train.csv', 'public/test.csv', 'private/answers.csv'].map((f) => readCsvColumns(join(out, f))));
    const groups = (t: typeof train) => new Set(t.columns.g as string[]);
    expect([...groups(train)].filter((g) => groups(test).has(g))).toEqual([]);
    const ids = (t: typeof train) => [...(t.columns.id as Float64Array)];
    expect(ids(train)).toEqual(Array.from({ length: res.rows.train }, (_, i) => i + 1));
    expect(ids(test)).toEqual(Array.from({ length: res.rows.test }, (_, i) => res.rows.train + i + 1));
    expect(ids(answers)).toEqual(ids(test));
  });

  it('time: the test side holds the latest rows', async () => {
    const rawDir = await raw(rows());
    const out = await tempDir();
    await materializeSplit(spec({ split: { strategy: 'time', testFraction: 0.2, seed: 5, by: 'day' } }), { rawDir, outDir: out });
    const train = await readCsvColumns(join(out, 'public/train.csv'), { allVarchar: true });
    const test = await readCsvColumns(join(out, 'public/test.csv'), { allVarchar: true });
    const maxTrain = (train.columns.day as string[]).reduce((a, b) => (a > b ? a : b));
    const minTest = (test.columns.day as string[]).reduce((a, b) => (a < b ? a : b));
    expect(minTest > maxTrain).toBe(true);
  });

  it('applies filter, derived target, drops, derived features and row keys', async () => {
    const rawDir = await raw(rows());
    const out = await tempDir();
    const res = await materializeSplit(
      spec({
        objective: 'binary',
        target: { name: 'big_x', expression: 'CASE WHEN x > 5 THEN 1 ELSE 0 END', sourceColumns: ['x'] },
        filter: "label <> 'c'",
        dropColumns: ['label'],
        rowKey: ['subject', 'day', 'x', 'n', 'label'],
        derivedFeatures: [{ name: 'n_squared', expression: 'n * n' }],
        submission: { idColumn: 'row_id', predictionColumns: [{ name: 'big_x', type: 'probability' }] },
      }),
      { rawDir, outDir: out },
    );
    expect(res.classes).toEqual(['0', '1']);
    expect(res.rows.train + res.rows.test).toBe(950);
    const train = await csvRows(join(out, 'public/train.csv'));
    expect(train[0]).toBe('row_id,subject,day,n,n_squared,big_x');
    const sample = await csvRows(join(out, 'public/sample_submission.csv'));
    expect(sample[0]).toBe('row_id,big_x');
    const p = Number(sample[1].split(',')[1]);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it('writes the mean for regression and refuses bad specs', async () => {
    const rawDir = await raw(rows());
    const out = await tempDir();
    await materializeSplit(
      spec({ objective: 'regression', target: { name: 'x', expression: 'x', sourceColumns: ['x'] }, submission: { idColumn: 'id', predictionColumns: [{ name: 'x', type: 'number' }] } }),
      { rawDir, outDir: out },
    );
    const sample = await csvRows(join(out, 'public/sample_submission.csv'));
    const v = Number(sample[1].split(',')[1]);
    expect(v).toBeGreaterThan(3);
    expect(v).toBeLessThan(7);
    await expect(materializeSplit(spec({ table: 'nope' }), { rawDir, outDir: out })).rejects.toThrow(/spec.table "nope" is not a table/);
    await expect(materializeSplit(spec({ target: { name: 'y', expression: 'no_such_col + 1', sourceColumns: [] } }), { rawDir, outDir: out })).rejects.toThrow(
      /target.expression: invalid SQL expression/,
    );
    await expect(
      materializeSplit(spec({ filter: "true; COPY (SELECT 1) TO '/tmp/x.csv'" }), { rawDir, outDir: out }),
    ).rejects.toBeInstanceOf(DatasetError);
    await expect(materializeSplit(spec({ target: { name: 'y', expression: "(SELECT count(*) FROM read_csv('/etc/passwd'))", sourceColumns: [] } }), { rawDir, outDir: out })).rejects.toThrow(
      /disabled by configuration|Permission/,
    );
    await expect(materializeSplit(spec({ split: { strategy: 'group', testFraction: 0.2, seed: 1 } }), { rawDir, outDir: out })).rejects.toThrow(/split.by is required/);
  });

  it('copies CSV feature values as written; falls back to DuckDB\'s text where a cast from the text fails', async () => {
    const xs = ['.28', '1.50', '1e3', '-0.0', '7', '2.250', ''];
    const lines = Array.from({ length: 60 }, (_, i) => `${i},${xs[i % xs.length]},"a,${i % 3}",${String((i % 28) + 1).padStart(2, '0')}/01/2024,${i % 2 ? 'p' : 'q'}`);
    const rawDir = await dataset({ 'data.csv': ['k,x,s,d,label', ...lines].join('\n') + '\n' });
    const printed = (file: string) => csvRows(file).then((ls) => ls.slice(1));
    // random split: x, s and d exactly as in the file; the derived feature is DuckDB's text of the value
    const out = await tempDir();
    await materializeSplit(spec({ rowKey: ['k'], dropColumns: ['k'], derivedFeatures: [{ name: 'x2', expression: 'x * 2' }] }), { rawDir, outDir: out });
    const rows = [...(await printed(join(out, 'public/train.csv'))), ...(await printed(join(out, 'public/test.csv')))];
    const byX = new Map(rows.map((l) => [l.split(',')[1], l]));
    expect([...byX.keys()].sort()).toEqual([...xs].sort());
    expect(byX.get('.28')).toMatch(/^\d+,\.28,"a,\d",\d\d\/01\/2024,0\.56(,[pq])?$/);
    expect(byX.get('1e3')).toMatch(/,1e3,.*,2000\.0(,[pq])?$/);
    expect(byX.get('')).toMatch(/^\d+,,"a,\d",\d\d\/01\/2024,(,[pq])?$/); // a missing value stays an empty field
    // time split by d: DuckDB read d with the date format it sniffed, which a plain cast from the
    // text does not know, so every value is printed from the parsed table instead
    const timed = await tempDir();
    await materializeSplit(spec({ rowKey: ['k'], dropColumns: ['k'], split: { strategy: 'time', testFraction: 0.2, seed: 1, by: 'd' } }), { rawDir, outDir: timed });
    const test = await printed(join(timed, 'public/test.csv'));
    expect(test.length).toBeGreaterThan(0);
    for (const l of test) expect(l).toMatch(/^\d+,(0\.28|1\.5|1000\.0|-0\.0|7\.0|2\.25|),"a,\d",2024-01-(2[3-8])$/);
  });

  it('orders rows sharing a key by what they print, so input order never shows', async () => {
    // same key, same value once parsed, different text: the lines differ and must not swap places
    const lines = Array.from({ length: 400 }, (_, i) => `g${i % 7},${i % 2 ? '1.0' : '1'},${i % 5},${i % 3 ? 'p' : 'q'}`);
    const [a, b] = [await dataset({ 'data.csv': ['g,x,n,label', ...lines].join('\n') + '\n' }), await dataset({ 'data.csv': ['g,x,n,label', ...shuffled(lines, 5)].join('\n') + '\n' })];
    const s = spec({ rowKey: ['g'], split: { strategy: 'random', testFraction: 0.3, seed: 2 } });
    const [o1, o2] = [await tempDir(), await tempDir()];
    await materializeSplit(s, { rawDir: a, outDir: o1 });
    await materializeSplit(s, { rawDir: b, outDir: o2 });
    expect(await checksumTree(o2)).toEqual(await checksumTree(o1));
    expect(new Set((await csvRows(join(o1, 'public/train.csv'))).slice(1).map((l) => l.split(',')[2]))).toEqual(new Set(['1', '1.0']));
  });

  it('keeps ids sorted and output identical on a multi-chunk table read in parallel', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await withDuckDb(async (db) => {
      const q = `SELECT range AS k, (hash(range) % 1000) / 7.0 AS x, 'g' || (range % 97) AS g, CASE WHEN hash(range + 1) % 3 = 0 THEN 'p' ELSE 'q' END AS label FROM range(200000)`;
      await db.run(`COPY (${q} ORDER BY k) TO '${join(a, 'data.csv')}' (HEADER)`);
      await db.run(`COPY (${q} ORDER BY md5(CAST(k AS VARCHAR))) TO '${join(b, 'data.csv')}' (HEADER)`);
    });
    for (const s of [
      spec({ rowKey: ['k'], split: { strategy: 'random', testFraction: 0.3, seed: 1 } }),
      // A non-unique row key takes the tie-breaking path.
      spec({ rowKey: ['g'], split: { strategy: 'stratified', testFraction: 0.3, seed: 1 } }),
    ]) {
      const [o1, o2] = [await tempDir(), await tempDir()];
      const r = await materializeSplit(s, { rawDir: a, outDir: o1 });
      await materializeSplit(s, { rawDir: b, outDir: o2 });
      expect(await checksumTree(o2)).toEqual(await checksumTree(o1));
      const train = await readCsvColumns(join(o1, 'public/train.csv'));
      const ids = train.columns.id as Float64Array;
      expect(ids.length).toBe(r.rows.train);
      for (let i = 1; i < ids.length; i++) if (!(ids[i] > ids[i - 1])) throw new Error(`train ids not increasing at ${i}`);
      const test = await readCsvColumns(join(o1, 'public/test.csv'));
      const all = new Set([...ids, ...(test.columns.id as Float64Array)]);
      expect(all.size).toBe(200000);
    }
  });
});

