// Options of the openai backend. They come from two places, merged in this order: the plugin
// entry (["llm-openai", { ... }]) and the config's `llm.options` plus `llm.model`, which win.
import { ConfigError, createAjv, formatSchemaErrors } from '@mle-smith/core';

export interface LlmOpenAiOptions {
  [key: string]: unknown;
  /** Model id sent to the server, e.g. "gpt-4.1-mini" or "Qwen/Qwen2.5-7B-Instruct". */
  model?: string;
  /** OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 (vLLM). Default: api.openai.com. */
  baseURL?: string;
  /** Environment variable holding the API key. Default OPENAI_API_KEY. */
  apiKeyEnv?: string;
  /** A literal key, for local servers that want some value; prefer apiKeyEnv for real keys. */
  apiKey?: string;
  temperature?: number;
  /** Per-request timeout; a timed-out request is retried by the agents runtime. Default 120 000. */
  timeoutMs?: number;
  /** Retries done by the agents runtime (LangChain's and the SDK's own are disabled). Default 3. */
  maxRetries?: number;
  maxTokens?: number;
}

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    model: { type: 'string', minLength: 1 },
    baseURL: { type: 'string', minLength: 1 },
    apiKeyEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    apiKey: { type: 'string', minLength: 1 },
    temperature: { type: 'number', minimum: 0, maximum: 2 },
    timeoutMs: { type: 'integer', minimum: 1 },
    maxRetries: { type: 'integer', minimum: 0 },
    maxTokens: { type: 'integer', minimum: 1 },
  },
} as const;

const validate = createAjv().compile(optionsSchema);

/** Checks `llm.options` (the host checks the plugin entry's options before the factory runs). */
export function checkOptions(options: Record<string, unknown>, where: string): LlmOpenAiOptions {
  if (!validate(options)) {
    throw new ConfigError(`${where}: ${formatSchemaErrors(validate.errors).join('; ')}`);
  }
  if (options.baseURL !== undefined) {
    try {
      new URL(options.baseURL as string);
    } catch {
      throw new ConfigError(`${where}.baseURL: "${String(options.baseURL)}" is not a URL (expected e.g. http://127.0.0.1:8000/v1)`);
    }
  }
  return options as LlmOpenAiOptions;
}

// The key rules are shared with the LLM proxy of sandboxed agents.
export { isLoopback, LOCAL_API_KEY, resolveApiKey } from '@mle-smith/agents';
