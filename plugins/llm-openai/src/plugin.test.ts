import { describe, expect, it } from 'vitest';
import { ConfigError, LlmError, type LlmBackend, type PluginApi } from '@mle-smith/core';
import { runtimeHints } from '@mle-smith/agents';
import { ChatOpenAI } from '@langchain/openai';
import plugin, { LOCAL_API_KEY, isLoopback, openAiBackend, resolveApiKey } from './index.js';

function setup(options: Record<string, unknown>): LlmBackend {
  const backends: LlmBackend[] = [];
  const api = { options, configDir: '/', log: console, addLlmBackend: (b: LlmBackend) => backends.push(b) } as unknown as PluginApi;
  const p = plugin(options);
  expect(p).toMatchObject({ name: 'llm-openai', apiVersion: 1 });
  p.setup!(api);
  expect(backends).toHaveLength(1);
  return backends[0];
}

describe('llm-openai plugin', () => {
  it('registers backend "openai" returning a ChatOpenAI with LangChain retries off', () => {
    const backend = setup({ baseURL: 'http://127.0.0.1:8000/v1', temperature: 0.2, maxRetries: 5, timeoutMs: 5000 });
    expect(backend.id).toBe('openai');
    const model = backend.chatModel({ model: 'qwen2.5-7b' }) as ChatOpenAI;
    expect(model).toBeInstanceOf(ChatOpenAI);
    expect(model.model).toBe('qwen2.5-7b');
    expect(model.temperature).toBe(0.2);
    expect(model.timeout).toBe(5000);
    expect((model.caller as unknown as { maxRetries: number }).maxRetries).toBe(0);
    expect(model.clientConfig.baseURL).toBe('http://127.0.0.1:8000/v1');
    expect(model.apiKey).toBe(LOCAL_API_KEY);
    expect(runtimeHints(model)).toEqual({ maxRetries: 5 });
    expect(plugin.optionsSchema).toMatchObject({ type: 'object', additionalProperties: false });
  });

  it('lets llm.options override the plugin options', () => {
    const backend = openAiBackend({ baseURL: 'http://127.0.0.1:1/v1', temperature: 1 }, {});
    const model = backend.chatModel({ model: 'm', temperature: 0, baseURL: 'http://localhost:2/v1' }) as ChatOpenAI;
    expect(model.temperature).toBe(0);
    expect(model.clientConfig.baseURL).toBe('http://localhost:2/v1');
  });

  it('rejects unknown and ill-typed llm.options with a ConfigError', () => {
    const backend = openAiBackend({}, {});
    expect(() => backend.chatModel({ model: 'm', baseUrl: 'http://x' })).toThrow(ConfigError);
    expect(() => backend.chatModel({ model: 'm', baseUrl: 'http://x' })).toThrow(/llm\.options: at \/: unknown key "baseUrl"/);
    expect(() => backend.chatModel({ model: 'm', temperature: 'hot' as unknown as number })).toThrow(/temperature/);
    expect(() => backend.chatModel({ model: 'm', baseURL: 'not a url' })).toThrow(/llm\.options\.baseURL: "not a url" is not a URL/);
  });

  it('gives the LLM proxy of sandboxed agents its endpoint and key, by the same key rules', () => {
    const backend = openAiBackend({ apiKeyEnv: 'MY_KEY' }, { MY_KEY: 'sk-from-env' });
    expect(backend.openAiEndpoint!({ model: 'm', baseURL: 'https://llm.example/v1' })).toEqual({ baseURL: 'https://llm.example/v1', apiKey: 'sk-from-env' });
    expect(openAiBackend({}, {}).openAiEndpoint!({ model: 'm', baseURL: 'http://127.0.0.1:8000/v1' })).toEqual({ baseURL: 'http://127.0.0.1:8000/v1', apiKey: LOCAL_API_KEY });
    expect(() => openAiBackend({}, {}).openAiEndpoint!({ model: 'm' })).toThrow(/OPENAI_API_KEY is not set/);
  });

  it('needs a model', () => {
    expect(() => openAiBackend({}, {}).chatModel({})).toThrow(/no model configured; set "llm.model"/);
  });

  it('names the missing API key variable for a hosted API', () => {
    const backend = openAiBackend({}, {});
    const err = (() => {
      try {
        backend.chatModel({ model: 'gpt-4.1-mini' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LlmError);
    expect((err as Error).message).toBe(
      'llm-openai: environment variable OPENAI_API_KEY is not set (API key for https://api.openai.com/v1); export it, or set "apiKeyEnv"/"apiKey" in the llm options',
    );
    expect(() => openAiBackend({ apiKeyEnv: 'MY_KEY', baseURL: 'https://llm.example.com/v1' }, {}).chatModel({ model: 'm' })).toThrow(
      /environment variable MY_KEY is not set \(API key for https:\/\/llm\.example\.com\/v1\)/,
    );
  });

  it('resolves keys: apiKey, then an explicit apiKeyEnv, then a dummy for loopback, then OPENAI_API_KEY', () => {
    const env = { OPENAI_API_KEY: 'sk-real', VLLM_KEY: 'sk-vllm' };
    expect(resolveApiKey({ apiKey: 'literal', baseURL: 'http://127.0.0.1:1/v1' }, env)).toBe('literal');
    expect(resolveApiKey({ apiKeyEnv: 'VLLM_KEY', baseURL: 'http://127.0.0.1:1/v1' }, env)).toBe('sk-vllm');
    // a real OpenAI key is never sent to a local server unless asked for
    expect(resolveApiKey({ baseURL: 'http://localhost:11434/v1' }, env)).toBe(LOCAL_API_KEY);
    expect(resolveApiKey({}, env)).toBe('sk-real');
    expect(resolveApiKey({ baseURL: 'https://api.together.xyz/v1' }, env)).toBe('sk-real');
    expect(() => resolveApiKey({ apiKeyEnv: 'NOPE', baseURL: 'http://127.0.0.1:1/v1' }, env)).toThrow(/NOPE is not set/);
  });

  it('takes OPENAI_BASE_URL from the environment into account', () => {
    const model = openAiBackend({}, { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }).chatModel({ model: 'm' }) as ChatOpenAI;
    expect(model.apiKey).toBe(LOCAL_API_KEY);
    expect(model.clientConfig.baseURL).toBe('http://127.0.0.1:9/v1');
  });

  it('knows loopback hosts', () => {
    for (const url of ['http://127.0.0.1:8000/v1', 'http://localhost:11434/v1', 'http://[::1]:8080/v1', 'http://127.1.2.3/v1', 'http://ollama.localhost/v1']) {
      expect(isLoopback(url), url).toBe(true);
    }
    for (const url of ['https://api.openai.com/v1', 'http://192.168.1.5:8000/v1', 'http://localhost.example.com/v1']) {
      expect(isLoopback(url), url).toBe(false);
    }
    expect(isLoopback(undefined)).toBe(false);
  });
});
