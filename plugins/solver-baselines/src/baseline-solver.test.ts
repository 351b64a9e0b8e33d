// How a rung builds its job and maps execution results to SolverRun statuses (stub executor).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger, type ExecResult, type Executor } from '@mle-smith/core';
import { baselineSolver } from './baseline-solver.js';
import { makeTask } from './__fixtures__/tasks.js';
import { recordingExecutor } from '@mle-smith/testkit';

const root = mkdtempSync(join(tmpdir(), 'solver-baselines-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const task = makeTask(root, 'multiclass-logloss');
const LIMITS = { timeSec: 30, memoryMb: 1024, cpus: 3, pids: 64 };

const stub = (result: Partial<ExecResult>, writeSubmission = false) => recordingExecutor(result, writeSubmission ? 'id,class_0,class_1,class_2\n' : undefined);

async function solveWith(executor: Executor, name: string) {
  return baselineSolver('simple').solve(task.view, { executor, runId: 'r', workDir: join(root, name), limits: LIMITS, seed: 11, log: silentLogger });
}

describe('baselineSolver', () => {
  it('builds a job on the public folder with the tier script, helpers and the public spec', async () => {
    const executor = stub({}, true);
    const run = await solveWith(executor, 'ok');
    expect(run).toMatchObject({ solver: 'baseline-simple', status: 'ok', submissionPath: join(root, 'ok', 'submission.csv') });
    const job = executor.jobs[0];
    expect(job).toMatchObject({ command: ['python3', 'solution.py'], publicDir: task.view.publicDir, outputs: ['submission.csv'], outputDir: join(root, 'ok'), network: false, limits: LIMITS, runId: 'r' });
    expect(job.env).toMatchObject({ OMP_NUM_THREADS: '3', PYTHONHASHSEED: '0' });
    expect(job.env).toMatchObject({ MLE_SMITH_SINGLE_THREAD_BELOW: String(5 * 1024 * 1024) });
    expect(job.files.map((f) => f.path)).toEqual(['solution.py', 'mle_smith_baseline.py', 'tabular.py', 'task_public.json']);
    expect(job.files[0].content).toContain('linear_pipeline(task)');
    expect(job.files[2].content).toContain('LogisticRegression');
    const spec = JSON.parse(job.files[3].content);
    expect(spec).toEqual({
      taskId: 'multiclass-logloss', objective: 'multiclass', target: 'cultivar', idColumn: 'id',
      predictionColumns: task.manifest.submission.predictionColumns, classes: ['class_0', 'class_1', 'class_2'],
      metric: { name: 'log_loss', higherIsBetter: false, params: {} }, seed: 11, nJobs: 3,
    });
    expect(run.code).toEqual(job.files);
  });
});
