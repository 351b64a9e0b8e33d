// The text baseline ladder: one Solver per tier (text-trivial, text-simple, text-strong), each a
// Python script run through the configured executor on the task's public folder, exactly as
// @mle-smith/plugin-solver-baselines runs the tabular ladder.
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@mle-smith/core';
import type { BaselineTier, ExecJob, ExecResult, Solver, SolverContext, SolverRun, TaskPublicView } from '@mle-smith/core';
import { readCsvColumns } from '@mle-smith/data';
import { SUPPORTED_OBJECTIVES, taskPublicSpec } from './task-public.js';

export const TEXT_TIERS: readonly BaselineTier[] = ['trivial', 'simple', 'strong'];
export const EXIT_INVALID_SUBMISSION = 3;
export const SUBMISSION_FILE = 'submission.csv';
export const TASK_PUBLIC_FILE = 'task_public.json';

/** Folder of the Python scripts; `../../python` from both src/baselines/*.ts and dist/baselines/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));

export async function tierSources(tier: BaselineTier): Promise<Array<{ path: string; content: string }>> {
  const [solution, common] = await Promise.all([readFile(join(PYTHON_DIR, `${tier}.py`), 'utf8'), readFile(join(PYTHON_DIR, 'common.py'), 'utf8')]);
  return [{ path: 'solution.py', content: solution }, { path: 'common.py', content: common }];
}

export function textBaselineSolver(tier: BaselineTier): Solver {
  const id = `text-${tier}`;
  return { id, tier, modalities: ['text'], solve: (task, ctx) => solve(id, tier, task, ctx) };
}

export function textBaselineSolvers(): Solver[] {
  return TEXT_TIERS.map(textBaselineSolver);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

async function solve(id: string, tier: BaselineTier, task: TaskPublicView, ctx: SolverContext): Promise<SolverRun> {
  const manifest = task.manifest;
  if (manifest.modality !== 'text' || !SUPPORTED_OBJECTIVES.has(manifest.objective)) {
    return { solver: id, status: 'failed', code: [], error: `${id} solves text binary/multiclass/regression tasks, not ${manifest.modality} ${manifest.objective}` };
  }
  const test = await readCsvColumns(join(task.publicDir, 'test.csv'), { allVarchar: true });
  const header = [...test.names, manifest.target];
  const textColumn = header.find((c) => c !== manifest.submission.idColumn && c !== manifest.target);
  const first = textColumn ? (test.columns[textColumn]?.[0] as string | null | undefined) ?? undefined : undefined;
  const spec = taskPublicSpec(task, header, first, first !== undefined && (await exists(join(task.publicDir, first))), ctx.seed, ctx.limits.cpus);
  if (typeof spec === 'string') return { solver: id, status: 'failed', code: [], error: `${id}: ${spec}` };
  const code = [...(await tierSources(tier)), { path: TASK_PUBLIC_FILE, content: JSON.stringify(spec, null, 2) + '\n' }];
  for (const file of code) await writeFileAtomic(join(ctx.workDir, file.path), file.content);
  const submissionPath = join(ctx.workDir, SUBMISSION_FILE);
  await rm(submissionPath, { force: true });
  const threads = String(spec.nJobs);
  const job: ExecJob = {
    runId: ctx.runId,
    jobId: `${manifest.id}-${id}-s${ctx.seed}`.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 120),
    command: ['python3', 'solution.py'],
    publicDir: task.publicDir,
    files: code,
    outputs: [SUBMISSION_FILE],
    outputDir: ctx.workDir,
    limits: ctx.limits,
    network: false,
    env: { OMP_NUM_THREADS: threads, OPENBLAS_NUM_THREADS: threads, MKL_NUM_THREADS: threads, PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' },
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
  if (exec.timedOut) return { status: 'timeout', error: exec.error ?? `timed out after ${Math.round(exec.durationMs / 1000)} s` };
  if (exec.exitCode === EXIT_INVALID_SUBMISSION) return { status: 'invalid', error: lastLine(exec.logTail, 'INVALID SUBMISSION') };
  if (exec.exitCode !== 0 || exec.oomKilled) {
    return { status: 'failed', error: exec.error ?? `${exec.oomKilled ? 'killed by the memory limit' : `exit code ${exec.exitCode}`}: ${lastLine(exec.logTail)}` };
  }
  if (!exec.outputs.includes(SUBMISSION_FILE) || !(await stat(submissionPath).then((s) => s.size > 0, () => false))) {
    return { status: 'invalid', error: `the script exited 0 but wrote no ${SUBMISSION_FILE}` };
  }
  return { status: 'ok', submissionPath };
}

function lastLine(log: string, prefer?: string): string {
  const lines = log.split('\n').map((l) => l.trim()).filter(Boolean);
  return (prefer ? lines.filter((l) => l.includes(prefer)).pop() : undefined) ?? lines.pop() ?? 'no output';
}
