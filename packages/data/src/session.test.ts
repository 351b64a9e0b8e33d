import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDuckDb } from './session.js';
import { tempDir } from './test-helpers.js';

describe('DuckDbSession.describe', () => {
  it('gives a wide table loaded from CSV its columns in order, with DESCRIBE type names, also without insertion order', async () => {
    // DESCRIBE of this table returned its 2,048-column chunks in any order (the wide-profile CI failure)
    const csv = join(await tempDir(), 'w.csv');
    const columns = await withDuckDb(
      async (db) => {
        const cols = Array.from({ length: 4999 }, (_, i) => `${i}.5 AS x${i}`);
        await db.run(`COPY (SELECT ${cols.join(', ')}, 'a' AS target FROM range(30)) TO '${csv}' (HEADER)`);
        await db.run(`CREATE TABLE w AS SELECT *, [1, 2] AS list FROM read_csv('${csv}')`);
        return db.describe('SELECT * FROM w');
      },
      { preserveInsertionOrder: false, onDisk: true },
    );
    expect(columns.map((c) => c.column_name)).toEqual([...Array.from({ length: 4999 }, (_, i) => `x${i}`), 'target', 'list']);
    expect(columns.slice(-3).map((c) => c.column_type)).toEqual(['DOUBLE', 'VARCHAR', 'INTEGER[]']);
  }, 120_000);
});
