import { describe, expect, it } from 'vitest';
import type { Logger, TaskSpec } from '@mle-smith/core';
import { acceptLlmSpec, designerOptionsSchema, metricCatalog, proposalLimit, promptRoles, resolveOptions } from './index.js';

describe('metricCatalog', () => {
  const catalog = metricCatalog({
    roc_auc: { definition: 'AUC.', formula: 'AUC = …', objectives: ['binary'] },
    rmse: { definition: 'RMSE.', formula: 'RMSE = …' },
    accuracy: { definition: 'Accuracy.', formula: 'acc = …' },
  });

  it('takes direction, objectives and prediction kind from @mle-smith/metrics', () => {
    expect(catalog.info('rmse')).toEqual({ name: 'rmse', higherIsBetter: false, objectives: ['regression', 'forecasting'], prediction: 'value', definition: 'RMSE.', formula: 'RMSE = …' });
    expect(catalog.info('accuracy')).toMatchObject({ higherIsBetter: true, objectives: ['binary', 'multiclass'], prediction: 'label' });
    expect(catalog.info('roc_auc')).toMatchObject({ prediction: 'probability', objectives: ['binary'] });
    expect(Object.keys(catalog.metrics)).toEqual(['roc_auc', 'rmse', 'accuracy']);
  });

  it('answers which metric suits an objective, and knows nothing else', () => {
    expect(catalog.suits('roc_auc', 'binary')).toBe(true);
    expect(catalog.suits('roc_auc', 'multiclass')).toBe(false);
    expect(catalog.info('constructor')).toBeUndefined();
    expect(catalog.suits('mae', 'regression')).toBe(false);
  });

  it('rejects unknown metrics, ranking metrics and objectives the metric lacks', () => {
    expect(() => metricCatalog({ nope: { definition: '', formula: '' } })).toThrow(/unknown metric "nope"/);
    expect(() => metricCatalog({ rmse: { definition: '', formula: '', objectives: ['binary'] } })).toThrow(/rmse does not support binary/);
  });
});

describe('options', () => {
  it('merges designer-specific properties into the common schema', () => {
    const schema = designerOptionsSchema({ longTextChars: { type: 'integer', minimum: 1 }, maxProposals: { type: 'integer', minimum: 1, maximum: 10 } }) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(['maxProposals', 'testFraction', 'maxClasses', 'strategy', 'maxAgentSteps', 'longTextChars']);
    expect(schema.properties.maxProposals).toEqual({ type: 'integer', minimum: 1, maximum: 10 });
  });

  it('resolves defaults, skipping undefined, and caps proposals', () => {
    const defaults = { maxProposals: Infinity, testFraction: 0.2, maxClasses: 50, strategy: 'auto' as const, maxAgentSteps: 12 };
    const resolved = resolveOptions<Partial<typeof defaults>>(defaults, { testFraction: 0.3, maxClasses: undefined });
    expect(resolved).toEqual({ ...defaults, testFraction: 0.3 });
    expect(proposalLimit(resolved, undefined)).toBe(3);
    expect(proposalLimit({ maxProposals: 2 }, 5)).toBe(2);
    expect(proposalLimit({ maxProposals: 9 }, 0)).toBe(3);
  });
});

describe('promptRoles', () => {
  it('keys prompt hashes by plugin and role', () => {
    const roles = promptRoles<'designer'>('designer-x', '/nowhere/');
    expect(roles.promptKey('designer')).toBe('designer-x/designer');
    expect(roles.promptDir).toBe('/nowhere/');
  });
});

describe('acceptLlmSpec', () => {
  const spec: TaskSpec = {
    specVersion: 1, id: 't', title: 'T', dataset: 'd', table: 'd', modality: 'tabular', objective: 'binary',
    target: { name: 'y', expression: 'y', sourceColumns: ['y'] }, rowKey: ['id'], features: ['x'], derivedFeatures: [], dropColumns: ['id'],
    metric: { name: 'roc_auc', higherIsBetter: true, params: {} }, split: { strategy: 'random', testFraction: 0.2, seed: 1 },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'probability' }], classes: ['0', '1'] },
    description: { overview: 'o' },
  };
  const draft = { value: spec, agent: 'deterministic' };
  const run = { output: {}, model: 'm-1', promptHashes: { 'p/designer': 'abc' } };

  it('credits a valid spec to the model and keeps the draft, marked as the fallback with a warning, for an invalid one', () => {
    const warnings: string[] = [];
    const log = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} } as unknown as Logger;
    expect(acceptLlmSpec(spec, run, draft, log, 't')).toEqual({ value: spec, agent: 'm-1', promptHashes: { 'p/designer': 'abc' } });
    expect(warnings).toEqual([]);
    const broken = { ...spec, split: { ...spec.split, testFraction: 2 } };
    expect(acceptLlmSpec(broken, run, draft, log, 't')).toEqual({ ...draft, fallback: expect.stringMatching(/^the model's answer was unusable: invalid spec \(at \/split\/testFraction: .+\)$/) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^designer \(LLM\) for t: invalid spec \(at \/split\/testFraction: .+\); using the deterministic strategy$/);
  });
});
