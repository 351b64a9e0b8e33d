// Which API key goes to an OpenAI-compatible endpoint: the one rule set shared by the openai
// backend (llm-openai) and the LLM proxy of sandboxed agents.
import { LlmError } from '@mle-smith/core';

export interface ApiKeyOptions {
  baseURL?: string;
  /** Environment variable holding the key. Default OPENAI_API_KEY. */
  apiKeyEnv?: string;
  /** A literal key, for local servers that want some value. */
  apiKey?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopback(baseURL: string | undefined): boolean {
  if (!baseURL) return false;
  const host = new URL(baseURL).hostname;
  return LOOPBACK.has(host) || host.startsWith('127.') || host.endsWith('.localhost');
}

/** Key local servers get: they ignore it, but the OpenAI SDK refuses to run without one. */
export const LOCAL_API_KEY = 'sk-no-key-required';

/**
 * 1. `apiKey` is used as given.
 * 2. An explicit `apiKeyEnv` must name a set variable.
 * 3. A loopback baseURL gets a dummy key, so a real OPENAI_API_KEY is never sent to a local server.
 * 4. Otherwise OPENAI_API_KEY must be set.
 * `who` names the caller in the error, e.g. "llm-openai".
 */
export function resolveApiKey(options: ApiKeyOptions, env: NodeJS.ProcessEnv = process.env, who = 'llm-openai'): string {
  if (options.apiKey) return options.apiKey;
  if (!options.apiKeyEnv && isLoopback(options.baseURL)) return LOCAL_API_KEY;
  const name = options.apiKeyEnv ?? 'OPENAI_API_KEY';
  const value = env[name];
  if (value) return value;
  const target = options.baseURL ?? 'https://api.openai.com/v1';
  throw new LlmError(`${who}: environment variable ${name} is not set (API key for ${target}); export it, or set "apiKeyEnv"/"apiKey" in the llm options`);
}
