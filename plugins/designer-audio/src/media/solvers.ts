// The baseline ladder of this modality: one Solver per tier, each a Python script (python/<tier>.py
// plus python/common.py) run through the configured executor on the task's public folder.
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@mle-smith/core';
import type { BaselineTier, ExecJob, ExecResult, Solver, SolverContext, SolverRun, TaskPublicView } from '@mle-smith/core';
import type { MediaConfig } from './config.js';

export const BASELINE_TIERS: readonly BaselineTier[] = ['trivial', 'simple', 'strong'];
/** Folder of the Python scripts; `../../python` from both src/media/*.ts and dist/media/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));
export const EXIT_INVALID_SUBMISSION = 3;
export const SUBMISSION_FILE = 'submission.csv';
export const TASK_PUBLIC_FILE = 'task_public.json';

const SUPPORTED = new Set(['binary', 'multiclass', 'regression']);

export async function tierSources(tier: BaselineTier): Promise<Array<{ path: string; content: string }>> {
  const [solution, common] = await Promise.all([readFile(join(PYTHON_DIR, `${tier}.py`), 'utf8'), readFile(join(PYTHON_DIR, 'common.py'), 'utf8')]);
  return [{ path: 'solution.py', content: solution }, { path: 'common.py', content: common }];
}

export function baselineSolvers(config: MediaConfig): Solver[] {
  return BASELINE_TIERS.map((tier) => {
    const id = `${config.designerId}-${tier}`;
    return { id, tier, modalities: [config.kind], solve: (task, ctx) => solve(id, tier, config, task, ctx) };
  });
}

async function solve(id: string, tier: BaselineTier, config: MediaConfig, task: TaskPublicView, ctx: SolverContext): Promise<SolverRun> {
  const m = task.manifest;
  if (m.modality !== config.kind || !SUPPORTED.has(m.objective)) {
    return { solver: id, status: 'failed', code: [], error: `${id} solves ${config.kind} binary/multiclass/regression tasks, not ${m.modality} ${m.objective}` };
  }
  const nJobs = Math.max(1, Math.floor(ctx.limits.cpus));
  const spec = {
    taskId: m.id, objective: m.objective, target: m.target, idColumn: m.submission.idColumn, mediaColumn: config.column,
    predictionColumns: m.submission.predictionColumns, classes: m.submission.classes ?? null,
    metric: { name: m.metric.name, higherIsBetter: m.metric.higherIsBetter, params: m.metric.params ?? {} }, seed: ctx.seed, nJobs,
  };
  const code = [...(await tierSources(tier)), { path: TASK_PUBLIC_FILE, content: JSON.stringify(spec, null, 2) + '\n' }];
  for (const file of code) await writeFileAtomic(join(ctx.workDir, file.path), file.content);
  const submissionPath = join(ctx.workDir, SUBMISSION_FILE);
  await rm(submissionPath, { force: true });
  const threads = String(nJobs);
  const job: ExecJob = {
    runId: ctx.runId,
    jobId: `${m.id}-${id}-s${ctx.seed}`.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 120),
    command: ['python3', 'solution.py'],
    publicDir: task.publicDir,
    files: code,
    outputs: [SUBMISSION_FILE],
    outputDir: ctx.workDir,
    limits: ctx.limits,
    network: false,
    env: { OMP_NUM_THREADS: threads, OPENBLAS_NUM_THREADS: threads, MKL_NUM_THREADS: threads, OMP_WAIT_POLICY: 'PASSIVE', PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' },
  };
  let exec: ExecResult;
  try {
    exec = await ctx.executor.run(job, { log: ctx.log, signal: ctx.signal });
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    return { solver: id, status: 'failed', code, error: `executor ${ctx.executor.id} failed: ${(err as Error).message}` };
  }
  return { solver: id, code, exec, ...(await outcome(exec, submissionPath)) };
}

async function outcome(exec: ExecResult, submissionPath: string): Promise<Pick<SolverRun, 'status' | 'submissionPath' | 'error'>> {
  const last = (): string => exec.logTail.split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? 'no output';
  if (exec.timedOut) return { status: 'timeout', error: exec.error ?? `timed out after ${Math.round(exec.durationMs / 1000)} s` };
  if (exec.exitCode === EXIT_INVALID_SUBMISSION) return { status: 'invalid', error: last() };
  if (exec.exitCode !== 0 || exec.oomKilled) return { status: 'failed', error: exec.error ?? `${exec.oomKilled ? 'killed by the memory limit' : `exit code ${exec.exitCode}`}: ${last()}` };
  const size = await stat(submissionPath).then((s) => s.size, () => 0);
  if (!exec.outputs.includes(SUBMISSION_FILE) || size === 0) return { status: 'invalid', error: `the script exited 0 but wrote no ${SUBMISSION_FILE}` };
  return { status: 'ok', submissionPath };
}
