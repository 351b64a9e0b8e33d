import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DatasetError } from '@mle-smith/core';
import { runReadOnlySql } from './readonly-sql.js';
import { withDuckDb } from './session.js';
import { dataset } from './test-helpers.js';

describe('read-only SQL over a dataset', () => {
  it('exposes each table as a view named like its profile', async () => {
    const dir = await dataset({ 'My Table.csv': 'a,b\n1,x\n2,y\n3,y\n', 'other.tsv': 'k\tv\n1\t2\n' });
    const r = await runReadOnlySql(dir, 'SELECT b, count(*) AS n FROM my_table GROUP BY b ORDER BY b');
    expect(r).toEqual({ columns: ['b', 'n'], rows: [['x', 1], ['y', 2]], truncated: false });
    const o = await runReadOnlySql(dir, 'SELECT * FROM other');
    expect(o.rows).toEqual([[1, 2]]);
  });

  it('truncates at maxRows', async () => {
    const dir = await dataset({ 't.csv': 'a,b\n' + Array.from({ length: 50 }, (_, i) => `${i},${i}`).join('\n') + '\n' });
    const r = await runReadOnlySql(dir, 'SELECT a FROM t ORDER BY a', { maxRows: 10 });
    expect(r.rows).toHaveLength(10);
    expect(r.truncated).toBe(true);
  });

  it('cannot read files outside the dataset, write, or change settings', async () => {
    const dir = await dataset({ 't.csv': 'a,b\n1,2\n' });
    await expect(runReadOnlySql(dir, "SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/disabled by configuration/);
    await expect(runReadOnlySql(dir, `COPY t TO '${join(dir, 'x.csv')}'`)).rejects.toThrow(/only SELECT/);
    await expect(runReadOnlySql(dir, 'SET enable_external_access = true')).rejects.toThrow(/only SELECT/);
    await expect(runReadOnlySql(dir, 'SELECT 1; SELECT 2')).rejects.toThrow(/exactly one SQL statement/);
    await expect(runReadOnlySql(dir, 'SELECT * FROM nope')).rejects.toBeInstanceOf(DatasetError);
  });

  it('locks the configuration of a withDuckDb session with readOnlyRawDir', async () => {
    const dir = await dataset({ 't.csv': 'a,b\n1,2\n' });
    await withDuckDb(
      async (db) => {
        expect(await db.all('SELECT a + b AS s FROM t')).toEqual([{ s: 3 }]);
        await expect(db.run('SET enable_external_access = true')).rejects.toThrow(/locked/);
        await expect(db.all("SELECT * FROM read_text('/etc/hostname')")).rejects.toThrow(/disabled by configuration/);
        const cols = await db.columns('SELECT a, b FROM t');
        expect(cols).toEqual({ names: ['a', 'b'], columns: [[1], [2]] });
      },
      { readOnlyRawDir: dir },
    );
  });
});
