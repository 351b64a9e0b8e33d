// End to end through the real pipeline: profile → design → verify (rules-structural) →
// materialize → execute (the audio ladder on executor-local, graded on the host) → publish.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '@mle-smith/testkit';
import { EXAMPLES, wordsSubset } from './__fixtures__/helpers.js';

const PLUGINS = ['designer-audio', 'rules-structural', 'executor-local'];
// The demo's verifier set: a media package must also pass the leakage rules and the description review.
const FULL = [...PLUGINS, 'rules-leakage', 'reviewer-llm'];
const EXECUTOR = { backend: 'local', limits: { timeSec: 240, memoryMb: 2048, cpus: 1 } };

describe('audio pipeline', () => {
  it('spoken-words: an accepted task whose ladder is ordered (trivial < simple)', async () => {
    const started = Date.now();
    const { summary, ok, runDir } = await runPipeline({
      configDir: EXAMPLES,
      config: { datasets: ['datasets/spoken-words'], plugins: FULL, executor: EXECUTOR, design: { maxProposalsPerDataset: 1 } },
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`audio pipeline (spoken-words, 288 WAVs): ${seconds.toFixed(1)} s; ladder ${JSON.stringify(summary.tasks[0]?.ladder.map((l) => [l.solver, l.score]))}`);
    expect(summary.datasets).toEqual([{ name: 'spoken-words', designer: 'audio', proposals: 1 }]);
    const task = summary.tasks[0];
    expect(task.reasons).toEqual([]);
    expect(task.status).toBe('accepted');
    expect(ok).toBe(true);
    const score = (tier: string) => task.ladder.find((l) => l.tier === tier)!.score!;
    expect(task.ladder.map((l) => l.solver)).toEqual(['audio-trivial', 'audio-simple', 'audio-strong']);
    expect(score('trivial')).toBeLessThan(score('simple'));
    const published = join(runDir, 'tasks', task.taskId);
    const manifest = JSON.parse(await readFile(join(published, 'task.json'), 'utf8'));
    expect(manifest).toMatchObject({ modality: 'audio', objective: 'multiclass', generator: { designer: 'audio' } });
    expect((await readdir(join(published, 'public', 'audio'))).length).toBe(manifest.rows.train + manifest.rows.test);
  }, 600_000);

  it('a zero-length WAV fails the dataset with a message naming the file; nothing is published', async () => {
    const raw = await wordsSubset(8, ['yes', 'no', 'up']);
    await writeFile(join(raw, 'up', 'zz-empty.wav'), '');
    const { summary, ok, runDir } = await runPipeline({ config: { datasets: [raw], plugins: PLUGINS, executor: EXECUTOR } });
    expect(ok).toBe(false);
    expect(summary.datasets[0]).toMatchObject({ designer: 'audio', proposals: 0, error: 'up/zz-empty.wav: zero-length WAV file' });
    expect(summary.tasks).toEqual([]);
    expect(existsSync(join(runDir, 'tasks')) ? await readdir(join(runDir, 'tasks')) : []).toEqual([]);
  }, 120_000);

  it('class folders with no file beside them (the folder given directly) are one dataset and publish a task', async () => {
    const raw = await wordsSubset(20, ['down', 'left', 'no', 'yes'], { sourceNote: false });
    const { summary, ok } = await runPipeline({ config: { datasets: [raw], plugins: PLUGINS, executor: EXECUTOR } });
    expect(summary.datasets).toEqual([{ name: 'words-subset', designer: 'audio', proposals: 1 }]);
    const task = summary.tasks[0];
    console.log(`audio class folders, no top-level file: ${task.status} after ${task.attempts} attempt(s); ladder ${JSON.stringify(task.ladder.map((l) => [l.solver, l.score]))}`);
    expect(ok).toBe(true);
    expect(['accepted', 'repaired']).toContain(task.status);
    expect(task.ladder.find((l) => l.tier === 'trivial')!.score!).toBeLessThan(task.ladder.find((l) => l.tier === 'simple')!.score!);
  }, 600_000);
});

