// Acceptance (issue 12, item 7): a table whose columns are independent of each other goes through
// the real offline pipeline — `mle-smith run` with the default offline plugins, the baseline
// ladder in executor-local, the grader's paired bootstrap — and is rejected with "no learnable
// signal"; a table of the same shape whose target depends on its features is published. Without
// the grader's compare the execute stage falls back to the margin, with a warning.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeLadder, mulberry32, readManifest, resolveConfig, silentLogger, type Finding, type Grader, type RunSummary, type Solver } from '@mle-smith/core';
import { createGrader } from '@mle-smith/metrics';
import { runCli } from './cli-helpers.test-util.js';
import { OFFLINE_PLUGINS } from './starter-config.js';

const ROWS = 400;

/** Roughly normal draws (sum of four uniforms), from the project's seeded PRNG. */
function normal(rand: () => number): number {
  return (rand() + rand() + rand() + rand() - 2) * Math.sqrt(3);
}

/** A CSV of `ROWS` rows: numeric x1..x3, a categorical `site`, and a numeric `outcome`. */
function table(seed: number, outcome: (x: number[], site: string, rand: () => number) => number, related: boolean): string {
  const rand = mulberry32(seed);
  const sites = ['north', 'south', 'east'];
  const lines = ['x1,x2,x3,site,outcome'];
  for (let i = 0; i < ROWS; i++) {
    const x1 = normal(rand);
    const x2 = normal(rand);
    const x3 = related ? x1 + 0.5 * normal(rand) : normal(rand);
    const site = sites[Math.floor(rand() * sites.length)];
    lines.push([x1, x2, x3].map((v) => v.toFixed(4)).concat(site, outcome([x1, x2, x3], site, rand).toFixed(4)).join(','));
  }
  return lines.join('\n') + '\n';
}

let work: string;
let summary: RunSummary;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mls-no-signal-'));
  // every column independent of every other: whichever target the designer picks has no signal
  await mkdir(join(work, 'datasets', 'noise'), { recursive: true });
  await writeFile(join(work, 'datasets', 'noise', 'measurements.csv'), table(20251206, (_x, _s, rand) => 10 + 2 * normal(rand), false));
  // the same shape with signal in every column
  const effect: Record<string, number> = { north: 1, south: -1, east: 0 };
  await mkdir(join(work, 'datasets', 'signal'), { recursive: true });
  await writeFile(join(work, 'datasets', 'signal', 'measurements.csv'), table(20251207, ([x1, x2], site, rand) => 10 + 3 * x1 - 2 * x2 + effect[site] + 0.5 * normal(rand), true));
  await writeFile(join(work, 'mle-smith.config.json'), JSON.stringify({
    datasets: ['datasets'], plugins: OFFLINE_PLUGINS, seed: 42, concurrency: 1,
    design: { maxProposalsPerDataset: 1 },
    executor: { backend: 'local', limits: { timeSec: 300, memoryMb: 2048, cpus: 1 } },
    report: ['json'],
  }));
  const r = await runCli(['run', '--out', join(work, 'run'), '--json'], work);
  expect(r.code, r.stderr.slice(-3000)).toBe(0); // ok: the signal table publishes a task
  summary = JSON.parse(r.stdout) as RunSummary;
}, 900_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const signalFindings = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'execution/no-learnable-signal');

describe('the signal test in a real offline run', () => {
  it('rejects the table without signal with "no learnable signal" and the interval', () => {
    const tasks = summary.tasks.filter((t) => t.dataset === 'noise');
    expect(tasks.length, JSON.stringify(summary.tasks)).toBeGreaterThan(0);
    for (const t of tasks) {
      expect(t.status, JSON.stringify(t)).toBe('rejected');
      expect(t.reached).toBe('review'); // it got through every check before execution
      expect(t.reasons.join('\n')).toMatch(/execution\/no-learnable-signal: no learnable signal: the best learned baseline/);
      // tested at 95 % on the first attempt, then once more on a test set of half the rows at a
      // Bonferroni-corrected 97.5 % (the findings kept are the last attempt's)
      expect(t.attempts).toBeGreaterThanOrEqual(2); // a third design changes nothing and stops
      const [f] = signalFindings(t.findings);
      expect(signalFindings(t.findings)).toHaveLength(1);
      expect(f).toMatchObject({ severity: 'error', phase: 'execute', data: { confidence: 0.975, resamples: 1000, trivialSolver: 'baseline-trivial' } });
      expect(Math.abs((f.data as { rows: number }).rows - ROWS / 2)).toBeLessThanOrEqual(3);
      const d = f.data as { lo: number; hi: number; difference: number; rows: number; sampledRows: number };
      expect(d.lo).toBeLessThanOrEqual(0);
      expect(d.hi).toBeGreaterThan(d.lo);
      expect(d.difference).toBeGreaterThanOrEqual(d.lo);
      expect(d.difference).toBeLessThanOrEqual(d.hi);
      expect(d.rows).toBeGreaterThan(0);
      expect(d.sampledRows).toBe(d.rows);
      // the ladder ran and every rung was valid: the rejection is about signal, not a broken run
      expect(t.ladder.map((l) => l.status)).toEqual(['ok', 'ok', 'ok']);
    }
  });

  it('publishes the table with signal, its interval above 0', () => {
    const tasks = summary.tasks.filter((t) => t.dataset === 'signal');
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) {
      expect(['accepted', 'repaired'], JSON.stringify(t.reasons)).toContain(t.status);
      expect(signalFindings(t.findings)).toEqual([]);
      const info = t.findings.find((f) => f.ruleId === 'execution/signal');
      expect(info, JSON.stringify(t.findings)).toMatchObject({ severity: 'info', data: { confidence: 0.95, resamples: 1000 } });
      expect((info!.data as { lo: number }).lo).toBeGreaterThan(0);
    }
  });

  it('execute-stage: without Grader.compare the verdict falls back to the margin alone, with a warning', async () => {
    // the run's own baseline submissions, replayed: the same ladder without running it again
    const task = summary.tasks.find((t) => t.dataset === 'noise')!;
    const taskDir = task.taskDir!;
    const replay: Solver[] = task.ladder.map((l) => ({
      id: l.solver, tier: l.tier as Solver['tier'],
      solve: async () => ({ solver: l.solver, status: 'ok', submissionPath: join(taskDir, 'baselines', l.solver, 'submission.csv'), code: [] }),
    }));
    const manifest = await readManifest(taskDir);
    const config = resolveConfig({ seed: 42 }, work, 'test config');
    const grader = createGrader();
    // the published package is the second attempt's, whose test was the second of the task
    const run = (g: Grader, c = config) =>
      executeLadder({ taskDir, manifest, solvers: replay, executor: undefined as never /* the replay runs nothing */, grader: g, config: c, runId: 'replay', log: silentLogger, signalTests: 2 });

    const full = await run(grader);
    expect(signalFindings(full.findings).map((f) => f.data)).toEqual(signalFindings(task.findings).map((f) => f.data));

    const fallback = await run({ grade: grader.grade, metric: grader.metric });
    expect(fallback.findings.find((f) => f.ruleId === 'execution/signal-untested')).toMatchObject({
      severity: 'warning', message: expect.stringMatching(/not tested against noise \(the grader has no compare method\); the margin alone decides/),
    });
    expect(signalFindings(fallback.findings)).toEqual([]);

    // signalResamples 0 turns the test off, without a warning
    const off = await run(grader, { ...config, execute: { ...config.execute, signalResamples: 0 } });
    expect(off.findings.filter((f) => /signal/.test(f.ruleId))).toEqual([]);
  });
});
