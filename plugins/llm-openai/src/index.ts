// LLM backend "openai": a LangChain ChatOpenAI pointed at any OpenAI-compatible endpoint
// (api.openai.com, vLLM, Ollama, llama.cpp server, LiteLLM, ...).
import { ChatOpenAI } from '@langchain/openai';
import { definePlugin, LlmError, type ChatModelOptions, type LlmBackend, type OpenAiEndpoint } from '@mle-smith/core';
import { DEFAULT_BASE_URL, checkEndpoint } from './check-endpoint.js';
import { checkOptions, optionsSchema, resolveApiKey, type LlmOpenAiOptions } from './options.js';

export { checkEndpoint } from './check-endpoint.js';
export { isLoopback, resolveApiKey, LOCAL_API_KEY, optionsSchema, type LlmOpenAiOptions } from './options.js';

/** Builds the chat model from merged options; exported for tests and direct use. */
export function createOpenAiChatModel(options: LlmOpenAiOptions, env: NodeJS.ProcessEnv = process.env): ChatOpenAI {
  if (!options.model) throw new LlmError('llm-openai: no model configured; set "llm.model" in mle-smith.config.json');
  // The SDK would read OPENAI_BASE_URL itself; resolving it here lets the key rules see it.
  const baseURL = options.baseURL ?? (env.OPENAI_BASE_URL || undefined);
  const apiKey = resolveApiKey({ ...options, baseURL }, env);
  const maxRetries = options.maxRetries ?? 3;
  return new ChatOpenAI({
    model: options.model,
    apiKey,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
    timeout: options.timeoutMs ?? 120_000,
    // The agents runtime retries (with backoff, budgets and the ledger in view); LangChain's
    // caller and the OpenAI SDK each retry too unless told not to.
    maxRetries: 0,
    streaming: false,
    configuration: baseURL ? { baseURL } : {},
    metadata: { mleSmith: { maxRetries } },
  });
}

export function openAiBackend(pluginOptions: LlmOpenAiOptions = {}, env: NodeJS.ProcessEnv = process.env): LlmBackend {
  const merge = (options: ChatModelOptions): LlmOpenAiOptions => {
    const fromConfig = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    return { ...pluginOptions, ...checkOptions(fromConfig, 'llm.options') };
  };
  const baseUrlOf = (o: LlmOpenAiOptions): string => o.baseURL ?? (env.OPENAI_BASE_URL || DEFAULT_BASE_URL);
  return {
    id: 'openai',
    chatModel(options: ChatModelOptions): ChatOpenAI {
      return createOpenAiChatModel(merge(options), env);
    },
    endpoint(options: ChatModelOptions): string {
      return baseUrlOf(merge(options));
    },
    openAiEndpoint(options: ChatModelOptions): OpenAiEndpoint {
      const merged = merge(options);
      const baseURL = baseUrlOf(merged);
      return { baseURL, apiKey: resolveApiKey({ ...merged, baseURL }, env) };
    },
    async check(options: ChatModelOptions, limits: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
      const merged = merge(options);
      const baseURL = baseUrlOf(merged);
      await checkEndpoint(baseURL, resolveApiKey({ ...merged, baseURL }, env), limits);
    },
  };
}

export default definePlugin<LlmOpenAiOptions>(
  (options) => ({
    name: 'llm-openai',
    apiVersion: 1,
    setup(api) {
      api.addLlmBackend(openAiBackend(options));
    },
  }),
  optionsSchema as unknown as Record<string, unknown>,
);
