// The environment over HTTP on 127.0.0.1: JSON in, JSON out, one route per action (docs/task-env.md).
// Errors are `{ "error": "<one line>" }` with 400 (bad request), 404 (unknown task or session),
// 413 (body too large) or 500.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MleSmithError, errorMessage } from '@mle-smith/core';
import { NotFoundError, type TaskEnvironment } from './environment.js';

/** Largest request body: code and submission text, not datasets. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface TaskEnvServer {
  /** e.g. http://127.0.0.1:8765 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type Body = Record<string, unknown>;
type Handler = (env: TaskEnvironment, body: Body, session: string) => Promise<unknown>;

const SESSION_ROUTES: Record<string, { method: 'GET' | 'POST'; handle: Handler }> = {
  info: { method: 'GET', handle: (env, _b, id) => env.info(id) },
  execute: { method: 'POST', handle: (env, b, id) => env.execute(id, stringField(b, 'code', true)!) },
  validate: { method: 'POST', handle: (env, b, id) => env.validate(id, stringField(b, 'submission', false)) },
  submit: { method: 'POST', handle: (env, b, id) => env.submit(id, stringField(b, 'submission', false)) },
  history: { method: 'GET', handle: (env, _b, id) => env.history(id) },
};

function stringField(body: Body, key: string, required: boolean): string | undefined {
  const v = body[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string') throw new HttpError(400, `"${key}" must be a string`);
  return v;
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the request body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpError(400, 'the request body must be a JSON object');
  return parsed as Body;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function route(env: TaskEnvironment, req: IncomingMessage): Promise<unknown> {
  const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
  const body = await readJson(req);
  if (path === '/tasks' && req.method === 'GET') return { tasks: env.list() };
  if (path === '/reset' && req.method === 'POST') return env.reset(stringField(body, 'task', true)!);
  const m = /^\/sessions\/([A-Za-z0-9-]+)\/([a-z]+)$/.exec(path);
  const r = m && Object.hasOwn(SESSION_ROUTES, m[2]!) ? SESSION_ROUTES[m[2]!] : undefined;
  if (!m || !r) throw new HttpError(404, `no route ${req.method} ${path}`);
  if (req.method !== r.method) throw new HttpError(405, `${path} takes ${r.method}`);
  return r.handle(env, body, m[1]!);
}

function statusOf(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof MleSmithError && err.code === 'USAGE') return 400;
  return 500;
}

/** Serves `env` on 127.0.0.1:`port` (0 picks a free port). */
export async function serveTaskEnv(env: TaskEnvironment, options: { port: number; log?: { warn(msg: string): void } }): Promise<TaskEnvServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    route(env, req).then(
      (body) => send(res, 200, body),
      (err: unknown) => {
        const status = statusOf(err);
        if (status === 500) options.log?.warn(`task-env: ${req.method} ${req.url}: ${errorMessage(err)}`);
        if (!res.headersSent) send(res, status, { error: errorMessage(err).split('\n')[0] });
      },
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
