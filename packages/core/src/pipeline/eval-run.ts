// One (task, solver, seed) run of an evaluation: the solver on the task's public view through the
// executor, graded on the host, its row kept in result.json so a repeat (a resumed evaluation, a
// queue job taken twice) reuses it. evaluate.ts runs many in-process; eval-jobs.ts hands them to
// a queue's workers.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecLimits, Executor, Logger, Solver, TaskPublicView } from '../contracts/execution.js';
import type { AgentContext } from '../contracts/llm.js';
import type { Grader } from '../contracts/metric.js';
import { scopeAgentContext } from '../agent-context.js';
import type { TaskManifest } from '../contracts/task.js';
import { hashValue } from '../run-store.js';
import { writeFileAtomic, writeJsonAtomic } from '../atomic-fs.js';
import { DatasetError, errorMessage } from '../errors.js';
import { throwIfInterrupted } from '../interrupt.js';
import { readPublicView } from './public-view.js';
import { readTaskManifest } from '../package-reader.js';

export interface EvalScoreRow {
  task: string;
  solver: string;
  seed: number;
  score: number | null;
  valid: boolean;
  higherIsBetter: boolean;
  metric: string;
  durationMs: number;
  status: string;
  error?: string;
}

/** One solver of an evaluation: the solver, the LLM it runs on (its own, for an entry with `llm`), and what its results depend on. */
export interface EvalSolver {
  solver: Solver;
  agent?: AgentContext;
  /** What identifies the solver's configuration (plugin, options, model): a changed one reruns its runs instead of reusing them. */
  fingerprint?: unknown;
}

/** One (task, solver, seed) run: the unit an evaluation resumes, runs concurrently or hands to a queue. */
export interface EvalJob {
  taskDir: string;
  solver: EvalSolver;
  seed: number;
  /** Set on a seed-invariant solver's later seeds: their row is this seed's run, not a run of their own. */
  sameAsSeed?: number;
}

export interface EvalJobDeps {
  executor: Executor;
  grader: Grader;
  limits: ExecLimits;
  outDir: string;
  runId: string;
  log: Logger;
  signal?: AbortSignal;
}

/** Where a job keeps its code, logs and result: `<out>/runs/<task>/<solver>/seed-<n>`. */
export function evalJobDir(outDir: string, taskId: string, solverId: string, seed: number): string {
  return join(outDir, 'runs', taskId, solverId, `seed-${seed}`);
}

/** A task's manifest, its public view (or why it cannot be read) and the hash of its task.json. */
export interface TaskView {
  manifest: TaskManifest;
  view: TaskPublicView | DatasetError;
  taskHash: string;
}

export async function readTaskView(taskDir: string): Promise<TaskView> {
  const manifest = await readTaskManifest(taskDir);
  // a package whose public files cannot be read fails every run on it; the evaluation goes on
  const view = await readPublicView(taskDir, manifest).catch((err: unknown) => new DatasetError(`cannot read the public files: ${errorMessage(err)}`, { file: taskDir }));
  return { manifest, view, taskHash: hashValue(manifest) };
}

const RESULT_FILE = 'result.json';

/**
 * Runs one job, or reuses the row an earlier evaluation wrote for the same task, solver
 * configuration, seed and limits. An interrupted job writes no row, so it runs again.
 */
export async function runEvalJob(job: EvalJob, task: TaskView, deps: EvalJobDeps): Promise<{ row: EvalScoreRow; reused: boolean }> {
  const { manifest } = task;
  const { solver } = job.solver;
  const workDir = evalJobDir(deps.outDir, manifest.id, solver.id, job.seed);
  const key = hashValue({ task: task.taskHash, solver: solver.id, fingerprint: job.solver.fingerprint ?? null, seed: job.seed, limits: deps.limits });
  const done = await readJsonIfPresent<{ key: string; row: EvalScoreRow }>(join(workDir, RESULT_FILE));
  if (done?.key === key) return { row: done.row, reused: true };
  throwIfInterrupted(deps.signal);
  await rm(workDir, { recursive: true, force: true }); // a half-finished earlier attempt leaves nothing that could count
  await mkdir(workDir, { recursive: true });
  const started = Date.now();
  const row: EvalScoreRow = { task: manifest.id, solver: solver.id, seed: job.seed, score: null, valid: false, higherIsBetter: manifest.metric.higherIsBetter, metric: manifest.metric.name, durationMs: 0, status: 'failed' };
  if (solver.modalities && !solver.modalities.includes(manifest.modality)) {
    row.status = 'unsupported';
    row.error = `${solver.id} does not handle ${manifest.modality} tasks`;
  } else if (task.view instanceof DatasetError) {
    row.error = task.view.message;
  } else {
    await solveAndGrade(task.view, manifest, job, workDir, row, deps);
  }
  row.durationMs = Date.now() - started;
  await writeJsonAtomic(join(workDir, RESULT_FILE), { key, row });
  return { row, reused: false };
}

async function solveAndGrade(view: TaskPublicView, manifest: TaskManifest, job: EvalJob, workDir: string, row: EvalScoreRow, deps: EvalJobDeps): Promise<void> {
  const { solver, agent } = job.solver;
  try {
    const run = await solver.solve(view, { executor: deps.executor, runId: deps.runId, workDir, limits: deps.limits, seed: job.seed, log: deps.log, agent: scopeAgentContext(agent, { taskId: manifest.id }), signal: deps.signal });
    throwIfInterrupted(deps.signal); // a killed run is not a loss
    for (const file of run.code) await writeFileAtomic(join(workDir, file.path), file.content);
    if (run.exec) await writeFileAtomic(join(workDir, 'log.txt'), run.exec.logTail);
    row.status = run.status;
    row.error = run.error;
    if (run.status === 'ok' && run.submissionPath) {
      const graded = await deps.grader.grade(job.taskDir, run.submissionPath, manifest).catch((err: unknown) => ({ valid: false, score: undefined, error: errorMessage(err) }));
      if (graded.valid && typeof graded.score === 'number' && Number.isFinite(graded.score)) {
        row.score = graded.score;
        row.valid = true;
      } else {
        row.status = 'invalid';
        row.error = graded.error ?? `score is not a finite number (${String(graded.score)})`;
      }
    }
  } catch (err) {
    throwIfInterrupted(deps.signal);
    row.error = errorMessage(err);
  }
}

async function readJsonIfPresent<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined; // absent, or torn by a crash before the atomic rename: the job runs again
  }
}
