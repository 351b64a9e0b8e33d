// An evaluation's units of work as queue jobs: one per (task, solver, seed). A job runs
// runEvalJob() in a worker, which writes the run's result.json under the evaluation folder (a path
// every worker sees); the coordinator's own pass then finds every row done and reuses it, so the
// scores and ratings are those of an in-process evaluation. A repeated job finds its result.json
// and does nothing twice. The evaluation's config and solver entries are in `<out>/eval-run.json`,
// from which a worker builds the same solvers the coordinator would.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { MleSmithConfig, SolverEntry } from '../contracts/config.js';
import type { DrainProgress, JobOutcome, Scheduler, SchedulerJob } from '../contracts/scheduler.js';
import { writeJsonAtomic } from '../atomic-fs.js';
import { MleSmithError, UsageError, errorMessage } from '../errors.js';
import { readTaskView, runEvalJob, type EvalJob, type EvalJobDeps, type EvalScoreRow, type EvalSolver, type TaskView } from './eval-run.js';

/** What an evaluation job carries: where the evaluation is and which (task, solver, seed) it runs. */
export interface EvalJobData {
  evalDir: string;
  /** The config file's folder: relative plugin entries of the evaluation's config resolve from it. */
  configDir: string;
  taskDir: string;
  taskId: string;
  solver: string;
  seed: number;
}

/** `<out>/eval-run.json`: what a worker needs to build the evaluation's solvers. */
export interface EvalRunRecord {
  runId: string;
  config: MleSmithConfig;
  solvers: Array<string | SolverEntry>;
}

export const EVAL_RUN_FILE = 'eval-run.json';

export const writeEvalRunRecord = (evalDir: string, record: EvalRunRecord): Promise<void> => writeJsonAtomic(join(evalDir, EVAL_RUN_FILE), record);

export async function readEvalRunRecord(evalDir: string): Promise<EvalRunRecord> {
  try {
    return JSON.parse(await readFile(join(evalDir, EVAL_RUN_FILE), 'utf8')) as EvalRunRecord;
  } catch (err) {
    throw new UsageError(`${evalDir} is not a queued evaluation (cannot read its ${EVAL_RUN_FILE}: ${errorMessage(err)})`);
  }
}

export interface EvalQueueOptions {
  scheduler: Scheduler;
  configDir: string;
  onProgress?: (progress: DrainProgress) => void;
  signal?: AbortSignal;
}

/** The queue job of one (task, solver, seed). Solver ids are free text: the id's parts are URI-encoded (BullMQ ids take no ":"). */
export function evalSchedulerJob(run: { runId: string; evalDir: string; configDir: string }, job: EvalJob, taskId: string): SchedulerJob {
  const data: EvalJobData = { evalDir: run.evalDir, configDir: run.configDir, taskDir: job.taskDir, taskId, solver: job.solver.solver.id, seed: job.seed };
  const id = [run.runId, 'eval', taskId, job.solver.solver.id, String(job.seed)].map(encodeURIComponent).join('|');
  return { id, runId: run.runId, kind: 'eval', label: `${taskId} ${job.solver.solver.id} seed ${job.seed}`, data: { ...data } };
}

/**
 * Has the queue's workers run `jobs`; resolves with the rows of the jobs that failed on every
 * attempt (by index), which the evaluation reports as failed runs instead of running them here.
 */
export async function drainEvalJobs(queue: EvalQueueOptions, run: { runId: string; evalDir: string }, jobs: EvalJob[], views: TaskView[]): Promise<Map<number, EvalScoreRow>> {
  const queued = jobs.map((job, i) => evalSchedulerJob({ ...run, configDir: queue.configDir }, job, views[i]!.manifest.id));
  const failures = await queue.scheduler.drain(queued, { onProgress: queue.onProgress, signal: queue.signal });
  const index = new Map(queued.map((q, i) => [q.id, i]));
  const failed = new Map<number, EvalScoreRow>();
  for (const f of failures) {
    const i = index.get(f.job.id);
    if (i === undefined) continue;
    const { manifest } = views[i]!;
    failed.set(i, {
      task: manifest.id, solver: jobs[i]!.solver.solver.id, seed: jobs[i]!.seed, score: null, valid: false, higherIsBetter: manifest.metric.higherIsBetter, metric: manifest.metric.name,
      durationMs: 0, status: 'failed', error: `job ${f.job.label} failed after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}: ${f.error}`,
    });
  }
  return failed;
}

/** Runs one evaluation job in this process (a worker's handler), with the evaluation's solvers built from its record. */
export async function runEvalSchedulerJob(job: SchedulerJob, solvers: EvalSolver[], deps: EvalJobDeps): Promise<JobOutcome> {
  const d = job.data as unknown as EvalJobData;
  const solver = solvers.find((s) => s.solver.id === d.solver);
  if (!solver) throw new MleSmithError('INTERNAL', `solver ${d.solver} is not among the solvers of the evaluation in ${d.evalDir}`);
  const { reused } = await runEvalJob({ taskDir: d.taskDir, solver, seed: d.seed }, await readTaskView(d.taskDir), deps);
  return { next: [], note: `eval ${reused ? 'cached' : 'done'}` };
}
