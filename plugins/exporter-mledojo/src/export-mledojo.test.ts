// The MLE-Dojo layout an export writes (the files the harness reads, docs/formats.md#mle-dojo), and
// utils/prepare.py run with Debian's Python: it rebuilds data/<id>/ from the task package byte for
// byte and refuses a raw file whose sha256 differs from the exported task's.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exportMledojo } from './export-mledojo.js';

const PYTHON = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
const IRIS = fileURLToPath(new URL('../../../examples/reference-tasks/tasks/ref-iris-species', import.meta.url));
const ID = 'ref-iris-species';
const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'export-mledojo-'));
  roots.push(d);
  return d;
}

/** Every file under dir, as sorted relative paths. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

/** Runs utils/prepare.py's prepare(raw, public, private) as the harness does. */
function prepare(utils: string, raw: string, publicDir: string, privateDir: string): void {
  const script = 'import sys; sys.path.insert(0, sys.argv[1]); from prepare import prepare; prepare(*sys.argv[2:5])';
  execFileSync(PYTHON, ['-c', script, utils, raw, publicDir, privateDir], { encoding: 'utf8', stdio: 'pipe' });
}

describe('exportMledojo', () => {
  it('writes info/, utils/ and data/<id>/public|private as MLE-Dojo reads them', async () => {
    const out = await tmp();
    await exportMledojo(IRIS, out);
    const competition = join(out, 'competitions', ID);
    expect(await tree(competition)).toEqual(['info/description.txt', 'info/private_leaderboard.csv', 'info/public_leaderboard.csv', 'utils/metric.py', 'utils/mle_smith_grade.py', 'utils/prepare.py']);
    expect(await tree(join(out, 'data', ID))).toEqual(['private/test_answer.csv', 'public/description.txt', 'public/sample_submission.csv', 'public/test.csv', 'public/train.csv']);
    const description = await readFile(join(IRIS, 'description.md'), 'utf8');
    expect(await readFile(join(competition, 'info', 'description.txt'), 'utf8')).toBe(description);
    expect(await readFile(join(out, 'data', ID, 'public', 'description.txt'), 'utf8')).toBe(description);
    expect(await readFile(join(out, 'data', ID, 'private', 'test_answer.csv'))).toEqual(await readFile(join(IRIS, 'private', 'answers.csv')));
    for (const board of ['public_leaderboard.csv', 'private_leaderboard.csv']) {
      const [header, ...rows] = (await readFile(join(competition, 'info', board), 'utf8')).trim().split('\n');
      expect(header).toBe('rank,score');
      expect(rows.map((r) => Number(r.split(',')[0]))).toEqual(rows.map((_, i) => i + 1));
      const scores = rows.map((r) => Number(r.split(',')[1]));
      // log loss: lower is better, best first, from the metric's best value (0)
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      expect(scores[0]).toBe(0);
      expect(scores.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('utils/prepare.py rebuilds data/<id>/ from the task package byte for byte, and refuses a changed raw file', async () => {
    const out = await tmp();
    await exportMledojo(IRIS, out);
    const utils = join(out, 'competitions', ID, 'utils');
    const rebuilt = await tmp();
    prepare(utils, IRIS, join(rebuilt, 'public'), join(rebuilt, 'private'));
    const exported = join(out, 'data', ID);
    const files = await tree(exported);
    expect(await tree(rebuilt)).toEqual(files);
    for (const f of files) expect(await readFile(join(rebuilt, f)), f).toEqual(await readFile(join(exported, f)));

    const raw = await tmp();
    await cp(IRIS, raw, { recursive: true });
    await writeFile(join(raw, 'public', 'train.csv'), (await readFile(join(raw, 'public', 'train.csv'), 'utf8')) + '999,5.0,3.0,1.0,0.1,setosa\n');
    const again = await tmp();
    expect(() => prepare(utils, raw, join(again, 'public'), join(again, 'private'))).toThrow(/sha256 differs/);
  });
});
