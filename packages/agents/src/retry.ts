// Retries of model calls: exponential backoff with jitter on rate limits (429), server
// errors (5xx) and timeouts. Clock and randomness are injectable so tests need not wait.
import { InterruptedError, LlmError, errorMessage } from '@mle-smith/core';

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** Delay before the first retry; doubles each attempt. Default 1000 ms. */
  baseDelayMs?: number;
  /** Upper bound of one delay, also for a server's retry-after. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Returns a number in [0, 1). Default Math.random. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each retry (for logs and tests). */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  signal?: AbortSignal;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The HTTP status of an error thrown by the OpenAI SDK (or anything shaped like it). */
export function errorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; response?: { status?: unknown } };
  if (typeof e.status === 'number') return e.status;
  if (typeof e.response?.status === 'number') return e.response.status;
  return undefined;
}

const RETRYABLE_NAMES = new Set(['TimeoutError', 'APIConnectionTimeoutError', 'APIConnectionError', 'ConnectionError']);
const RETRYABLE_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

export function isRetryable(err: unknown): boolean {
  if (err instanceof LlmError) return false;
  const status = errorStatus(err);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown; lc_error_code?: unknown; cause?: unknown };
  if (typeof e.name === 'string' && RETRYABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && RETRYABLE_CODES.has(e.code)) return true;
  if (e.lc_error_code === 'MODEL_RATE_LIMIT') return true;
  return e.cause !== undefined && e.cause !== err ? isRetryable(e.cause) : false;
}

/** A server's retry-after (seconds or HTTP date) or retry-after-ms header, in ms. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  const headers = (err as { headers?: unknown } | null)?.headers;
  if (!headers) return undefined;
  const get = (name: string): string | null | undefined =>
    typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get(name)
      : ((headers as Record<string, string | undefined>)[name] ?? undefined);
  const ms = get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = get('retry-after');
  if (!after) return undefined;
  if (Number.isFinite(Number(after))) return Math.max(0, Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Equal jitter: half the exponential delay is fixed, half is random, so retries spread out. */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'> = {}): number {
  const base = options.baseDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30_000;
  const exp = Math.min(max, base * 2 ** attempt);
  return Math.round(exp / 2 + (options.random ?? Math.random)() * (exp / 2));
}

export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * Runs `fn`, retrying retryable failures. Non-retryable errors, and the last error once the
 * retries are used up, become an LlmError with a one-line message prefixed by `what`.
 */
export async function withRetry<T>(what: string, fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxRetries = options.maxRetries ?? 3;
  const doSleep = options.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof LlmError) throw err;
      const status = errorStatus(err);
      // A stopped run (InterruptedError as the reason) is not a failed call: nothing falls back from it.
      if (options.signal?.aborted) throw options.signal.reason instanceof InterruptedError ? options.signal.reason : new LlmError(`${what}: aborted`, { cause: err });
      if (!isRetryable(err)) {
        throw new LlmError(`${what}: ${describe(err)}`, { cause: err, status });
      }
      if (attempt >= maxRetries) {
        throw new LlmError(`${what}: gave up after ${attempt + 1} attempts: ${describe(err)}`, { cause: err, status });
      }
      const hinted = retryAfterMs(err);
      const delayMs =
        hinted !== undefined ? Math.min(hinted, options.maxDelayMs ?? 30_000) : backoffDelay(attempt, options);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error: err });
      try {
        if (options.signal?.aborted) throw options.signal.reason;
        await doSleep(delayMs, options.signal);
      } catch (abort) {
        throw abort instanceof InterruptedError ? abort : new LlmError(`${what}: aborted while waiting to retry`, { cause: abort });
      }
    }
  }
}

function describe(err: unknown): string {
  const status = errorStatus(err);
  const name = err instanceof Error && err.name !== 'Error' ? `${err.name}: ` : '';
  const msg = firstLine(errorMessage(err));
  return status !== undefined && !msg.startsWith(String(status)) ? `${status} ${msg}` : `${name}${msg}`;
}
