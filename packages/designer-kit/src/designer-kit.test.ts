import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger, type AgentContext, type DatasetProfile, type Logger, type TaskProposal, type TaskSpec } from '@mle-smith/core';
import {
  acceptLlmSpec, createDeterministicRefactor, designerOptionsSchema, headLines, licenseOf, metricCatalog, proposalLimit, promptRoles, resolveOptions, strategyDriver,
} from './index.js';

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

describe('shared description pieces', () => {
  it('licenseOf: the profile license, else a License line of the source note', () => {
    expect(licenseOf({ license: 'MIT', sourceNote: '- License: CC0' })).toBe('MIT');
    expect(licenseOf({ sourceNote: '# Data\n\n- **License:** CC BY 4.0\n' })).toBe('CC BY 4.0');
    expect(licenseOf({ sourceNote: 'no licence named' })).toBeUndefined();
  });

  it('headLines: the first non-empty lines, SAMPLE_LINES by default', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'designer-kit-'));
    await writeFile(join(dir, 's.csv'), 'id,y\n1,a\n\n2,a\n3,a\n4,a\n');
    expect(await headLines(join(dir, 's.csv'))).toEqual(['id,y', '1,a', '2,a', '3,a']);
    expect(await headLines(join(dir, 's.csv'), 2)).toEqual(['id,y', '1,a']);
  });

  it('the deterministic Refactor gives the spec text, or the overview a designer builds', async () => {
    const spec = { description: { overview: 'o', columns: { x: 'an x' } } } as unknown as TaskSpec;
    const input = { spec, profile: {} as DatasetProfile, rows: { train: 1, test: 1 } };
    expect(await createDeterministicRefactor().describe(input, undefined)).toEqual({ value: { overview: 'o', columns: { x: 'an x' } }, agent: 'deterministic' });
    expect((await createDeterministicRefactor(({ spec: s }) => `${s.description.overview}!`).describe(input, undefined)).value.overview).toBe('o!');
  });
});

describe('strategyDriver', () => {
  it('records an LLM outcome only for the roles an LLM strategy ran, and the producers in provenance', async () => {
    const spec = { id: 't', description: { overview: 'o' } } as unknown as TaskSpec;
    const offline = {
      brainstormer: { kind: 'deterministic' as const, brainstorm: async () => ({ value: [{ id: 'p' } as TaskProposal], agent: 'deterministic' }) },
      designer: { kind: 'deterministic' as const, design: async () => ({ value: spec, agent: 'deterministic' }) },
      refactor: createDeterministicRefactor(),
    };
    const llmRefactor = { kind: 'llm' as const, describe: async () => ({ value: { overview: 'by model', columns: {} }, agent: 'm-1', promptHashes: { 'x/refactor': 'h' } }) };
    const driver = strategyDriver({ name: 'x', strategy: 'auto', offline, llm: () => ({ ...offline, refactor: llmRefactor }) });
    const agent = { modelId: 'm-1', fallback: 'none', outcomes: [], ledger: [] } as unknown as AgentContext;
    const profile = { name: 'd' } as DatasetProfile;
    const ctx = { runId: 'r', seed: 1, maxProposals: 1, defects: [], history: [], attempt: 0, log: silentLogger, agent };
    const [p] = await driver.brainstorm(profile, ctx);
    await driver.design(p!, profile, ctx);
    expect((await driver.describe({ spec, profile, rows: { train: 1, test: 1 } }, { rawDir: '', outDir: '', profile, log: silentLogger, agent })).overview).toBe('by model');
    expect(agent.outcomes.map((o) => [o.role, o.producer])).toEqual([['refactor', 'llm']]);
    expect(driver.provenance('t')).toEqual({ agents: { brainstormer: 'deterministic', designer: 'deterministic', refactor: 'm-1' }, promptHashes: { 'x/refactor': 'h' } });
  });
});
