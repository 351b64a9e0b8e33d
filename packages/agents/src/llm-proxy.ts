// The host side of a sandboxed agent's only way out: an HTTP server on a unix socket (mounted
// into the sandbox, never a TCP port) that forwards OpenAI-compatible requests to one configured
// endpoint. It holds the API key (the sandbox never sees it), pins the model, refuses every
// other route, checks the budget before each call and writes each call into the ledger. What
// the proxy forwards is decided here, not by the agent: the upstream URL is fixed at start.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LlmError, errorMessage, type LedgerEntry } from '@mle-smith/core';
import type { Budget } from './budget.js';
import type { Ledger } from './ledger.js';

export interface LlmUpstream {
  /** OpenAI-compatible endpoint ending in /v1, e.g. https://api.openai.com/v1. */
  baseURL: string;
  /** Sent as `Authorization: Bearer <apiKey>`; never leaves the host process otherwise. */
  apiKey: string;
  /** Every forwarded request is sent with this model, whatever the agent asked for. */
  model: string;
}

export interface LlmProxyOptions {
  upstream: LlmUpstream;
  ledger: Ledger;
  budget?: Budget;
  /** Ledger fields of every call. Default role "solver". */
  role?: string;
  taskId?: string;
  dataset?: string;
  /** Largest request body accepted. Default 8 MiB. */
  maxBodyBytes?: number;
  /** Per-request limit on the upstream call. Default 300 000 ms. */
  timeoutMs?: number;
  /** Folder the socket's own temp folder is made in. Default the OS temp folder. */
  socketRoot?: string;
  /** Called for every refused request, e.g. to stop the sandbox once the budget is exhausted. */
  onRefused?(refusal: LlmProxyRefusal): void;
}

export interface LlmProxyRefusal {
  path: string;
  status: number;
  message: string;
}

export interface LlmProxy {
  /** The unix socket to mount into the sandbox (mode 0666, a random name in a 0711 folder of its own). */
  readonly socketPath: string;
  /** The ledger entries this proxy wrote, in call order. */
  readonly entries: LedgerEntry[];
  /** Requests refused (route, budget, malformed body), with the reason sent back. */
  readonly refusals: LlmProxyRefusal[];
  close(): Promise<void>;
}

/** The sandbox side: a stdlib Python relay from 127.0.0.1:<port> to the socket (start_relay). */
export const LLM_RELAY_SCRIPT = fileURLToPath(new URL('../sandbox/llm_relay.py', import.meta.url));

/** The routes forwarded, by method; every other request gets 404. */
const ROUTES: Record<string, 'POST' | 'GET'> = { 'chat/completions': 'POST', embeddings: 'POST', models: 'GET' };

/** HTTP status of a refused call for an exhausted budget: not retried by OpenAI clients (429 would be). */
export const BUDGET_EXHAUSTED_STATUS = 402;

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  const text = JSON.stringify({ error: { message, type, code: type, param: null } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

interface Usage {
  inputTokens: number;
  outputTokens: number;
}

function usageOf(body: unknown): Usage | undefined {
  const u = (body as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
  if (!u || typeof u.prompt_tokens !== 'number') return undefined;
  return { inputTokens: u.prompt_tokens, outputTokens: typeof u.completion_tokens === 'number' ? u.completion_tokens : 0 };
}

/** Usage from a server-sent-events stream: the chunk that carries `usage` (stream_options.include_usage). */
function streamUsage(text: string): Usage | undefined {
  let found: Usage | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:') || line.includes('[DONE]')) continue;
    try {
      found = usageOf(JSON.parse(line.slice(5))) ?? found;
    } catch {
      // a partial or non-JSON line carries no usage
    }
  }
  return found;
}

/** Starts the proxy on a fresh unix socket. Close it when the sandbox is gone. */
export async function startLlmProxy(options: LlmProxyOptions): Promise<LlmProxy> {
  const { upstream, ledger, budget } = options;
  const role = options.role ?? 'solver';
  const maxBody = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const base = upstream.baseURL.replace(/\/+$/, '');
  const entries: LedgerEntry[] = [];
  const refusals: LlmProxy['refusals'] = [];
  const inflight = new Set<AbortController>();
  const sockets = new Set<Socket>();

  const refuse = (res: ServerResponse, path: string, status: number, type: string, message: string): void => {
    refusals.push({ path, status, message });
    options.onRefused?.({ path, status, message });
    sendError(res, status, type, `mle-smith llm proxy: ${message}`);
  };

  const record = (usage: Usage | undefined, latencyMs: number, estimate: { requestBytes: number; responseBytes: number }): void => {
    // A server that reports no usage is charged ~4 bytes per token, so budgets still bind.
    const u = usage ?? { inputTokens: Math.ceil(estimate.requestBytes / 4), outputTokens: Math.ceil(estimate.responseBytes / 4) };
    entries.push(ledger.record({ role, taskId: options.taskId, dataset: options.dataset, model: upstream.model, ...u, latencyMs, cached: false }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = path.startsWith('/v1/') ? path.slice(4) : undefined;
    if (!route || ROUTES[route] !== req.method) {
      refuse(res, path, 404, 'not_found', `${req.method} ${path} is not forwarded (only POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models)`);
      return;
    }
    if (route === 'models') {
      const text = JSON.stringify({ object: 'list', data: [{ id: upstream.model, object: 'model', created: 0, owned_by: 'mle-smith-proxy' }] });
      res.writeHead(200, { 'content-type': 'application/json' }).end(text);
      return;
    }
    const raw = await readBody(req, maxBody);
    if (!raw) return refuse(res, path, 413, 'request_too_large', `request body over ${maxBody} bytes`);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    } catch {
      return refuse(res, path, 400, 'invalid_request_error', 'the request body is not a JSON object');
    }
    try {
      budget?.check(ledger, upstream.model, options.taskId);
    } catch (err) {
      if (err instanceof LlmError && err.budgetExhausted) return refuse(res, path, BUDGET_EXHAUSTED_STATUS, 'budget_exhausted', errorMessage(err));
      return refuse(res, path, 500, 'proxy_error', errorMessage(err));
    }
    body.model = upstream.model;
    const streaming = body.stream === true;
    if (streaming) body.stream_options = { ...(body.stream_options as object | undefined), include_usage: true };
    const payload = JSON.stringify(body);

    const abort = new AbortController();
    inflight.add(abort);
    const timer = setTimeout(() => abort.abort(new Error(`no answer within ${options.timeoutMs ?? 300_000} ms`)), options.timeoutMs ?? 300_000);
    const started = performance.now();
    try {
      let answer: Response;
      try {
        answer = await fetch(`${base}/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: streaming ? 'text/event-stream' : 'application/json', authorization: `Bearer ${upstream.apiKey}` },
          body: payload,
          signal: abort.signal,
        });
      } catch (err) {
        record({ inputTokens: 0, outputTokens: 0 }, performance.now() - started, { requestBytes: 0, responseBytes: 0 });
        return refuse(res, path, 502, 'upstream_unreachable', `${base} did not answer: ${errorMessage(abort.signal.reason ?? err)}`);
      }
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      let text = '';
      const decoder = new TextDecoder();
      for await (const chunk of answer.body ?? []) {
        res.write(chunk);
        text += decoder.decode(chunk as Uint8Array, { stream: true });
      }
      res.end();
      let usage: Usage | undefined;
      if (answer.ok) {
        try {
          usage = streaming ? streamUsage(text) : usageOf(JSON.parse(text));
        } catch {
          usage = undefined;
        }
      } else usage = { inputTokens: 0, outputTokens: 0 };
      record(usage, Math.round(performance.now() - started), { requestBytes: payload.length, responseBytes: text.length });
    } finally {
      clearTimeout(timer);
      inflight.delete(abort);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'proxy_error', `mle-smith llm proxy: ${errorMessage(err)}`);
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const dir = await mkdtemp(join(options.socketRoot ?? tmpdir(), 'mle-smith-llm-'));
  // The sandbox's user (often nobody) must reach the socket: traverse the folder, write the socket.
  await chmod(dir, 0o711);
  // A random name: the folder is not listable by others, so no other local user can guess the socket.
  const socketPath = join(dir, `llm-${randomBytes(8).toString('hex')}.sock`);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod(socketPath, 0o666);

  return {
    socketPath,
    entries,
    refusals,
    close: async () => {
      for (const a of inflight) a.abort(new Error('proxy closed'));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
