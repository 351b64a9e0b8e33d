import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { ConfigError, type AgentContext, type LedgerEntry } from '@mle-smith/core';
import { backoffDelay, isRetryable, retryAfterMs } from './retry.js';
import { Ledger } from './ledger.js';
import { canonicalJson } from './canonical-json.js';
import { ResponseCache, cacheKey, fromCachedResponse, toCachedResponse } from './response-cache.js';
import { loadPrompt, renderPrompt } from './prompts.js';
import { createDataTools, type DataToolsBackend } from './data-tools.js';
import { agentRuntimeFrom } from './runtime-options.js';
import { parseJsonReply } from './structured-output.js';
import { serializeToolResult } from './tools.js';

const fixtures = new URL('./__fixtures__/prompts/', import.meta.url).pathname;

describe('retry policy', () => {
  it('classifies errors', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 529]) expect(isRetryable({ status }), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryable({ status }), String(status)).toBe(false);
    expect(isRetryable(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(new Error('x', { cause: Object.assign(new Error('y'), { code: 'ETIMEDOUT' }) }))).toBe(true);
    expect(isRetryable(new Error('Invalid schema'))).toBe(false);
  });

  it('reads retry-after in seconds, ms and as a date', () => {
    expect(retryAfterMs({ headers: new Headers({ 'retry-after': '2' }) })).toBe(2000);
    expect(retryAfterMs({ headers: new Headers({ 'retry-after-ms': '150' }) })).toBe(150);
    expect(retryAfterMs({ headers: { 'retry-after': new Date(10_000).toUTCString() } }, 4000)).toBe(6000);
    expect(retryAfterMs({})).toBeUndefined();
  });

  it('doubles the delay, jitters half of it and caps it', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, { baseDelayMs: 100, random: () => 0 }))).toEqual([50, 100, 200, 400]);
    expect(backoffDelay(2, { baseDelayMs: 100, random: () => 0.999999 })).toBe(400);
    expect(backoffDelay(20, { baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 })).toBe(1000);
  });
});

describe('Ledger', () => {
  it('prices entries, keeps cached calls free and totals per role and task', () => {
    const backing: never[] = [];
    const ledger = new Ledger({ prices: { a: { inputPer1M: 3, outputPer1M: 15 } }, entries: backing });
    ledger.record({ role: 'designer', taskId: 't1', model: 'a', inputTokens: 1_000_000, outputTokens: 100_000, latencyMs: 10, cached: false });
    ledger.record({ role: 'designer', taskId: 't2', model: 'a', inputTokens: 500_000, outputTokens: 0, latencyMs: 5, cached: false });
    ledger.record({ role: 'reviewer', taskId: 't1', model: 'a', inputTokens: 0, outputTokens: 0, latencyMs: 1, cached: true });
    ledger.record({ role: 'brainstormer', model: 'unpriced', inputTokens: 10, outputTokens: 10, latencyMs: 1, cached: false });
    expect(backing).toHaveLength(4); // the pipeline's array is filled in place
    expect(ledger.totals()).toEqual({ calls: 4, cachedCalls: 1, inputTokens: 1_500_010, outputTokens: 100_010, costUsd: 3 + 1.5 + 1.5, latencyMs: 17 });
    expect(ledger.byRole().designer).toMatchObject({ calls: 2, costUsd: 6 });
    expect(ledger.byTask()).toMatchObject({ t1: { calls: 2, cachedCalls: 1, costUsd: 4.5 }, t2: { costUsd: 1.5 }, '': { calls: 1, costUsd: 0 } });
  });

  it('builds the runtime from the run\'s AgentContext, writing into its ledger array', () => {
    const entries: LedgerEntry[] = [];
    const model = { invoke: async () => ({}), _llmType: () => 'scripted' };
    const ctx: AgentContext = {
      model, modelId: 'm', backend: 'test', endpoint: 'test', fallback: 'none', budget: { perRunUsd: 1 },
      prices: { m: { inputPer1M: 1, outputPer1M: 1 } }, cacheDir: '/tmp/x', ledger: entries, outcomes: [], runId: 'r', taskId: 't', dataset: 'd',
    };
    const rt = agentRuntimeFrom(ctx);
    expect(rt.model).toBe(model);
    expect(rt.cache?.dir).toBe('/tmp/x');
    expect(rt.budget?.limits).toEqual({ perRunUsd: 1 });
    expect(rt).toMatchObject({ taskId: 't', dataset: 'd' });
    rt.ledger.record({ role: 'r', model: 'm', inputTokens: 1, outputTokens: 0, latencyMs: 0, cached: false });
    expect(entries).toHaveLength(1);
    expect(agentRuntimeFrom({ ...ctx, budget: {}, cacheDir: undefined })).toMatchObject({ budget: undefined, cache: undefined });
  });
});

describe('response cache', () => {
  it('keys on canonical content, not on key order or message identity', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: undefined }], c: 3n } })).toBe('{"a":{"c":"3","d":[1,{"y":2}]},"b":1}');
    const messages = () => [new SystemMessage('s'), new HumanMessage('u'), new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 't', args: { b: 2, a: 1 } }] }), new ToolMessage({ content: 'r', tool_call_id: 'c1' })];
    const base = { model: 'm', messages: messages(), tools: [{ x: 1 }], options: { temperature: 0 } };
    const key = cacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...base, messages: messages() })).toBe(key);
    expect(cacheKey({ ...base, options: { temperature: 0.1 } })).not.toBe(key);
    expect(cacheKey({ ...base, model: 'n' })).not.toBe(key);
    expect(cacheKey({ ...base, tools: [] })).not.toBe(key);
    expect(cacheKey({ ...base, messages: [...messages().slice(0, 3), new ToolMessage({ content: 'other', tool_call_id: 'c1' })] })).not.toBe(key);
  });

  it('stores entries atomically and treats a corrupt entry as a miss', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-'));
    try {
      const cache = new ResponseCache(dir);
      const key = 'ab'.repeat(32);
      const msg = new AIMessage({ content: 'hi', tool_calls: [{ id: 'c', name: 'sql', args: { query: 'SELECT 1' } }], usage_metadata: { input_tokens: 3, output_tokens: 4, total_tokens: 7 } });
      await cache.set(toCachedResponse(key, 'm', msg));
      expect(await readdir(join(dir, 'ab'))).toEqual([`${key}.json`]);
      const back = fromCachedResponse((await cache.get(key))!);
      expect(back.content).toBe('hi');
      expect(back.tool_calls).toEqual([{ id: 'c', name: 'sql', args: { query: 'SELECT 1' }, type: 'tool_call' }]);
      expect(back.usage_metadata).toMatchObject({ input_tokens: 3, output_tokens: 4 });
      expect(await cache.get('cd'.repeat(32))).toBeUndefined();
      await writeFile(cache.pathOf(key), '{"key": "ab');
      expect(await cache.get(key)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('prompts', () => {
  it('loads the text, version and sha256 of a prompt file', async () => {
    const p = await loadPrompt(fixtures, 'designer');
    expect(p.version).toBe('3');
    expect(p.text).toBe('You design a machine-learning task for the dataset {{dataset}}.');
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadPrompt(fixtures, 'designer.md')).sha256).toBe(p.sha256);
    expect(renderPrompt(p.text, { dataset: 'penguins' })).toBe('You design a machine-learning task for the dataset penguins.');
    expect(() => renderPrompt(p.text, {})).toThrow(/\{\{dataset\}\} has no value/);
  });

  it('rejects missing files, missing front matter and missing versions', async () => {
    await expect(loadPrompt(fixtures, 'absent')).rejects.toThrow(ConfigError);
    await expect(loadPrompt(fixtures, 'broken')).rejects.toThrow(/must start with a front matter block/);
    await expect(loadPrompt(fixtures, 'unversioned')).rejects.toThrow(/no "version:" line/);
  });
});

describe('data tools', () => {
  const calls: unknown[][] = [];
  const backend: DataToolsBackend = {
    overview: async () => 'o',
    columnProfile: async (...a) => (calls.push(['col', ...a]), 'c'),
    sampleRows: async (...a) => (calls.push(['sample', ...a]), 's'),
    sql: async (...a) => (calls.push(['sql', ...a]), 'q'),
    listFiles: async () => 'f',
  };
  const tools = Object.fromEntries(createDataTools(backend, { maxSampleRows: 10, maxSqlRows: 50 }).map((t) => [t.name, t]));

  it('checks and caps arguments', async () => {
    await tools.sample_rows.run({ table: 't', n: 1000 });
    await tools.sample_rows.run({ table: 't' });
    await tools.sql.run({ query: 'SELECT 1', maxRows: 3.7 });
    await tools.column_profile.run({ table: 't', column: 'c' });
    expect(calls).toEqual([['sample', 't', 10], ['sample', 't', 5], ['sql', 'SELECT 1', 3], ['col', 't', 'c']]);
    await expect(tools.sql.run({})).rejects.toThrow('argument "query" must be a non-empty string');
    await expect(tools.sample_rows.run({ table: 't', n: -1 })).rejects.toThrow(/positive integer/);
  });
});

describe('replies and results', () => {
  it('parses JSON from fences and prose', () => {
    expect(parseJsonReply('```json\n{"a":1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonReply('Sure! {"a": {"b": 2}} Done.')).toEqual({ ok: true, value: { a: { b: 2 } } });
    expect(parseJsonReply('{"a": ')).toMatchObject({ ok: false });
    expect(parseJsonReply('  ')).toEqual({ ok: false, error: 'the reply is empty' });
  });

  it('serializes bigints and truncates long results', () => {
    expect(serializeToolResult({ n: 5n, big: 2n ** 70n }, 100)).toBe('{"n":5,"big":"1180591620717411303424"}');
    expect(serializeToolResult('x'.repeat(30), 10)).toBe('xxxxxxxxxx\n[truncated: 20 more characters; narrow the request]');
  });
});
