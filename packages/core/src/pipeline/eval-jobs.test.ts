import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Executor, Solver } from '../contracts/execution.js';
import type { Grader } from '../contracts/metric.js';
import type { Scheduler, SchedulerJob } from '../contracts/scheduler.js';
import { silentLogger } from '../logger.js';
import { runEvaluation } from './evaluate.js';
import type { EvalJobDeps } from './eval-run.js';
import { evalSchedulerJob, runEvalSchedulerJob } from './eval-jobs.js';

const tasks = ['ref-iris-species', 'ref-penguins-species'].map((t) => resolve(process.cwd(), '..', '..', 'examples', 'reference-tasks', 'tasks', t));
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** A solver that records its calls and fails without running anything (no executor, no grading). */
function countingSolver(id: string): Solver & { calls: string[] } {
  const calls: string[] = [];
  return { id, calls, solve: async (view, ctx) => (calls.push(`${view.manifest.id} ${ctx.seed}`), { solver: id, status: 'failed', code: [], error: 'no model here' }) };
}

async function deps(): Promise<EvalJobDeps> {
  const outDir = await mkdtemp(join(tmpdir(), 'mls-eval-jobs-'));
  dirs.push(outDir);
  return { executor: {} as Executor, grader: {} as Grader, limits: { timeSec: 10, memoryMb: 256, cpus: 1, pids: 64 }, outDir, runId: 'eval-test', log: silentLogger };
}

/** A scheduler whose "worker" is this process: drain runs each job's handler, except the ones told to fail. */
function fakeQueue(run: (job: SchedulerJob) => Promise<unknown>, failing: (job: SchedulerJob) => boolean): Scheduler & { seen: SchedulerJob[] } {
  const seen: SchedulerJob[] = [];
  return {
    id: 'fake', seen,
    drain: async (roots) => {
      seen.push(...roots);
      const failures = [];
      for (const job of roots) {
        if (failing(job)) failures.push({ job, error: 'the worker could not start', attempts: 3 });
        else await run(job);
      }
      return failures;
    },
    submit: async () => undefined, work: async () => undefined, close: async () => undefined,
    status: async () => ({ waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0, workers: 0, byKind: {}, doneByStage: {}, activeJobs: [], failedJobs: [] }),
  };
}

describe('eval jobs on a scheduler', () => {
  it('names a job by run, task, solver and seed, with any character of a solver id kept out of the separators', () => {
    const job = evalSchedulerJob({ runId: 'eval-1', evalDir: '/e', configDir: '/c' }, { taskDir: '/t', solver: { solver: countingSolver('gpt:4|mini') }, seed: 7 }, 'iris-species');
    expect(job.id).toBe('eval-1|eval|iris-species|gpt%3A4%7Cmini|7');
    expect(job).toMatchObject({ kind: 'eval', runId: 'eval-1', label: 'iris-species gpt:4|mini seed 7', data: { evalDir: '/e', configDir: '/c', taskDir: '/t', taskId: 'iris-species', solver: 'gpt:4|mini', seed: 7 } });
  });

  it('has the workers run each (task, solver, seed) once; the pass reuses their rows, and a job failed on every attempt is a failed run, not run again', async () => {
    const a = countingSolver('a');
    const b = countingSolver('b');
    const solvers = [{ solver: a }, { solver: b }];
    const d = await deps();
    const scheduler = fakeQueue((job) => runEvalSchedulerJob(job, solvers, d), (job) => job.label === 'ref-penguins-species b seed 1');
    const reused: boolean[] = [];
    const rows = await runEvaluation({ ...d, taskDirs: tasks, solvers, seeds: 1, baseSeed: 1, queue: { scheduler, configDir: '/c' }, onRow: (_, r) => void reused.push(r) });
    expect(scheduler.seen.map((j) => j.label)).toEqual(['ref-iris-species a seed 1', 'ref-iris-species b seed 1', 'ref-penguins-species a seed 1', 'ref-penguins-species b seed 1']);
    expect(a.calls).toEqual(['ref-iris-species 1', 'ref-penguins-species 1']);
    expect(b.calls).toEqual(['ref-iris-species 1']);
    expect(reused).toEqual([true, true, true, false]);
    expect(rows.map((r) => [r.task, r.solver, r.status])).toEqual([['ref-iris-species', 'a', 'failed'], ['ref-iris-species', 'b', 'failed'], ['ref-penguins-species', 'a', 'failed'], ['ref-penguins-species', 'b', 'failed']]);
    expect(rows[3]!.error).toBe('job ref-penguins-species b seed 1 failed after 3 attempts: the worker could not start');
    expect(rows[0]!.error).toBe('no model here');
  });

  it('runs a seed-invariant solver once per task (one queue job) and gives every seed that run\'s row', async () => {
    const fixed = { ...countingSolver('fixed'), seedInvariant: true };
    const seeded = countingSolver('seeded');
    const solvers = [{ solver: fixed }, { solver: seeded }];
    const d = await deps();
    const scheduler = fakeQueue((job) => runEvalSchedulerJob(job, solvers, d), () => false);
    const told: Array<[string, number, boolean, number | undefined]> = [];
    const rows = await runEvaluation({ ...d, taskDirs: tasks.slice(0, 1), solvers, seeds: 3, baseSeed: 5, queue: { scheduler, configDir: '/c' }, onRow: (r, reused, same) => void told.push([r.solver, r.seed, reused, same]) });
    expect(scheduler.seen.map((j) => j.label)).toEqual(['ref-iris-species fixed seed 5', 'ref-iris-species seeded seed 5', 'ref-iris-species seeded seed 6', 'ref-iris-species seeded seed 7']);
    expect(fixed.calls).toEqual(['ref-iris-species 5']);
    expect(seeded.calls).toEqual(['ref-iris-species 5', 'ref-iris-species 6', 'ref-iris-species 7']);
    expect(rows.map((r) => [r.solver, r.seed, r.status, r.error])).toEqual([
      ['fixed', 5, 'failed', 'no model here'], ['fixed', 6, 'failed', 'no model here'], ['fixed', 7, 'failed', 'no model here'],
      ['seeded', 5, 'failed', 'no model here'], ['seeded', 6, 'failed', 'no model here'], ['seeded', 7, 'failed', 'no model here'],
    ]);
    expect(rows[1]!.durationMs).toBe(0);
    expect(told.filter(([, , , same]) => same !== undefined)).toEqual([['fixed', 6, true, 5], ['fixed', 7, true, 5]]);
  });
});
