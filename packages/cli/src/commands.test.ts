// grade, verify, prepare, report and export on the committed human-designed reference tasks.
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.test-util.js';

const examples = resolve(process.cwd(), '..', '..', 'examples');
const iris = join(examples, 'reference-tasks', 'tasks', 'ref-iris-species');
const wine = join(examples, 'reference-tasks', 'tasks', 'ref-wine-cultivar');

describe('mle-smith grade', () => {
  it('prints the score as JSON for a valid submission', async () => {
    const r = await runCli(['grade', '--task', wine, '--submission', join(wine, 'private', 'answers.csv'), '--json'], examples);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, score: 1, metric: 'balanced_accuracy', higherIsBetter: true });
  });

  it('grades the sample submission, and a broken one exits 1 with a specific error', async () => {
    const ok = await runCli(['grade', '--task', iris, '--submission', join(iris, 'public', 'sample_submission.csv'), '--json'], examples);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, metric: 'log_loss', higherIsBetter: false });
    const dir = await mkdtemp(join(tmpdir(), 'mls-grade-'));
    const sample = (await readFile(join(iris, 'public', 'sample_submission.csv'), 'utf8')).trim().split('\n');
    const duplicated = join(dir, 'dup.csv');
    await writeFile(duplicated, [...sample, sample[1]].join('\n') + '\n');
    const bad = await runCli(['grade', '--task', iris, '--submission', duplicated, '--json'], examples);
    expect(bad.code).toBe(1);
    const body = JSON.parse(bad.stdout);
    expect(body.valid).toBe(false);
    expect(body.error).toMatch(/duplicate id/);
    const plain = await runCli(['grade', '--task', iris, '--submission', duplicated], examples);
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toMatch(/^error: .*duplicate id/);
  });
});

describe('mle-smith verify', () => {
  it('passes a package this tool did not generate', async () => {
    const r = await runCli(['verify', wine, '--json'], examples);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ task: 'ref-wine-cultivar', passed: true });
  });

  it('exits 1 when an error finding remains (the target left in test.csv)', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'mls-verify-')), 'broken');
    await cp(wine, dir, { recursive: true });
    const answers = new Map((await readFile(join(dir, 'private', 'answers.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => [l.split(',')[0], l.split(',')[1]]));
    const test = (await readFile(join(dir, 'public', 'test.csv'), 'utf8')).trim().split('\n');
    await writeFile(join(dir, 'public', 'test.csv'), [`${test[0]},cultivar`, ...test.slice(1).map((l) => `${l},${answers.get(l.split(',')[0])}`)].join('\n') + '\n');
    const r = await runCli(['verify', dir, '--json'], examples);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.passed).toBe(false);
    expect(out.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('structural/target-not-public');
    await rm(dir, { recursive: true, force: true });
  });
});

describe('mle-smith prepare', () => {
  it('rebuilds a package with matching checksums, and refuses different raw data', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'mls-prepare-')), 'iris');
    const r = await runCli(['prepare', join(iris, 'task.json'), '--raw', join(examples, 'datasets', 'iris'), '--out', out], examples);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(join(out, 'private', 'answers.csv'))).toEqual(await readFile(join(iris, 'private', 'answers.csv')));
    const wrong = await runCli(['prepare', join(iris, 'task.json'), '--raw', join(examples, 'datasets', 'wine'), '--out', `${out}-2`], examples);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('mle-smith report and export', () => {
  it('report regenerates the report files from a run directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mls-report-'));
    const now = new Date().toISOString();
    await writeFile(join(dir, 'summary.json'), JSON.stringify({
      runId: 'run-x', runDir: dir, startedAt: now, finishedAt: now, datasets: [{ name: 'iris', designer: 'tabular', proposals: 1 }],
      funnel: { proposal: 1, spec: 1, package: 1, assertions: 1, review: 1, execution: 1 },
      tasks: [{ taskId: 'iris-species', dataset: 'iris', status: 'accepted', attempts: 1, reasons: [], findings: [], reached: 'execution', ladder: [{ solver: 'baseline-trivial', tier: 'trivial', status: 'ok', score: 0.33 }] }],
      ledger: [],
    }));
    const r = await runCli(['report', dir], examples);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report.funnel.execution).toBe(1);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('iris-species');
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('<html');
  });

  it('report on a folder that is not a run directory exits 1 with one line', async () => {
    const r = await runCli(['report', tmpdir()], examples);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*summary\.json: no summary\.json/);
  });

  it('export names the missing exporter (exit 2)', async () => {
    const r = await runCli(['export', wine, '--format', 'kaggle', '--out', tmpdir()], examples);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no exporter for format "kaggle" \(known: .*mlebench/);
  });
});
