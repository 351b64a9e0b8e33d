// End to end through the real pipeline: profile → design → verify (rules-structural) →
// materialize → execute (the image ladder on executor-local, graded on the host) → publish.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '@mle-smith/testkit';
import { EXAMPLES, digitsSubset } from './__fixtures__/helpers.js';

const PLUGINS = ['designer-image', 'rules-structural', 'executor-local'];
// The demo's verifier set: a media package must also pass the leakage rules and the description review.
const FULL = [...PLUGINS, 'rules-leakage', 'reviewer-llm'];
const EXECUTOR = { backend: 'local', limits: { timeSec: 240, memoryMb: 2048, cpus: 1 } };

describe('image pipeline', () => {
  it('digits: an accepted task whose ladder is ordered (trivial < simple)', async () => {
    const started = Date.now();
    const { summary, ok, runDir } = await runPipeline({
      configDir: EXAMPLES,
      config: { datasets: ['datasets/digits'], plugins: FULL, executor: EXECUTOR, design: { maxProposalsPerDataset: 1 } },
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`image pipeline (digits, 500 images): ${seconds.toFixed(1)} s; ladder ${JSON.stringify(summary.tasks[0]?.ladder.map((l) => [l.solver, l.score]))}`);
    expect(summary.datasets).toEqual([{ name: 'digits', designer: 'image', proposals: 1 }]);
    const task = summary.tasks[0];
    expect(task.reasons).toEqual([]);
    expect(task.status).toBe('accepted');
    expect(ok).toBe(true);
    const score = (tier: string) => task.ladder.find((l) => l.tier === tier)!.score!;
    expect(task.ladder.map((l) => l.solver)).toEqual(['image-trivial', 'image-simple', 'image-strong']);
    expect(score('trivial')).toBeLessThan(score('simple'));
    const published = join(runDir, 'tasks', task.taskId);
    const manifest = JSON.parse(await readFile(join(published, 'task.json'), 'utf8'));
    expect(manifest).toMatchObject({ modality: 'image', objective: 'multiclass', generator: { designer: 'image' } });
    expect((await readdir(join(published, 'public', 'images'))).length).toBe(manifest.rows.train + manifest.rows.test);
    expect(manifest.files.some((f: { path: string }) => f.path.startsWith('public/images/'))).toBe(true);
  }, 600_000);

  it('a corrupt PNG fails the dataset with a message naming the file; nothing is published', async () => {
    const raw = await digitsSubset(10, 3);
    await writeFile(join(raw, '2', 'zz-corrupt.png'), Buffer.from('\x89PNG\r\n\x1a\n not really a png'));
    const { summary, ok, runDir } = await runPipeline({
      config: { datasets: [raw], plugins: PLUGINS, executor: EXECUTOR },
    });
    expect(ok).toBe(false);
    expect(summary.datasets[0]).toMatchObject({ designer: 'image', proposals: 0 });
    expect(summary.datasets[0].error).toMatch(/^2\/zz-corrupt\.png: /);
    expect(summary.tasks).toEqual([]);
    expect(existsSync(join(runDir, 'tasks')) ? await readdir(join(runDir, 'tasks')) : []).toEqual([]);
  }, 120_000);

  it('class folders with no file beside them (the folder given directly) are one dataset; its too-small test set is repaired and a task is published', async () => {
    const raw = await digitsSubset(6, 10, { sourceNote: false });
    const { summary, ok, runDir } = await runPipeline({ config: { datasets: [raw], plugins: PLUGINS, executor: EXECUTOR } });
    expect(summary.datasets).toEqual([{ name: 'digits-subset', designer: 'image', proposals: 1 }]);
    const task = summary.tasks[0];
    console.log(`class folders, no top-level file: ${task.status} after ${task.attempts} attempt(s); ladder ${JSON.stringify(task.ladder.map((l) => [l.solver, l.score]))}`);
    expect(ok).toBe(true);
    // 60 images at testFraction 0.25 give 15 test rows (< 20): the repair raises the fraction to 20/60.
    expect(task.status).toBe('repaired');
    expect(task.reasons).toEqual([expect.stringMatching(/^repaired after attempt 1: structural\/test-fraction: /)]);
    const manifest = JSON.parse(await readFile(join(runDir, 'tasks', task.taskId, 'task.json'), 'utf8'));
    expect(manifest).toMatchObject({ modality: 'image', objective: 'multiclass', split: { testFraction: 0.34 } });
    expect(manifest.rows.test).toBeGreaterThanOrEqual(20);
    expect(manifest.rows.train + manifest.rows.test).toBe(60);
  }, 600_000);
});

