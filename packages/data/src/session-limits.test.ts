// Statements on untrusted SQL run under a time limit: a runaway cross join is interrupted and
// fails with one DatasetError line; the session stays usable and the memory limit is set.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '@mle-smith/core';
import { statementTimeoutMs, withDuckDb } from './session.js';

let raw: string;
beforeAll(async () => {
  raw = await mkdtemp(join(tmpdir(), 'duckdb-limits-'));
  await writeFile(join(raw, 't.csv'), 'a,b\n' + Array.from({ length: 200 }, (_, i) => `${i},${i * 2}`).join('\n') + '\n');
});
afterAll(() => rm(raw, { recursive: true, force: true }));

describe('statement time limit', () => {
  it('interrupts a 6-way cross join and names the limit; the next statement runs', async () => {
    await withDuckDb(async (db) => {
      const started = Date.now();
      const err = await db.all('SELECT count(*) FROM t a, t b, t c, t d, t e, t f WHERE a.a + f.b > -1').catch((e: Error) => e);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(err).toBeInstanceOf(DatasetError);
      expect((err as Error).message).toMatch(/^a SQL statement ran over its 0.5 s time limit and was interrupted: SELECT count/);
      expect(await db.all<{ n: number }>('SELECT count(*)::INT AS n FROM t')).toEqual([{ n: 200 }]);
      const [{ limit }] = await db.all<{ limit: string }>("SELECT current_setting('memory_limit') AS limit");
      expect(limit).toMatch(/iB|B$/);
    }, { readOnlyRawDir: raw, statementTimeoutMs: 500 });
  });

  it('defaults: 600 s for sessions on a raw dataset, none otherwise, the env variable overrides', () => {
    const saved = process.env.MLE_SMITH_DUCKDB_TIMEOUT_SEC;
    delete process.env.MLE_SMITH_DUCKDB_TIMEOUT_SEC;
    try {
      expect(statementTimeoutMs({ readOnlyRawDir: '/x' })).toBe(600_000);
      expect(statementTimeoutMs({})).toBeUndefined();
      process.env.MLE_SMITH_DUCKDB_TIMEOUT_SEC = '7';
      expect(statementTimeoutMs({})).toBe(7000);
      expect(statementTimeoutMs({ statementTimeoutMs: 0 })).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.MLE_SMITH_DUCKDB_TIMEOUT_SEC;
      else process.env.MLE_SMITH_DUCKDB_TIMEOUT_SEC = saved;
    }
  });
});
