// The format check on hand-written submissions: everything the grader would refuse is reported,
// and it never needs the answers.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionFormat } from '@mle-smith/core';
import { checkSubmissionFormat } from './check-submission.js';

let dir: string;
let testCsv: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'solver-agent-check-'));
  testCsv = join(dir, 'test.csv');
  await writeFile(testCsv, 'id,x\n10,1\n11,2\n12,3\n');
});

async function check(csv: string, format: SubmissionFormat) {
  const path = join(dir, `sub-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(path, csv);
  return checkSubmissionFormat(path, testCsv, format);
}

const proba: SubmissionFormat = { idColumn: 'id', predictionColumns: [{ name: 'a', type: 'probability' }, { name: 'b', type: 'probability' }], classes: ['a', 'b'] };
const label: SubmissionFormat = { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'string' }], classes: ['cat', 'dog'] };
const value: SubmissionFormat = { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] };

describe('checkSubmissionFormat', () => {
  it('accepts a well-formed file (ids as numbers or text, any row order)', async () => {
    expect(await check('id,a,b\n12,0.5,0.5\n10,0.1,0.9\n11,1,0\n', proba)).toMatchObject({ ok: true, problems: [], rows: 3, expectedRows: 3 });
    expect(await check('id,y\n10.0,cat\n11,dog\n12,cat\n', label)).toMatchObject({ ok: true });
  });

  it('reports header problems, and a different column order only as a note', async () => {
    const r = await check('id,a,c\n10,0.5,0.5\n11,0.5,0.5\n12,0.5,0.5\n', proba);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(['missing column(s) "b"; expected header id,a,b', 'unexpected column(s) "c"; expected header id,a,b']);
    const swapped = await check('id,b,a\n10,0.5,0.5\n11,0.5,0.5\n12,0.5,0.5\n', proba);
    expect(swapped).toMatchObject({ ok: true, notes: ['columns are in a different order than id,a,b (accepted)'] });
  });

  it('reports row count, duplicate, unknown and missing ids', async () => {
    const r = await check('id,y\n10,1\n10,2\n99,3\n', value);
    expect(r.problems).toEqual([
      '1 duplicate id(s), e.g. "10" on line 3 (first on line 2)',
      '1 id(s) not in data/test.csv, e.g. "99"',
      '2 id(s) of data/test.csv missing, e.g. "11", "12"',
    ]);
    expect((await check('id,y\n10,1\n11,2\n', value)).problems).toEqual(['2 data rows, expected 3 (one per row of data/test.csv)', '1 id(s) of data/test.csv missing, e.g. "12"']);
  });

  it('reports values out of range, non-numbers, unknown labels and probabilities that do not sum to 1', async () => {
    expect((await check('id,a,b\n10,1.5,-0.5\n11,0.5,0.5\n12,0.5,0.5\n', proba)).problems).toEqual([
      'column "a": 1 value(s) not a probability in [0, 1], first on line 2 ("1.5")',
      'column "b": 1 value(s) not a probability in [0, 1], first on line 2 ("-0.5")',
    ]);
    expect((await check('id,a,b\n10,0.5,0.4\n11,0.5,0.5\n12,0.5,0.5\n', proba)).problems).toEqual(['1 row(s) whose class probabilities do not sum to 1, first on line 2']);
    expect((await check('id,y\n10,1\n11,abc\n12,\n', value)).problems).toEqual(['column "y": 2 value(s) not a finite number, first on line 3 ("abc")']);
    expect((await check('id,y\n10,cat\n11,bird\n12,dog\n', label)).problems).toEqual(['column "y": 1 value(s) not one of the classes (cat, dog), first on line 3 ("bird")']);
  });

  it('reports an empty or unreadable file without a host path', async () => {
    const r = await check('', value);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/^submission\.csv: /);
    expect(r.problems[0]).not.toContain(dir);
  });
});
