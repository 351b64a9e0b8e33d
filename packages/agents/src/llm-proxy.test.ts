// The LLM proxy over its real unix socket, in front of the testkit's OpenAI-compatible stub
// server on 127.0.0.1 (and, for streaming, a small SSE server): routes, key, model pinning,
// ledger and budget.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAiStubServer, type OpenAiStubServer } from '@mle-smith/testkit';
import { Budget } from './budget.js';
import { Ledger } from './ledger.js';
import { BUDGET_EXHAUSTED_STATUS, startLlmProxy, type LlmProxy } from './llm-proxy.js';

let stub: OpenAiStubServer | undefined;
let proxy: LlmProxy | undefined;
let sse: Server | undefined;
afterEach(async () => {
  await proxy?.close();
  await stub?.close();
  await new Promise((r) => (sse ? sse.close(r) : r(undefined)));
  proxy = stub = sse = undefined;
});

/** One HTTP request over the proxy's socket, as the in-sandbox relay would pass it on. */
function call(socketPath: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  });
}

const chat = { model: 'whatever-the-agent-says', messages: [{ role: 'user', content: 'hi' }] };

describe('LLM proxy', () => {
  it('forwards chat completions with the key and the configured model, and records each call', async () => {
    stub = await startOpenAiStubServer([{ content: 'one' }, { content: 'two' }], { defaultUsage: { promptTokens: 50, completionTokens: 7 } });
    const ledger = new Ledger({ prices: { 'stub-model': { inputPer1M: 2, outputPer1M: 4 } } });
    proxy = await startLlmProxy({ upstream: { baseURL: stub.url, apiKey: 'sk-secret-1', model: 'stub-model' }, ledger, taskId: 't1' });
    expect(statSync(proxy.socketPath).mode & 0o777).toBe(0o666);

    const first = await call(proxy.socketPath, 'POST', '/v1/chat/completions', chat, { authorization: 'Bearer sk-from-the-sandbox' });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).choices[0].message.content).toBe('one');
    await call(proxy.socketPath, 'POST', '/v1/chat/completions', chat);
    expect(stub.requests.map((r) => [r.headers.authorization, r.body?.model])).toEqual([
      ['Bearer sk-secret-1', 'stub-model'],
      ['Bearer sk-secret-1', 'stub-model'],
    ]);
    expect(ledger.entries()).toEqual([
      expect.objectContaining({ role: 'solver', taskId: 't1', model: 'stub-model', inputTokens: 50, outputTokens: 7, costUsd: (50 * 2 + 7 * 4) / 1e6, cached: false }),
      expect.objectContaining({ inputTokens: 50, outputTokens: 7 }),
    ]);
    expect(proxy.entries).toEqual(ledger.entries());

    // /v1/models names the one model the agent has, without a call upstream.
    const models = await call(proxy.socketPath, 'GET', '/v1/models');
    expect(JSON.parse(models.text).data.map((m: { id: string }) => m.id)).toEqual(['stub-model']);
    expect(stub.requests).toHaveLength(2);
  });

  it('refuses every other route, method, absolute URL and malformed body without calling upstream', async () => {
    stub = await startOpenAiStubServer([{ content: 'never' }]);
    proxy = await startLlmProxy({ upstream: { baseURL: stub.url, apiKey: 'k', model: 'stub-model' }, ledger: new Ledger() });
    for (const [method, path] of [['GET', '/v1/chat/completions'], ['POST', '/v1/files'], ['POST', '/v2/chat/completions'], ['GET', 'http://example.com/'], ['POST', '/v1/../admin']]) {
      const r = await call(proxy.socketPath, method, path, method === 'POST' ? chat : undefined);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(JSON.parse(r.text).error.message).toMatch(/^mle-smith llm proxy: .* is not forwarded/);
    }
    const bad = await call(proxy.socketPath, 'POST', '/v1/chat/completions', '[1, 2');
    expect(bad.status).toBe(400);
    expect(stub.requests).toHaveLength(0);
    expect(proxy.refusals.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 400]);
  });

  it('answers 402 with the budget message once the task budget is used, and tells its owner', async () => {
    stub = await startOpenAiStubServer([{ content: 'a' }, { content: 'b' }], { defaultUsage: { promptTokens: 80, completionTokens: 40 } });
    const refused: string[] = [];
    proxy = await startLlmProxy({
      upstream: { baseURL: stub.url, apiKey: 'k', model: 'stub-model' }, ledger: new Ledger(), budget: new Budget({ perTaskTokens: 100 }), taskId: 't9',
      onRefused: (r) => refused.push(`${r.status} ${r.message}`),
    });
    expect((await call(proxy.socketPath, 'POST', '/v1/chat/completions', chat)).status).toBe(200);
    const over = await call(proxy.socketPath, 'POST', '/v1/chat/completions', chat);
    expect(over.status).toBe(BUDGET_EXHAUSTED_STATUS);
    expect(JSON.parse(over.text).error).toMatchObject({ type: 'budget_exhausted', message: 'mle-smith llm proxy: task t9 budget exhausted: used 120 tokens of 100 tokens' });
    expect(refused).toEqual(['402 task t9 budget exhausted: used 120 tokens of 100 tokens']);
    expect(stub.requests).toHaveLength(1);
  });

  it('streams a streamed answer through and charges the usage of its last chunk', async () => {
    let seen: Record<string, unknown> = {};
    sse = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = JSON.parse(body) as Record<string, unknown>;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"choices":[{"delta":{"content":"hel"}}]}\n\n');
        res.write('data: {"choices":[{"delta":{"content":"lo"}}]}\n\n');
        res.write('data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":2}}\n\n');
        res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((r) => sse!.listen(0, '127.0.0.1', () => r()));
    const ledger = new Ledger();
    proxy = await startLlmProxy({ upstream: { baseURL: `http://127.0.0.1:${(sse.address() as AddressInfo).port}/v1`, apiKey: 'k', model: 'm' }, ledger });
    const r = await call(proxy.socketPath, 'POST', '/v1/chat/completions', { ...chat, stream: true });
    expect(r.text).toContain('"content":"hel"');
    expect(r.text).toContain('data: [DONE]');
    expect(seen).toMatchObject({ model: 'm', stream: true, stream_options: { include_usage: true } });
    expect(ledger.entries()).toEqual([expect.objectContaining({ model: 'm', inputTokens: 12, outputTokens: 2 })]);
  });

  it('answers 502 naming the endpoint when it does not answer', async () => {
    proxy = await startLlmProxy({ upstream: { baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-secret-2', model: 'm' }, ledger: new Ledger() });
    const r = await call(proxy.socketPath, 'POST', '/v1/chat/completions', chat);
    expect(r.status).toBe(502);
    expect(JSON.parse(r.text).error.message).toMatch(/^mle-smith llm proxy: http:\/\/127\.0\.0\.1:9\/v1 did not answer/);
    expect(r.text).not.toContain('sk-secret-2');
  });
});
