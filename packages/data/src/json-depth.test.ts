// A JSON file nested 20,000 levels deep (~120 KB) used to crash the process inside the parser;
// now it is a DatasetError naming the file, and a sibling folder's table still reads.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '@mle-smith/core';
import { gzipSync } from 'node:zlib';
import { checkJsonDepth, MAX_JSON_DEPTH, MAX_JSON_RECORD_BYTES } from './json-depth.js';
import { discoverDataset } from './discover.js';
import { withDuckDb } from './session.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'json-depth-'));
  await mkdir(join(root, 'deep'));
  await mkdir(join(root, 'good'));
  await writeFile(join(root, 'deep', 'nested.json'), `[${'{"a":['.repeat(20_000)}1${']}'.repeat(20_000)}]`);
  await writeFile(join(root, 'deep', 'nested.jsonl'), `{"x": 1}\n${'['.repeat(300)}${']'.repeat(300)}\n`);
  await writeFile(join(root, 'good', 'rows.json'), JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ id: i, v: { s: '[[[{{{"', n: [i, i * 2] } }))));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('JSON depth bound', () => {
  it('counts depth outside strings only, escapes included', async () => {
    const p = join(root, 'strings.json');
    await writeFile(p, '[{"a": "[[[[\\"[[[", "b": [[1]]}]');
    expect(await checkJsonDepth(p, 'strings.json')).toBe(4);
  });

  it.each(['nested.json', 'nested.jsonl'])('%s: a DatasetError naming the file, before DuckDB sees it', async (name) => {
    const err = await checkJsonDepth(join(root, 'deep', name), `deep/${name}`).catch((e: Error) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(new RegExp(`deep/${name.replace('.', '\\.')}: JSON nested deeper than ${MAX_JSON_DEPTH} levels \\(at byte \\d+\\)`));
  });

  it('discovering the deep dataset fails with one line; the good one beside it reads', async () => {
    await withDuckDb(async (db) => {
      const err = await discoverDataset(db, join(root, 'deep')).catch((e: Error) => e);
      expect(err).toBeInstanceOf(DatasetError);
      expect((err as Error).message).toMatch(/JSON nested deeper than 256 levels/);
      const good = await discoverDataset(db, join(root, 'good'));
      expect(good.tables.map((t) => t.name)).toEqual(['rows']);
      expect(await db.all<{ n: number }>(`SELECT count(*)::INT AS n FROM ${good.tables[0].source}`)).toEqual([{ n: 50 }]);
    });
  });
});

describe('JSON record size bound', () => {
  const big = { id: 1, text: 'x'.repeat(MAX_JSON_RECORD_BYTES + 10) };
  const small = Array.from({ length: 40_000 }, (_, i) => ({ id: i, v: 'abcdefghij'.repeat(3) }));

  it.each([
    ['big.json', JSON.stringify([{ id: 0, text: 'a' }, big])],
    ['big.jsonl', `${JSON.stringify({ id: 0 })}\n${JSON.stringify(big)}\n`],
  ])('%s: a record over the limit is a DatasetError naming the file, before DuckDB parses it', async (name, text) => {
    const dir = join(root, `big-${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, name), text);
    await withDuckDb(async (db) => {
      const err = await discoverDataset(db, dir).catch((e: Error) => e);
      expect(err).toBeInstanceOf(DatasetError);
      expect((err as Error).message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: a JSON record of more than ${MAX_JSON_RECORD_BYTES} bytes \\(at byte \\d+\\)`));
    });
  });

  it('many small records make a large file that passes, in both layouts', async () => {
    const json = join(root, 'many.json');
    const jsonl = join(root, 'many.jsonl');
    await writeFile(json, JSON.stringify(small));
    await writeFile(jsonl, small.map((r) => JSON.stringify(r)).join('\n'));
    expect(await checkJsonDepth(json, 'many.json')).toBe(2);
    expect(await checkJsonDepth(jsonl, 'many.jsonl', { lines: true })).toBe(1);
  });

  it('a gzipped JSON file is checked through gunzip', async () => {
    const p = join(root, 'deep.json.gz');
    await writeFile(p, gzipSync(`[${'['.repeat(1000)}${']'.repeat(1000)}]`));
    await expect(checkJsonDepth(p, 'deep.json.gz')).rejects.toThrow(/deep\.json\.gz: JSON nested deeper than 256 levels/);
  });
});
