import { describe, expect, it } from 'vitest';
import {
  agentRolesOf, checkLlmEndpoint, createAgentContext, mayFallBack, recordAgentOutcome, scopeAgentContext, summarizeAgentRun,
} from './agent-context.js';
import type { LlmBackend } from './contracts/llm.js';
import type { Plugin } from './contracts/plugin.js';
import { LlmError } from './errors.js';
import { silentLogger } from './logger.js';
import { PluginHost } from './plugin-host.js';
import { resolveConfig } from './config-loader.js';

const model = { invoke: async () => ({}), _llmType: () => 'probe' };

async function hostWith(backend: LlmBackend): Promise<PluginHost> {
  const plugin: Plugin = { name: 'llm-probe', apiVersion: 1, setup: (api) => api.addLlmBackend(backend) };
  return PluginHost.load([plugin], { configDir: process.cwd(), log: silentLogger });
}

const config = (llm: Record<string, unknown>) => resolveConfig({ llm: { backend: 'probe', model: 'probe-1', ...llm } }, '/tmp');

describe('createAgentContext', () => {
  it('is undefined without an LLM, and otherwise carries the run\'s settings, one ledger and one outcome record', async () => {
    const host = await hostWith({ id: 'probe', chatModel: () => model, endpoint: (o) => `http://probe/${String(o.model)}` });
    expect(await createAgentContext(host, resolveConfig({}, '/tmp'), { runId: 'r', runDir: '/runs/r' })).toBeUndefined();
    const ledger: never[] = [];
    const ctx = (await createAgentContext(host, config({ fallback: 'deterministic', budget: { perRunTokens: 10 } }), { runId: 'r', runDir: '/runs/r', ledger }))!;
    expect(ctx).toMatchObject({
      model, modelId: 'probe-1', backend: 'probe', endpoint: 'http://probe/probe-1', fallback: 'deterministic',
      budget: { perRunTokens: 10 }, prices: {}, cacheDir: '/runs/r/llm-cache', runId: 'r',
    });
    expect(ctx.ledger).toBe(ledger);
    const task = scopeAgentContext(ctx, { dataset: 'iris', taskId: 't1' });
    recordAgentOutcome(scopeAgentContext(ctx, { dataset: 'iris' }), { role: 'brainstormer', producer: 'llm' });
    recordAgentOutcome(task, { role: 'designer', producer: 'fallback', reason: 'r1' });
    recordAgentOutcome(task, { role: 'designer', producer: 'llm' });
    expect(ctx.outcomes).toHaveLength(3); // the scoped copies share the run's record
    expect(agentRolesOf(ctx, { dataset: 'iris', taskId: 't1' })).toEqual({
      brainstormer: { producer: 'llm', model: 'probe-1' }, designer: { producer: 'llm', model: 'probe-1' },
    });
    expect(summarizeAgentRun(ctx).roles).toEqual({ brainstormer: { llm: 1, fallback: 0 }, designer: { llm: 1, fallback: 1 } });
  });

  it('falls back only when the config opts in, and never for a spent budget', async () => {
    const host = await hostWith({ id: 'probe', chatModel: () => model });
    const strict = (await createAgentContext(host, config({}), { runId: 'r', runDir: '/r' }))!;
    const lenient = (await createAgentContext(host, config({ fallback: 'deterministic' }), { runId: 'r', runDir: '/r' }))!;
    expect(mayFallBack(strict, new LlmError('500'))).toBe(false);
    expect(mayFallBack(lenient, new LlmError('500'))).toBe(true);
    expect(mayFallBack(lenient, new LlmError('run budget exhausted', { budgetExhausted: true }))).toBe(false);
  });
});

describe('checkLlmEndpoint', () => {
  it('returns the endpoint when the check passes, or when the backend has none', async () => {
    const checked = await hostWith({ id: 'probe', chatModel: () => model, endpoint: () => 'http://probe', check: async () => undefined });
    expect(await checkLlmEndpoint(checked, config({}))).toBe('http://probe');
    const unchecked = await hostWith({ id: 'probe', chatModel: () => model });
    expect(await checkLlmEndpoint(unchecked, config({}))).toBe('probe');
  });

  it('gives up on a backend that ignores its timeout, naming the endpoint', async () => {
    const host = await hostWith({ id: 'probe', chatModel: () => model, endpoint: () => 'http://probe', check: () => new Promise<void>(() => undefined) });
    const started = Date.now();
    await expect(checkLlmEndpoint(host, config({ checkTimeoutMs: 200 })))
      .rejects.toThrow('LLM endpoint http://probe did not answer within 200 ms (llm.checkTimeoutMs): timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('puts the endpoint in front of an error the backend did not phrase', async () => {
    const host = await hostWith({ id: 'probe', chatModel: () => model, endpoint: () => 'http://probe', check: async () => { throw new Error('socket hang up\nat somewhere'); } });
    await expect(checkLlmEndpoint(host, config({}))).rejects.toThrow(/^LLM endpoint http:\/\/probe: socket hang up$/);
  });
});
