// The LLM Refactor against a scripted chat model (no network): the model's overview reaches
// description.md, the prompt hash reaches the result; a failing model fails the run unless
// llm.fallback is "deterministic", which falls back to rules and records why.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LlmError, silentLogger, type AgentContext, type LlmFallbackPolicy } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createScriptedChatModel, type ScriptedChatModel } from '@mle-smith/testkit';
import { PROMPT_DIR } from '@mle-smith/media';
import { createImageDesigner } from './index.js';
import { designContext, digitsSubset, tempDir } from './__fixtures__/helpers.js';

function agentContext(model: ScriptedChatModel, fallback: LlmFallbackPolicy = 'none'): AgentContext {
  return { model, modelId: 'scripted-1', backend: 'scripted', endpoint: 'scripted', fallback, budget: {}, prices: {}, ledger: [], outcomes: [], runId: 'test' };
}

async function task(agent: AgentContext, strategy: 'auto' | 'deterministic' = 'auto') {
  const raw = await digitsSubset(4, 3);
  const designer = createImageDesigner({ strategy });
  const profile = await profileDataset(raw);
  const [p] = await designer.brainstorm(profile, designContext());
  const spec = await designer.design(p, profile, designContext());
  const outDir = join(await tempDir(), 'task');
  const result = await designer.materialize(spec, { rawDir: raw, outDir, profile, log: silentLogger, agent });
  return { result, md: await readFile(join(outDir, 'description.md'), 'utf8') };
}

describe('LLM refactor', () => {
  it('writes the overview and records the model and the prompt hash', async () => {
    const model = createScriptedChatModel([{ toolCalls: [{ name: 'submit', args: { overview: 'Scanned handwritten digits, one per image.' } }] }], { model: 'scripted-1' });
    const agent = agentContext(model);
    const { result, md } = await task(agent);
    expect(agent.outcomes).toEqual([{ role: 'refactor', producer: 'llm', model: 'scripted-1' }]);
    expect(agent.ledger.map((e) => e.role)).toEqual(['refactor']);
    const sha = createHash('sha256').update(await readFile(join(PROMPT_DIR, 'refactor.md'))).digest('hex');
    expect(result.agents).toEqual({ brainstormer: 'deterministic', designer: 'deterministic', refactor: 'scripted-1' });
    expect(result.promptHashes).toEqual({ 'designer-image/refactor': sha });
    expect(md).toContain('Scanned handwritten digits, one per image.');
  });

  it('a failing model is an error, or with llm.fallback "deterministic" the deterministic overview, recorded; strategy "deterministic" never calls it', async () => {
    const failing = () => createScriptedChatModel([{ error: Object.assign(new Error('bad request'), { status: 400 }) }]);
    await expect(task(agentContext(failing()))).rejects.toBeInstanceOf(LlmError);
    const agent = agentContext(failing(), 'deterministic');
    const a = await task(agent);
    expect(a.result.agents?.refactor).toBe('deterministic');
    expect(a.result.fallbacks).toEqual({ refactor: expect.stringContaining('bad request') });
    expect(agent.outcomes).toEqual([expect.objectContaining({ role: 'refactor', producer: 'fallback' })]);
    expect(a.md).toContain('## Overview');
    const unused = createScriptedChatModel([]);
    const b = await task(agentContext(unused), 'deterministic');
    expect(b.result.agents?.refactor).toBe('deterministic');
  });
});
