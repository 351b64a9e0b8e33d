// scanNumericCsvPair: the plain numeric CSV engine reads numbers to the same doubles as DuckDB
// (readCsvColumns), pairs rows across files through its worker, and declines everything that is
// not plain instead of guessing.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanNumericCsvPair, type NumericCsvPairPlan } from './csv-pair.js';
import { readCsvColumns } from './csv-columns.js';
import { rng, tempDir } from './test-helpers.js';

const byId: (l: string[], r: string[]) => NumericCsvPairPlan | undefined = (l, r) => ({ keys: [[l.indexOf('id'), r.indexOf('id')]] });

async function files(left: string, right: string): Promise<[string, string]> {
  const dir = await tempDir();
  const [a, b] = [join(dir, 'left.csv'), join(dir, 'right.csv')];
  await writeFile(a, left);
  await writeFile(b, right);
  return [a, b];
}

/** Every column of both files, concatenated over the blocks; undefined when the scan declined. */
async function scan(left: string, right: string, plan = byId) {
  const [a, b] = await files(left, right);
  const out = { left: [] as number[][], right: [] as number[][], blocks: 0 };
  const ok = await scanNumericCsvPair(a, b, plan, (block) => {
    out.blocks++;
    block.left.forEach((col, c) => (out.left[c] ??= []).push(...col));
    block.right.forEach((col, c) => (out.right[c] ??= []).push(...col));
  });
  return ok ? out : undefined;
}

describe('scanNumericCsvPair', () => {
  it('reads every number to the double DuckDB reads, across blocks and buffer refills', async () => {
    const random = rng(11);
    const n = 250_000; // > 7 blocks, > 4 MB per file: lines straddle the read buffer's end
    const forms = [
      () => (random() * 1000 - 500).toFixed(4),
      () => String(random()), // 16-17 significant digits: the exact slow path
      () => (random() * 1e6).toExponential(6),
      () => String(Math.floor(random() * 1e9)),
      () => (random() < 0.5 ? '-' : '') + (random() * 1e-7).toPrecision(12),
      () => `${Math.floor(random() * 9) + 1}E+${Math.floor(random() * 30)}`,
      () => '0',
      () => '-0.0',
    ];
    const rows = Array.from({ length: n }, (_, i) => `${i},${forms[i % forms.length]()},${forms[(i * 7 + 3) % forms.length]()}`);
    const left = 'id,a,b\n' + rows.join('\n') + '\n';
    const right = 'id,p\r\n' + rows.map((r, i) => `${i},${r.split(',')[2]}`).join('\r\n'); // CRLF, no final newline
    const got = await scan(left, right);
    expect(got).toBeDefined();
    const [a] = await files(left, right);
    const duck = await readCsvColumns(a);
    for (const [c, name] of ['id', 'a', 'b'].entries()) {
      const expected = duck.columns[name] as Float64Array;
      const mismatch = got!.left[c].findIndex((v, i) => !Object.is(v, expected[i]));
      expect(mismatch, `column ${name}, row ${mismatch}: ${got!.left[c][mismatch]} vs ${expected[mismatch]}`).toBe(-1);
    }
    expect(got!.left[0].length).toBe(n);
    expect(got!.right[1]).toEqual(got!.left[2]);
    expect(got!.blocks).toBe(Math.ceil(n / 32_768));
  });

  it('reads a CRLF that the read buffer splits between its CR and its LF', async () => {
    // "id,y\r\n" then 5-byte lines: the 4 MiB buffer after the header ends on a line's CR
    const text = 'id,y\r\n' + '1,2\r\n'.repeat(900_000);
    const got = await scan(text, text);
    expect(got?.left[1].length).toBe(900_000);
  });

  it('declines files that are not plain numeric CSV, or rows that do not pair up', async () => {
    const ok = 'id,y\n1,0.5\n2,1.5\n';
    const cases: Record<string, [string, string]> = {
      'quoted field': [ok, 'id,y\n1,"0.5"\n2,1.5\n'],
      'quoted header': [ok, '"id","y"\n1,0.5\n2,1.5\n'],
      'blank line': [ok, 'id,y\n1,0.5\n\n2,1.5\n'],
      'space after comma': [ok, 'id,y\n1, 0.5\n2,1.5\n'],
      'byte-order mark': [ok, '\ufeffid,y\n1,0.5\n2,1.5\n'],
      'leading zero': [ok, 'id,y\n1,00.5\n2,1.5\n'],
      'nan text': [ok, 'id,y\n1,nan\n2,1.5\n'],
      'inf text': [ok, 'id,y\n1,inf\n2,1.5\n'],
      'empty value': [ok, 'id,y\n1,\n2,1.5\n'],
      'ragged row': [ok, 'id,y\n1,0.5,3\n2,1.5\n'],
      'semicolons': [ok, 'id;y\n1;0.5\n2;1.5\n'],
      'string id': [ok, 'id,y\na,0.5\nb,1.5\n'],
      'fractional id': ['id,y\n1.0,0.5\n2,1.5\n', ok],
      'other ids': [ok, 'id,y\n1,0.5\n3,1.5\n'],
      'ids in another order': [ok, 'id,y\n2,1.5\n1,0.5\n'],
      'submission longer': [ok, ok + '3,2\n'],
      'submission shorter': [ok, 'id,y\n1,0.5\n'],
      'numeric header': [ok, '0,1\n1,0.5\n2,1.5\n'],
      'header only': [ok, 'id,y\n'],
      'empty file': [ok, ''],
    };
    for (const [name, [left, right]] of Object.entries(cases)) {
      expect(await scan(left, right), name).toBeUndefined();
    }
    expect(await scan(ok, ok, () => undefined), 'plan declines').toBeUndefined();
    const [a] = await files(ok, ok);
    expect(await scanNumericCsvPair(a, join(a, '..', 'missing.csv'), byId, () => {}), 'missing file').toBe(false);
    // and the plain case next to them is accepted
    expect((await scan(ok, 'id,y\r\n1,0.5\r\n2,1.5'))?.right[1]).toEqual([0.5, 1.5]);
  });

  it('stops when the consumer declines, and the worker goes away with it', async () => {
    const big = 'id,y\n' + Array.from({ length: 200_000 }, (_, i) => `${i},${i / 7}`).join('\n') + '\n';
    const [a, b] = await files(big, big);
    let blocks = 0;
    const ok = await scanNumericCsvPair(a, b, byId, () => ++blocks < 2);
    expect(ok).toBe(false);
    expect(blocks).toBe(2);
  });
});
