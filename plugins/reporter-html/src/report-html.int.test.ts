// Opens report.html in headless Chromium (Debian's /usr/bin/chromium through playwright-core)
// from a file:// URL with the network blocked, and checks that every chart was drawn.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary, TaskSummary } from '@mle-smith/core';
import { compareScoreSets, comparisonSections, mulberry32, type ScoreRow } from '@mle-smith/stats';
import { writeHtmlReport } from './index.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../.test-artifacts/', import.meta.url));

// ---- a realistic RunSummary with every section, built here without the testkit ----

const SKILL: Record<string, number> = { 'gbm-agent': 2.0, 'llm-agent': 1.4, 'random-forest': 1.0, linear: 0.6, majority: -0.5 };

function evalScores(prefix: string, tasks: number, seed: number): ScoreRow[] {
  const rand = mulberry32(seed);
  const rows: ScoreRow[] = [];
  for (let t = 0; t < tasks; t++) {
    const higherIsBetter = t % 3 !== 0;
    const difficulty = rand();
    for (const [solver, skill] of Object.entries(SKILL)) {
      for (let s = 0; s < 2; s++) {
        const invalid = rand() < 0.06;
        const q = skill + 1.2 * (rand() - 0.5) - difficulty;
        const score = higherIsBetter ? 1 / (1 + Math.exp(-q)) : Math.exp(-q);
        rows.push({ task: `${prefix}-${t}`, solver, seed: s, score: invalid ? null : Number(score.toFixed(4)), valid: !invalid, higherIsBetter });
      }
    }
  }
  return rows;
}

function task(id: string, dataset: string, status: TaskSummary['status'], metric: string, higherIsBetter: boolean, scores: Array<number | null>, findings: TaskSummary['findings'] = []): TaskSummary {
  return {
    taskId: id, dataset, status, attempts: status === 'repaired' ? 2 : 1, findings, reached: 'execution',
    reasons: status === 'accepted' ? [] : findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`),
    title: id, modality: 'tabular', metric, higherIsBetter, taskDir: `/runs/eval-1/tasks/${id}`,
    ladder: ['trivial', 'simple', 'strong'].map((tier, i) => ({
      solver: `baseline-${tier}`, tier, status: scores[i] === null ? 'failed' : 'ok', score: scores[i] ?? null,
      exec: { exitCode: scores[i] === null ? 1 : 0, timedOut: false, durationMs: 900 + 2000 * i },
    })),
  };
}

function fixture(): RunSummary {
  const generated = evalScores('gen', 20, 21);
  const human = evalScores('human', 14, 22);
  const cmp = compareScoreSets(generated, human, { labels: { a: 'generated', b: 'human' }, bootstrap: 300, seed: 9 });
  return {
    runId: 'eval-1',
    runDir: '/runs/eval-1',
    startedAt: '2025-06-02T08:00:00.000Z',
    finishedAt: '2025-06-02T08:41:10.000Z',
    datasets: [
      { name: 'iris', designer: 'tabular', proposals: 4 },
      { name: 'wine', designer: 'tabular', proposals: 4 },
      { name: 'diabetes', designer: 'tabular', proposals: 3 },
      { name: 'penguins', designer: 'tabular', proposals: 3 },
    ],
    funnel: { proposal: 14, spec: 12, package: 11, assertions: 9, review: 8, execution: 6 },
    tasks: [
      task('iris-species', 'iris', 'accepted', 'accuracy', true, [0.333, 0.9, 0.947]),
      task('wine-quality-class', 'wine', 'repaired', 'macro_f1', true, [0.21, 0.64, 0.78], [
        { ruleId: 'leakage/near-perfect-feature', severity: 'error', message: 'column "quality_label" predicts the target', phase: 'package' },
      ]),
      task('diabetes-progression', 'diabetes', 'accepted', 'rmse', false, [77.1, 54.2, 52.8], [
        { ruleId: 'structural/min-rows', severity: 'warning', message: 'test split has 89 rows', phase: 'package' },
      ]),
      task('penguins-species', 'penguins', 'accepted', 'log_loss', false, [1.05, 0.12, 0.09], [
        { ruleId: 'review/description', severity: 'info', message: 'description could name the units of bill length', phase: 'review' },
      ]),
      task('wine-alcohol', 'wine', 'rejected', 'rmse', false, [1.07, 0.41, 0.4], [
        { ruleId: 'execution/ladder-margin', severity: 'error', message: 'strong is not clearly better than simple', phase: 'execute' },
        { ruleId: 'structural/min-rows', severity: 'warning', message: 'test split has 36 rows', phase: 'package' },
      ]),
      task('iris-petal-width', 'iris', 'rejected', 'r2', true, [0, null, 0.93], [
        { ruleId: 'execution/baseline-failed', severity: 'error', message: 'baseline "simple" produced no valid submission', phase: 'execute' },
      ]),
    ],
    ledger: [
      { role: 'brainstormer', dataset: 'iris', model: 'gpt-4.1-mini', inputTokens: 4200, outputTokens: 900, costUsd: 0.0031, latencyMs: 5200, cached: false },
      { role: 'designer', taskId: 'wine-quality-class', dataset: 'wine', model: 'gpt-4.1-mini', inputTokens: 9100, outputTokens: 2100, costUsd: 0.0072, latencyMs: 9800, cached: false },
      { role: 'reviewer', taskId: 'iris-species', dataset: 'iris', model: 'gpt-4.1', inputTokens: 6000, outputTokens: 450, costUsd: 0.0156, latencyMs: 7100, cached: false },
    ],
    sections: { ...comparisonSections(cmp, generated, human) },
  };
}

// ---- the browser ----

let context: BrowserContext;
let userDataDir: string;
let outDir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  userDataDir = await mkdtemp(join(tmpdir(), 'mle-smith-chromium-'));
  outDir = await mkdtemp(join(tmpdir(), 'mle-smith-report-'));
  // launchPersistentContext owns --user-data-dir (a fresh, empty profile each run).
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
});

afterAll(async () => {
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

async function open(summary: RunSummary, name: string) {
  const dir = join(outDir, name);
  const path = await writeHtmlReport(summary, dir);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const offline: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) offline.push(r.url());
  });
  await page.goto(pathToFileURL(path).href);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 60_000 });
  return { page, path, consoleErrors, offline };
}

/** Per chart container: its rendered flag and how many marks its svg/canvas holds. */
async function chartState(page: Awaited<ReturnType<typeof open>>['page']) {
  return page.$$eval('[data-chart]', (figs) =>
    figs.map((f) => ({
      id: f.getAttribute('data-chart'),
      rendered: f.getAttribute('data-rendered'),
      svg: f.querySelectorAll('svg').length + f.querySelectorAll('canvas').length,
      marks: f.querySelectorAll('svg g[class*="role-mark"] > path, svg g[class*="role-mark"] > text, svg g[class*="role-mark"] > line, svg g[class*="role-mark"] > rect').length,
    })),
  );
}

describe('report.html in headless Chromium', () => {
  it('renders every chart offline, without console errors', async () => {
    const { page, path, consoleErrors, offline } = await open(fixture(), 'full');
    const charts = await chartState(page);
    expect(charts.map((c) => c.id)).toEqual([
      'funnel', 'findings', 'ladder', 'elo',
      'agreement-elo', 'bland-altman-elo', 'agreement-normalizedScore', 'bland-altman-normalizedScore',
    ]);
    for (const c of charts) {
      expect(c.rendered, `chart ${c.id} rendered`).toBe('true');
      expect(c.svg, `chart ${c.id} has an svg`).toBeGreaterThan(0);
      expect(c.marks, `chart ${c.id} has marks`).toBeGreaterThan(0);
    }
    // Specific marks: 7 funnel bars, one point per (solver, set) in the Elo chart, one per solver in a scatter.
    expect(await page.locator('[data-chart="funnel"] g.mark-rect.role-mark path').count()).toBe(7);
    expect(await page.locator('[data-chart="elo"] g.mark-symbol.role-mark path').count()).toBe(15);
    expect(await page.locator('[data-chart="agreement-elo"] g.mark-symbol.role-mark path').count()).toBe(5);
    expect(await page.locator('[data-chart="bland-altman-elo"] g.mark-rule.role-mark line').count()).toBe(3);
    expect(await page.locator('#agreement table').innerText()).toContain('Kendall τb');
    expect(await page.locator('#tasks').innerText()).toContain('execution/baseline-failed');
    expect(consoleErrors).toEqual([]);
    expect(offline).toEqual([]);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-full.png'), fullPage: true });
    await copyFile(path, join(ARTIFACTS, 'report-full.html'));
    await page.close();
  });

  it('without evaluation sections shows only the run charts, still drawn', async () => {
    const summary = { ...fixture(), sections: undefined };
    const { page, consoleErrors, offline } = await open(summary, 'plain');
    const charts = await chartState(page);
    expect(charts.map((c) => c.id)).toEqual(['funnel', 'findings', 'ladder']);
    expect(charts.every((c) => c.rendered === 'true' && c.marks > 0)).toBe(true);
    expect(await page.locator('#elo').count()).toBe(0);
    expect(await page.locator('#agreement').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(offline).toEqual([]);
    await page.close();
  });

  it('an empty run still draws funnel, findings and ladder (with a note)', async () => {
    const summary: RunSummary = {
      runId: 'empty', runDir: '/runs/empty', startedAt: '2025-06-02T08:00:00.000Z', finishedAt: '2025-06-02T08:00:01.000Z',
      datasets: [], funnel: { proposal: 0, spec: 0, package: 0, assertions: 0, review: 0, execution: 0 }, tasks: [], ledger: [],
    };
    const { page, consoleErrors } = await open(summary, 'empty');
    const charts = await chartState(page);
    expect(charts.map((c) => [c.id, c.rendered])).toEqual([['funnel', 'true'], ['findings', 'true'], ['ladder', 'true']]);
    expect(await page.locator('[data-chart="findings"]').innerText()).toContain('No findings.');
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-empty.png'), fullPage: true });
    await page.close();
  });
});
