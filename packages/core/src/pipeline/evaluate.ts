// Evaluation: each solver on each task's public view, graded on the host. A failed or invalid
// run is recorded as such, never dropped.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TaskManifest } from '../contracts/task.js';
import { forEachLimited } from './run-pipeline.js';
import { exists, writeFileAtomic, writeJsonAtomic } from '../atomic-fs.js';
import { DatasetError } from '../errors.js';
import { readTaskManifest } from '../package-reader.js';
import { drainEvalJobs, type EvalQueueOptions } from './eval-jobs.js';
import { readTaskView, runEvalJob, type EvalJob, type EvalJobDeps, type EvalScoreRow, type EvalSolver, type TaskView } from './eval-run.js';

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
