// LLM failure is a failure. With an LLM configured, `mle-smith run` checks the endpoint before any
// stage: refused, HTTP 500, an invalid answer or no answer within llm.checkTimeoutMs stop the run
// with exit 1 and one line naming the endpoint and the cause, and nothing is published. A call
// failing later fails the run too, unless llm.fallback is "deterministic": then the run publishes,
// and task.json, report.json and the closing line say which roles fell back. Real HTTP on 127.0.0.1.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateTaskManifest, type AgentRunSummary, type TaskManifest } from '@mle-smith/core';
import { startOpenAiStubServer, type OpenAiStubServer } from '@mle-smith/testkit';
import { NO_OPENAI_ENV, runCli as runHelper, type CliResult } from './cli-helpers.test-util.js';

const REPO = resolve(process.cwd(), '..', '..');
const IRIS = join(REPO, 'examples', 'datasets', 'iris');
const CHECK_TIMEOUT_MS = 1500;

function runCli(args: string[], cwd: string): Promise<CliResult & { ms: number }> {
  return runHelper(args, cwd, {}, NO_OPENAI_ENV);
}

/** A loopback HTTP server answering every request with `answer` (which may never answer). */
async function serve(answer: (res: ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.once('end', () => answer(res));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    }),
  };
}

/** A loopback URL nothing listens on. */
async function refusedUrl(): Promise<string> {
  const s = await serve((res) => res.end());
  await s.close();
  return s.url;
}

let root: string;
let counter = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mls-llm-endpoint-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function project(llm: Record<string, unknown>): Promise<string> {
  const dir = join(root, `p${++counter}`);
  await mkdir(join(dir, 'datasets'), { recursive: true });
  await cp(IRIS, join(dir, 'datasets', 'iris'), { recursive: true });
  const config = {
    design: { maxProposalsPerDataset: 1 },
    llm: { backend: 'openai', model: 'stub-model', checkTimeoutMs: CHECK_TIMEOUT_MS, ...llm },
    report: ['json'],
  };
  await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

/** Exit 1 and one error line, the last one (progress lines before it are fine), without a stack trace. */
function expectOneLineFailure(r: CliResult, pattern: RegExp): void {
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines.filter((l) => l.startsWith('error:'))).toHaveLength(1);
  expect(lines.at(-1)).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('an LLM endpoint that does not answer stops the run before any stage', () => {
  const cases: Array<[string, () => Promise<{ url: string; close(): Promise<void> }>, (url: string) => RegExp]> = [
    ['connection refused', async () => ({ url: await refusedUrl(), close: async () => {} }), (url) => new RegExp(`^error: LLM endpoint ${url}: connection refused$`)],
    ['HTTP 500', () => serve((res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'the model server crashed', type: 'server_error' } }));
    }), (url) => new RegExp(`^error: LLM endpoint ${url}: HTTP 500 the model server crashed \\(GET /models\\)$`)],
    ['an invalid (non-JSON) response', () => serve((res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>captive portal</body></html>');
    }), (url) => new RegExp(`^error: LLM endpoint ${url}: invalid response to GET /models: not JSON \\("<html><body>captive portal</body></html>"\\)$`)],
    ['no answer within llm.checkTimeoutMs', () => serve(() => undefined), (url) => new RegExp(`^error: LLM endpoint ${url}: no answer within ${CHECK_TIMEOUT_MS} ms \\(llm.checkTimeoutMs\\): timeout$`)],
  ];
  for (const [name, start, message] of cases) {
    it(`${name}: exit 1 within bounded time, one line naming the endpoint and the cause, nothing published`, async () => {
      const server = await start();
      try {
        const dir = await project({ options: { baseURL: server.url } });
        const r = await runCli(['run', '--no-execute'], dir);
        expectOneLineFailure(r, message(server.url));
        expect(r.stderr.trim().split('\n')).toHaveLength(1); // before any stage: no progress at all
        expect(r.ms).toBeLessThan(CHECK_TIMEOUT_MS + 15_000);
        expect(existsSync(join(dir, 'runs'))).toBe(false);
      } finally {
        await server.close();
      }
    });
  }
});

describe('a call that fails during the run', () => {
  let stub: OpenAiStubServer;
  beforeAll(async () => {
    // /models answers; every chat completion is a 500.
    stub = await startOpenAiStubServer(Array.from({ length: 200 }, () => ({ status: 500, message: 'overloaded' })));
  });
  afterAll(async () => {
    await stub.close();
  });

  it('without llm.fallback fails the run with one line and publishes nothing', async () => {
    const dir = await project({ options: { baseURL: stub.url, maxRetries: 0 } });
    const r = await runCli(['run', '--no-execute'], dir);
    expectOneLineFailure(r, new RegExp(`^error: brainstormer: stub-model: .*500 overloaded \\(LLM endpoint ${stub.url}; "llm": \\{ "fallback": "deterministic" \\} falls back instead\\)$`));
    expect(existsSync(join(dir, 'runs', 'latest', 'tasks'))).toBe(false);
  });

  it('with llm.fallback "deterministic" publishes, and task.json, report.json and the closing line record the fallback per role', async () => {
    const dir = await project({ options: { baseURL: stub.url, maxRetries: 0 }, fallback: 'deterministic' });
    const r = await runCli(['run', '--no-execute'], dir);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const runDir = join(dir, 'runs', 'latest');
    const ids = await readdir(join(runDir, 'tasks'));
    expect(ids).toEqual(['iris-species-multiclass']);
    const task = JSON.parse(await readFile(join(runDir, 'tasks', ids[0], 'task.json'), 'utf8')) as TaskManifest;
    expect(validateTaskManifest(task).errors).toEqual([]);
    expect(task.generator.agents).toEqual({ brainstormer: 'deterministic', designer: 'deterministic', refactor: 'deterministic' });
    expect(task.generator.models).toEqual(['stub-model']);
    expect(Object.keys(task.generator.fallbacks ?? {}).sort()).toEqual(['brainstormer', 'designer', 'refactor']);
    for (const reason of Object.values(task.generator.fallbacks ?? {})) expect(reason).toMatch(/^the LLM call failed: .*500 overloaded/);

    // The reviewer runs after task.json is written: the package's verification.json has every role.
    const verification = JSON.parse(await readFile(join(runDir, 'tasks', ids[0], 'verification.json'), 'utf8')) as { agents: Record<string, { producer: string; reason?: string }> };
    expect(Object.keys(verification.agents).sort()).toEqual(['brainstormer', 'designer', 'refactor', 'reviewer']);
    for (const a of Object.values(verification.agents)) expect(a).toMatchObject({ producer: 'fallback', model: 'stub-model', reason: expect.stringMatching(/500 overloaded/) });

    const report = JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8')) as { llm: AgentRunSummary };
    expect(report.llm).toMatchObject({ backend: 'openai', model: 'stub-model', endpoint: stub.url, fallback: 'deterministic' });
    expect(report.llm.roles).toEqual({
      brainstormer: { llm: 0, fallback: 1 }, designer: { llm: 0, fallback: 1 }, refactor: { llm: 0, fallback: 1 }, reviewer: { llm: 0, fallback: 1 },
    });
    expect(report.llm.outcomes.every((o) => o.producer === 'fallback' && /500 overloaded/.test(o.reason ?? ''))).toBe(true);
    expect(report.llm.outcomes.filter((o) => o.role !== 'brainstormer').every((o) => o.taskId === 'iris-species-multiclass')).toBe(true);

    const closing = r.stdout.trim().split('\n').at(-1);
    expect(closing).toBe(`llm stub-model at ${stub.url}: 4 of 4 agent calls fell back to the deterministic strategy (brainstormer, designer, refactor, reviewer; see report.json "llm")`);
  });
});
