// Tables that used to lose all their tasks, through the real pipeline (profile → design → verify
// → materialize → baseline ladder in executor-local → publish): a table with its own ID column,
// one with duplicate rows and no key, and small tables (repaired to a larger test fraction, or
// rejected in one line when even the cap is too few rows).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mulberry32, type TaskManifest } from '@mle-smith/core';
import { runPipeline } from '@mle-smith/testkit';
import { writeDataset } from './__fixtures__/helpers.js';

const PLUGIN_DIR = fileURLToPath(new URL('../', import.meta.url));
/** Each run executes two baseline ladders (and repairs) on two shared cores. */
const RUN_TIMEOUT = 400_000;
const CONFIG = {
  plugins: [PLUGIN_DIR, 'rules-structural', 'rules-leakage', 'solver-baselines', 'executor-local'],
  execute: { enabled: true },
  executor: { backend: 'local', limits: { timeSec: 300, memoryMb: 2048, cpus: 2 } },
  seed: 42,
  design: { maxProposalsPerDataset: 2 },
};

/**
 * A measurement table with real signal: y depends on three features (no one of them alone
 * predicts it), plus noise. `subject` repeats each id `perSubject` times when given.
 */
function measurements(rows: number, seed: number, opts: { idColumn?: string; perSubject?: number; duplicateEvery?: number } = {}): string {
  const r = mulberry32(seed);
  const header = [...(opts.idColumn ? [opts.idColumn] : []), 'dose', 'age', 'site', 'y'];
  const lines = [header.join(',')];
  for (let i = 0; lines.length - 1 < rows; i++) {
    const dose = Math.round(r() * 40) / 4;
    const age = 20 + Math.round(r() * 50);
    const site = ['north', 'south', 'east'][Math.floor(r() * 3)];
    const y = dose * 1.5 + age * 0.2 + (site === 'north' ? 4 : site === 'south' ? -2 : 0) + (r() + r() + r() - 1.5) * 6;
    const id = opts.idColumn ? [String(opts.perSubject ? 100 + Math.floor(i / opts.perSubject) : 100 + i)] : [];
    const line = [...id, dose, age, site, y.toFixed(2)].join(',');
    lines.push(line);
    if (opts.duplicateEvery && i % opts.duplicateEvery === 0 && lines.length - 1 < rows) lines.push(line);
  }
  return lines.join('\n') + '\n';
}

async function run(name: string, csv: string) {
  const dir = await writeDataset(name, `${name}.csv`, csv);
  const result = await runPipeline({ config: { datasets: [dir], ...CONFIG } });
  const published = result.summary.tasks.filter((t) => t.status === 'accepted' || t.status === 'repaired');
  const manifests = await Promise.all(
    published.map(async (t) => JSON.parse(await readFile(join(result.runDir, 'tasks', t.taskId, 'task.json'), 'utf8')) as TaskManifest),
  );
  return { ...result, published, manifests, dump: JSON.stringify(result.summary.tasks.map((t) => [t.taskId, t.status, t.reasons])) };
}

const header = async (runDir: string, taskId: string, file: string): Promise<string[]> =>
  (await readFile(join(runDir, 'tasks', taskId, 'public', file), 'utf8')).split('\n')[0].split(',');

describe('tables that used to lose their tasks', () => {
  it('a table with its own ID column (a subject id repeated per row) publishes tasks; the source ID is dropped as an identifier', async () => {
    const { published, manifests, runDir, dump } = await run('visits', measurements(240, 1, { idColumn: 'ID', perSubject: 3 }));
    expect(published.length, dump).toBeGreaterThan(0);
    for (const [i, m] of manifests.entries()) {
      expect(m.submission.idColumn).toBe('id');
      expect(m.spec.dropColumns).toContain('ID');
      const train = await header(runDir, published[i].taskId, 'train.csv');
      expect(train[0]).toBe('id');
      expect(train.filter((c) => c.toLowerCase() === 'id')).toEqual(['id']);
    }
  }, RUN_TIMEOUT);

  it('a table with duplicate rows and no unique column publishes tasks, keyed by the whole row', async () => {
    const { published, manifests, dump } = await run('repeats', measurements(240, 2, { duplicateEvery: 4 }));
    expect(published.length, dump).toBeGreaterThan(0);
    for (const m of manifests) expect(m.spec.rowKey).toEqual([]);
  }, RUN_TIMEOUT);

  it('a 60-row table publishes with its test fraction raised to give 20 test rows', async () => {
    const { published, manifests, dump } = await run('pilot', measurements(60, 3));
    expect(published.length, dump).toBeGreaterThan(0);
    for (const [i, m] of manifests.entries()) {
      expect(m.split.testFraction).toBe(0.34);
      expect(m.rows).toEqual({ train: 40, test: 20 });
      expect(published[i].reasons.join('\n')).toMatch(/repaired after attempt 1: structural\/test-fraction: table "pilot" has 60 rows/);
    }
  }, RUN_TIMEOUT);

  it('a 25-row table is rejected with one line naming the rows a task needs', async () => {
    const { summary, published } = await run('tiny', measurements(25, 4));
    expect(published).toEqual([]);
    expect(summary.tasks.length).toBeGreaterThan(0);
    for (const t of summary.tasks) {
      expect(t.status).toBe('rejected');
      expect(t.reasons).toEqual(['structural/test-fraction: table "tiny" has 25 rows; a task needs at least 40 (20 test rows at test fraction 0.5)']);
    }
  });
});
