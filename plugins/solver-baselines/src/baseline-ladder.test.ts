// The ladder end to end: real task packages, the real executor, host-side grading.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type ExecLimits, type SolverRun } from '@mle-smith/core';
import { ladderVerdict, type LadderRung as LadderEntry } from '@mle-smith/core';
import plugin, { baselineSolvers } from './index.js';
import { makeTask, type FixtureKind, type FixtureTask } from './__fixtures__/tasks.js';
import { LocalExecutor } from '@mle-smith/plugin-executor-local';
import { gradeSubmission } from '@mle-smith/metrics';

const LIMITS: ExecLimits = { timeSec: 120, memoryMb: 2048, cpus: 2, pids: 256 };
const RANGES: Record<string, [number, number]> = { accuracy: [0, 1], roc_auc: [0, 1], log_loss: [0, Infinity], rmse: [0, Infinity], rmsle: [0, Infinity] };

let root: string;
let executor: LocalExecutor;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'solver-baselines-'));
  executor = new LocalExecutor({ workRoot: join(root, 'jobs') });
});
afterAll(async () => {
  await executor.dispose();
  rmSync(root, { recursive: true, force: true });
});

interface Rung {
  run: SolverRun;
  entry: LadderEntry;
}

async function runLadder(task: FixtureTask, label: string, seed = 7): Promise<Rung[]> {
  const rungs: Rung[] = [];
  for (const solver of baselineSolvers()) {
    const workDir = join(root, 'work', label, solver.id);
    const run = await solver.solve(task.view, { executor, runId: 'test', workDir, limits: LIMITS, seed, log: silentLogger });
    const grade = run.submissionPath ? await gradeSubmission(task.taskDir, run.submissionPath) : { valid: false, score: undefined };
    const entry = { tier: solver.tier!, solver: solver.id, score: grade.score ?? null, valid: run.status === 'ok' && grade.valid, higherIsBetter: task.manifest.metric.higherIsBetter };
    rungs.push({ run, entry });
  }
  return rungs;
}

const cases: FixtureKind[] = ['binary-accuracy', 'binary-auc', 'multiclass-logloss', 'regression-rmse', 'regression-rmsle'];

describe.each(cases)('ladder on %s', (kind) => {
  let task: FixtureTask;
  let rungs: Rung[];
  beforeAll(async () => {
    task = makeTask(root, kind);
    rungs = await runLadder(task, kind);
  });

  it('every rung runs ok and yields a valid submission', () => {
    for (const { run, entry } of rungs) {
      expect(run.status, `${run.solver}: ${run.error}\n${run.exec?.logTail}`).toBe('ok');
      expect(entry.valid).toBe(true);
      expect(run.code.map((c) => c.path).sort()).toEqual(['mle_smith_baseline.py', 'solution.py', 'tabular.py', 'task_public.json']);
    }
  });

  it('writes exactly the task format', () => {
    const header = readFileSync(rungs[0].run.submissionPath!, 'utf8').split('\n')[0];
    expect(header).toBe(['id', ...task.manifest.submission.predictionColumns.map((c) => c.name)].join(','));
    for (const { run } of rungs) {
      const lines = readFileSync(run.submissionPath!, 'utf8').trim().split('\n');
      expect(lines[0]).toBe(header);
      expect(lines.length - 1).toBe(task.manifest.rows!.test);
    }
  });

  it('orders trivial < simple and trivial < strong, and the verdict accepts it', () => {
    const [trivial, simple, strong] = rungs.map((r) => r.entry.score!);
    const better = (a: number, b: number) => (task.manifest.metric.higherIsBetter ? a > b : a < b);
    expect(better(simple, trivial), `simple ${simple} vs trivial ${trivial}`).toBe(true);
    expect(better(strong, trivial), `strong ${strong} vs trivial ${trivial}`).toBe(true);
    const verdict = ladderVerdict(rungs.map((r) => r.entry), { minMarginFraction: 0.02, metricRange: RANGES[task.manifest.metric.name] });
    expect(verdict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(verdict).toMatchObject({ ordered: true, saturated: false });
    console.log(`${kind}: trivial ${trivial.toFixed(4)} simple ${simple.toFixed(4)} strong ${strong.toFixed(4)} → ${verdict.difficulty}`);
  });
});

describe('ladder properties', () => {
  it('is deterministic: two runs with the same seed give the same bytes', async () => {
    const task = makeTask(join(root, 'det'), 'multiclass-logloss');
    const a = await runLadder(task, 'det-a');
    const b = await runLadder(task, 'det-b');
    for (let i = 0; i < a.length; i++) {
      expect(readFileSync(b[i].run.submissionPath!, 'utf8'), a[i].run.solver).toBe(readFileSync(a[i].run.submissionPath!, 'utf8'));
    }
  });

  it('a task without signal yields an unordered verdict', async () => {
    const task = makeTask(root, 'noise-accuracy');
    const rungs = await runLadder(task, 'noise');
    const verdict = ladderVerdict(rungs.map((r) => r.entry), { minMarginFraction: 0.02, metricRange: [0, 1] });
    expect(rungs.every((r) => r.entry.valid)).toBe(true);
    expect(verdict.ordered).toBe(false);
    expect(verdict.findings.map((f) => f.ruleId)).toContain('execution/ladder-unordered');
  });

  it('refuses other modalities and objectives without running anything', async () => {
    const task = makeTask(join(root, 'ml'), 'binary-accuracy');
    const view = { ...task.view, manifest: { ...task.view.manifest, objective: 'multilabel' as const } };
    const run = await baselineSolvers()[0].solve(view, { executor, runId: 'test', workDir: join(root, 'work', 'ml'), limits: LIMITS, seed: 1, log: silentLogger });
    expect(run).toMatchObject({ status: 'failed', code: [] });
    expect(run.error).toMatch(/multilabel/);
  });

  it('reports a timeout as status timeout', async () => {
    const task = makeTask(join(root, 'to'), 'binary-accuracy');
    const run = await baselineSolvers()[2].solve(task.view, { executor, runId: 'test', workDir: join(root, 'work', 'to'), limits: { ...LIMITS, timeSec: 0.05 }, seed: 1, log: silentLogger });
    expect(run.status).toBe('timeout');
    expect(run.submissionPath).toBeUndefined();
  });

  it('registers the three solvers through the plugin API', async () => {
    const added: string[] = [];
    const api = { addSolver: (s: { id: string }) => added.push(s.id) } as unknown as Parameters<NonNullable<ReturnType<typeof plugin>['setup']>>[0];
    await plugin({}).setup!(api);
    expect(added).toEqual(['baseline-trivial', 'baseline-simple', 'baseline-strong']);
  });
});
