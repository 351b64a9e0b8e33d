// The LLM strategies against a scripted chat model (no network): the model explores with the
// dataset tools, proposes, designs and describes; invalid model output falls back to rules.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentContextOf } from '@mle-smith/agents';
import { LlmError, silentLogger, type TaskSpec } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createScriptedChatModel, type ScriptedCall } from '@mle-smith/testkit';
import { createTabularDesigner } from '../designer.js';
import { PROMPT_DIR } from '../prompts.js';
import { designContext, exampleDir, tempDir } from '../__fixtures__/helpers.js';

const sha = async (name: string) => createHash('sha256').update(await readFile(join(PROMPT_DIR, `${name}.md`))).digest('hex');
const userJson = (call: ScriptedCall): Record<string, unknown> => {
  const human = call.messages.find((m) => m._getType() === 'human')!;
  return JSON.parse(String(human.content)) as Record<string, unknown>;
};

describe('LLM strategies', () => {
  it('brainstorms with the dataset tools, designs and describes; prompt hashes reach the result', async () => {
    const model = createScriptedChatModel(
      [
        { toolCalls: [{ name: 'overview', args: {} }] },
        { toolCalls: [{ name: 'sql', args: { query: 'SELECT species, count(*) FROM penguins GROUP BY 1' } }] },
        (call) => {
          // The tool results came back to the model.
          expect(call.messages.filter((m) => m._getType() === 'tool')).toHaveLength(2);
          return {
            toolCalls: [{
              name: 'submit',
              args: {
                proposals: [
                  {
                    title: 'Which penguin species is it?', table: 'penguins', objective: 'multiclass',
                    target: { name: 'species', expression: '"species"', sourceColumns: ['species'] },
                    metric: { name: 'f1_macro' }, split: { strategy: 'stratified' }, dropColumns: [],
                    justification: 'Species differ in beak and flipper measurements.',
                  },
                  {
                    title: 'Broken', table: 'penguins', objective: 'regression',
                    target: { name: 'nope', expression: '"no_such_column"', sourceColumns: ['no_such_column'] },
                    metric: { name: 'rmse' }, split: { strategy: 'random' }, dropColumns: [], justification: 'x',
                  },
                ],
              },
            }],
          };
        },
        (call) => {
          const { draft } = userJson(call) as { draft: TaskSpec };
          return {
            toolCalls: [{
              name: 'submit',
              args: { ...draft, features: draft.features.filter((f) => f !== 'island'), description: { overview: 'Identify the species of a Palmer penguin.', columns: { beak_depth_mm: 'beak depth in mm' } } },
            }],
          };
        },
        { toolCalls: [{ name: 'submit', args: { overview: 'Penguins of three species were measured on three islands.', columns: { beak_length_mm: 'length of the beak (culmen) in mm' } } }] },
      ],
      { model: 'scripted-1' },
    );
    const designer = createTabularDesigner();
    const profile = await profileDataset(exampleDir('penguins'));
    const ctx = designContext({ agent: agentContextOf(model) });
    const proposals = await designer.brainstorm(profile, ctx);
    expect(proposals.map((p) => p.id)).toEqual(['penguins-species-multiclass']);
    expect(proposals[0]).toMatchObject({ metric: { name: 'f1_macro', higherIsBetter: true }, split: { strategy: 'stratified', seed: 7, testFraction: 0.2 } });

    const spec = await designer.design(proposals[0], profile, ctx);
    expect(spec.features).not.toContain('island');
    expect(spec.dropColumns).toContain('island');
    expect(spec.description.overview).toBe('Identify the species of a Palmer penguin.');

    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(spec, { rawDir: profile.dir, profile, outDir, log: silentLogger, agent: ctx.agent });
    expect(result.agents).toEqual({ brainstormer: 'scripted-1', designer: 'scripted-1', refactor: 'scripted-1' });
    expect(result.fallbacks).toBeUndefined();
    expect(ctx.agent!.outcomes.map((o) => [o.role, o.producer])).toEqual([['brainstormer', 'llm'], ['designer', 'llm'], ['refactor', 'llm']]);
    expect(ctx.agent!.ledger.map((e) => e.role)).toEqual(['brainstormer', 'brainstormer', 'brainstormer', 'designer', 'refactor']);
    expect(result.promptHashes).toEqual({
      'designer-tabular/brainstormer': await sha('brainstormer'),
      'designer-tabular/designer': await sha('designer'),
      'designer-tabular/refactor': await sha('refactor'),
    });
    const md = await readFile(join(outDir, 'description.md'), 'utf8');
    expect(md).toContain('Penguins of three species were measured on three islands.');
    expect(md).toContain('length of the beak (culmen) in mm');
    expect(md).toContain('## Submission format');
  });

  it('a failed model call is an error unless llm.fallback is "deterministic"', async () => {
    const failing = () => createScriptedChatModel([{ error: Object.assign(new Error('bad request'), { status: 400 }) }], { model: 'scripted-1' });
    const designer = createTabularDesigner();
    const profile = await profileDataset(exampleDir('iris'));
    const strict = designContext({ agent: agentContextOf(failing()) });
    await expect(designer.brainstorm(profile, strict)).rejects.toBeInstanceOf(LlmError);
    expect(strict.agent!.outcomes).toEqual([]);
  });

  it('with llm.fallback "deterministic" a failed call falls back, and every role records who produced it', async () => {
    const model = createScriptedChatModel([{ error: Object.assign(new Error('bad request'), { status: 400 }) }], { model: 'scripted-1' });
    const designer = createTabularDesigner();
    const profile = await profileDataset(exampleDir('iris'));
    const ctx = designContext({ agent: agentContextOf(model, { fallback: 'deterministic' }) });
    const proposals = await designer.brainstorm(profile, ctx);
    expect(proposals[0].id).toBe('iris-species-multiclass');
    expect(ctx.agent!.outcomes).toEqual([{ role: 'brainstormer', producer: 'fallback', model: 'scripted-1', reason: expect.stringMatching(/^the LLM call failed: .*bad request/) }]);
    // The script is used up: the designer and refactor calls fail too and fall back as well.
    const spec = await designer.design(proposals[0], profile, ctx);
    const result = await designer.materialize(spec, { rawDir: profile.dir, profile, outDir: join(await tempDir(), 'task'), log: silentLogger, agent: ctx.agent });
    expect(result.agents).toEqual({ brainstormer: 'deterministic', designer: 'deterministic', refactor: 'deterministic' });
    expect(Object.keys(result.fallbacks ?? {}).sort()).toEqual(['brainstormer', 'designer', 'refactor']);
    expect(ctx.agent!.outcomes.map((o) => [o.role, o.producer])).toEqual([['brainstormer', 'fallback'], ['designer', 'fallback'], ['refactor', 'fallback']]);
  });

  it('strategy "deterministic" never calls the model', async () => {
    const model = createScriptedChatModel([]);
    const designer = createTabularDesigner({ strategy: 'deterministic' });
    const profile = await profileDataset(exampleDir('iris'));
    const proposals = await designer.brainstorm(profile, designContext({ agent: agentContextOf(model) }));
    // Iris's SOURCE.md names species the target: the documented outcome is the one real target.
    expect(proposals.map((p) => p.target.name)).toEqual(['species']);
    expect(model.calls ?? []).toHaveLength(0);
  });
});
