import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskManifest } from '@mle-smith/core';
import { seriesKeySql, timeLayout, timeOrderSql } from './time-layout.js';
import { withPackage } from './package-io.js';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

/** The times of train and test, in the order timeOrderSql gives them (undefined: no order found). */
async function ordered(train: string[], test: string[]): Promise<string[] | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'time-layout-'));
  roots.push(dir);
  await mkdir(join(dir, 'public'));
  await writeFile(join(dir, 'public/train.csv'), ['t', ...train].join('\n') + '\n');
  await writeFile(join(dir, 'public/test.csv'), ['t', ...test].join('\n') + '\n');
  return withPackage(dir, ['train', 'test'], async (db, t) => {
    const order = await timeOrderSql(db, [t.train, t.test], 't');
    if (!order) return undefined;
    const rows = await db.all<{ t: string }>(`SELECT CAST(t AS VARCHAR) AS t FROM (SELECT t FROM train UNION ALL SELECT t FROM test) ORDER BY ${order}`);
    return rows.map((r) => r.t);
  });
}

describe('timeOrderSql', () => {
  it('orders numbers numerically, dates as dates, and fixed-width year-first text as text', async () => {
    expect(await ordered(['9', '10', '1999'], ['2000'])).toEqual(['9', '10', '1999', '2000']);
    expect(await ordered(['2024-01-02 10:00', '2023-12-31'], ['2024-01-02 09:00'])).toEqual(['2023-12-31', '2024-01-02 09:00', '2024-01-02 10:00']);
    expect(await ordered(['2024-05', '2023-12'], ['2024-11'])).toEqual(['2023-12', '2024-05', '2024-11']);
    expect(await ordered(['1996Q1', '1995Q4'], ['1996Q2'])).toEqual(['1995Q4', '1996Q1', '1996Q2']);
  });

  it('finds no order for text dates that do not start with the year, or year-first text of mixed width', async () => {
    expect(await ordered(['Jan-1-1995', 'Feb-1-1995'], ['Mar-1-1995'])).toBeUndefined();
    expect(await ordered(['2024-5', '2024-12'], ['2025-1'])).toBeUndefined();
  });
});

describe('timeLayout', () => {
  const base = { split: { strategy: 'random', testFraction: 0.2, seed: 0 } } as unknown as TaskManifest;
  it('reads task.json timeseries, else a time split by a column, else nothing', () => {
    const timeseries = { timeColumn: 'week', seriesColumns: ['store'], frequency: 'W', horizon: 8, seasonalPeriod: 4 };
    expect(timeLayout({ ...base, timeseries })).toEqual({ timeColumn: 'week', seriesColumns: ['store'], horizon: 8 });
    expect(timeLayout({ ...base, split: { strategy: 'time', by: 'day', testFraction: 0.2, seed: 0 } })).toEqual({ timeColumn: 'day', seriesColumns: [] });
    expect(timeLayout(base)).toBeUndefined();
    expect(seriesKeySql([])).toBe(`'all'`);
    expect(seriesKeySql(['a', 'b'])).toBe(`coalesce(CAST("a" AS VARCHAR), '') || '|' || coalesce(CAST("b" AS VARCHAR), '')`);
  });
});
