// Every zoo solver on a real reference task of the modality it claims: the real local executor,
// Debian's python3 with scikit-learn, host-side grading. Small tasks keep it fast.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, readPublicView, silentLogger, type ExecLimits } from '@mle-smith/core';
import { gradeSubmission } from '@mle-smith/metrics';
import { LocalExecutor } from '@mle-smith/plugin-executor-local';
import plugin, { BUDGET_RUNGS, BUDGETS, ZOO_RUNGS, zooSolvers } from './index.js';
import { pluginContributions } from '@mle-smith/testkit';

const TASKS_DIR = fileURLToPath(new URL('../../../examples/reference-tasks/tasks/', import.meta.url));
/** The smallest reference task of each modality. */
const TASK_OF = { tabular: 'ref-iris-species', text: 'ref-spam-filter', image: 'ref-digits-odd', audio: 'ref-spoken-yes-no' } as const;
const LIMITS: ExecLimits = { timeSec: 240, memoryMb: 2048, cpus: 1, pids: 256 };

let root: string;
let executor: LocalExecutor;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'solver-zoo-'));
  executor = new LocalExecutor({ workRoot: join(root, 'jobs') });
});
afterAll(async () => {
  await executor.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('the zoo', () => {
  it('registers at least 8 solvers per modality under stable ids, none with a ladder tier', async () => {
    const ids = (await pluginContributions(plugin({}))).solver.map((s) => s.id);
    expect(ids).toEqual(zooSolvers().map((s) => s.id));
    for (const [modality, rungs] of Object.entries(ZOO_RUNGS)) {
      expect(rungs.length).toBeGreaterThanOrEqual(8);
      const budget = BUDGET_RUNGS[modality as keyof typeof BUDGET_RUNGS];
      expect(budget.map((r) => r.rung)).toEqual(['constant', ...BUDGETS.map((p) => `budget-${p}`)]);
      expect(ids.filter((id) => id.startsWith(`zoo-${modality}-`))).toEqual([...rungs, ...budget.slice(1)].map((r) => `zoo-${modality}-${r.rung}`));
    }
    expect(ids).toContain('zoo-tabular-knn');
    expect(zooSolvers().every((s) => s.tier === undefined)).toBe(true);
    // the stochastic learners (trees, forests, boosting, CV-tuned, SVD/PCA features) run once per seed
    expect(zooSolvers().filter((s) => s.seedInvariant).map((s) => s.id.replace(/^zoo-[a-z]+-/, ''))).toEqual([
      'constant', 'knn', 'nb', 'linear', 'constant', 'length', 'knn', 'bow-nb', 'tfidf-linear', 'char-linear', 'budget-100',
      'constant', 'intensity', 'pixels-nb', 'pixels-knn', 'pixels-linear', 'constant', 'energy', 'spectral-nb', 'spectral-knn', 'spectral-linear',
    ]);
  });
});

describe.each(Object.entries(TASK_OF))('zoo solvers of %s on %s', (modality, taskId) => {
  const solvers = zooSolvers().filter((s) => s.modalities?.includes(modality as keyof typeof TASK_OF));
  it.each(solvers.map((s) => s.id))('%s writes a submission that grades', async (solverId) => {
    const taskDir = join(TASKS_DIR, taskId);
    const view = await readPublicView(taskDir, await readManifest(taskDir));
    const solver = solvers.find((s) => s.id === solverId)!;
    const run = await solver.solve(view, { executor, runId: 'zoo-test', workDir: join(root, taskId, solverId), limits: LIMITS, seed: 3, log: silentLogger });
    expect(run.status, `${solverId}: ${run.error}\n${run.exec?.logTail}`).toBe('ok');
    const grade = await gradeSubmission(taskDir, run.submissionPath!);
    expect(grade.valid, grade.error).toBe(true);
    expect(Number.isFinite(grade.score)).toBe(true);
    const budget = /^zoo-tabular-budget-(\d+)$/.exec(solverId);
    // iris: 35 training rows per class, so a stratified draw of p% keeps max(1, round(0.35 p)) of each
    if (budget) expect(run.exec?.logTail).toContain(`fitted rf on ${3 * Math.max(1, Math.round(0.35 * Number(budget[1])))} x 4`);
    expect(run.code.map((c) => c.path)).toEqual(['solution.py', 'mle_smith_baseline.py', `${modality}.py`, 'zoo_models.py', `zoo_${modality}.py`, 'task_public.json']);
    if (!solver.seedInvariant) return;
    // eval runs a seed-invariant rung once and gives every seed its score: another seed must write the same bytes
    const again = await solver.solve(view, { executor, runId: 'zoo-test', workDir: join(root, taskId, `${solverId}-seed-4`), limits: LIMITS, seed: 4, log: silentLogger });
    expect(again.status, again.error).toBe('ok');
    expect(readFileSync(again.submissionPath!)).toEqual(readFileSync(run.submissionPath!));
  });
});

describe('a solver of another modality', () => {
  it('fails without running, naming what it solves', async () => {
    const taskDir = join(TASKS_DIR, TASK_OF.tabular);
    const view = await readPublicView(taskDir, await readManifest(taskDir));
    const [textSolver] = zooSolvers().filter((s) => s.id === 'zoo-text-knn');
    const run = await textSolver.solve(view, { executor, runId: 'zoo-test', workDir: join(root, 'x'), limits: LIMITS, seed: 3, log: silentLogger });
    expect(run).toMatchObject({ status: 'failed', error: 'zoo-text-knn solves text binary/multiclass/regression tasks, not tabular multiclass' });
  });
});
