// The textbook tasks of the example datasets come out of the deterministic designer.
import { describe, expect, it } from 'vitest';
import { profileDataset } from '@mle-smith/data';
import { createTabularDesigner } from './designer.js';
import { designContext, exampleDir } from './__fixtures__/helpers.js';

const TEXTBOOK = [
  { dataset: 'iris', target: 'species', objective: 'multiclass', metrics: ['accuracy', 'f1_macro', 'log_loss', 'balanced_accuracy'] },
  { dataset: 'wine', target: 'cultivar', objective: 'multiclass', metrics: ['accuracy', 'f1_macro', 'log_loss', 'balanced_accuracy'] },
  { dataset: 'breast-cancer', target: 'diagnosis', objective: 'binary', metrics: ['roc_auc', 'accuracy', 'f1', 'log_loss'] },
  { dataset: 'diabetes', target: 'disease_progression', objective: 'regression', metrics: ['rmse', 'mae', 'r2'] },
  { dataset: 'penguins', target: 'species', objective: 'multiclass', metrics: ['accuracy', 'f1_macro', 'balanced_accuracy', 'log_loss'] },
] as const;

describe('example datasets', () => {
  const designer = createTabularDesigner();
  for (const t of TEXTBOOK) {
    it(`${t.dataset}: proposes ${t.target} (${t.objective})`, async () => {
      const profile = await profileDataset(exampleDir(t.dataset));
      expect(designer.supports(profile)).toBe(true);
      const proposals = await designer.brainstorm(profile, designContext());
      expect(proposals.length).toBeGreaterThan(0);
      expect(proposals.length).toBeLessThanOrEqual(3);
      const hit = proposals.find((p) => p.target.name === t.target && p.target.sourceColumns[0] === t.target);
      expect(hit, proposals.map((p) => p.id).join(', ')).toBeDefined();
      expect(hit!.objective).toBe(t.objective);
      expect(t.metrics as readonly string[]).toContain(hit!.metric.name);
      expect(hit!.id).toBe(`${t.dataset}-${t.target.replaceAll('_', '-')}-${t.objective}`);
      if (t.objective !== 'regression') expect(hit!.split.strategy).toBe('stratified');
      // Diverse: no two proposals share target and objective.
      expect(new Set(proposals.map((p) => `${p.target.name}/${p.objective}`)).size).toBe(proposals.length);
    });
  }

  it('binary roc_auc names the positive class and asks for one probability column', async () => {
    const profile = await profileDataset(exampleDir('breast-cancer'));
    const [p] = await designer.brainstorm(profile, designContext());
    const spec = await designer.design(p, profile, designContext());
    expect(spec.metric).toMatchObject({ name: 'roc_auc', higherIsBetter: true, params: { pos_label: 'malignant' } });
    expect(spec.submission).toEqual({ idColumn: 'id', predictionColumns: [{ name: 'diagnosis', type: 'probability' }], classes: ['benign', 'malignant'] });
    expect(spec.features).toHaveLength(30);
    expect(spec.specVersion).toBe(1);
  });

  it('respects ctx.maxProposals', async () => {
    const profile = await profileDataset(exampleDir('iris'));
    expect(await designer.brainstorm(profile, designContext({ maxProposals: 1 }))).toHaveLength(1);
  });
});
