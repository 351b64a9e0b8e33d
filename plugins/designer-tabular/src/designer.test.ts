import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, mulberry32, silentLogger, validateTaskSpec, type Designer, type Finding, type PluginApi } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import plugin, { createTabularDesigner } from './index.js';
import { filesOf } from '@mle-smith/testkit';
import { designContext, exampleDir, tempDir, writeDataset } from './__fixtures__/helpers.js';

/** 40 subjects × 5 visits, a unique record id, and an outcome that depends on the measurements. */
function repeatedMeasuresCsv(): string {
  const r = mulberry32(11);
  const lines = ['record_id,subject_id,visit,heart_rate,systolic_bp,weight_kg,outcome'];
  let id = 1000;
  for (let s = 1; s <= 40; s++) {
    const base = 60 + Math.floor(r() * 30);
    for (let v = 1; v <= 5; v++) {
      const hr = base + Math.floor(r() * 10);
      const bp = 100 + Math.floor(r() * 50);
      const w = (50 + r() * 50).toFixed(1);
      lines.push([id++, `S${String(s).padStart(3, '0')}`, v, hr, bp, w, hr + bp / 3 > 120 ? 'high' : 'low'].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** Daily readings over two years: a date, two measurements and a yield that follows the season. */
function dailyReadingsCsv(): string {
  const r = mulberry32(5);
  const lines = ['recorded,temperature,rainfall,yield'];
  for (let d = 0; d < 400; d++) {
    const date = new Date(Date.UTC(2020, 0, 1) + d * 2 * 86_400_000);
    const t = 12 + 10 * Math.sin((2 * Math.PI * (date.getUTCMonth() - 3)) / 12) + r() * 3;
    const rain = r() * 20;
    lines.push([date.toISOString().slice(0, 10), t.toFixed(1), rain.toFixed(1), (50 + 2 * t - 0.5 * rain + r() * 5).toFixed(1)].join(','));
  }
  return lines.join('\n') + '\n';
}

describe('createTabularDesigner', () => {
  it('leaves a raw date out as a time index and keeps its month as a derived feature', async () => {
    const dir = await writeDataset('readings', 'readings.csv', dailyReadingsCsv());
    const profile = await profileDataset(dir);
    expect(profile.tables[0].columns.find((c) => c.name === 'recorded')?.inferredType).toBe('date');
    const designer = createTabularDesigner();
    const [proposal] = await designer.brainstorm(profile, designContext());
    expect(proposal.target.name).toBe('yield');
    const spec = await designer.design(proposal, profile, designContext());
    expect(spec.features).not.toContain('recorded');
    expect(spec.dropColumns).toContain('recorded');
    expect(spec.derivedFeatures).toEqual([{ name: 'recorded_month', expression: 'month(TRY_CAST("recorded" AS DATE))' }]);
    expect(spec.description.columns?.recorded_month).toMatch(/month \(1–12\) of "recorded"/);
    const outDir = join(await tempDir(), 'task');
    await designer.materialize(spec, { rawDir: profile.dir, outDir, profile, log: silentLogger });
    const [header, ...rows] = (await readFile(join(outDir, 'public/train.csv'), 'utf8')).trim().split('\n');
    const at = header.split(',').indexOf('recorded_month');
    expect(at).toBeGreaterThan(0);
    expect(new Set(rows.map((l) => Number(l.split(',')[at])))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
  });

  it('is deterministic: same profile and seed give identical proposals, specs and package bytes', async () => {
    const runOnce = async () => {
      const designer = createTabularDesigner();
      const profile = await profileDataset(exampleDir('penguins'));
      const proposals = await designer.brainstorm(profile, designContext());
      const specs = await Promise.all(proposals.map((p) => designer.design(p, profile, designContext())));
      const outDir = join(await tempDir(), 'task');
      const result = await designer.materialize(specs[0], { rawDir: profile.dir, outDir, profile, log: silentLogger });
      return { proposals, specs, result, files: await filesOf(outDir) };
    };
    const a = await runOnce();
    const b = await runOnce();
    expect(JSON.stringify(b.proposals)).toBe(JSON.stringify(a.proposals));
    expect(JSON.stringify(b.specs)).toBe(JSON.stringify(a.specs));
    expect(b.result).toEqual(a.result);
    expect(Object.keys(a.files).sort()).toEqual(['description.md', 'private/answers.csv', 'public/sample_submission.csv', 'public/test.csv', 'public/train.csv']);
    expect(b.files).toEqual(a.files);
    for (const spec of a.specs) expect(validateTaskSpec(spec).errors).toEqual([]);
  });

  it('another seed changes the split seed, nothing else', async () => {
    const designer = createTabularDesigner();
    const profile = await profileDataset(exampleDir('iris'));
    const [a] = await designer.brainstorm(profile, designContext({ seed: 1 }));
    const [b] = await designer.brainstorm(profile, designContext({ seed: 2 }));
    expect({ ...a, split: { ...a.split, seed: 0 } }).toEqual({ ...b, split: { ...b.split, seed: 0 } });
    expect([a.split.seed, b.split.seed]).toEqual([1, 2]);
  });

  it('never uses identifier columns as targets or features, and splits repeated measures by subject', async () => {
    const dir = await writeDataset('visits', 'visits.csv', repeatedMeasuresCsv());
    const profile = await profileDataset(dir);
    const table = profile.tables[0];
    expect(table.columns.find((c) => c.name === 'record_id')!.identifierLike).toBe(true);
    expect(table.groupColumns).toContain('subject_id');
    const designer = createTabularDesigner();
    const proposals = await designer.brainstorm(profile, designContext({ maxProposals: 5 }));
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) {
      expect(p.target.sourceColumns).not.toContain('record_id');
      expect(p.dropColumns).toContain('record_id');
      expect(p.split).toMatchObject({ strategy: 'group', by: 'subject_id' });
      const spec = await designer.design(p, profile, designContext());
      expect(spec.features).not.toContain('record_id');
      expect(spec.features).not.toContain('subject_id');
      expect(spec.split).toMatchObject({ strategy: 'group', by: 'subject_id' });
    }
    const spec = await designer.design(proposals.find((p) => p.target.name === 'outcome')!, profile, designContext());
    const outDir = join(await tempDir(), 'task');
    await designer.materialize(spec, { rawDir: dir, outDir, profile, log: silentLogger });
    const header = (await readFile(join(outDir, 'public/train.csv'), 'utf8')).split('\n')[0];
    expect(header).toBe('id,visit,heart_rate,systolic_bp,weight_kg,outcome');
  });

  it('drops the source column of a derived target', async () => {
    const designer = createTabularDesigner();
    const profile = await profileDataset(exampleDir('diabetes'));
    const proposals = await designer.brainstorm(profile, designContext());
    const derived = proposals.find((p) => p.target.name === 'disease_progression_above_median');
    expect(derived, proposals.map((p) => p.id).join(', ')).toBeDefined();
    expect(derived!.objective).toBe('binary');
    expect(derived!.target.sourceColumns).toEqual(['disease_progression']);
    expect(derived!.target.expression).toBe('CASE WHEN "disease_progression" IS NULL THEN NULL WHEN "disease_progression" > 140.5 THEN 1 ELSE 0 END');
    expect(derived!.dropColumns).toContain('disease_progression');
    const spec = await designer.design(derived!, profile, designContext());
    expect(spec.features).not.toContain('disease_progression');
    expect(spec.dropColumns).toContain('disease_progression');
    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(spec, { rawDir: profile.dir, outDir, profile, log: silentLogger });
    expect(result.classes).toEqual(['0', '1']);
    const train = await readFile(join(outDir, 'public/train.csv'), 'utf8');
    expect(train.split('\n')[0]).toBe('id,age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,disease_progression_above_median');
  });

  it('a float class column (a game result of 0, 0.5 or 1) keeps one spelling of its labels in answers, classes and submission columns', async () => {
    const r = mulberry32(23);
    const lines = ['home_rating,away_rating,rest_days,result'];
    for (let i = 0; i < 300; i++) {
      const diff = r() * 2 - 1;
      const u = r();
      lines.push([(5 + diff).toFixed(2), (5 - diff).toFixed(2), Math.floor(r() * 5), (diff > 0.3 ? u < 0.8 : diff < -0.3 ? u < 0.2 : u < 0.5) ? (u < 0.1 ? '0.5' : '1.0') : '0.0'].join(','));
    }
    const dir = await writeDataset('games', 'games.csv', lines.join('\n') + '\n');
    const designer = createTabularDesigner();
    const profile = await profileDataset(dir);
    const proposal = (await designer.brainstorm(profile, designContext())).find((p) => p.target.name === 'result' && p.objective === 'multiclass');
    expect(proposal).toBeDefined();
    const spec = await designer.design(proposal!, profile, designContext());
    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(spec, { rawDir: dir, outDir, profile, log: silentLogger });
    expect(result.classes).toEqual(['0', '0.5', '1']);
    const answers = new Set((await readFile(join(outDir, 'private/answers.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(',')[1]));
    expect([...answers].every((a) => ['0', '0.5', '1'].includes(a))).toBe(true);
    expect(spec.submission.classes).toEqual(['0', '0.5', '1']);
  });

  it('repairs from defects: drops a leaking column, changes the metric, keeps earlier repairs', async () => {
    const designer = createTabularDesigner();
    const profile = await profileDataset(exampleDir('leaky-breast-cancer'));
    const [proposal] = await designer.brainstorm(profile, designContext());
    expect(proposal.target.name).toBe('diagnosis');
    const first = await designer.design(proposal, profile, designContext({ attempt: 0 }));
    expect(first.features).toContain('followup_code');

    const leak: Finding = {
      ruleId: 'leakage/single-feature', severity: 'error', phase: 'package',
      message: 'followup_code predicts diagnosis with accuracy 1.0', data: { column: 'followup_code', score: 1 },
    };
    const history = [{ attempt: 0, findings: [leak] }];
    const second = await designer.design(proposal, profile, designContext({ attempt: 1, defects: [leak], history }));
    expect(second.features).not.toContain('followup_code');
    expect(second.dropColumns).toContain('followup_code');
    expect(second.features).toHaveLength(30);

    const metric: Finding = { ruleId: 'structural/metric-objective', severity: 'error', phase: 'spec', message: 'metric does not suit', data: { suggested: 'log_loss' } };
    history.push({ attempt: 1, findings: [metric] });
    const third = await designer.design(proposal, profile, designContext({ attempt: 2, defects: [metric], history }));
    expect(third.metric.name).toBe('log_loss');
    expect(third.metric.higherIsBetter).toBe(false);
    expect(third.features).not.toContain('followup_code'); // the attempt-2 repair holds
    expect(third.submission.predictionColumns).toEqual([{ name: 'diagnosis', type: 'probability' }]);

    const group: Finding = { ruleId: 'leakage/duplicate-rows', severity: 'error', phase: 'package', message: 'near-duplicate rows across the split' };
    history.push({ attempt: 2, findings: [group] });
    const fourth = await designer.design(proposal, profile, designContext({ attempt: 3, defects: [group], history }));
    expect(fourth.split.strategy).toBe('group');
    const outDir = join(await tempDir(), 'task');
    await designer.materialize(fourth, { rawDir: profile.dir, outDir, profile, log: silentLogger });
    expect((await readFile(join(outDir, 'public/train.csv'), 'utf8')).split('\n')[0]).not.toContain('followup_code');

    // The designer keeps nothing between calls: without a history, a design starts clean.
    const fresh = await designer.design(proposal, profile, designContext({ runId: 'other' }));
    expect(fresh.features).toContain('followup_code');
    const restarted = await designer.design(proposal, profile, designContext({ attempt: 0 }));
    expect(restarted.features).toContain('followup_code');
  });

  it('multiclass log_loss asks for one probability column per class', async () => {
    const designer = createTabularDesigner();
    const profile = await profileDataset(exampleDir('wine'));
    const [p] = await designer.brainstorm(profile, designContext());
    const spec = await designer.design(p, profile, designContext({
      attempt: 2, defects: [{ ruleId: 'metric/unsuitable', severity: 'error', phase: 'spec', message: 'x', data: { suggested: 'log_loss' } }],
    }));
    expect(spec.submission.predictionColumns).toEqual(['class_0', 'class_1', 'class_2'].map((name) => ({ name, type: 'probability' })));
    expect(spec.submission.classes).toEqual(['class_0', 'class_1', 'class_2']);
  });

  it('throws a DatasetError naming the file when the only candidate target is all-null', async () => {
    const rows = ['code,label', ...Array.from({ length: 30 }, (_, i) => `C${String(i).padStart(4, '0')},`)];
    const dir = await writeDataset('empty-label', 'records.csv', rows.join('\n') + '\n');
    const profile = await profileDataset(dir);
    const designer = createTabularDesigner();
    expect(designer.supports(profile)).toBe(false);
    const err = await designer.brainstorm(profile, designContext()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).message).toMatch(/^records\.csv: /);
    expect((err as DatasetError).message).toContain('"label" is entirely missing');
  });

  it('declines a dataset whose only table is indexed by time (designer-timeseries forecasts it)', async () => {
    const profile = await profileDataset(exampleDir('txhousing'));
    expect(createTabularDesigner().supports(profile)).toBe(false);
  });

  it('takes a time-indexed dataset after a forecasting designer declined it (no series in the data)', async () => {
    const profile = await profileDataset(exampleDir('txhousing'));
    expect(createTabularDesigner().supports(profile, { declined: [] })).toBe(false);
    expect(createTabularDesigner().supports(profile, { declined: ['designer-timeseries'] })).toBe(true);
  });

  it('takes a time-indexed dataset no designer claimed (a panel too short for the forecasting designer)', async () => {
    const profile = await profileDataset(exampleDir('txhousing'));
    expect(createTabularDesigner().supports(profile, { declined: [], unclaimed: true })).toBe(true);
  });

  it('declines datasets with media', async () => {
    const profile = await profileDataset(exampleDir('iris'));
    const designer = createTabularDesigner();
    expect(designer.supports({ ...profile, media: [{ kind: 'image', fileCount: 10, extensions: ['.png'] }] })).toBe(false);
  });

  it('designs a 2,000-column table', async () => {
    const r = mulberry32(3);
    const n = 2000;
    const header = [...Array.from({ length: n }, (_, i) => `f${i}`), 'label'];
    const lines = [header.join(',')];
    for (let row = 0; row < 60; row++) {
      const values = Array.from({ length: n }, () => (r() * 100).toFixed(2));
      lines.push([...values, Number(values[0]) > 50 ? 'yes' : 'no'].join(','));
    }
    const dir = await writeDataset('wide', 'wide.csv', lines.join('\n') + '\n');
    const profile = await profileDataset(dir);
    const designer = createTabularDesigner();
    expect(designer.supports(profile)).toBe(true);
    const proposals = await designer.brainstorm(profile, designContext());
    const p = proposals.find((x) => x.target.name === 'label')!;
    expect(p).toBeDefined();
    const spec = await designer.design(p, profile, designContext());
    expect(spec.features).toHaveLength(n);
    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(spec, { rawDir: dir, outDir, profile, log: silentLogger });
    expect(result.rows.train + result.rows.test).toBe(60);
    const md = await readFile(join(outDir, 'description.md'), 'utf8');
    expect(md).toContain('…and 1800 more feature columns (1800 float)');
  }, 300_000);

  it('writes a description.md with the four sections', async () => {
    const designer = createTabularDesigner();
    const profile = await profileDataset(exampleDir('breast-cancer'));
    const [p] = await designer.brainstorm(profile, designContext());
    const spec = await designer.design(p, profile, designContext());
    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(spec, { rawDir: profile.dir, outDir, profile, log: silentLogger });
    expect(result.agents).toEqual({ brainstormer: 'deterministic', designer: 'deterministic', refactor: 'deterministic' });
    expect(result.promptHashes).toBeUndefined();
    const md = await readFile(join(outDir, 'description.md'), 'utf8');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Overview', '## Data files', '## Evaluation', '## Submission format']);
    expect(md).toContain('| `mean_radius` | float | 0.0% |');
    expect(md).toContain('**roc_auc**');
    expect(md).toContain('AUC = ');
    expect(md).toContain('probability that `diagnosis` is `malignant`');
    const sample = (await readFile(join(outDir, 'public/sample_submission.csv'), 'utf8')).split('\n').slice(0, 4);
    expect(md).toContain(['```csv', ...sample, '...', '```'].join('\n'));
    expect(md).toContain('license: CC BY 4.0');
  });

  it('registers itself through the plugin API', () => {
    const designers: Designer[] = [];
    const api = { addDesigner: (d: Designer) => designers.push(d) } as unknown as PluginApi;
    const instance = plugin({ maxProposals: 2 });
    expect(instance).toMatchObject({ name: 'designer-tabular', apiVersion: 1 });
    instance.setup!(api);
    expect(designers).toHaveLength(1);
    expect(designers[0]).toMatchObject({ id: 'tabular', modality: 'tabular' });
    expect(plugin.optionsSchema).toMatchObject({ type: 'object' });
  });
});
