import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger, type ExecResult, type Executor, type TaskPublicView } from '@mle-smith/core';
import { BASELINE_MODULE_FILE, EXIT_INVALID_SUBMISSION, pythonBaselineSolver, type PythonBaselineOptions } from './index.js';
import { recordingExecutor } from '@mle-smith/testkit';

const root = mkdtempSync(join(tmpdir(), 'baseline-kit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const LIMITS = { timeSec: 30, memoryMb: 1024, cpus: 3, pids: 64 };
writeFileSync(join(root, 'features.py'), 'FEATURES = 1\n');

const view = {
  taskDir: root, publicDir: join(root, 'public'), description: '',
  manifest: {
    id: 'demo', title: 'Demo', modality: 'tabular', objective: 'binary', target: 'y',
    metric: { name: 'roc_auc', higherIsBetter: true, params: { pos_label: 'b' } },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'probability' }], classes: ['a', 'b'] },
  },
} as unknown as TaskPublicView;

const stub = (result: Partial<ExecResult>, writeSubmission = false) => recordingExecutor(result, writeSubmission ? 'id,y\n' : undefined);

const base: PythonBaselineOptions = { id: 'demo-simple', tier: 'simple', modalities: ['tabular'], script: async () => 'print(1)\n', extraFiles: [join(root, 'features.py')] };

async function solveWith(executor: Executor, name: string, options: Partial<PythonBaselineOptions> = {}, task: TaskPublicView = view) {
  return pythonBaselineSolver({ ...base, ...options }).solve(task, { executor, runId: 'r', workDir: join(root, name), limits: LIMITS, seed: 11, log: silentLogger });
}

describe('pythonBaselineSolver', () => {
  it('ships solution.py, the shared module, extra modules and task_public.json with extra fields', async () => {
    const executor = stub({}, true);
    const run = await solveWith(executor, 'ok', { extraSpec: async () => ({ textColumn: 'body' }), singleThreadBelowBytes: 1024 });
    expect(run).toMatchObject({ solver: 'demo-simple', status: 'ok', submissionPath: join(root, 'ok', 'submission.csv') });
    const job = executor.jobs[0];
    expect(job.files.map((f) => f.path)).toEqual(['solution.py', BASELINE_MODULE_FILE, 'features.py', 'task_public.json']);
    expect(job.files[1].content).toContain('def write_predictions');
    expect(job.env).toMatchObject({ OMP_NUM_THREADS: '3', MLE_SMITH_SINGLE_THREAD_BELOW: '1024' });
    expect(JSON.parse(job.files[3].content)).toMatchObject({ taskId: 'demo', textColumn: 'body', seed: 11, nJobs: 3, metric: { params: { pos_label: 'b' } } });
  });

  it('refuses other modalities, other objectives and tasks extraSpec rejects, without running', async () => {
    const executor = stub({});
    const image = { ...view, manifest: { ...view.manifest, modality: 'image' } } as TaskPublicView;
    expect(await solveWith(executor, 'm', {}, image)).toMatchObject({ status: 'failed', code: [], error: 'demo-simple solves tabular binary/multiclass/regression tasks, not image binary' });
    expect(await solveWith(executor, 'x', { extraSpec: async () => 'no text column' })).toMatchObject({ status: 'failed', error: 'demo-simple: no text column' });
    expect(executor.jobs).toEqual([]);
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
    expect(await solveWith(broken, 'broken')).toMatchObject({ status: 'failed', error: 'executor broken failed: engine down' });
  });
});
