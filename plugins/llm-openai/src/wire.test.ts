// The agents runtime driving the real @langchain/openai client over HTTP against the stub
// server: tool calls, schema repair, retries, timeouts, budgets, the cache and the ledger.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LlmError } from '@mle-smith/core';
import { Budget, Ledger, ResponseCache, createDataTools, runAgent, type DataToolsBackend, type RetryOptions } from '@mle-smith/agents';
import { startOpenAiStubServer, type OpenAiStubServer, type StubStep } from '@mle-smith/testkit';
import { createOpenAiChatModel, type LlmOpenAiOptions } from './index.js';

const proposalSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'table', 'objective', 'target', 'metric'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9-]+$' },
    title: { type: 'string', minLength: 5 },
    table: { type: 'string' },
    objective: { enum: ['binary', 'multiclass', 'regression'] },
    target: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'expression'],
      properties: { name: { type: 'string' }, expression: { type: 'string' } },
    },
    metric: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
  },
};

const proposal = {
  id: 'penguins-species',
  title: 'Predict the penguin species',
  table: 'penguins',
  objective: 'multiclass',
  target: { name: 'species', expression: 'species' },
  metric: { name: 'accuracy' },
};

function fakeDataset(): DataToolsBackend & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    overview: async () => {
      calls.push('overview');
      return { tables: [{ name: 'penguins', rows: 344, columns: [{ name: 'species', type: 'VARCHAR' }, { name: 'bill_length_mm', type: 'DOUBLE' }] }] };
    },
    columnProfile: async (table, column) => {
      calls.push(`columnProfile ${table}.${column}`);
      return { name: column, distinctCount: 3 };
    },
    sampleRows: async (table, n) => {
      calls.push(`sampleRows ${table} ${n}`);
      return [{ species: 'Adelie', bill_length_mm: 39.1 }];
    },
    sql: async (query, maxRows) => {
      calls.push(`sql ${query} ${maxRows}`);
      if (/drop/i.test(query)) throw new Error('only SELECT statements are allowed');
      return { columns: ['species', 'n'], rows: [['Adelie', 152n], ['Gentoo', 124n], ['Chinstrap', 68n]] };
    },
    listFiles: async () => {
      calls.push('listFiles');
      return [{ path: 'penguins.csv', bytes: 13_478 }];
    },
  };
}

let server: OpenAiStubServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function stub(script: StubStep[]): Promise<OpenAiStubServer> {
  server = await startOpenAiStubServer(script);
  return server;
}

function model(s: OpenAiStubServer, extra: Partial<LlmOpenAiOptions> = {}) {
  return createOpenAiChatModel({ model: 'stub-model', baseURL: s.url, temperature: 0, ...extra }, {});
}

const fastRetry = (delays: number[] = []): RetryOptions => ({
  baseDelayMs: 20,
  random: () => 0.5,
  onRetry: (i) => delays.push(i.delayMs),
});

type Msg = { role: string; content: unknown; tool_call_id?: string; tool_calls?: Array<{ id: string; function: { name: string } }> };
const messagesOf = (s: OpenAiStubServer, i: number): Msg[] => s.requests[i].body!.messages as Msg[];

describe('runAgent over HTTP with ChatOpenAI', () => {
  it('runs a design conversation: tools, then a valid submit', async () => {
    const s = await stub([
      { toolCalls: [{ name: 'overview', args: {} }], usage: { promptTokens: 120, completionTokens: 10 } },
      { toolCalls: [{ name: 'sql', args: { query: 'SELECT species, count(*) n FROM penguins GROUP BY 1' } }], usage: { promptTokens: 200, completionTokens: 30 } },
      { toolCalls: [{ name: 'submit', args: proposal }], usage: { promptTokens: 260, completionTokens: 80 } },
    ]);
    const data = fakeDataset();
    const ledger = new Ledger({ prices: { 'stub-model': { inputPer1M: 1, outputPer1M: 4 } } });
    const result = await runAgent<typeof proposal>({
      model: model(s), system: 'You design ML tasks.', user: 'Propose one task for the penguins dataset.',
      tools: createDataTools(data), outputSchema: proposalSchema, role: 'brainstormer', taskId: 't1', dataset: 'penguins', ledger,
    });

    expect(result.output).toEqual(proposal);
    expect(result.steps).toBe(3);
    expect(result.repairs).toBe(0);
    expect(data.calls).toEqual(['overview', 'sql SELECT species, count(*) n FROM penguins GROUP BY 1 20']);
    expect(s.requests).toHaveLength(3);

    const first = s.requests[0];
    expect(first.headers.authorization).toBe('Bearer sk-no-key-required');
    expect(first.body!.model).toBe('stub-model');
    expect(first.body!.stream).toBeFalsy();
    const toolNames = (first.body!.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    expect(toolNames).toEqual(['overview', 'column_profile', 'sample_rows', 'sql', 'list_files', 'submit']);
    expect(messagesOf(s, 0).map((m) => m.role)).toEqual(['system', 'user']);

    // tool results went back as tool messages answering the assistant's tool call ids
    const second = messagesOf(s, 1);
    expect(second.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(second[2].tool_calls![0].function.name).toBe('overview');
    expect(second[3].tool_call_id).toBe(second[2].tool_calls![0].id);
    expect(JSON.parse(second[3].content as string).tables[0].rows).toBe(344);
    const third = messagesOf(s, 2);
    expect(third.at(-1)!.role).toBe('tool');
    expect(JSON.parse(third.at(-1)!.content as string).rows[0]).toEqual(['Adelie', 152]); // bigint serialized

    // ledger: tokens from the server's usage, cost from the price table
    const totals = ledger.totals();
    expect(totals).toMatchObject({ calls: 3, cachedCalls: 0, inputTokens: 580, outputTokens: 120 });
    expect(totals.costUsd).toBeCloseTo((580 * 1 + 120 * 4) / 1e6, 12);
    expect(ledger.byRole().brainstormer.inputTokens).toBe(580);
    expect(ledger.byTask().t1.outputTokens).toBe(120);
    expect(ledger.entries().every((e) => e.model === 'stub-model' && e.dataset === 'penguins' && e.latencyMs >= 0)).toBe(true);
    expect(result.usage.inputTokens).toBe(580);
  });

  it('feeds schema errors back and accepts the repaired submit', async () => {
    const bad = { ...proposal, objective: 'clustering', title: 'x' };
    const s = await stub([{ toolCalls: [{ name: 'submit', args: bad }] }, { toolCalls: [{ name: 'submit', args: proposal }] }]);
    const result = await runAgent({ model: model(s), system: 's', user: 'u', outputSchema: proposalSchema, role: 'designer' });
    expect(result.output).toEqual(proposal);
    expect(result.repairs).toBe(1);
    const msgs = messagesOf(s, 1);
    expect(msgs.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user']);
    const feedback = msgs[4].content as string;
    expect(feedback).toContain('does not match the required JSON Schema');
    expect(feedback).toContain('at /objective: must be one of "binary", "multiclass", "regression"');
    expect(feedback).toContain('at /title: must NOT have fewer than 5 characters');
  });

  it('gives up with an LlmError after maxRepairs invalid answers', async () => {
    const bad = { ...proposal, objective: 'clustering' };
    const s = await stub([{ toolCalls: [{ name: 'submit', args: bad }] }, { toolCalls: [{ name: 'submit', args: bad }] }]);
    const err = await runAgent({ model: model(s), system: 's', user: 'u', outputSchema: proposalSchema, role: 'designer', maxRepairs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).message).toMatch(/^designer: output still invalid after 1 repair attempts: at \/objective/);
    expect((err as LlmError).budgetExhausted).toBe(false);
    expect(s.requests).toHaveLength(2);
  });

  it('repairs malformed JSON, in a text reply and in submit arguments', async () => {
    const s = await stub([
      { content: '```json\n{"id": "penguins-species", "title": \n```' },
      { toolCalls: [{ name: 'submit', args: '{"id": "penguins-species",' }] },
      { content: `Here it is:\n${JSON.stringify(proposal)}` },
    ]);
    const result = await runAgent({ model: model(s), system: 's', user: 'u', outputSchema: proposalSchema, role: 'designer', maxRepairs: 2 });
    expect(result.output).toEqual(proposal);
    expect(result.repairs).toBe(2);
    const afterText = messagesOf(s, 1).at(-1)!;
    expect(afterText.role).toBe('user');
    expect(afterText.content).toMatch(/^Your reply is not valid JSON \(/);
    const afterArgs = messagesOf(s, 2);
    expect(afterArgs.at(-1)!.content).toMatch(/submit: .*/);
    expect(afterArgs.at(-1)!.content).toContain('arguments are not valid JSON');
    // the unreadable call is not replayed to the server, so no orphaned tool result is sent
    expect(afterArgs.some((m) => m.role === 'tool')).toBe(false);
  });

  it('retries a 429 after the server’s retry-after', async () => {
    const s = await stub([
      { status: 429, message: 'Rate limit reached', headers: { 'retry-after': '0.2' } },
      { toolCalls: [{ name: 'submit', args: proposal }] },
    ]);
    const delays: number[] = [];
    const result = await runAgent({ model: model(s), system: 's', user: 'u', outputSchema: proposalSchema, role: 'designer', retry: fastRetry(delays) });
    expect(result.output).toEqual(proposal);
    expect(delays).toEqual([200]);
    expect(s.requests).toHaveLength(2);
    expect(s.requests[1].receivedAt - s.requests[0].receivedAt).toBeGreaterThanOrEqual(190);
  });

  it('backs off exponentially on 5xx and gives up with a one-line LlmError', async () => {
    const s = await stub([
      { status: 500, message: 'upstream exploded' },
      { status: 503, message: 'overloaded' },
      { toolCalls: [{ name: 'submit', args: proposal }] },
    ]);
    const delays: number[] = [];
    await runAgent({ model: model(s), system: 's', user: 'u', outputSchema: proposalSchema, role: 'designer', retry: fastRetry(delays) });
    // equal jitter with random() = 0.5: 3/4 of 20·2^attempt
    expect(delays).toEqual([15, 30]);

    const s2 = await startOpenAiStubServer([{ status: 502, message: 'bad gateway' }, { status: 502, message: 'bad gateway' }]);
    try {
      const err = await runAgent({ model: model(s2), system: 's', user: 'u', outputSchema: proposalSchema, role: 'designer', retry: { ...fastRetry(), maxRetries: 1 } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LlmError);
      expect((err as LlmError).message).toBe('designer: stub-model: gave up after 2 attempts: 502 bad gateway');
      expect((err as LlmError).status).toBe(502);
    } finally {
      await s2.close();
    }
  });

  it('does not retry a 401 and says so in one line', async () => {
    const s = await stub([{ status: 401, message: 'Incorrect API key provided' }]);
    const err = await runAgent({ model: model(s), system: 's', user: 'u', outputSchema: proposalSchema, role: 'designer', retry: fastRetry() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).message).toBe('designer: stub-model: 401 Incorrect API key provided');
    expect(s.requests).toHaveLength(1);
  });

  it('retries a request that times out, and reports a timeout that persists', async () => {
    const s = await stub([{ hang: true }, { toolCalls: [{ name: 'submit', args: proposal }] }]);
    const delays: number[] = [];
    const result = await runAgent({ model: model(s, { timeoutMs: 300 }), system: 's', user: 'u', outputSchema: proposalSchema, role: 'designer', retry: fastRetry(delays) });
    expect(result.output).toEqual(proposal);
    expect(delays).toHaveLength(1);
    expect(s.requests).toHaveLength(2);

    s.push({ hang: true }, { hang: true });
    const err = await runAgent({ model: model(s, { timeoutMs: 200 }), system: 's', user: 'again', outputSchema: proposalSchema, role: 'designer', retry: { ...fastRetry(), maxRetries: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).message).toMatch(/^designer: stub-model: gave up after 2 attempts: TimeoutError: .*timed out/i);
  });

  it('stops with budgetExhausted when the task token budget is used up', async () => {
    const s = await stub([
      { toolCalls: [{ name: 'overview', args: {} }], usage: { promptTokens: 100, completionTokens: 20 } },
      { toolCalls: [{ name: 'list_files', args: {} }], usage: { promptTokens: 150, completionTokens: 20 } },
      { toolCalls: [{ name: 'submit', args: proposal }] },
    ]);
    const ledger = new Ledger();
    const err = await runAgent({
      model: model(s), system: 's', user: 'u', tools: createDataTools(fakeDataset()), outputSchema: proposalSchema,
      role: 'designer', taskId: 't9', ledger, budget: new Budget({ perTaskTokens: 250 }),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).budgetExhausted).toBe(true);
    expect((err as LlmError).message).toBe('task t9 budget exhausted: used 290 tokens of 250 tokens');
    expect(s.requests).toHaveLength(2);
    expect(ledger.forTask('t9').inputTokens).toBe(250);
  });

  it('stops with budgetExhausted when the run USD budget is used up', async () => {
    const s = await stub([{ toolCalls: [{ name: 'overview', args: {} }], usage: { promptTokens: 1_000_000, completionTokens: 0 } }]);
    const ledger = new Ledger({ prices: { 'stub-model': { inputPer1M: 2.5, outputPer1M: 10 } } });
    const err = await runAgent({
      model: model(s), system: 's', user: 'u', tools: createDataTools(fakeDataset()), outputSchema: proposalSchema,
      role: 'designer', taskId: 'a', ledger, budget: new Budget({ perRunUsd: 2 }),
    }).catch((e: unknown) => e);
    expect((err as LlmError).budgetExhausted).toBe(true);
    expect((err as LlmError).message).toBe('run budget exhausted: used $2.5000 of $2.0000');
    expect(s.requests).toHaveLength(1);
  });

  it('replays a second run from the cache without any HTTP request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mle-smith-cache-'));
    dirs.push(dir);
    const s = await stub([
      { toolCalls: [{ name: 'overview', args: {} }], usage: { promptTokens: 100, completionTokens: 10 } },
      { toolCalls: [{ name: 'submit', args: proposal }], usage: { promptTokens: 150, completionTokens: 40 } },
    ]);
    const run = (m: ReturnType<typeof model>, ledger: Ledger, budget?: Budget) =>
      runAgent({
        model: m, system: 'You design ML tasks.', user: 'Propose one task.', tools: createDataTools(fakeDataset()),
        outputSchema: proposalSchema, role: 'designer', taskId: 't1', ledger, budget, cache: new ResponseCache(dir),
      });

    const live = new Ledger();
    expect((await run(model(s), live)).output).toEqual(proposal);
    expect(s.requests).toHaveLength(2);
    expect(live.totals()).toMatchObject({ calls: 2, cachedCalls: 0, inputTokens: 250, outputTokens: 50 });

    // Same inputs, a fresh server with nothing scripted on another port, and a budget that
    // would refuse any live call: only the cache can answer.
    const other = await startOpenAiStubServer([]);
    try {
      const replay = new Ledger({ prices: { 'stub-model': { inputPer1M: 1, outputPer1M: 1 } } });
      const result = await run(model(other), replay, new Budget({ perTaskTokens: 1 }));
      expect(result.output).toEqual(proposal);
      expect(other.requests).toHaveLength(0);
      expect(s.requests).toHaveLength(2);
      expect(replay.entries().map((e) => e.cached)).toEqual([true, true]);
      expect(replay.totals()).toMatchObject({ calls: 2, cachedCalls: 2, inputTokens: 0, outputTokens: 0, costUsd: 0 });
    } finally {
      await other.close();
    }

    // a different prompt is a different key: it goes to the server
    s.push({ toolCalls: [{ name: 'submit', args: proposal }] });
    await runAgent({ model: model(s), system: 'Other.', user: 'Propose one task.', outputSchema: proposalSchema, role: 'designer', cache: new ResponseCache(dir) });
    expect(s.requests).toHaveLength(3);
  });
});
