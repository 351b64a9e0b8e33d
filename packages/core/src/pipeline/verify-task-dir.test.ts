import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentContext } from '../contracts/llm.js';
import type { Plugin } from '../contracts/plugin.js';
import { resolveConfig } from '../config-loader.js';
import { silentLogger } from '../logger.js';
import { compose } from './compose.js';

const fixtures = join(process.cwd(), 'src', '__fixtures__', 'pipeline');
const profiler = { profile: async (dir: string) => ({ name: dir.split('/').pop()!, dir, tables: [], media: [], files: [] }) };
const grader = { grade: async () => ({ valid: true, score: 1, metric: 'accuracy', higherIsBetter: true }) };

/** A reviewer that records the agent context it was given, and an LLM backend that is never called. */
function llmReviewPlugin(seen: Array<AgentContext | undefined>): Plugin {
  return {
    name: 'llm-review-probe', apiVersion: 1,
    setup(api) {
      api.addLlmBackend({ id: 'probe', chatModel: () => ({ invoke: async () => ({}), _llmType: () => 'probe' }) });
      api.addReviewer({ id: 'probe-reviewer', review: async (_pkg, ctx) => { seen.push(ctx.agent); return [{ ruleId: 'review/probe', severity: 'info', phase: 'review', message: 'looked' }]; } });
    },
  };
}

describe('compose().verify', () => {
  it('checks a package as run does, with the configured LLM reviewer', async () => {
    const out = await mkdtemp(join(tmpdir(), 'mls-verify-'));
    const seen: Array<AgentContext | undefined> = [];
    const config = resolveConfig({ datasets: [join(fixtures, 'datasets')], out, execute: { enabled: false }, report: [], llm: { backend: 'probe', model: 'probe-1' } }, fixtures);
    const composition = await compose({ config, configDir: fixtures, plugins: [['./file-designer.mjs', { tasks: 1 }], llmReviewPlugin(seen)], log: silentLogger, profiler, grader });
    const { ok } = await composition.run();
    expect(ok).toBe(true);
    expect(seen).toHaveLength(1);

    const verdict = await composition.verify(join(out, 'tasks', 'alpha-task-1'));
    expect(verdict).toMatchObject({ taskId: 'alpha-task-1', passed: true });
    expect(verdict.findings.map((f) => f.ruleId)).toContain('review/probe');
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ modelId: 'probe-1', backend: 'probe', taskId: 'alpha-task-1' });
  });
});
