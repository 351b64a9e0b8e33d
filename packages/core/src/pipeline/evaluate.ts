// Evaluation: each solver on each task's public view, graded on the host. A failed or invalid
// run is recorded as such, never dropped.
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ExecLimits, Executor, Logger, Solver, TaskPublicView } from '../contracts/execution.js';
import type { AgentContext } from '../contracts/llm.js';
import type { Grader } from '../contracts/metric.js';
import { scopeAgentContext } from '../agent-context.js';
import type { TaskManifest } from '../contracts/task.js';
import { hashValue } from '../run-store.js';
import { forEachLimited } from './run-pipeline.js';
import { exists, writeFileAtomic, writeJsonAtomic } from '../atomic-fs.js';
import { DatasetError, errorMessage } from '../errors.js';
import { throwIfInterrupted } from '../interrupt.js';
import { readPublicView } from './public-view.js';
import { readTaskManifest } from '../package-reader.js';
import { drainEvalJobs, type EvalQueueOptions } from './eval-jobs.js';

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

/** Task package folders: a folder with task.json, or a folder (e.g. a run's tasks/) holding such folders. */
export async function findTaskDirs(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths.map((x) => resolve(x))) {
    if (await exists(join(p, 'task.json'))) out.push(p);
    else if (await exists(join(p, 'tasks'))) out.push(...(await findTaskDirs([join(p, 'tasks')])));
    else {
      let entries;
      try {
        entries = await readdir(p, { withFileTypes: true });
      } catch {
        throw new DatasetError('task folder does not exist', { file: p });
      }
      const found = entries.filter((e) => e.isDirectory()).map((e) => join(p, e.name)).sort();
      const tasks = [];
      for (const d of found) if (await exists(join(d, 'task.json'))) tasks.push(d);
      if (!tasks.length) throw new DatasetError('no task.json here or in its sub-folders', { file: p });
      out.push(...tasks);
    }
  }
  return out;
}

/** task.json of an untrusted package, schema-checked (see package-reader.ts). */
export async function readManifest(taskDir: string): Promise<TaskManifest> {
  return readTaskManifest(taskDir);
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

/**
 * Every (task, solver, seed) of an evaluation, task-major, in the order the scores table lists them.
 * A seed-invariant solver runs once per task: its later seeds point at the first seed's run.
 */
export function evalJobs(taskDirs: string[], solvers: EvalSolver[], seeds: number, baseSeed: number): EvalJob[] {
  return taskDirs.flatMap((taskDir) => solvers.flatMap((solver) => Array.from({ length: seeds }, (_, s): EvalJob => {
    const job: EvalJob = { taskDir, solver, seed: baseSeed + s };
    return s > 0 && solver.solver.seedInvariant ? { ...job, sameAsSeed: baseSeed } : job;
  })));
}

/** A seed-invariant solver's row for a later seed: the first seed's result, which a rerun would reproduce. */
function seedCopy(row: EvalScoreRow, seed: number): EvalScoreRow {
  return { ...row, seed, durationMs: 0 };
}

const jobKey = (job: EvalJob, seed = job.seed): string => JSON.stringify([job.taskDir, job.solver.solver.id, seed]);

export async function runEvaluation(args: EvalJobDeps & {
  taskDirs: string[];
  solvers: EvalSolver[];
  seeds: number;
  baseSeed: number;
  /** Runs at once (default 1). */
  concurrency?: number;
  /**
   * After each row (awaited): `reused` when an earlier evaluation's (or a queue worker's) row was kept;
   * `sameAsSeed` for a seed-invariant solver's later seed, whose row is that seed's run.
   */
  onRow?: (row: EvalScoreRow, reused: boolean, sameAsSeed?: number) => void | Promise<void>;
  /** A queue's workers run the jobs first (eval-jobs.ts); this process's pass then reuses their rows. */
  queue?: EvalQueueOptions;
}): Promise<EvalScoreRow[]> {
  const jobs = evalJobs(args.taskDirs, args.solvers, args.seeds, args.baseSeed);
  const runs = jobs.filter((job) => job.sameAsSeed === undefined);
  const views = new Map<string, Promise<TaskView>>();
  const viewOf = (taskDir: string): Promise<TaskView> => {
    if (!views.has(taskDir)) views.set(taskDir, readTaskView(taskDir));
    return views.get(taskDir)!;
  };
  const failed = args.queue ? await drainEvalJobs(args.queue, { runId: args.runId, evalDir: args.outDir }, runs, await Promise.all(runs.map((j) => viewOf(j.taskDir)))) : new Map<number, EvalScoreRow>();
  const ran = new Map<string, EvalScoreRow>();
  await forEachLimited(runs.map((job, i) => ({ job, i })), args.concurrency ?? 1, async ({ job, i }) => {
    // a job that failed on every worker is reported as a failed run, not run again here
    const { row, reused } = failed.has(i) ? { row: failed.get(i)!, reused: false } : await runEvalJob(job, await viewOf(job.taskDir), args);
    ran.set(jobKey(job), row);
    await args.onRow?.(row, reused);
  });
  const rows: EvalScoreRow[] = [];
  for (const job of jobs) {
    if (job.sameAsSeed === undefined) rows.push(ran.get(jobKey(job))!);
    else {
      rows.push(seedCopy(ran.get(jobKey(job, job.sameAsSeed))!, job.seed));
      await args.onRow?.(rows.at(-1)!, true, job.sameAsSeed);
    }
  }
  await writeScores(args.outDir, rows);
  return rows;
}

/** A task's manifest, its public view (or why it cannot be read) and the hash of its task.json. */
export interface TaskView {
  manifest: TaskManifest;
  view: TaskPublicView | DatasetError;
  taskHash: string;
}

export async function readTaskView(taskDir: string): Promise<TaskView> {
  const manifest = await readManifest(taskDir);
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

const COLUMNS: Array<keyof EvalScoreRow> = ['task', 'solver', 'seed', 'score', 'valid', 'higherIsBetter', 'metric', 'durationMs', 'status', 'error'];

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function writeScores(outDir: string, rows: EvalScoreRow[]): Promise<void> {
  await writeJsonAtomic(join(outDir, 'scores.json'), rows);
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
  await writeFileAtomic(join(outDir, 'scores.csv'), lines.join('\n') + '\n');
}
