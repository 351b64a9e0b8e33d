// mle-smith export --format mlebench: a run folder exports every published task and
// splits/all.txt; bad input is one line, exit 1 or 2, and --out is left as it was.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.test-util.js';

const REFERENCE = resolve(process.cwd(), '..', '..', 'examples', 'reference-tasks', 'tasks');
const root = await mkdtemp(join(tmpdir(), 'mls-export-'));
afterAll(() => rm(root, { recursive: true, force: true }));

/** A run folder as `mle-smith run` leaves it: run.json and the published packages under tasks/. */
async function runFolder(dir: string, ids: string[]): Promise<string> {
  await mkdir(join(dir, 'tasks'), { recursive: true });
  await writeFile(join(dir, 'run.json'), JSON.stringify({ runId: 'run-export-test', createdAt: '2026-01-01T00:00:00.000Z', resumedAt: [], config: null }));
  for (const id of ids) await cp(join(REFERENCE, id), join(dir, 'tasks', id), { recursive: true });
  return dir;
}

describe('mle-smith export --format mlebench', () => {
  it('exports every published task of a run folder and lists them in splits/all.txt', async () => {
    const ids = ['ref-iris-species', 'ref-wine-cultivar'];
    const run = await runFolder(join(root, 'run'), ids);
    const out = join(root, 'mlebench');
    const r = await runCli(['export', run, '--format', 'mlebench', '--out', out], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`exported 2 tasks of ${run} as mlebench to ${out}\n`);
    expect((await readdir(join(out, 'competitions'))).sort()).toEqual(ids);
    expect((await readdir(join(out, 'data'))).sort()).toEqual(ids);
    expect(await readFile(join(out, 'splits', 'all.txt'), 'utf8')).toBe(ids.join('\n') + '\n');
    for (const id of ids) expect(await readFile(join(out, 'competitions', id, 'config.yaml'), 'utf8')).toMatch(`grade_fn: "mlebench.competitions.${id}.grade:grade"`);
    // an export folder is export's own: exporting again replaces it
    expect((await runCli(['export', join(run, 'tasks', ids[0]), '--format', 'mlebench', '--out', out], root)).code).toBe(0);
    expect(await readFile(join(out, 'splits', 'all.txt'), 'utf8')).toBe(`${ids[0]}\n`);
  });

  it('refuses a folder that is not a task package (exit 1) and a foreign non-empty --out (exit 2), writing nothing', async () => {
    const notATask = join(root, 'not-a-task');
    await mkdir(notATask);
    await writeFile(join(notATask, 'notes.txt'), 'hello');
    const out = join(root, 'never');
    const bad = await runCli(['export', notATask, '--format', 'mlebench', '--out', out], root);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/task\.json/);
    expect(await readdir(root)).not.toContain('never');

    const foreign = join(root, 'foreign');
    await mkdir(foreign);
    await writeFile(join(foreign, 'mine.txt'), 'keep me');
    const refused = await runCli(['export', join(REFERENCE, 'ref-iris-species'), '--format', 'mlebench', '--out', foreign], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/exists and is not written by export.*--force/);
    expect(await readdir(foreign)).toEqual(['mine.txt']);

    // a package the exporter cannot lay out fails after the guard: --out is still untouched
    const broken = join(root, 'broken');
    await cp(join(REFERENCE, 'ref-iris-species'), broken, { recursive: true });
    await writeFile(join(broken, 'public', 'test.csv'), (await readFile(join(broken, 'public', 'test.csv'), 'utf8')).replace(/\n[^\n]+\n$/, '\n'));
    const half = await runCli(['export', broken, '--format', 'mlebench', '--out', foreign, '--force'], root);
    expect(half.code).toBe(1);
    expect(half.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readdir(foreign)).toEqual(['mine.txt']);
    expect((await readdir(root)).filter((n) => n.includes('staging'))).toEqual([]);
  });
});
