// The LLM strategies against a scripted chat model (no network): the model picks among the
// scanned candidates, words the task and the description; unusable answers fall back to rules.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentContextOf } from '@mle-smith/agents';
import { LlmError, silentLogger } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createScriptedChatModel } from '@mle-smith/testkit';
import { createTextDesigner } from '../designer.js';
import { PROMPT_DIR } from '../prompts.js';
import { designContext, exampleDir, tempDir } from '../__fixtures__/helpers.js';

const sha = async (name: string) => createHash('sha256').update(await readFile(join(PROMPT_DIR, `${name}.md`))).digest('hex');

describe('LLM strategies', () => {
  it('choose a candidate, word the spec and the description; prompt hashes reach the result', async () => {
    const model = createScriptedChatModel([
      { toolCalls: [{ name: 'submit', args: { proposals: [
        { candidate: 'sotu-party-multiclass', title: 'Which party gave this address?', metric: 'f1_macro', justification: 'Parties differ in vocabulary and topics.' },
        { candidate: 'no-such-candidate', title: 'x', metric: 'rmse', justification: 'x' },
      ] } }] },
      { toolCalls: [{ name: 'submit', args: { title: 'The party behind a State of the Union address', overview: 'Predict the party of the president from the text of an address.', metric: 'rmse' } }] },
      { toolCalls: [{ name: 'submit', args: { overview: 'Presidents have addressed Congress every year since 1790.', columns: { text_file: 'the address', president: 'must not appear' } } }] },
    ]);
    const designer = createTextDesigner();
    const profile = await profileDataset(exampleDir('sotu'));
    const ctx = designContext({ agent: agentContextOf(model) });
    const proposals = await designer.brainstorm(profile, ctx);
    // The year of an address is a time index (docs/column-roles.md): never a candidate target.
    expect(proposals.map((p) => [p.id, p.title, p.metric.name])).toEqual([['sotu-party-multiclass', 'Which party gave this address?', 'f1_macro']]);
    const spec = await designer.design(proposals[0], profile, ctx);
    // rmse does not suit a multiclass task: the proposal's metric stays.
    expect(spec).toMatchObject({ title: 'The party behind a State of the Union address', metric: { name: 'f1_macro' }, split: { strategy: 'group', by: 'president' } });
    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(spec, { rawDir: profile.dir, profile, outDir, log: silentLogger, agent: ctx.agent });
    expect(result.agents).toEqual({ brainstormer: 'scripted', designer: 'scripted', refactor: 'scripted' });
    // The refactor's calls reach the run's ledger like the other roles'.
    expect(new Set(ctx.agent!.ledger.map((e) => e.role))).toEqual(new Set(['brainstormer', 'designer', 'refactor']));
    expect(ctx.agent!.outcomes.map((o) => [o.role, o.producer])).toEqual([['brainstormer', 'llm'], ['designer', 'llm'], ['refactor', 'llm']]);
    expect(result.promptHashes).toEqual({
      'designer-text/brainstormer': await sha('brainstormer'), 'designer-text/designer': await sha('designer'), 'designer-text/refactor': await sha('refactor'),
    });
    const description = await readFile(join(outDir, 'description.md'), 'utf8');
    expect(description).toContain('Presidents have addressed Congress every year since 1790.');
    expect(description).not.toContain('must not appear');
  });

  it('a failed model call fails unless llm.fallback is "deterministic"; then it falls back and says so per role', async () => {
    const failing = () => createScriptedChatModel([{ error: new Error('boom') }, { error: new Error('boom') }]);
    const designer = createTextDesigner({ maxAgentSteps: 1 });
    const profile = await profileDataset(exampleDir('spam'));
    await expect(designer.brainstorm(profile, designContext({ agent: agentContextOf(failing()) }))).rejects.toBeInstanceOf(LlmError);

    const ctx = designContext({ agent: agentContextOf(failing(), { fallback: 'deterministic' }) });
    const [p] = await designer.brainstorm(profile, ctx);
    expect(p.id).toBe('spam-label-binary');
    const spec = await designer.design(p, profile, ctx);
    expect(spec.metric.name).toBe('roc_auc');
    expect(ctx.agent!.outcomes.map((o) => [o.role, o.producer, o.reason])).toEqual([
      ['brainstormer', 'fallback', expect.stringContaining('boom')], ['designer', 'fallback', expect.stringContaining('boom')],
    ]);
  });
});
