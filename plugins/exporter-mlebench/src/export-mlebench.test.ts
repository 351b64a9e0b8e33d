// The MLE-bench export end to end: the layout, grade.py against `mle-smith grade` and prepare.py
// rebuilding the prepared files, both run with Debian's Python through a shim of the harness
// (__fixtures__/mlebench: grade_helpers.InvalidSubmissionError only), as the harness imports them.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeSubmission } from '@mle-smith/metrics';
import { exportMlebench } from './export-mlebench.js';
import { checksumsYaml, md5Tree } from './files.js';
import { REFERENCE_TASKS, audioPackage, forecastPackage, imagePackage, textPackage } from './__fixtures__/packages.js';

const PYTHON = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'export-mlebench-'));
  roots.push(d);
  return d;
}

/** A folder laid out like MLE-bench's repository, with the exported competition copied in. */
async function harness(exportDir: string, id: string): Promise<string> {
  const root = await tmp();
  await cp(join(FIXTURES, 'mlebench'), join(root, 'mlebench'), { recursive: true });
  await cp(join(exportDir, 'competitions', id), join(root, 'mlebench', 'competitions', id), { recursive: true });
  return root;
}

function driver(root: string, id: string, args: string[]): string {
  return execFileSync(PYTHON, [join(FIXTURES, 'mlebench_driver.py'), root, id, ...args], { encoding: 'utf8' });
}

async function exported(taskDir: string): Promise<{ out: string; id: string; root: string }> {
  const out = await tmp();
  await exportMlebench(taskDir, out);
  const id = JSON.parse(await readFile(join(taskDir, 'task.json'), 'utf8')).id as string;
  return { out, id, root: await harness(out, id) };
}

describe('exportMlebench', () => {
  it('writes the competition, the raw and prepared data and splits/all.txt', async () => {
    const task = await tmp();
    await cp(join(REFERENCE_TASKS, 'ref-diabetes-progression'), task, { recursive: true });
    const manifest = JSON.parse(await readFile(join(task, 'task.json'), 'utf8'));
    manifest.difficulty = { level: 'medium', ladder: [{ solver: 'mean', tier: 'trivial', score: 64.5 }, { solver: 'ridge', tier: 'simple', score: 44.25 }] };
    await writeFile(join(task, 'task.json'), JSON.stringify(manifest));
    const { out, id } = await exported(task);
    expect((await readdir(join(out, 'competitions', id))).sort()).toEqual(
      ['checksums.yaml', 'config.yaml', 'description.md', 'grade.py', 'leaderboard.csv', 'mle_smith_grade.py', 'mle_smith_task.json', 'prepare.py'],
    );
    const config = await readFile(join(out, 'competitions', id, 'config.yaml'), 'utf8');
    for (const line of [
      `id: "${id}"`, 'competition_type: simple', 'awards_medals: false', 'prizes: null', `description: "mlebench/competitions/${id}/description.md"`,
      `  answers: "${id}/prepared/private/test.csv"`, `  sample_submission: "${id}/prepared/public/sample_submission.csv"`,
      '  name: "mae"', `  grade_fn: "mlebench.competitions.${id}.grade:grade"`, `preparer: "mlebench.competitions.${id}.prepare:prepare"`,
    ]) expect(config.split('\n')).toContain(line);
    expect(await readdir(join(out, 'data', id, 'raw'))).toEqual(['data.csv']);
    expect((await readdir(join(out, 'data', id, 'prepared', 'public'))).sort()).toEqual(['sample_submission.csv', 'test.csv', 'train.csv']);
    expect(await readFile(join(out, 'data', id, 'prepared', 'private', 'test.csv'))).toEqual(await readFile(join(task, 'private', 'answers.csv')));
    const prepared = join(out, 'data', id, 'prepared');
    expect(await readFile(join(out, 'competitions', id, 'checksums.yaml'), 'utf8')).toBe(checksumsYaml(await md5Tree(join(prepared, 'public')), await md5Tree(join(prepared, 'private'))));
    // mae: lower is better, so the best (lowest) score comes first
    const board = (await readFile(join(out, 'competitions', id, 'leaderboard.csv'), 'utf8')).trim().split('\n');
    expect(board[0]).toBe('score,teamId,teamName,submissionDate');
    const scores = board.slice(1).map((l) => Number(l.split(',')[0]));
    expect(board.slice(1).map((l) => l.split(',')[2])).toEqual(['"perfect submission"', '"baseline ridge (simple)"', '"sample submission"', '"baseline mean (trivial)"']);
    expect(scores[0]).toBe(0);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(await readFile(join(out, 'splits', 'all.txt'), 'utf8')).toBe(`${id}\n`);
  });

  // grade.py through the harness, against mle-smith grade; the Python grader itself is checked on
  // every metric in @mle-smith/metrics (python-grader.test.ts)
  // and a forecasting task, whose answers carry the series key and scale mase reads
  const graded: Array<[string, () => Promise<string>]> = [
    ...['ref-iris-species', 'ref-diabetes-progression'].map((name): [string, () => Promise<string>] => [name, async () => join(REFERENCE_TASKS, name)]),
    ['tiny-forecast (mase)', async () => forecastPackage(await tmp())],
  ];
  for (const [name, make] of graded) {
    it(`grade.py of ${name} scores as mle-smith grade and raises InvalidSubmissionError on invalid submissions`, async () => {
      const taskDir = await make();
      const { out, id, root } = await exported(taskDir);
      const subs = await tmp();
      const sample = (await readFile(join(taskDir, 'public', 'sample_submission.csv'), 'utf8')).trim().split('\n');
      const [header, ...rows] = sample;
      const cols = header.split(',').length - 1;
      let seed = 7;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const randomRow = (id: string) => {
        const w = Array.from({ length: cols }, () => rnd() + 0.05);
        const s = w.reduce((a, b) => a + b, 0);
        return cols > 1 ? [id, ...w.map((x) => (x / s).toFixed(12))].join(',') : `${id},${(50 + rnd() * 250).toFixed(3)}`;
      };
      const valid = [sample.join('\n'), ...Array.from({ length: 20 }, () => [header, ...rows.map((r) => randomRow(r.split(',')[0]))].join('\n'))];
      const invalid = {
        'missing id': [header, ...rows.slice(1)].join('\n'),
        'duplicated id': [header, rows[1], ...rows.slice(1)].join('\n'),
        'wrong columns': [header.replace(/,[^,]+$/, ',other'), ...rows].join('\n'),
        'empty value': [header, rows[0].replace(/,[^,]*$/, ','), ...rows.slice(1)].join('\n'),
        'wrong row count': [header, ...rows, rows[0].replace(/^[^,]+/, '99999')].join('\n'),
      };
      const paths = [];
      for (const [i, text] of [...valid, ...Object.values(invalid)].entries()) {
        paths.push(join(subs, `s${i}.csv`));
        await writeFile(paths[i], text + '\n');
      }
      const results = driver(root, id, ['grade', join(out, 'data', id, 'prepared', 'private', 'test.csv'), ...paths]).trim().split('\n').map((l) => JSON.parse(l) as { score?: number; invalid?: string });
      for (let i = 0; i < valid.length; i++) {
        const ours = await gradeSubmission(taskDir, paths[i]);
        expect(ours.valid).toBe(true);
        expect(Math.abs(results[i].score! - ours.score!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ours.score!)));
      }
      Object.keys(invalid).forEach((what, k) => expect(results[valid.length + k], what).toHaveProperty('invalid'));
    });
  }

  const packages: Array<[string, (dir: string) => Promise<string>]> = [
    ['tabular', async () => join(REFERENCE_TASKS, 'ref-iris-species')],
    ['text', textPackage],
    ['image', imagePackage],
    ['audio', audioPackage],
    ['time-series', forecastPackage],
  ];
  for (const [modality, make] of packages) {
    it(`prepare.py rebuilds the prepared files of a ${modality} task from raw/ with the recorded md5s`, async () => {
      const taskDir = await make(await tmp());
      const { out, id, root } = await exported(taskDir);
      const rebuilt = await tmp();
      driver(root, id, ['prepare', join(out, 'data', id, 'raw'), join(rebuilt, 'public'), join(rebuilt, 'private')]);
      const recorded = await readFile(join(out, 'competitions', id, 'checksums.yaml'), 'utf8');
      expect(checksumsYaml(await md5Tree(join(rebuilt, 'public')), await md5Tree(join(rebuilt, 'private')))).toBe(recorded);
      // and the prepared files are the package's own
      expect(await readFile(join(rebuilt, 'public', 'train.csv'))).toEqual(await readFile(join(taskDir, 'public', 'train.csv')));
      expect(await readFile(join(rebuilt, 'private', 'test.csv'))).toEqual(await readFile(join(taskDir, 'private', 'answers.csv')));
    });
  }

  it('refuses a folder that is not a task package and a metric exported graders lack, writing nothing', async () => {
    const out = await tmp();
    const notATask = await tmp();
    await writeFile(join(notATask, 'readme.txt'), 'hello');
    await expect(exportMlebench(notATask, out)).rejects.toThrow(/task\.json/);
    const pkg = await tmp();
    await cp(join(REFERENCE_TASKS, 'ref-iris-species'), pkg, { recursive: true });
    const manifest = JSON.parse(await readFile(join(pkg, 'task.json'), 'utf8'));
    manifest.metric.name = 'my_plugin_metric';
    await writeFile(join(pkg, 'task.json'), JSON.stringify(manifest));
    await expect(exportMlebench(pkg, out)).rejects.toThrow(/: metric "my_plugin_metric" is not supported by exporters/);
    // test.csv whose columns are not train's without the target: prepare.py could not rebuild it
    await cp(join(REFERENCE_TASKS, 'ref-iris-species'), pkg, { recursive: true, force: true });
    const test = await readFile(join(pkg, 'public', 'test.csv'), 'utf8');
    await writeFile(join(pkg, 'public', 'test.csv'), test.replace('sepal_length_cm,sepal_width_cm', 'sepal_width_cm,sepal_length_cm'));
    await expect(exportMlebench(pkg, out)).rejects.toThrow(/: cannot write raw\/data\.csv for MLE-bench: public\/test\.csv does not have the train columns/);
    expect(await readdir(out)).toEqual([]);
  });
});
