// The endpoint check over real HTTP on 127.0.0.1: it passes against an OpenAI-compatible server,
// sends the key the chat calls would send, and names the endpoint and the cause when it fails.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmError } from '@mle-smith/core';
import { startOpenAiStubServer, type OpenAiStubServer } from '@mle-smith/testkit';
import { LOCAL_API_KEY, openAiBackend } from './index.js';

let stub: OpenAiStubServer;
beforeAll(async () => {
  stub = await startOpenAiStubServer();
});
afterAll(async () => {
  await stub.close();
});

/** A one-route server answering GET /v1/models with `status` and `body`, recording the headers it got. */
async function modelsServer(status: number, body: string): Promise<{ url: string; headers: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    headers.push(req.headers);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, headers, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe('openai backend: endpoint and check', () => {
  it('names its endpoint: the configured baseURL, else OPENAI_BASE_URL, else api.openai.com', () => {
    expect(openAiBackend({}, {}).endpoint!({ model: 'm', baseURL: 'http://127.0.0.1:9/v1' })).toBe('http://127.0.0.1:9/v1');
    expect(openAiBackend({}, { OPENAI_BASE_URL: 'http://10.0.0.2:8000/v1' }).endpoint!({ model: 'm' })).toBe('http://10.0.0.2:8000/v1');
    expect(openAiBackend({}, {}).endpoint!({ model: 'm' })).toBe('https://api.openai.com/v1');
  });

  it('passes against an OpenAI-compatible server without spending a chat completion', async () => {
    await openAiBackend({}, {}).check!({ model: 'stub-model', baseURL: stub.url }, { timeoutMs: 5000 });
    expect(stub.requests).toHaveLength(0); // GET /models only
  });

  it('sends the API key the chat calls would send (the dummy one to a loopback server)', async () => {
    const server = await modelsServer(200, JSON.stringify({ object: 'list', data: [] }));
    try {
      await openAiBackend({}, {}).check!({ model: 'm', baseURL: server.url }, { timeoutMs: 5000 });
      await openAiBackend({ apiKeyEnv: 'VLLM_KEY' }, { VLLM_KEY: 'sk-local' }).check!({ model: 'm', baseURL: server.url }, { timeoutMs: 5000 });
      expect(server.headers.map((h) => h.authorization)).toEqual([`Bearer ${LOCAL_API_KEY}`, 'Bearer sk-local']);
    } finally {
      await server.close();
    }
  });

  it('a rejected key is an HTTP 401 naming the endpoint and the server\'s message', async () => {
    const server = await modelsServer(401, JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }));
    try {
      const err = await openAiBackend({}, {}).check!({ model: 'm', baseURL: server.url }, { timeoutMs: 5000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LlmError);
      expect((err as LlmError).status).toBe(401);
      expect((err as Error).message).toBe(`LLM endpoint ${server.url}: HTTP 401 Incorrect API key provided (GET /models)`);
    } finally {
      await server.close();
    }
  });

  it('JSON without a list of models is an invalid response', async () => {
    const server = await modelsServer(200, JSON.stringify({ status: 'ok' }));
    try {
      await expect(openAiBackend({}, {}).check!({ model: 'm', baseURL: server.url }, { timeoutMs: 5000 }))
        .rejects.toThrow(`LLM endpoint ${server.url}: invalid response to GET /models: no "data" list of models`);
    } finally {
      await server.close();
    }
  });
});
