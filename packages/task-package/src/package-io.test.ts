import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '@mle-smith/core';
import { MissingFileError, formatNumber, withPackage } from './package-io.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'task-package-'));
  await mkdir(join(dir, 'public'));
  await writeFile(join(dir, 'public/train.csv'), 'id,x,y\n1,0.5,a\n2,1.5,b\n');
  await writeFile(join(dir, 'public/test.csv'), 'id,x\n3,"1,5\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('withPackage', () => {
  it('loads package files as tables with columns, types and row counts', async () => {
    const t = await withPackage(dir, ['train'], async (_db, tables) => tables.train, { varchar: false });
    expect(t).toMatchObject({ name: 'train', file: 'public/train.csv', columns: ['id', 'x', 'y'], rows: 2 });
    expect(t.types.x).toBe('DOUBLE');
  });
  it('throws MissingFileError (a DatasetError) for a missing file and a DatasetError for a broken CSV', async () => {
    const missing = withPackage(dir, ['answers'], async () => 0);
    await expect(missing).rejects.toBeInstanceOf(MissingFileError);
    await expect(missing).rejects.toBeInstanceOf(DatasetError);
    await expect(withPackage(dir, ['test'], async () => 0)).rejects.toThrow(/public\/test\.csv: could not be read/);
  });
});

it('formatNumber keeps four significant digits', () => {
  expect(formatNumber(0.123456)).toBe('0.1235');
  expect(formatNumber(Number.NaN)).toBe('NaN');
});
