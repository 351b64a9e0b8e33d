// Wide tables (issue 18): more than 100 columns are profiled from the table unpivoted to (column,
// value) pairs, one grouped query per column type, instead of 100-column batches whose cost grew
// faster than the cells (5,000 columns × 300 rows failed with a 976 MiB allocation).
import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '@mle-smith/core';
import { profileDataset } from './profile.js';
import { join } from 'node:path';
import { withDuckDb } from './session.js';
import { dataset, rng, tempDir } from './test-helpers.js';

/** Column j of a generated table: a mix of every kind the profile treats differently. */
function cell(j: number, i: number, r: () => number): string {
  // past the first 16, constant columns: neither candidates nor probed features (keeps the test fast)
  if (j >= 16) return String(j);
  switch (j % 8) {
    case 0: return String(i + 1); // unique integers: an exact distinct count
    case 1: return `code${String(i * 7919 % 100003).padStart(6, '0')}`; // unique strings
    case 2: return r().toFixed(6); // many distinct floats: an estimate, no top values
    case 3: return i % 17 === 0 ? '' : String(Math.floor(r() * 5)); // few integers with gaps
    case 4: return ['red', 'green', 'blue'][Math.floor(r() * 3)];
    case 5: return r() < 0.5 ? 'true' : 'false';
    case 6: return i === 3 ? 'nan' : i === 4 ? 'inf' : (r() * 100).toFixed(2);
    default: return `2020-01-${String((i % 28) + 1).padStart(2, '0')}`;
  }
}

function table(columns: number, rows: number, seed: number): string {
  const r = rng(seed);
  const lines = [Array.from({ length: columns }, (_, j) => `c${j}`).join(',')];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: columns }, (_, j) => cell(j, i, r)).join(','));
  return `${lines.join('\n')}\n`;
}

/** What a column's statistics are, without what depends on its neighbours (roles, candidates). */
function stats(c: ColumnProfile): Partial<ColumnProfile> {
  const { role: _role, roleReason: _reason, ...rest } = c;
  return rest;
}

describe('wide tables', () => {
  it('the unpivoted profile of 101 columns gives every column the statistics the 100-column batch gives', async () => {
    const text = table(101, 2100, 5);
    const narrow = text.split('\n').map((l) => l.split(',').slice(0, 100).join(',')).join('\n');
    const [wide] = (await profileDataset(await dataset({ 't.csv': text }))).tables;
    const [batch] = (await profileDataset(await dataset({ 't.csv': narrow }))).tables;
    expect(wide.columns).toHaveLength(101);
    for (let j = 0; j < 100; j++) expect(stats(wide.columns[j]), `column c${j}`).toEqual(stats(batch.columns[j]));
    // the plan's paths: exact distinct counts (unique columns past 2,000 values), histograms, non-finite counts
    expect(wide.columns[0]).toMatchObject({ distinctCount: 2100, identifierLike: true, topValues: [{ value: 1, count: 1 }, ...Array(9).fill(expect.anything())] });
    expect(wide.columns[4].distinctCount).toBe(3);
    expect(wide.columns[6]).toMatchObject({ nonFiniteCount: 2 });
  }, 180_000);

  it('5,000 columns × 30 rows: every column is profiled and the target is found (the width that failed with a 976 MiB allocation)', async () => {
    const dir = await tempDir();
    const width = 5000;
    const cols = Array.from({ length: width - 1 }, (_, i) => `(hash(range * 31 + ${i}) % 1000) / 10.0 AS x${i}`);
    await withDuckDb(async (db) => {
      await db.run(`COPY (SELECT ${cols.join(', ')}, CASE WHEN range % 3 = 0 THEN 'a' ELSE 'b' END AS target FROM range(30)) TO '${join(dir, 'wide.csv')}' (HEADER)`);
    });
    const [t] = (await profileDataset(dir)).tables;
    expect(t.columns).toHaveLength(width);
    expect(t.rowCount).toBe(30);
    expect(t.columns[width - 1]).toMatchObject({ name: 'target', inferredType: 'categorical', distinctCount: 2 });
    expect(t.columns.slice(0, width - 1).every((c) => c.inferredType === 'float' && typeof c.mean === 'number' && c.topValues.length > 0)).toBe(true);
    expect(t.candidateTargets[0]).toMatchObject({ column: 'target', objective: 'binary' });
    // time and memory per width are measured side by side in bench/wide-profile.mjs, not here
  }, 600_000);
});
