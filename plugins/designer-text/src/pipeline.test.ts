// End to end on the real text examples: profile → design → verify → materialize → baseline
// ladder in executor-local → publish, with rules-structural.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '@mle-smith/testkit';
import { EXAMPLES, PLUGIN_DIR, reviewCorpus, writeDataset } from './__fixtures__/helpers.js';

const PLUGINS = [PLUGIN_DIR, 'rules-structural', 'executor-local'];
const EXECUTE = { enabled: true };
const EXECUTOR = { backend: 'local', limits: { timeSec: 300, memoryMb: 2048, cpus: 2 } };

describe('text examples through the pipeline', () => {
  it('spam: spam vs ham is accepted with an ordered ladder (trivial < simple)', async () => {
    const started = Date.now();
    const { summary, runDir } = await runPipeline({
      configDir: EXAMPLES,
      config: { datasets: ['datasets/spam'], plugins: PLUGINS, execute: EXECUTE, executor: EXECUTOR, seed: 42, design: { maxProposalsPerDataset: 1 } },
    });
    console.log(`spam pipeline: ${((Date.now() - started) / 1000).toFixed(1)} s`, JSON.stringify(summary.tasks.map((t) => ({ id: t.taskId, status: t.status, ladder: t.ladder.map((l) => [l.solver, l.score]), reasons: t.reasons }))));
    const task = summary.tasks.find((t) => t.taskId === 'spam-label-binary');
    expect(task, JSON.stringify(summary.tasks)).toBeDefined();
    expect(['accepted', 'repaired']).toContain(task!.status);
    const score = (tier: string) => task!.ladder.find((l) => l.tier === tier)!.score!;
    expect(task!.ladder.map((l) => l.solver)).toEqual(['text-trivial', 'text-simple', 'text-strong']);
    expect(score('trivial')).toBeLessThan(score('simple'));
    const dir = join(runDir, 'tasks', 'spam-label-binary');
    const manifest = JSON.parse(await readFile(join(dir, 'task.json'), 'utf8'));
    expect(manifest).toMatchObject({ modality: 'text', objective: 'binary', metric: { name: 'roc_auc', params: { pos_label: 'spam' } } });
    expect((await readFile(join(dir, 'public', 'test.csv'), 'utf8')).split('\n')[0]).toBe('id,text');
    const description = await readFile(join(dir, 'description.md'), 'utf8');
    for (const h of ['## Overview', '## Data', '## Evaluation', '## Submission format']) expect(description).toContain(h);
  });

  it('sotu: speeches stay files under public/texts/ with opaque names', async () => {
    const started = Date.now();
    const { summary, runDir } = await runPipeline({
      configDir: EXAMPLES,
      config: { datasets: ['datasets/sotu'], plugins: PLUGINS, execute: EXECUTE, executor: EXECUTOR, seed: 42, design: { maxProposalsPerDataset: 2 } },
    });
    console.log(`sotu pipeline: ${((Date.now() - started) / 1000).toFixed(1)} s`, JSON.stringify(summary.tasks.map((t) => ({ id: t.taskId, status: t.status, ladder: t.ladder.map((l) => [l.solver, l.score]), reasons: t.reasons }))));
    const accepted = summary.tasks.filter((t) => t.status !== 'rejected');
    expect(accepted.length, JSON.stringify(summary.tasks)).toBeGreaterThan(0);
    const dir = join(runDir, 'tasks', accepted[0].taskId);
    const train = (await readFile(join(dir, 'public', 'train.csv'), 'utf8')).split('\n');
    expect(train[0].split(',').slice(0, 2)).toEqual(['id', 'text_file']);
    expect(train[1]).toMatch(/^\d+,texts\/[0-9a-f]{16}\.txt,/);
    const texts = await readdir(join(dir, 'public', 'texts'));
    const rows = JSON.parse(await readFile(join(dir, 'task.json'), 'utf8')).rows;
    expect(texts.length).toBe(rows.train + rows.test);
    expect(texts.every((f) => /^[0-9a-f]{16}\.txt$/.test(f))).toBe(true);
  });

  it('a folder-per-class corpus passes the structural rules (virtual documents table)', async () => {
    const dir = await writeDataset('reviews', reviewCorpus(40));
    const { summary, ok } = await runPipeline({ config: { datasets: [dir], plugins: PLUGINS, execute: { enabled: false }, design: { maxProposalsPerDataset: 1 } } });
    expect(ok, JSON.stringify(summary)).toBe(true);
    expect(summary.tasks.map((t) => [t.taskId, t.status])).toEqual([['reviews-label-binary', 'accepted']]);
  });

  it('bad media fails the dataset with the file named, and publishes nothing', async () => {
    const dir = await writeDataset('broken', { ...reviewCorpus(12), 'neg/review_004.txt': new Uint8Array([0xff, 0xfe, 0x41]) });
    const { summary, ok, runDir } = await runPipeline({ config: { datasets: [dir], plugins: PLUGINS, execute: { enabled: false } } });
    expect(ok).toBe(false);
    expect(summary.datasets[0].error).toContain('neg/review_004.txt: text file is not valid UTF-8');
    expect(summary.tasks).toEqual([]);
    expect(await readdir(join(runDir, 'tasks')).catch(() => [])).toEqual([]);
  });
});
