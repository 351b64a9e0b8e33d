// Evaluation: each solver on each task's public view, graded on the host. A failed or invalid
// run is recorded as such, never dropped.
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ExecLimits, Executor, Logger, Solver } from '../contracts/execution.js';
import type { AgentContext } from '../contracts/llm.js';
import type { Grader } from '../contracts/metric.js';
import { scopeAgentContext } from '../agent-context.js';
import type { TaskManifest } from '../contracts/task.js';
import { exists, writeFileAtomic, writeJsonAtomic } from '../atomic-fs.js';
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

export async function runEvaluation(args: {
  taskDirs: string[];
  solvers: Solver[];
  seeds: number;
  baseSeed: number;
  executor: Executor;
  grader: Grader;
  limits: ExecLimits;
  outDir: string;
  runId: string;
  log: Logger;
  /** The LLM with its ledger, budgets and cache for LLM solvers, when a backend is configured; the task id is added per task. */
  agent?: AgentContext;
  onRow?: (row: EvalScoreRow) => void;
  /** SIGINT/SIGTERM: the running solver is killed and the evaluation ends with the InterruptedError, recording no row for it. */
  signal?: AbortSignal;
}): Promise<EvalScoreRow[]> {
  const rows: EvalScoreRow[] = [];
  for (const taskDir of args.taskDirs) {
    const manifest = await readManifest(taskDir);
    // a package whose public files cannot be read fails every run on it; the evaluation goes on
    const view = await readPublicView(taskDir, manifest).catch((err: unknown) => new DatasetError(`cannot read the public files: ${errorMessage(err)}`, { file: taskDir }));
    for (const solver of args.solvers) {
      for (let s = 0; s < args.seeds; s++) {
        throwIfInterrupted(args.signal);
        const seed = args.baseSeed + s;
        const workDir = join(args.outDir, 'runs', manifest.id, solver.id, `seed-${seed}`);
        await mkdir(workDir, { recursive: true });
        const started = Date.now();
        const row: EvalScoreRow = { task: manifest.id, solver: solver.id, seed, score: null, valid: false, higherIsBetter: manifest.metric.higherIsBetter, metric: manifest.metric.name, durationMs: 0, status: 'failed' };
        if (solver.modalities && !solver.modalities.includes(manifest.modality)) {
          row.status = 'unsupported';
          row.error = `${solver.id} does not handle ${manifest.modality} tasks`;
        } else if (view instanceof DatasetError) {
          row.error = view.message;
        } else {
          try {
            const run = await solver.solve(view, { executor: args.executor, runId: args.runId, workDir, limits: args.limits, seed, log: args.log, agent: scopeAgentContext(args.agent, { taskId: manifest.id }), signal: args.signal });
            throwIfInterrupted(args.signal); // a killed run is not a loss
            for (const file of run.code) await writeFileAtomic(join(workDir, file.path), file.content);
            if (run.exec) await writeFileAtomic(join(workDir, 'log.txt'), run.exec.logTail);
            row.status = run.status;
            row.error = run.error;
            if (run.status === 'ok' && run.submissionPath) {
              const graded = await args.grader.grade(taskDir, run.submissionPath, manifest).catch((err: unknown) => ({ valid: false, score: undefined, error: errorMessage(err) }));
              if (graded.valid && typeof graded.score === 'number' && Number.isFinite(graded.score)) {
                row.score = graded.score;
                row.valid = true;
              } else {
                row.status = 'invalid';
                row.error = graded.error ?? `score is not a finite number (${String(graded.score)})`;
              }
            }
          } catch (err) {
            throwIfInterrupted(args.signal);
            row.error = errorMessage(err);
          }
        }
        row.durationMs = Date.now() - started;
        rows.push(row);
        args.onRow?.(row);
      }
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
