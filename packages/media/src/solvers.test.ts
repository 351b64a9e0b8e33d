import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger, type ExecJob, type Executor, type TaskPublicView } from '@mle-smith/core';
import { baselineSolvers, resolveOptions, type MediaConfig } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'media-solvers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const f of ['trivial.py', 'simple.py', 'strong.py']) writeFileSync(join(root, f), `# ${f}\n`);

const config: MediaConfig = {
  kind: 'image', designerId: 'image', pluginName: 'designer-image', folder: 'images', column: 'image', noun: 'image',
  validate: async () => {}, inspect: async () => ({}), pythonDir: root, baselines: { trivial: 't', simple: 's', strong: 'x' },
};

describe('baselineSolvers', () => {
  it('runs <tier>.py with the modality module and names the media column in task_public.json', async () => {
    const jobs: ExecJob[] = [];
    const executor: Executor = {
      id: 'stub', dispose: async () => {},
      run: async (job) => { jobs.push(job); return { jobId: job.jobId, exitCode: 0, timedOut: false, oomKilled: false, durationMs: 1, logTail: '', logTruncated: false, outputs: [] }; },
    };
    const view = {
      taskDir: root, publicDir: root, description: '',
      manifest: { id: 't', modality: 'image', objective: 'multiclass', target: 'label', metric: { name: 'accuracy', higherIsBetter: true, params: {} }, submission: { idColumn: 'id', predictionColumns: [{ name: 'label', type: 'string' }] } },
    } as unknown as TaskPublicView;
    const solvers = baselineSolvers(config);
    expect(solvers.map((s) => [s.id, s.tier, s.modalities])).toEqual([['image-trivial', 'trivial', ['image']], ['image-simple', 'simple', ['image']], ['image-strong', 'strong', ['image']]]);
    const run = await solvers[1].solve(view, { executor, runId: 'r', workDir: join(root, 'w'), limits: { timeSec: 5, memoryMb: 512, cpus: 1, pids: 16 }, seed: 1, log: silentLogger });
    expect(run.status).toBe('invalid');
    expect(jobs[0].files.map((f) => [f.path, f.path === 'task_public.json' ? JSON.parse(f.content).mediaColumn : f.content.split('\n')[0]])).toEqual([
      ['solution.py', '# simple.py'], ['mle_smith_baseline.py', expect.any(String)], ['image.py', expect.stringContaining('Image part of the baseline ladder')], ['task_public.json', 'image'],
    ]);
  });
});

describe('resolveOptions', () => {
  it('fills defaults and ignores undefined values', () => {
    expect(resolveOptions({ testFraction: 0.3, maxClasses: undefined })).toMatchObject({ testFraction: 0.3, maxClasses: 100, maxProposals: 3 });
  });
});
