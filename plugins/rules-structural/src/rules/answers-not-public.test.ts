// structural/answers-not-public on a real reference package: the answers copied into public/
// under another file name (and with renamed columns) are found; the package as shipped is clean.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTaskManifest, silentLogger } from '@mle-smith/core';
import { answersNotPublic } from './answers-not-public.js';

const wine = resolve(process.cwd(), '..', '..', 'examples', 'reference-tasks', 'tasks', 'ref-wine-cultivar');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function copy(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'answers-public-')), 'pkg');
  dirs.push(dir);
  await cp(wine, dir, { recursive: true });
  return dir;
}

const check = async (dir: string) =>
  answersNotPublic.check({ phase: 'package', taskDir: dir, manifest: await readTaskManifest(dir) }, { log: silentLogger, options: {} });

describe('structural/answers-not-public', () => {
  it('passes the package as shipped (the constant sample submission is not the answers)', async () => {
    expect(await check(await copy())).toEqual([]);
  });

  it('finds private/answers.csv copied to public/ under another name', async () => {
    const dir = await copy();
    await cp(join(dir, 'private', 'answers.csv'), join(dir, 'public', 'extra_notes.txt'));
    const findings = await check(dir);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', location: 'public/extra_notes.txt' });
    expect(findings[0].message).toMatch(/holds the answers/);
  });

  it('finds the pairs with renamed columns, shuffled rows, extra columns and a different delimiter', async () => {
    const dir = await copy();
    const lines = (await readFile(join(dir, 'private', 'answers.csv'), 'utf8')).trim().split('\n').slice(1);
    const rows = lines.map((l, i) => { const [id, y] = l.split(','); return `${i % 7};${y};${id}`; }).reverse();
    await writeFile(join(dir, 'public', 'meta.tsv'), ['noise;label_guess;row_key', ...rows].join('\n') + '\n');
    const findings = await check(dir);
    expect(findings.map((f) => f.location)).toEqual(['public/meta.tsv']);
    expect(findings[0].message).toContain('"row_key" and "label_guess"');
  });
});
