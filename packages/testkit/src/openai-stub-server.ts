// A real HTTP server on 127.0.0.1 that speaks the OpenAI chat completions API (non-streaming)
// and plays scripted responses in order: replies with tool calls and usage, error statuses
// (429 with retry-after, 500), and hangs for timeout tests. Every request is recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface StubToolCall {
  name: string;
  /** An object is JSON-encoded; a string is sent verbatim (to test malformed arguments). */
  args: Record<string, unknown> | string;
  id?: string;
}

export interface StubReply {
  content?: string | null;
  toolCalls?: StubToolCall[];
  usage?: { promptTokens: number; completionTokens: number };
  /** Wait before answering. */
  delayMs?: number;
}

export interface StubError {
  status: number;
  /** Default: an OpenAI-style `{ error: { message, type, code } }` body. */
  body?: unknown;
  message?: string;
  headers?: Record<string, string>;
}

/** Accepts the request and never answers (until close()), for client timeouts. */
export interface StubHang {
  hang: true;
}

export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body (undefined when it was not JSON). */
  body: Record<string, unknown> | undefined;
  receivedAt: number;
}

export type StubStep = StubReply | StubError | StubHang | ((req: RecordedRequest) => StubReply | StubError | StubHang);

export interface OpenAiStubServer {
  /** Base URL to give a client, ending in /v1 (e.g. http://127.0.0.1:41234/v1). */
  readonly url: string;
  readonly port: number;
  /** Chat completion requests in arrival order. */
  readonly requests: RecordedRequest[];
  /** Steps not played yet. */
  remaining(): number;
  /** Appends steps to the script. */
  push(...steps: StubStep[]): void;
  close(): Promise<void>;
}

export interface OpenAiStubOptions {
  /** Usage reported when a reply gives none. Default 10 prompt / 5 completion tokens. */
  defaultUsage?: { promptTokens: number; completionTokens: number };
  /**
   * Answers every request from what it contains instead of playing the script in order: for
   * several models or conversations talking to the server at once (e.g. the model name decides
   * the reply). The script is ignored when given.
   */
  route?: (req: RecordedRequest) => StubReply | StubError | StubHang;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function errorBody(status: number, message: string): unknown {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, code: type, param: null } };
}

function completion(step: StubReply, index: number, model: unknown, usage: { promptTokens: number; completionTokens: number }): unknown {
  const toolCalls = (step.toolCalls ?? []).map((c, j) => ({
    id: c.id ?? `call_${index}_${j}`,
    type: 'function',
    function: { name: c.name, arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args) },
  }));
  const u = step.usage ?? usage;
  return {
    id: `chatcmpl-stub-${index}`,
    object: 'chat.completion',
    created: 1_700_000_000 + index,
    model: typeof model === 'string' ? model : 'stub-model',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: step.content ?? (toolCalls.length ? null : ''),
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
          refusal: null,
        },
        finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: u.promptTokens, completion_tokens: u.completionTokens, total_tokens: u.promptTokens + u.completionTokens },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startOpenAiStubServer(script: StubStep[] = [], options: OpenAiStubOptions = {}): Promise<OpenAiStubServer> {
  const steps = [...script];
  let position = 0;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const defaultUsage = options.defaultUsage ?? { promptTokens: 10, completionTokens: 5 };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const raw = await readBody(req);
    if (req.method === 'GET' && path.endsWith('/models')) {
      send(res, 200, { object: 'list', data: [{ id: 'stub-model', object: 'model', created: 0, owned_by: 'mle-smith' }] });
      return;
    }
    if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
      send(res, 404, errorBody(404, `openai stub: no route ${req.method} ${path}`));
      return;
    }
    let body: Record<string, unknown> | undefined;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = { index: requests.length, method: req.method, path, headers: req.headers, body, receivedAt: Date.now() };
    requests.push(recorded);
    if (body?.stream === true) {
      send(res, 400, errorBody(400, 'openai stub: streaming is not supported'));
      return;
    }
    if (options.route) {
      play(options.route(recorded), requests.length - 1, body, res);
      return;
    }
    if (position >= steps.length) {
      send(res, 400, errorBody(400, `openai stub: script exhausted after ${steps.length} responses`));
      return;
    }
    const index = position++;
    const entry = steps[index];
    play(typeof entry === 'function' ? entry(recorded) : entry, index, body, res);
  };

  const play = (step: StubReply | StubError | StubHang, index: number, body: Record<string, unknown> | undefined, res: ServerResponse): void => {
    if ('hang' in step) return; // the socket stays open until the client gives up or close() runs
    if ('status' in step) {
      send(res, step.status, step.body ?? errorBody(step.status, step.message ?? `stub error ${step.status}`), step.headers);
      return;
    }
    const answer = (): void => send(res, 200, completion(step, index, body?.model, defaultUsage));
    if (step.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, step.delayMs);
      timers.add(timer);
    } else answer();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody(500, `openai stub: ${String(err)}`));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    remaining: () => steps.length - position,
    push: (...more) => {
      steps.push(...more);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
