// The LLM strategies against a scripted chat model (no network): the model picks among the
// scanned candidates, words the task and the description; unusable answers fall back to rules.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '@mle-smith/core';
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
        { candidate: 'sotu-year-regression', title: 'When was this address given?', metric: 'mae', justification: 'Vocabulary and topics drift over two centuries.' },
        { candidate: 'no-such-candidate', title: 'x', metric: 'rmse', justification: 'x' },
      ] } }] },
      { toolCalls: [{ name: 'submit', args: { title: 'Dating State of the Union addresses', overview: 'Predict the year of an address from its text.', metric: 'accuracy' } }] },
      { toolCalls: [{ name: 'submit', args: { overview: 'Presidents have addressed Congress every year since 1790.', columns: { text_file: 'the address', president: 'must not appear' } } }] },
    ]);
    const designer = createTextDesigner();
    const profile = await profileDataset(exampleDir('sotu'));
    const ctx = designContext({ llm: model });
    const proposals = await designer.brainstorm(profile, ctx);
    expect(proposals.map((p) => [p.id, p.title, p.metric.name])).toEqual([['sotu-year-regression', 'When was this address given?', 'mae']]);
    const spec = await designer.design(proposals[0], profile, ctx);
    // accuracy does not suit a regression: the proposal's metric stays.
    expect(spec).toMatchObject({ title: 'Dating State of the Union addresses', metric: { name: 'mae' }, split: { strategy: 'group', by: 'president' } });
    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(spec, { rawDir: profile.dir, outDir, log: silentLogger, llm: model });
    expect(result.agents).toEqual({ brainstormer: 'scripted', designer: 'scripted', refactor: 'scripted' });
    expect(result.promptHashes).toEqual({
      'designer-text/brainstormer': await sha('brainstormer'), 'designer-text/designer': await sha('designer'), 'designer-text/refactor': await sha('refactor'),
    });
    const description = await readFile(join(outDir, 'description.md'), 'utf8');
    expect(description).toContain('Presidents have addressed Congress every year since 1790.');
    expect(description).not.toContain('must not appear');
  });

  it('falls back to the deterministic strategies when the model fails', async () => {
    const model = createScriptedChatModel([{ error: new Error('boom') }, { error: new Error('boom') }]);
    const designer = createTextDesigner({ maxAgentSteps: 1 });
    const profile = await profileDataset(exampleDir('spam'));
    const ctx = designContext({ llm: model });
    const [p] = await designer.brainstorm(profile, ctx);
    expect(p.id).toBe('spam-label-binary');
    const spec = await designer.design(p, profile, ctx);
    expect(spec.metric.name).toBe('roc_auc');
  });
});
