// One Solver per ladder rung: ship the tier script (as solution.py), the shared module, the
// modality's own modules and task_public.json, run them through the configured executor on the
// task's public folder, and turn the execution result into a SolverRun.
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BASELINE_TIERS, isDiskFault, type BaselineTier, type ExecJob, type ExecResult, type Modality, type Objective, type Solver, type SolverContext, type SolverRun, type TaskPublicView } from '@mle-smith/core';
import { BASELINE_MODULE_PATH, readSource } from './python-files.js';
import { SUPPORTED_OBJECTIVES, taskPublicSpec } from './task-public.js';

/** Exit code of mle_smith_baseline.py when the script's own submission fails its self-check. */
export const EXIT_INVALID_SUBMISSION = 3;
export const SUBMISSION_FILE = 'submission.csv';
export const TASK_PUBLIC_FILE = 'task_public.json';
export const SOLUTION_FILE = 'solution.py';

export interface PythonBaselineOptions {
  id: string;
  /** The ladder rung it fills in the execute stage; none for solvers that only play in `eval` (the zoo). */
  tier?: BaselineTier;
  /** Modalities it solves; the first names them in the error for any other task. */
  modalities: [Modality, ...Modality[]];
  /** Objectives it solves. Default SUPPORTED_OBJECTIVES (binary, multiclass, regression). */
  objectives?: readonly Objective[];
  /** The tier script: an absolute path, or a function returning its text. */
  script: string | (() => Promise<string>);
  /** Absolute paths of modules shipped next to solution.py under their own names (e.g. tabular.py). */
  extraFiles?: string[];
  /**
   * Fields task_public.json carries besides the common ones (e.g. where the text or media is), or
   * a reason this task cannot be solved (a failed run; nothing is executed).
   */
  extraSpec?: (task: TaskPublicView, ctx: SolverContext) => Promise<Record<string, unknown> | string>;
  /** Below this train.csv size (bytes) the script runs one thread whatever the cpu limit. */
  singleThreadBelowBytes?: number;
  /** The script's submission does not depend on the seed (Solver.seedInvariant). */
  seedInvariant?: boolean;
}

export function pythonBaselineSolver(options: PythonBaselineOptions): Solver {
  const { id, tier, modalities, seedInvariant } = options;
  return { id, ...(tier ? { tier } : {}), modalities: [...modalities], ...(seedInvariant ? { seedInvariant } : {}), solve: (task, ctx) => solve(options, task, ctx) };
}

/**
 * A whole ladder: one solver per tier of the core's BASELINE_TIERS, weakest first, each from
 * `options(tier)` — `<dir>/<tier>.py` plus the modality's modules, typically.
 */
export function pythonBaselineLadder(options: (tier: BaselineTier) => Omit<PythonBaselineOptions, 'tier'>): Solver[] {
  return BASELINE_TIERS.map((tier) => pythonBaselineSolver({ ...options(tier), tier }));
}

async function sources(options: PythonBaselineOptions): Promise<Array<{ path: string; content: string }>> {
  const script = typeof options.script === 'string' ? readSource(options.script) : options.script();
  const modules = [BASELINE_MODULE_PATH, ...(options.extraFiles ?? [])];
  const [solution, ...texts] = await Promise.all([script, ...modules.map(readSource)]);
  return [{ path: SOLUTION_FILE, content: solution }, ...modules.map((m, i) => ({ path: basename(m), content: texts[i] }))];
}

async function solve(options: PythonBaselineOptions, task: TaskPublicView, ctx: SolverContext): Promise<SolverRun> {
  const { id, modalities } = options;
  const manifest = task.manifest;
  const objectives = options.objectives ?? [...SUPPORTED_OBJECTIVES];
  if (!modalities.includes(manifest.modality) || !objectives.includes(manifest.objective)) {
    const error = `${id} solves ${modalities.join('/')} ${objectives.join('/')} tasks, not ${manifest.modality} ${manifest.objective}`;
    return { solver: id, status: 'failed', code: [], error };
  }
  const extra = options.extraSpec ? await options.extraSpec(task, ctx) : {};
  if (typeof extra === 'string') return { solver: id, status: 'failed', code: [], error: `${id}: ${extra}` };
  const spec = { ...taskPublicSpec(task, ctx.seed, ctx.limits.cpus), ...extra };
  const code = [...(await sources(options)), { path: TASK_PUBLIC_FILE, content: JSON.stringify(spec, null, 2) + '\n' }];
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
    command: ['python3', SOLUTION_FILE],
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
      ...(options.singleThreadBelowBytes ? { MLE_SMITH_SINGLE_THREAD_BELOW: String(options.singleThreadBelowBytes) } : {}),
    },
  };
  ctx.log.debug(`${id}: running on ${manifest.id} (seed ${ctx.seed}, ${threads} cpu)`);
  let exec: ExecResult;
  try {
    exec = await ctx.executor.run(job, { log: ctx.log, signal: ctx.signal });
  } catch (err) {
    if (ctx.signal?.aborted || isDiskFault(err)) throw err;
    return { solver: id, status: 'failed', code, error: `executor ${ctx.executor.id} failed: ${(err as Error).message}` };
  }
  return { solver: id, code, exec, ...(await outcome(exec, submissionPath)) };
}

/** A finished job as a SolverRun status: timeout, invalid (self-check or no submission), failed or ok. */
export async function outcome(exec: ExecResult, submissionPath: string): Promise<Pick<SolverRun, 'status' | 'submissionPath' | 'error'>> {
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
