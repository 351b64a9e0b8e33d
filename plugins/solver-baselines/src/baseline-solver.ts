// One Solver per ladder rung: write the tier script, run it through the configured executor on
// the task's public folder, and turn the execution result into a SolverRun.
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BaselineTier, ExecJob, ExecResult, Solver, SolverContext, SolverRun, TaskPublicView } from '@mle-smith/core';
import { tierSources } from './python-sources.js';
import { SUPPORTED_OBJECTIVES, taskPublicSpec } from './task-public.js';

export const BASELINE_TIERS: readonly BaselineTier[] = ['trivial', 'simple', 'strong'];
export type BaselineSolverId = `baseline-${BaselineTier}`;

/** Exit code of common.py when the script's own submission fails its self-check. */
export const EXIT_INVALID_SUBMISSION = 3;
export const SUBMISSION_FILE = 'submission.csv';
export const TASK_PUBLIC_FILE = 'task_public.json';

export function baselineSolver(tier: BaselineTier): Solver {
  const id: BaselineSolverId = `baseline-${tier}`;
  return {
    id,
    tier,
    modalities: ['tabular'],
    solve: (task, ctx) => solveWithTier(id, tier, task, ctx),
  };
}

export function baselineSolvers(): Solver[] {
  return BASELINE_TIERS.map(baselineSolver);
}

async function solveWithTier(id: string, tier: BaselineTier, task: TaskPublicView, ctx: SolverContext): Promise<SolverRun> {
  const manifest = task.manifest;
  if (manifest.modality !== 'tabular' || !SUPPORTED_OBJECTIVES.has(manifest.objective)) {
    const error = `${id} solves tabular binary/multiclass/regression tasks, not ${manifest.modality} ${manifest.objective}`;
    return { solver: id, status: 'failed', code: [], error };
  }
  const spec = taskPublicSpec(task, ctx.seed, ctx.limits.cpus);
  const code = [...(await tierSources(tier)), { path: TASK_PUBLIC_FILE, content: JSON.stringify(spec, null, 2) + '\n' }];
  // The pipeline keeps `code` and the log tail in workDir (baselines/<solver>/); the solver only
  // makes sure the folder exists for the submission the executor copies back.
  await mkdir(ctx.workDir, { recursive: true });
  const submissionPath = join(ctx.workDir, SUBMISSION_FILE);
  // A submission left from an earlier attempt must never be mistaken for this run's output.
  await rm(submissionPath, { force: true });

  const threads = String(spec.nJobs);
  const job: ExecJob = {
    runId: ctx.runId,
    jobId: jobId(manifest.id, id, ctx.seed),
    command: ['python3', 'solution.py'],
    publicDir: task.publicDir,
    files: code,
    outputs: [SUBMISSION_FILE],
    outputDir: ctx.workDir,
    limits: ctx.limits,
    network: false,
    env: {
      OMP_NUM_THREADS: threads,
      OPENBLAS_NUM_THREADS: threads,
      MKL_NUM_THREADS: threads,
      OMP_WAIT_POLICY: 'PASSIVE',
      PYTHONHASHSEED: '0',
      PYTHONDONTWRITEBYTECODE: '1',
    },
  };
  ctx.log.debug(`${id}: running on ${manifest.id} (seed ${ctx.seed}, ${threads} cpu)`);
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
  if (exec.timedOut) return { status: 'timeout', error: exec.error ?? `timed out after ${Math.round(exec.durationMs / 1000)} s` };
  if (exec.exitCode === EXIT_INVALID_SUBMISSION) return { status: 'invalid', error: lastLine(exec.logTail, 'INVALID SUBMISSION') };
  if (exec.exitCode !== 0 || exec.oomKilled) {
    const why = exec.oomKilled ? 'killed by the memory limit' : `exit code ${exec.exitCode}`;
    return { status: 'failed', error: exec.error ?? `${why}: ${lastLine(exec.logTail)}` };
  }
  if (!exec.outputs.includes(SUBMISSION_FILE) || !(await nonEmpty(submissionPath))) {
    return { status: 'invalid', error: `the script exited 0 but wrote no ${SUBMISSION_FILE}` };
  }
  return { status: 'ok', submissionPath };
}

function jobId(taskId: string, solverId: string, seed: number): string {
  return `${taskId}-${solverId}-s${seed}`.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 120);
}

function lastLine(log: string, prefer?: string): string {
  const lines = log.split('\n').map((l) => l.trim()).filter(Boolean);
  const hit = prefer ? lines.filter((l) => l.includes(prefer)).pop() : undefined;
  return hit ?? lines.pop() ?? 'no output';
}

async function nonEmpty(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}

