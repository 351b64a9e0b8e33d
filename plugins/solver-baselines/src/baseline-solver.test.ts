// How a rung builds its job and maps execution results to SolverRun statuses (stub executor).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger, type ExecJob, type ExecResult, type Executor } from '@mle-smith/core';
import { EXIT_INVALID_SUBMISSION, baselineSolver } from './baseline-solver.js';
import { makeTask } from './__fixtures__/tasks.js';

const root = mkdtempSync(join(tmpdir(), 'solver-baselines-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const task = makeTask(root, 'multiclass-logloss');
const LIMITS = { timeSec: 30, memoryMb: 1024, cpus: 3, pids: 64 };

function stub(result: Partial<ExecResult>, writeSubmission = false): Executor & { jobs: ExecJob[] } {
  const jobs: ExecJob[] = [];
  return {
    id: 'stub',
    jobs,
    async run(job) {
      jobs.push(job);
      if (writeSubmission) writeFileSync(join(job.outputDir, 'submission.csv'), 'id,class_0,class_1,class_2\n');
      return { jobId: job.jobId, exitCode: 0, timedOut: false, oomKilled: false, durationMs: 5, logTail: '', logTruncated: false, outputs: writeSubmission ? ['submission.csv'] : [], ...result };
    },
    async dispose() {},
  };
}

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
    expect(job.files.map((f) => f.path)).toEqual(['solution.py', 'common.py', 'task_public.json']);
    expect(job.files[0].content).toContain('linear_pipeline(task)');
    expect(job.files[1].content).toContain('LogisticRegression');
    const spec = JSON.parse(job.files[2].content);
    expect(spec).toEqual({
      taskId: 'multiclass-logloss', objective: 'multiclass', target: 'cultivar', idColumn: 'id',
      predictionColumns: task.manifest.submission.predictionColumns, classes: ['class_0', 'class_1', 'class_2'],
      metric: { name: 'log_loss', higherIsBetter: false, params: {} }, seed: 11, nJobs: 3,
    });
    expect(run.code).toEqual(job.files);
  });

  it.each([
    ['timeout', { timedOut: true, exitCode: null, error: 'timed out after 30 s' }, 'timed out after 30 s'],
    ['invalid', { exitCode: EXIT_INVALID_SUBMISSION, logTail: 'x\nINVALID SUBMISSION: missing predictions\n' }, 'INVALID SUBMISSION: missing predictions'],
    ['failed', { exitCode: 1, logTail: 'Traceback\nValueError: boom\n' }, 'exit code 1: ValueError: boom'],
    ['failed', { exitCode: 137, oomKilled: true, logTail: '' }, 'killed by the memory limit: no output'],
    ['invalid', { exitCode: 0 }, 'the script exited 0 but wrote no submission.csv'],
  ] as const)('maps an execution result to status %s', async (status, result, error) => {
    const run = await solveWith(stub(result), `s-${status}-${result.exitCode}`);
    expect(run).toMatchObject({ status, error });
    expect(run.submissionPath).toBeUndefined();
    expect(run.exec).toBeDefined();
  });

  it('turns an executor error into a failed run', async () => {
    const broken: Executor = { id: 'broken', run: async () => { throw new Error('engine down'); }, dispose: async () => {} };
    const run = await solveWith(broken, 'broken');
    expect(run).toMatchObject({ status: 'failed', error: 'executor broken failed: engine down' });
  });
});
