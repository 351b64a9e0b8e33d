// Acceptance (issue 18, item 4): checkpoints record what they were computed from. A raw CSV edited
// between two runs on the same --out redoes that dataset (its task reflects the new data) while the
// other dataset reuses every checkpoint, and the progress says why; a changed seed redoes every
// stage after profile; a package file that disappeared redoes the stages that wrote it.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskManifest } from '@mle-smith/core';
import { runCli } from './cli-helpers.test-util.js';
import { project } from './resume.test-util.js';

let dir: string;
const IRIS_TASK = 'iris-species-multiclass';
const run = () => runCli(['run', '--out', 'out', '--no-execute'], dir);
const rows = (csv: string) => csv.trim().split('\n').length - 1;
const stagesOf = (stderr: string, where: string, status: string) => stderr.split('\n').filter((l) => l.startsWith(`[${where}`) && l.includes(` ${status}`));

beforeAll(async () => {
  dir = await project(['iris', 'wine']);
  const first = await run();
  expect(first.code, first.stderr).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('checkpoints whose inputs or outputs changed', () => {
  it('a raw CSV edited: that dataset is redone from profile on, the other reuses its checkpoints', async () => {
    const csvPath = join(dir, 'datasets', 'iris', 'iris.csv');
    const lines = (await readFile(csvPath, 'utf8')).trim().split('\n');
    const edited = [lines[0], ...lines.slice(1).filter((_, i) => i % 10 !== 0)].join('\n') + '\n'; // every tenth row removed
    await writeFile(csvPath, edited);
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^dataset iris: raw data changed \(iris\.csv\), redoing profile and everything after it$/m);
    expect(r.stderr).not.toMatch(/dataset wine:/);
    expect(stagesOf(r.stderr, 'wine', 'done')).toEqual([]);
    expect(stagesOf(r.stderr, 'wine', 'cached').length).toBeGreaterThanOrEqual(8);
    expect(stagesOf(r.stderr, 'iris', 'cached')).toEqual([]);
    // the published task is built from the new data
    const task = join(dir, 'out', 'tasks', IRIS_TASK);
    const manifest = JSON.parse(await readFile(join(task, 'task.json'), 'utf8')) as TaskManifest;
    expect(manifest.source.files.find((f) => f.path === 'iris.csv')?.sha256).toBe(createHash('sha256').update(edited).digest('hex'));
    const published = rows(await readFile(join(task, 'public', 'train.csv'), 'utf8')) + rows(await readFile(join(task, 'public', 'test.csv'), 'utf8'));
    expect(published).toBe(rows(edited));
  });

  it('verification.json deleted: the task is redone and publishes it again; nothing is "cached" without its files', async () => {
    await rm(join(dir, 'out', 'work', IRIS_TASK, 'verification.json'));
    await rm(join(dir, 'out', 'tasks', IRIS_TASK, 'verification.json'));
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^task iris/${IRIS_TASK}: work/${IRIS_TASK}/verification.json is missing or changed, redoing the task$`, 'm'));
    expect(stagesOf(r.stderr, `iris/${IRIS_TASK}`, 'verdict done')).toHaveLength(1);
    expect(stagesOf(r.stderr, `iris/${IRIS_TASK}`, 'publish done')).toHaveLength(1);
    expect(existsSync(join(dir, 'out', 'tasks', IRIS_TASK, 'verification.json'))).toBe(true);
    expect(stagesOf(r.stderr, 'wine', 'done')).toEqual([]);
  });

  it('a changed seed redoes every stage after profile, and says so once per dataset', async () => {
    const configPath = join(dir, 'mle-smith.config.json');
    const config = JSON.parse(await readFile(configPath, 'utf8')) as { seed: number };
    await writeFile(configPath, JSON.stringify({ ...config, seed: 7 }));
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    for (const ds of ['iris', 'wine']) {
      expect(r.stderr).toMatch(new RegExp(`^dataset ${ds}: seed changed, redoing brainstorm and everything after it$`, 'm'));
      expect(stagesOf(r.stderr, ds, 'cached').map((l) => l.split('] ')[1]?.split(' ')[0])).toEqual(['profile']);
    }
    const manifest = JSON.parse(await readFile(join(dir, 'out', 'tasks', IRIS_TASK, 'task.json'), 'utf8')) as TaskManifest;
    expect(manifest.split.seed).toBe(7);
  });
});
