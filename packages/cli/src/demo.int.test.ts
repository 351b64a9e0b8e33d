// The demo end to end, as a user runs it: `mle-smith run` over examples/ with the examples'
// config (offline plugins only), then prepare, eval, compare and the HTML report in Chromium.
import { cp, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateTaskManifest, type RunSummary, type TaskManifest } from '@mle-smith/core';
import { launchReportBrowser } from '@mle-smith/testkit';
import { runCli } from './cli-helpers.test-util.js';

const examples = resolve(process.cwd(), '..', '..', 'examples');
const artifacts = resolve(process.cwd(), '.test-artifacts');
const TABULAR = ['iris', 'wine', 'breast-cancer', 'diabetes', 'penguins', 'leaky-breast-cancer'];

let work: string;
let runDir: string;
let summary: RunSummary;
let runOutput: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mls-demo-'));
  runDir = join(work, 'run');
  const r = await runCli(['run', '--out', runDir, '--json'], examples);
  runOutput = r.stderr;
  expect(r.code, r.stderr.slice(-3000)).toBe(0);
  summary = JSON.parse(r.stdout) as RunSummary;
}, 1_500_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function published(): Promise<Array<{ dir: string; manifest: TaskManifest }>> {
  const dirs = (await readdir(join(runDir, 'tasks'))).sort();
  return Promise.all(dirs.map(async (d) => ({ dir: join(runDir, 'tasks', d), manifest: JSON.parse(await readFile(join(runDir, 'tasks', d, 'task.json'), 'utf8')) as TaskManifest })));
}

describe('the demo run over examples/', () => {
  it('shows progress per dataset, task and stage', () => {
    expect(runOutput).toMatch(/^\[iris\] profile done/m);
    expect(runOutput).toMatch(/^\[iris\/iris-species-multiclass\] execute done/m);
  });

  it('publishes packages for every tabular dataset, each task.json valid against the schema', async () => {
    const tasks = await published();
    for (const ds of TABULAR) expect(tasks.some((t) => t.manifest.source.dataset === ds), ds).toBe(true);
    for (const t of tasks) {
      expect(validateTaskManifest(t.manifest).errors, t.manifest.id).toEqual([]);
      expect(t.manifest.difficulty?.level).toMatch(/easy|medium|hard/);
    }
  });

  it('yields an accepted task per modality whose ladder is ordered (trivial < simple)', () => {
    for (const modality of ['tabular', 'text', 'image', 'audio']) {
      const accepted = summary.tasks.filter((t) => t.modality === modality && t.status !== 'rejected');
      expect(accepted.length, modality).toBeGreaterThan(0);
      const ordered = accepted.some((t) => {
        const score = (tier: string) => t.ladder.find((e) => e.tier === tier)?.score;
        const trivial = score('trivial');
        const simple = score('simple');
        return typeof trivial === 'number' && typeof simple === 'number' && (t.higherIsBetter ? simple > trivial : simple < trivial);
      });
      expect(ordered, modality).toBe(true);
    }
  });

  it('report.json holds the funnel, and the leaky dataset is repaired or rejected with its reason', async () => {
    const report = JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8'));
    expect(Object.keys(report.funnel)).toEqual(['proposal', 'spec', 'package', 'assertions', 'review', 'execution']);
    expect(report.funnel.proposal).toBeGreaterThanOrEqual(report.funnel.execution);
    expect(report.funnel.execution).toBe(summary.tasks.filter((t) => t.status !== 'rejected').length);
    const leaky = summary.tasks.filter((t) => t.dataset === 'leaky-breast-cancer');
    const handled = leaky.filter((t) => t.status === 'repaired' || t.status === 'rejected');
    const md = await readFile(join(runDir, 'report.md'), 'utf8');
    expect(handled.length).toBeGreaterThan(0);
    expect(handled[0]!.reasons.length).toBeGreaterThan(0);
    const verification = JSON.parse(await readFile(join(handled[0]!.taskDir!, 'verification.json'), 'utf8'));
    const findings = [...verification.findings, ...verification.history.flatMap((h: { findings: unknown[] }) => h.findings)];
    expect(findings.some((f: { ruleId: string }) => f.ruleId.startsWith('leakage/'))).toBe(true);
    expect(md).toMatch(/leaky-breast-cancer-[a-z-]+` \| leaky-breast-cancer \| .* \| (🔧 repaired|❌ rejected)/);
    expect(md).toContain('## Funnel');
  });

  it('prepare rebuilds every published package byte for byte', async () => {
    for (const t of await published()) {
      const out = join(work, 'rebuilt', t.manifest.id);
      const r = await runCli(['prepare', join(t.dir, 'task.json'), '--raw', join(examples, 'datasets', t.manifest.source.dataset), '--out', out], examples);
      expect(r.code, `${t.manifest.id}: ${r.stderr}`).toBe(0);
      for (const f of t.manifest.files) {
        expect(await readFile(join(out, f.path))).toEqual(await readFile(join(t.dir, f.path)));
      }
    }
  }, 600_000);

  it('export --format mlebench writes every published task as a competition and lists them in splits/all.txt', async () => {
    const out = join(work, 'mlebench');
    const r = await runCli(['export', runDir, '--format', 'mlebench', '--out', out], examples);
    expect(r.code, r.stderr).toBe(0);
    const ids = (await readdir(join(runDir, 'tasks'))).sort();
    expect((await readdir(join(out, 'competitions'))).sort()).toEqual(ids);
    expect((await readdir(join(out, 'data'))).sort()).toEqual(ids);
    expect(await readFile(join(out, 'splits', 'all.txt'), 'utf8')).toBe(ids.join('\n') + '\n');
  }, 300_000);

  it('eval + compare rank the ladder trivial < simple < strong on the generated and the human-designed sets', async () => {
    const solvers = 'baseline-trivial,baseline-simple,baseline-strong';
    const gen = await runCli(['eval', '--tasks', join(runDir, 'tasks'), '--solvers', solvers, '--out', join(work, 'eval-generated')], examples);
    expect(gen.code, gen.stderr.slice(-2000)).toBe(0);
    // The reference tasks of the demo's own datasets (the set has tasks of many more, docs/agreement.md).
    const human = ['iris-species', 'wine-cultivar', 'breast-cancer-diagnosis', 'diabetes-progression', 'penguins-species'].map((id) => join(examples, 'reference-tasks', 'tasks', `ref-${id}`));
    const ref = await runCli(['eval', '--tasks', ...human, '--solvers', solvers, '--out', join(work, 'eval-human')], examples);
    expect(ref.code, ref.stderr.slice(-2000)).toBe(0);
    const args = ['compare', '--a', join(work, 'eval-generated', 'scores.json'), '--b', join(work, 'eval-human', 'scores.csv'), '--labels', 'generated,human'];
    const cmp = await runCli([...args, '--json'], examples);
    expect(cmp.code, cmp.stderr).toBe(0);
    const result = JSON.parse(cmp.stdout);
    for (const set of ['a', 'b', 'union']) {
      const order = result.elo[set].ratings.map((r: { solver: string }) => r.solver);
      expect(order, set).toEqual(['baseline-strong', 'baseline-simple', 'baseline-trivial']);
    }
    const stats = result.agreement.elo.stats;
    for (const name of ['pearson', 'r2', 'spearman', 'kendallTauB', 'ccc', 'icc21', 'cronbachAlpha', 'blandAltman', 'topK']) expect(stats, name).toHaveProperty(name);
    const text = await runCli([...args, '--out', join(work, 'compare')], examples);
    expect(text.code).toBe(0);
    for (const label of ['pearson', 'spearman', 'kendallTauB', 'ccc', 'icc21', 'cronbachAlpha', 'blandAltman', 'topK']) expect(text.stdout).toContain(label);
  }, 1_200_000);

  it('report.html of the run and of the comparison render every chart in headless Chromium', async () => {
    const browser = await launchReportBrowser();
    try {
      await mkdir(artifacts, { recursive: true });
      for (const [name, file, expected] of [
        ['demo-run', join(runDir, 'report.html'), ['funnel', 'findings', 'ladder']],
        ['demo-compare', join(work, 'compare', 'report.html'), ['elo', 'agreement-elo', 'bland-altman-elo']],
      ] as const) {
        const report = await browser.open(file);
        const charts = await report.charts();
        for (const id of expected) expect(charts.map((c) => c.id), name).toContain(id);
        for (const c of charts) {
          expect(c.rendered, `${name}: ${c.id}`).toBe('true');
          expect(c.marks, `${name}: ${c.id}`).toBeGreaterThan(0);
        }
        expect(report.consoleErrors).toEqual([]);
        expect(report.offline).toEqual([]);
        await report.page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
        await cp(file, join(artifacts, `${name}.html`));
        await report.page.close();
      }
    } finally {
      await browser.close();
    }
  }, 300_000);
});
