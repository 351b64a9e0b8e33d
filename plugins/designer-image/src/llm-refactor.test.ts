// The LLM Refactor against a scripted chat model (no network): the model's overview reaches
// description.md, the prompt hash reaches the result; a failing model falls back to rules.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createScriptedChatModel } from '@mle-smith/testkit';
import { PROMPT_DIR } from '@mle-smith/media';
import { createImageDesigner } from './index.js';
import { designContext, digitsSubset, tempDir } from './__fixtures__/helpers.js';

async function task(llm: unknown, strategy: 'auto' | 'deterministic' = 'auto') {
  const raw = await digitsSubset(4, 3);
  const designer = createImageDesigner({ strategy });
  const profile = await profileDataset(raw);
  const [p] = await designer.brainstorm(profile, designContext());
  const spec = await designer.design(p, profile, designContext());
  const outDir = join(await tempDir(), 'task');
  const result = await designer.materialize(spec, { rawDir: raw, outDir, log: silentLogger, llm });
  return { result, md: await readFile(join(outDir, 'description.md'), 'utf8') };
}

describe('LLM refactor', () => {
  it('writes the overview and records the model and the prompt hash', async () => {
    const model = createScriptedChatModel([{ toolCalls: [{ name: 'submit', args: { overview: 'Scanned handwritten digits, one per image.' } }] }], { model: 'scripted-1' });
    const { result, md } = await task(model);
    const sha = createHash('sha256').update(await readFile(join(PROMPT_DIR, 'refactor.md'))).digest('hex');
    expect(result.agents).toEqual({ brainstormer: 'deterministic', designer: 'deterministic', refactor: 'scripted-1' });
    expect(result.promptHashes).toEqual({ 'designer-image/refactor': sha });
    expect(md).toContain('Scanned handwritten digits, one per image.');
  });

  it('falls back to the deterministic overview when the model fails, and never calls it with strategy "deterministic"', async () => {
    const failing = createScriptedChatModel([{ error: Object.assign(new Error('bad request'), { status: 400 }) }]);
    const a = await task(failing);
    expect(a.result.agents?.refactor).toBe('deterministic');
    expect(a.md).toContain('## Overview');
    const unused = createScriptedChatModel([]);
    const b = await task(unused, 'deterministic');
    expect(b.result.agents?.refactor).toBe('deterministic');
  });
});
