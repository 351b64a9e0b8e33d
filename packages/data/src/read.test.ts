import { describe, expect, it } from 'vitest';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetError } from '@mle-smith/core';
import { profileDataset } from './profile.js';
import { readCsvColumns } from './csv-columns.js';
import { withDuckDb } from './session.js';
import { dataset, tempDir } from './test-helpers.js';

describe('reading formats', () => {
  it('reads CSV, TSV, semicolon, Parquet, JSON and JSONL tables of one folder', async () => {
    const dir = await dataset({
      'a.csv': 'x,y\n1,foo\n2,bar\n',
      'b.tsv': 'x\ty\n1\tfoo\n2\tbar\n',
      'c semi.csv': 'x;y\n1;"foo;1"\n2;"bar\nbaz"\n',
      'd.json': JSON.stringify([{ x: 1, y: 'foo' }, { x: 2, y: 'bar' }]),
      'e.jsonl': '{"x":1,"y":"foo"}\n{"x":2,"y":"bar"}\n',
    });
    await withDuckDb(async (db) => {
      await db.run(`COPY (SELECT * FROM (VALUES (1, 'foo'), (2, 'bar')) t(x, y)) TO '${join(dir, 'f.parquet')}' (FORMAT parquet)`);
    });
    const p = await profileDataset(dir);
    expect(p.tables.map((t) => [t.name, t.format, t.rowCount, t.columns.map((c) => c.name).join('|')])).toEqual([
      ['a', 'csv', 2, 'x|y'],
      ['b', 'tsv', 2, 'x|y'],
      ['c_semi', 'csv', 2, 'x|y'],
      ['d', 'json', 2, 'x|y'],
      ['e', 'jsonl', 2, 'x|y'],
      ['f', 'parquet', 2, 'x|y'],
    ]);
    const semi = p.tables[2];
    expect(semi.columns[1].topValues.map((v) => v.value).sort()).toEqual(['bar\nbaz', 'foo;1']);
  });

  it('reads a single file as a dataset', async () => {
    const dir = await dataset({ 'My Data-2021.csv': 'a,b\n1,2\n3,4\n' });
    const p = await profileDataset(join(dir, 'My Data-2021.csv'));
    expect(p.tables[0].name).toBe('my_data_2021');
    expect(p.name).toBe('My Data-2021');
  });

  it('accepts a header-less CSV with generated names', async () => {
    const dir = await dataset({ 'n.csv': '1,2,3\n4,5,6\n7,8,9\n' });
    const [t] = (await profileDataset(dir)).tables;
    expect(t.columns.map((c) => c.name)).toEqual(['column0', 'column1', 'column2']);
    expect(t.rowCount).toBe(3);
  });
});

describe('readCsvColumns', () => {
  it('returns numeric columns as Float64Array and keeps file order', async () => {
    const dir = await dataset({ 's.csv': 'id,p,label\n3,0.25,b\n1,,a\n2,1e-3,"c,d"\n' });
    const r = await readCsvColumns(join(dir, 's.csv'));
    expect(r.names).toEqual(['id', 'p', 'label']);
    expect(r.rowCount).toBe(3);
    expect(r.columns.id).toBeInstanceOf(Float64Array);
    expect(Array.from(r.columns.id as Float64Array)).toEqual([3, 1, 2]);
    const p = r.columns.p as Float64Array;
    expect(p[0]).toBe(0.25);
    expect(Number.isNaN(p[1])).toBe(true);
    expect(p[2]).toBe(0.001);
    expect(r.columns.label).toEqual(['b', 'a', 'c,d']);
  });

  it('reads everything as text with allVarchar', async () => {
    const dir = await dataset({ 's.csv': 'id,p\n007,1.50\n008,2\n' });
    const r = await readCsvColumns(join(dir, 's.csv'), { allVarchar: true });
    expect(r.columns).toEqual({ id: ['007', '008'], p: ['1.50', '2'] });
  });

  it('sniffs tab and semicolon delimiters', async () => {
    const dir = await dataset({ 't.tsv': 'id\tv\n1\t2.5\n2\t3.5\n', 's.csv': 'id;v\n1;"x;y"\n2;z\n' });
    expect(Array.from((await readCsvColumns(join(dir, 't.tsv'))).columns.v as Float64Array)).toEqual([2.5, 3.5]);
    expect((await readCsvColumns(join(dir, 's.csv'))).columns.v).toEqual(['x;y', 'z']);
  });

  it('reads a large file columnar', async () => {
    const dir = await tempDir();
    const file = join(dir, 'big.csv');
    await withDuckDb(async (db) => {
      await db.run(`COPY (SELECT range AS id, range / 4.0 AS p FROM range(300000)) TO '${file}' (HEADER)`);
    });
    const r = await readCsvColumns(file);
    expect(r.rowCount).toBe(300000);
    const p = r.columns.p as Float64Array;
    expect(p.length).toBe(300000);
    expect(p[299999]).toBe(299999 / 4);
  });

  it('rejects ragged rows with the line number', async () => {
    const dir = await dataset({ 'r.csv': 'id,p\n1,0.5\n2\n3,0.1\n' });
    await expect(readCsvColumns(join(dir, 'r.csv'))).rejects.toThrow(/r\.csv: ragged row \(line 3\): expected 2 fields, found 1/);
  });

  it('rejects a submission without a header row', async () => {
    const dir = await dataset({ 'h.csv': '1,0.5\n2,0.7\n' });
    await expect(readCsvColumns(join(dir, 'h.csv'))).rejects.toThrow(/no header row/);
  });

  it('rejects a missing file', async () => {
    await expect(readCsvColumns('/nonexistent/x.csv')).rejects.toBeInstanceOf(DatasetError);
  });
});

describe('dataset validation errors', () => {
  const cases: Array<[string, Record<string, string | Buffer>, RegExp]> = [
    ['empty file', { 'e.csv': '' }, /e\.csv: empty file/],
    ['header only', { 'h.csv': 'a,b,c\n' }, /h\.csv: header only: the table has no data rows/],
    ['ragged rows', { 'r.csv': 'a,b,c\n1,2,3\n4,5\n6,7,8\n' }, /r\.csv: ragged row \(line 3\): expected 3 fields, found 2/],
    ['a single column', { 's.csv': 'a\n1\n2\n' }, /s\.csv: only one column/],
    ['duplicate column names', { 'd.csv': 'a,b,a\n1,2,3\n' }, /d\.csv: duplicate column name "a"/],
    ['invalid UTF-8', { 'u.csv': Buffer.from('a,b\n1,2\n3,\xff\xfe\n', 'latin1') }, /u\.csv: is not valid UTF-8/],
    ['a binary file', { 'b.csv': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 10, 44, 10]) }, /b\.csv: binary file, not a text table/],
    ['no readable tables or media', { 'notes.bin': 'x', 'README.md': 'hello' }, /no readable tables .* or media files/],
    ['a fake parquet file', { 'p.parquet': 'a,b\n1,2\n' }, /p\.parquet: not a Parquet file/],
  ];
  for (const [name, files, message] of cases) {
    it(`names the file and the problem: ${name}`, async () => {
      const dir = await dataset(files);
      const err = await profileDataset(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatasetError);
      expect((err as Error).message).toMatch(message);
    });
  }

  it('keeps two columns whose names differ only in case, the later one renamed', async () => {
    const dir = await dataset({ 'v.csv': 'Var.Maxis,Var.maxis,y\n1,2,a\n3,4,b\n5,6,a\n' });
    const profile = await profileDataset(dir);
    expect(profile.tables[0].columns.map((c) => c.name)).toEqual(['Var.Maxis', 'Var.maxis_1', 'y']);
  });

  it('reports ragged rows far past the sniffer sample', async () => {
    const rows = ['a,b,c', ...Array.from({ length: 30000 }, (_, i) => `${i},${i * 2},x${i % 5}`), '1,2', '3,4,5'];
    const dir = await dataset({ 'late.csv': rows.join('\n') + '\n' });
    await expect(profileDataset(dir)).rejects.toThrow(/late\.csv: ragged row \(line 30002\): expected 3 fields, found 2/);
  });

  it('refuses a symlink pointing outside the dataset folder', async () => {
    const outside = await dataset({ 'secret.csv': 'a,b\n1,2\n' });
    const dir = await dataset({ 'ok.csv': 'a,b\n1,2\n' });
    await symlink(join(outside, 'secret.csv'), join(dir, 'link.csv'));
    await expect(profileDataset(dir)).rejects.toThrow(/link\.csv: symlink points outside the dataset folder/);
  });

  it('follows a symlink that stays inside the folder', async () => {
    const dir = await dataset({ 'data/ok.csv': 'a,b\n1,2\n' });
    await symlink(join(dir, 'data/ok.csv'), join(dir, 'alias.csv'));
    const p = await profileDataset(dir);
    expect(p.tables.map((t) => t.name)).toEqual(['alias', 'ok']);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(profileDataset('/nonexistent/dataset')).rejects.toBeInstanceOf(DatasetError);
  });

  it('reports an empty JSON table', async () => {
    const dir = await dataset({ 'j.json': '[]' });
    const err = await profileDataset(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(/^j\.json: /);
  });

  it('disambiguates tables with the same stem in different folders', async () => {
    const dir = await dataset({ 'train/data.csv': 'a,b\n1,2\n', 'test/data.csv': 'a,b\n3,4\n' });
    await writeFile(join(dir, 'x.csv'), 'a,b\n1,2\n');
    const p = await profileDataset(dir);
    expect(p.tables.map((t) => [t.name, t.file])).toEqual([
      ['test_data', 'test/data.csv'],
      ['train_data', 'train/data.csv'],
      ['x', 'x.csv'],
    ]);
  });
});
