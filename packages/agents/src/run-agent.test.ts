import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LlmError } from '@mle-smith/core';
import { AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { createScriptedChatModel } from '@mle-smith/testkit';
import { runAgent, runtimeHints } from './run-agent.js';
import { Ledger } from './ledger.js';
import { Budget } from './budget.js';
import { ResponseCache } from './response-cache.js';
import type { AgentTool } from './tools.js';

const schema = {
  type: 'object',
  required: ['answer'],
  additionalProperties: false,
  properties: { answer: { type: 'integer', minimum: 0 } },
};

const echo: AgentTool = {
  name: 'echo',
  description: 'echoes',
  parameters: { type: 'object', properties: { text: { type: 'string' } } },
  run: async (args) => ({ echoed: args.text }),
};
const failing: AgentTool = {
  name: 'explode',
  description: 'fails',
  parameters: { type: 'object', properties: {} },
  run: async () => {
    throw new Error('Binder Error: column "nope" not found\nLINE 1: SELECT nope');
  },
};

const lastOf = (messages: BaseMessage[]): BaseMessage => messages[messages.length - 1];
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('runAgent', () => {
  it('accepts a JSON text reply and binds the submit tool', async () => {
    const model = createScriptedChatModel([{ content: '{"answer": 42}' }]);
    const result = await runAgent<{ answer: number }>({ model, system: 'sys', user: 'q', outputSchema: schema, role: 'r' });
    expect(result.output).toEqual({ answer: 42 });
    const call = model.calls[0];
    expect((call.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).toEqual(['submit']);
    expect(call.messages[0].content).toContain('sys');
    expect(call.messages[0].content).toContain('"minimum":0');
  });

  it('returns tool results and tool errors to the model, and names unknown tools', async () => {
    const model = createScriptedChatModel([
      { toolCalls: [{ name: 'echo', args: { text: 'hi' } }, { name: 'explode', args: {} }, { name: 'nope', args: {} }] },
      { toolCalls: [{ name: 'submit', args: { answer: 1 } }] },
    ]);
    const result = await runAgent({ model, system: 's', user: 'u', tools: [echo, failing], outputSchema: schema, role: 'r' });
    expect(result.output).toEqual({ answer: 1 });
    const tools = model.calls[1].messages.filter((m): m is ToolMessage => m instanceof ToolMessage);
    expect(tools.map((m) => [m.tool_call_id, m.content])).toEqual([
      ['call_0_0', '{"echoed":"hi"}'],
      ['call_0_1', 'error: Binder Error: column "nope" not found'],
      ['call_0_2', 'error: unknown tool "nope"; available: echo, explode, submit'],
    ]);
  });

  it('plays AIMessage steps as given', async () => {
    const model = createScriptedChatModel([new AIMessage({ content: '', tool_calls: [{ id: 'x1', name: 'submit', args: { answer: 5 } }] })]);
    const ledger = new Ledger();
    expect((await runAgent({ model, system: 's', user: 'u', outputSchema: schema, role: 'r', ledger })).output).toEqual({ answer: 5 });
    expect(ledger.totals()).toMatchObject({ inputTokens: 10, outputTokens: 5 }); // the scripted model's default usage
  });

  it('wraps a non-object output schema in the submit tool', async () => {
    const model = createScriptedChatModel([{ toolCalls: [{ name: 'submit', args: { value: ['a', 'b'] } }] }]);
    const result = await runAgent({ model, system: 's', user: 'u', outputSchema: { type: 'array', items: { type: 'string' } }, role: 'r' });
    expect(result.output).toEqual(['a', 'b']);
  });

  it('stops after maxSteps model calls', async () => {
    const model = createScriptedChatModel(Array.from({ length: 5 }, () => ({ toolCalls: [{ name: 'echo', args: { text: 'x' } }] })));
    await expect(runAgent({ model, system: 's', user: 'u', tools: [echo], outputSchema: schema, role: 'designer', taskId: 't', maxSteps: 3 })).rejects.toThrow(
      'designer (t): no valid output within 3 model calls',
    );
    expect(model.calls).toHaveLength(3);
  });

  it('refuses a tool named submit', async () => {
    const model = createScriptedChatModel([]);
    await expect(runAgent({ model, system: 's', user: 'u', tools: [{ ...echo, name: 'submit' }], outputSchema: schema, role: 'r' })).rejects.toThrow(
      /may not be named "submit"/,
    );
  });

  it('feeds validation errors back as a user message', async () => {
    const model = createScriptedChatModel([{ content: '{"answer": -1, "extra": true}' }, { content: '{"answer": 0}' }]);
    const result = await runAgent({ model, system: 's', user: 'u', outputSchema: schema, role: 'r' });
    expect(result.repairs).toBe(1);
    const feedback = lastOf(model.calls[1].messages);
    expect(feedback.getType()).toBe('human');
    expect(feedback.content).toContain('at /: unknown key "extra"');
    expect(feedback.content).toContain('at /answer: must be >= 0');
  });

  it('retries retryable errors with injected sleep and stops on a non-retryable one', async () => {
    const slept: number[] = [];
    const rateLimited = Object.assign(new Error('Rate limit'), { status: 429 });
    const timeout = Object.assign(new Error('Request timed out.'), { name: 'TimeoutError' });
    const model = createScriptedChatModel([{ error: rateLimited }, { error: timeout }, { content: '{"answer": 3}' }]);
    const result = await runAgent({
      model, system: 's', user: 'u', outputSchema: schema, role: 'r',
      retry: { baseDelayMs: 100, random: () => 0, sleep: async (ms) => void slept.push(ms) },
    });
    expect(result.output).toEqual({ answer: 3 });
    expect(slept).toEqual([50, 100]);

    const bad = createScriptedChatModel([{ error: Object.assign(new Error('model "x" does not exist\nmore detail'), { status: 404 }) }]);
    const err = await runAgent({ model: bad, system: 's', user: 'u', outputSchema: schema, role: 'r' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).message).toBe('r: scripted: 404 model "x" does not exist');
    expect((err as LlmError).status).toBe(404);
  });

  it('reads maxRetries from the backend hints on the model', async () => {
    const model = createScriptedChatModel([{ error: Object.assign(new Error('busy'), { status: 503 }) }, { content: '{"answer": 1}' }]);
    model.metadata = { mleSmith: { maxRetries: 0 } };
    expect(runtimeHints(model)).toEqual({ maxRetries: 0 });
    await expect(runAgent({ model, system: 's', user: 'u', outputSchema: schema, role: 'r' })).rejects.toThrow('r: scripted: gave up after 1 attempts: 503 busy');
  });

  it('records every call in the ledger with role, task and dataset', async () => {
    const ledger = new Ledger({ prices: { m1: { inputPer1M: 10, outputPer1M: 20 } } });
    const model = createScriptedChatModel(
      [{ toolCalls: [{ name: 'echo', args: {} }], usage: { input: 1000, output: 100 } }, { content: '{"answer": 1}', usage: { input: 2000, output: 50 } }],
      { model: 'm1' },
    );
    let t = 0;
    const result = await runAgent({ model, system: 's', user: 'u', tools: [echo], outputSchema: schema, role: 'designer', taskId: 'k', dataset: 'd', ledger, now: () => (t += 5) });
    expect(ledger.entries()).toEqual([
      { role: 'designer', taskId: 'k', dataset: 'd', model: 'm1', inputTokens: 1000, outputTokens: 100, latencyMs: 5, cached: false, costUsd: (1000 * 10 + 100 * 20) / 1e6 },
      { role: 'designer', taskId: 'k', dataset: 'd', model: 'm1', inputTokens: 2000, outputTokens: 50, latencyMs: 5, cached: false, costUsd: (2000 * 10 + 50 * 20) / 1e6 },
    ]);
    expect(result.usage).toMatchObject({ calls: 2, inputTokens: 3000, outputTokens: 150 });
  });

  it('refuses a USD budget for a model without a price', async () => {
    const model = createScriptedChatModel([{ content: '{"answer": 1}' }]);
    const err = await runAgent({ model, system: 's', user: 'u', outputSchema: schema, role: 'r', budget: new Budget({ perTaskUsd: 1 }), taskId: 't' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).budgetExhausted).toBe(false);
    expect((err as LlmError).message).toMatch(/model "scripted" has no entry in llm.prices/);
  });

  it('counts budgets per task: another task still runs', async () => {
    const ledger = new Ledger();
    const budget = new Budget({ perTaskTokens: 10 });
    const run = (taskId: string, model = createScriptedChatModel([{ toolCalls: [{ name: 'echo', args: {} }], usage: { input: 10, output: 0 } }, { content: '{"answer": 1}' }])) =>
      runAgent({ model, system: 's', user: 'u', tools: [echo], outputSchema: schema, role: 'r', taskId, ledger, budget });
    await expect(run('a')).rejects.toMatchObject({ budgetExhausted: true });
    await expect(run('b')).rejects.toMatchObject({ budgetExhausted: true, message: 'task b budget exhausted: used 10 tokens of 10 tokens' });
    expect(ledger.byTask()).toMatchObject({ a: { calls: 1 }, b: { calls: 1 } });
  });

  it('replays from the cache with the scripted model too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agents-cache-'));
    dirs.push(dir);
    const script = [{ toolCalls: [{ name: 'echo', args: { text: 'a' } }] }, { content: '{"answer": 7}' }];
    const first = createScriptedChatModel(script);
    await runAgent({ model: first, system: 's', user: 'u', tools: [echo], outputSchema: schema, role: 'r', cache: new ResponseCache(dir) });
    const second = createScriptedChatModel([]);
    const result = await runAgent({ model: second, system: 's', user: 'u', tools: [echo], outputSchema: schema, role: 'r', cache: new ResponseCache(dir) });
    expect(result.output).toEqual({ answer: 7 });
    expect(second.calls).toHaveLength(0);
    // another model id is another key
    const third = createScriptedChatModel([{ content: '{"answer": 8}' }], { model: 'other' });
    expect((await runAgent({ model: third, system: 's', user: 'u', tools: [echo], outputSchema: schema, role: 'r', cache: new ResponseCache(dir) })).output).toEqual({ answer: 8 });
  });

  it('turns an abort during backoff into an LlmError', async () => {
    const controller = new AbortController();
    const model = createScriptedChatModel([{ error: Object.assign(new Error('overloaded'), { status: 529 }) }]);
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const err = await runAgent({ model, system: 's', user: 'u', outputSchema: schema, role: 'r', signal: controller.signal, retry: { baseDelayMs: 60_000 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).message).toBe('r: scripted: aborted while waiting to retry');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
