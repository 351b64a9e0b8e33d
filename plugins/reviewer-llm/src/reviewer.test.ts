import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentContextOf } from '@mle-smith/agents';
import { LlmError, silentLogger, type PackageTarget, type PluginApi, type Reviewer } from '@mle-smith/core';
import { ScriptedChatModel, useBrokenPackages } from '@mle-smith/testkit';
import plugin, { createReviewer } from './index.js';
import { documentedColumns, sections } from './markdown.js';

const { pkg, corpus } = useBrokenPackages();
const ctx = { log: silentLogger };

/** A copy of the clean package whose description.md is rewritten by `edit`. */
async function withDescription(name: string, edit: (md: string) => string): Promise<PackageTarget> {
  const c = await corpus();
  const clean = c.packages.clean;
  const dir = join(c.root, `review-${name}`);
  await cp(clean.taskDir, dir, { recursive: true });
  const path = join(dir, 'description.md');
  await writeFile(path, edit(await readFile(path, 'utf8')));
  return { ...clean, taskDir: dir };
}

describe('markdown helpers', () => {
  it('splits sections and finds documented columns', () => {
    const md = '# T\n\n## Overview\nx\n\n## Data\n\n| column | d |\n|---|---|\n| `age` | years |\n\n- `train.csv`: rows\n- `tenure` (integer): months\n\n```\n# not a heading\n```\n';
    expect(sections(md).map((s) => s.title)).toEqual(['T', 'Overview', 'Data']);
    expect(documentedColumns(md)).toEqual(['age', 'tenure']);
  });
});

describe('plugin', () => {
  it('registers one reviewer with id "llm"', () => {
    const reviewers: Reviewer[] = [];
    plugin({}).setup?.({ addReviewer: (r: Reviewer) => reviewers.push(r) } as unknown as PluginApi);
    expect(reviewers.map((r) => r.id)).toEqual(['llm']);
  });
});

describe('deterministic review (no LLM)', () => {
  const reviewer = createReviewer();

  it('finds nothing wrong with the clean package', async () => {
    expect(await reviewer.review(await pkg('clean')(), ctx)).toEqual([]);
  });

  it('reports missing sections, metric, target and files', async () => {
    const p = await withDescription('bare', () => '# Customers\n\nSome text about them.\n');
    const ids = (await reviewer.review(p, ctx)).map((f) => f.ruleId);
    expect(ids.filter((i) => i === 'review/sections')).toHaveLength(4);
    expect(ids).toEqual(expect.arrayContaining(['review/metric-mentioned', 'review/target-mentioned', 'review/files-mentioned', 'review/undocumented-column']));
  });

  it('reports a documented column that does not exist (error)', async () => {
    const p = await withDescription('unknown-col', (md) => md.replace('| `age` | feature |', '| `age` | feature |\n| `income` | yearly income |'));
    const f = (await reviewer.review(p, ctx)).find((x) => x.ruleId === 'review/unknown-column');
    expect(f).toMatchObject({ severity: 'error', phase: 'review', data: { column: 'income' } });
  });

  it('reports a submission example that differs from sample_submission.csv', async () => {
    const p = await withDescription('example', (md) => md.replace(/```csv\nid,churn/, '```csv\nid,probability'));
    const f = (await reviewer.review(p, ctx)).find((x) => x.ruleId === 'review/submission-example');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('[id, probability]');
  });

  it('reports a missing description.md', async () => {
    const p = await withDescription('empty', () => '');
    expect((await reviewer.review(p, ctx)).map((f) => f.ruleId)).toEqual(['review/description']);
  });
});

describe('LLM review', () => {
  const reply = {
    findings: [
      { category: 'trivial-objective', severity: 'error', message: 'the target is a threshold of a visible column', location: 'task.json' },
      { category: 'metric-fit', severity: 'warning', message: 'consider log_loss' },
    ],
    summary: 'mostly fine',
  };

  it('sends the rubric and the package facts, and maps the findings', async () => {
    const model = new ScriptedChatModel([{ content: JSON.stringify(reply) }], { model: 'scripted-reviewer' });
    const agent = agentContextOf(model);
    const findings = await createReviewer({ deterministic: 'fallback' }).review(await pkg('clean')(), { ...ctx, agent });
    expect(agent.outcomes).toEqual([{ role: 'reviewer', producer: 'llm', model: 'scripted-reviewer' }]);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['review/llm/trivial-objective', 'error'],
      ['review/llm/metric-fit', 'warning'],
    ]);
    expect(findings[0].data).toMatchObject({ model: 'scripted-reviewer', prompt: 'reviewer@1', summary: 'mostly fine' });
    const sent = model.calls[0].messages.map((m) => String(m.content)).join('\n');
    expect(sent).toContain('trivial-objective');
    expect(sent).toContain('"headers"');
    expect(sent).toContain('## Submission format');
  });

  it('runs the deterministic review too by default', async () => {
    const model = new ScriptedChatModel([{ content: JSON.stringify({ findings: [] }) }]);
    const p = await withDescription('llm-bare', () => '# Churn\n');
    const ids = (await createReviewer().review(p, { ...ctx, agent: agentContextOf(model) })).map((f) => f.ruleId);
    expect(ids).toContain('review/sections');
  });

  it('a failing model is an error of the run unless llm.fallback is "deterministic"', async () => {
    const failing = () => new ScriptedChatModel([{ error: Object.assign(new Error('bad request'), { status: 400 }) }]);
    await expect(createReviewer({ deterministic: 'fallback' }).review(await pkg('clean')(), { ...ctx, agent: agentContextOf(failing()) })).rejects.toBeInstanceOf(LlmError);
  });

  it('with llm.fallback "deterministic" a failing model becomes a warning, the deterministic review stands in, and the fallback is recorded', async () => {
    const agent = agentContextOf(new ScriptedChatModel([{ error: Object.assign(new Error('bad request'), { status: 400 }) }]), { fallback: 'deterministic' });
    const p = await withDescription('llm-fallback-bare', () => '# Churn\n');
    const findings = await createReviewer({ deterministic: 'fallback' }).review(p, { ...ctx, agent });
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'review/llm', severity: 'warning', message: expect.stringContaining('bad request') }));
    expect(findings.map((f) => f.ruleId)).toContain('review/sections');
    expect(agent.outcomes).toEqual([expect.objectContaining({ role: 'reviewer', producer: 'fallback', reason: expect.stringContaining('bad request') })]);
  });
});

describe('deterministic review: roles of the public columns', () => {
  const reviewer = createReviewer();

  /** A copy of the clean package whose train/test files get `extra` columns and whose target is renamed. */
  async function weatherPackage(name: string, target: 'month' | 'temp'): Promise<PackageTarget> {
    const c = await corpus();
    const clean = c.packages.clean;
    const dir = join(c.root, `review-roles-${name}`);
    await cp(clean.taskDir, dir, { recursive: true });
    const rows = ['id,obs,month,day,temp'];
    const test = ['id,obs,month,day'];
    for (let i = 1; i <= 60; i++) {
      const line = `${i},${i},${1 + (i % 12)},${1 + (i % 28)},${(10 + (i % 12) * 1.5).toFixed(1)}`;
      rows.push(line);
      if (i <= 20) test.push(line.split(',').slice(0, 4).join(','));
    }
    await writeFile(join(dir, 'public/train.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'public/test.csv'), test.join('\n') + '\n');
    const manifest = { ...clean.manifest, target: target, objective: target === 'month' ? 'multiclass' : 'regression' } as PackageTarget['manifest'];
    return { ...clean, taskDir: dir, manifest };
  }

  it('flags a time index as the target and an identifier as a feature (errors, with the columns named)', async () => {
    const findings = await reviewer.review(await weatherPackage('month', 'month'), ctx);
    const target = findings.find((f) => f.ruleId === 'review/target-role');
    expect(target).toMatchObject({ severity: 'error', data: { column: 'month', role: 'time-index' } });
    const ids = findings.find((f) => f.ruleId === 'review/identifier-feature');
    expect(ids).toMatchObject({ severity: 'error', data: { columns: ['obs'] } });
  });

  it("a forecasting task's time column is its index, not an identifier feature; other row counters still are", async () => {
    const p = await weatherPackage('forecast', 'temp');
    const timeseries = { timeColumn: 'obs', seriesColumns: [], frequency: 'D', horizon: 20, seasonalPeriod: 1 };
    const forecast = { ...p, manifest: { ...p.manifest, objective: 'forecasting', timeseries } } as PackageTarget;
    expect((await reviewer.review(forecast, ctx)).filter((f) => f.ruleId === 'review/identifier-feature')).toEqual([]);
    const tabular = await reviewer.review(p, ctx);
    expect(tabular.find((f) => f.ruleId === 'review/identifier-feature')).toMatchObject({ data: { columns: ['obs'] } });
  });

  it('accepts a measured target', async () => {
    const findings = await reviewer.review(await weatherPackage('temp', 'temp'), ctx);
    expect(findings.filter((f) => f.ruleId === 'review/target-role')).toEqual([]);
  });

  it('warns when the description does not say what one row is', async () => {
    const p = await withDescription('no-row-unit', (md) => md.replace('Each row is one customer.', ''));
    const findings = await reviewer.review(p, ctx);
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'review/row-unit', severity: 'warning' })]);
  });
});
