// Each CSV dialect of docs/csv-dialects.md reads as the table it holds — in the profile, in SQL
// over the dataset and in a materialized split alike — and a file no dialect fits fails in one line.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetError, type TaskSpec } from '@mle-smith/core';
import { profileDataset } from './profile.js';
import { withDuckDb } from './session.js';
import { materializeSplit } from './split.js';
import { dataset, tempDir } from './test-helpers.js';

/** The one table of a dataset: column names and DuckDB types, and its rows (by the first column). */
async function read(files: Record<string, string | Buffer>): Promise<{ types: Record<string, string>; rows: Array<Record<string, unknown>> }> {
  const dir = await dataset(files);
  return withDuckDb(
    async (db) => {
      const [t] = db.tables;
      const schema = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM "${t.name}"`);
      const rows = await db.all(`SELECT * FROM "${t.name}" ORDER BY 1`);
      return { types: Object.fromEntries(schema.map((c) => [c.column_name, c.column_type])), rows };
    },
    { readOnlyRawDir: dir },
  );
}

describe('CSV dialects', () => {
  it('whitespace-separated with a quoted header: runs of spaces, quoted strings, NA and "." as missing numbers', async () => {
    const text = ['"dose" "weight" "group"', '1   2.5  "low dose"', '2  NA   "b"', '  3 .    "c"', '4 7e1 NA', ''].join('\n');
    const { types, rows } = await read({ 'trial.txt.csv': text });
    expect(types).toEqual({ dose: 'BIGINT', weight: 'DOUBLE', group: 'VARCHAR' });
    expect(rows).toEqual([
      { dose: 1, weight: 2.5, group: 'low dose' },
      { dose: 2, weight: null, group: 'b' },
      { dose: 3, weight: null, group: 'c' },
      { dose: 4, weight: 70, group: null },
    ]);
  });

  it('whitespace-separated as R writes it with row names: the header is one field short', async () => {
    const text = ['"height" "sex"', '"1" 1.62 "f"', '"2" 1.80 "m"', '"3" 1.75 "m"', ''].join('\n');
    const { types, rows } = await read({ 'people.csv': text });
    expect(types).toEqual({ row_name: 'BIGINT', height: 'DOUBLE', sex: 'VARCHAR' });
    expect(rows.map((r) => [r.row_name, r.height, r.sex])).toEqual([[1, 1.62, 'f'], [2, 1.8, 'm'], [3, 1.75, 'm']]);
  });

  it("single-quoted fields keep their delimiters", async () => {
    const { types, rows } = await read({ 'q.csv': "id,name,score\n1,'Smith, J',3.5\n2,'Lee',4\n3,'Ng, A',\n" });
    expect(types).toEqual({ id: 'BIGINT', name: 'VARCHAR', score: 'DOUBLE' });
    expect(rows).toEqual([
      { id: 1, name: 'Smith, J', score: 3.5 },
      { id: 2, name: 'Lee', score: 4 },
      { id: 3, name: 'Ng, A', score: null },
    ]);
  });

  it('semicolon-separated with a decimal comma', async () => {
    const { types, rows } = await read({ 'eu.csv': 'x;y;name\n1,5;2;a\n2,25;NA;b\n-0,75;3,5;c\n' });
    expect(types).toEqual({ x: 'DOUBLE', y: 'DOUBLE', name: 'VARCHAR' });
    expect(rows).toEqual([
      { x: -0.75, y: 3.5, name: 'c' },
      { x: 1.5, y: 2, name: 'a' },
      { x: 2.25, y: null, name: 'b' },
    ]);
  });

  it('comment lines before the header and between rows', async () => {
    const { types, rows } = await read({ 'c.csv': '# measured 2021\n# units: cm\na,b,c\n1,2,x\n# a note\n3,4,y\n5,6,z\n' });
    expect(types).toEqual({ a: 'BIGINT', b: 'BIGINT', c: 'VARCHAR' });
    expect(rows).toEqual([{ a: 1, b: 2, c: 'x' }, { a: 3, b: 4, c: 'y' }, { a: 5, b: 6, c: 'z' }]);
  });

  it('a UTF-8 byte order mark and CRLF line ends', async () => {
    const { types, rows } = await read({ 'w.csv': Buffer.from('\ufeffa,b\r\n1,x\r\n2,y\r\n', 'utf8') });
    expect(types).toEqual({ a: 'BIGINT', b: 'VARCHAR' });
    expect(rows).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
  });

  it('NA, "." and the empty field are missing numbers; a text column keeps its "." values', async () => {
    const { types, rows } = await read({ 'm.csv': 'k,n,t\n1,NA,.\n2,.,x\n3,,.\n4,2.5,y\n' });
    expect(types).toEqual({ k: 'BIGINT', n: 'DOUBLE', t: 'VARCHAR' });
    expect(rows).toEqual([
      { k: 1, n: null, t: '.' },
      { k: 2, n: null, t: 'x' },
      { k: 3, n: null, t: '.' },
      { k: 4, n: 2.5, t: 'y' },
    ]);
    const [table] = (await profileDataset(await dataset({ 'm.csv': 'k,n,t\n1,NA,.\n2,.,x\n3,,.\n4,2.5,y\n' }))).tables;
    expect(table.columns.map((c) => [c.name, c.inferredType, c.missingFraction])).toEqual([['k', 'integer', 0], ['n', 'float', 0.75], ['t', 'categorical', 0]]);
  });

  it('a file no dialect fits fails with one line naming it and the dialects tried', async () => {
    const dir = await dataset({ 'notes.csv': 'these are notes\nnot a table at all\nreally\n' });
    const err = await profileDataset(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    const message = (err as Error).message;
    expect(message).toMatch(/^notes\.csv: only one column; .*tried delimiters ",", tab, ";", "\|" and runs of whitespace/);
    expect(message).not.toContain('\n');
  });

  it('a ragged whitespace-separated file names the line', async () => {
    const rows = ['a b c', ...Array.from({ length: 30 }, (_, i) => `${i} ${i * 2} ${i % 3}`), '7 8', '1 2 3'];
    const err = await profileDataset(await dataset({ 'r.csv': rows.join('\n') + '\n' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toBe('r.csv: ragged row (line 32): expected 3 fields, found 2 (whitespace-separated)');
  });

  it('the split reads a table the way the profile does (whitespace, decimal comma, "." missing)', async () => {
    const lines = (sep: string, dec: (x: number) => string) =>
      Array.from({ length: 40 }, (_, i) => [String(i + 1), i % 9 === 4 ? '.' : dec(i / 4), i % 2 ? '"p q"' : '"r"'].join(sep));
    for (const [file, text] of [
      ['ws.csv', ['"k" "x" "label"', ...lines('   ', (x) => String(x))].join('\n') + '\n'],
      ['eu.csv', ['k;x;label', ...lines(';', (x) => String(x).replace('.', ','))].join('\n') + '\n'],
    ] as const) {
      const rawDir = await dataset({ [file]: text });
      const out = await tempDir();
      const spec: TaskSpec = {
        specVersion: 1, id: 't', title: 't', dataset: 'd', table: file.replace('.csv', ''), modality: 'tabular', objective: 'binary',
        target: { name: 'label', expression: 'label', sourceColumns: ['label'] }, rowKey: ['k'], features: ['k', 'x'], derivedFeatures: [], dropColumns: [],
        metric: { name: 'accuracy' }, split: { strategy: 'random', testFraction: 0.25, seed: 3 },
        submission: { idColumn: 'id', predictionColumns: [{ name: 'label', type: 'string' }] }, description: { overview: '' },
      };
      const result = await materializeSplit(spec, { rawDir, outDir: out });
      expect(result.classes, file).toEqual(['p q', 'r']);
      const train = (await readFile(join(out, 'public/train.csv'), 'utf8')).trim().split('\n');
      expect(train[0], file).toBe('id,k,x,label');
      // every line: id, k, x (a number, or empty where the file had "."), label (quotes removed)
      for (const l of train.slice(1)) {
        const [, k, x, label] = l.split(',');
        const i = Number(k) - 1;
        expect(x === '' ? null : Number(x), `${file} k=${k}`).toBe(i % 9 === 4 ? null : i / 4);
        expect(label, `${file} k=${k}`).toBe(i % 2 ? 'p q' : 'r');
      }
    }
  });
});
