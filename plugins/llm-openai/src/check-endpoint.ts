// The endpoint check a run makes before its first stage: GET <baseURL>/models, which every
// OpenAI-compatible server answers (api.openai.com, vLLM, Ollama, llama.cpp, LiteLLM) without
// spending tokens. Any failure is one LlmError line naming the endpoint and the cause.
import { LlmError } from '@mle-smith/core';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

function networkCause(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection closed by the server';
  const detail = code ?? (typeof cause?.message === 'string' ? cause.message : (err as Error).message);
  return `unreachable (${detail})`;
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || (err.name === 'AbortError' && /timeout/i.test(String((err as { cause?: unknown }).cause ?? ''))));
}

/** The `error.message` of an OpenAI-style error body, else the start of the body. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message ?? parsed.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // not JSON: show the text itself
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 120);
}

export async function checkEndpoint(
  baseURL: string, apiKey: string, limits: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const where = `LLM endpoint ${baseURL}`;
  const url = `${baseURL.replace(/\/+$/, '')}/models`;
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  const timedOut = (): LlmError => new LlmError(`${where}: no answer within ${limits.timeoutMs} ms (llm.checkTimeoutMs): timeout`);
  let status: number;
  let body: string;
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' }, signal });
    status = res.status;
    body = await res.text();
  } catch (err) {
    if (timeout.aborted || isTimeout(err)) throw timedOut();
    throw new LlmError(`${where}: ${networkCause(err)}`, { cause: err });
  }
  if (status < 200 || status >= 300) {
    const text = errorText(body);
    throw new LlmError(`${where}: HTTP ${status}${text ? ` ${text}` : ''} (GET /models)`, { status });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new LlmError(`${where}: invalid response to GET /models: not JSON ("${body.replace(/\s+/g, ' ').trim().slice(0, 60)}")`);
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { data?: unknown }).data)) {
    throw new LlmError(`${where}: invalid response to GET /models: no "data" list of models`);
  }
}
