// Acceptance (issue 18, item 3): SIGINT or SIGTERM during the execute stage, during a --no-execute
// run and during an LLM call that never answers stops the run promptly with 130 / 143, marks the
// stage it stopped as interrupted (never a verdict or a rejection), and running the same command
// again produces the same files as a run that was never interrupted.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './cli-helpers.test-util.js';
import { processGone, waitForProfilingChild } from './profiling-child.test-util.js';
import { digestRun, leftovers, project } from './resume.test-util.js';

/** Three to five runs each: a bound for a busy 2-core machine (about 30 s when idle). */
const SLOW = 400_000;
const roots: string[] = [];
afterAll(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

/** Runs `args` uninterrupted into `ref`, then interrupted (by `interrupt`) and resumed into `out`, and compares. */
async function interruptThenResume(dir: string, args: string[], interrupt: (cli: ReturnType<typeof startCli>) => Promise<void>, expectedCode: number): Promise<string> {
  const ref = await runCli(['run', '--out', 'ref', ...args], dir);
  expect(ref.code, ref.stderr).toBe(0);
  const cli = startCli(['run', '--out', 'out', ...args], dir);
  await interrupt(cli);
  const stopped = await cli.done;
  expect(stopped.code, stopped.stderr).toBe(expectedCode);
  expect(stopped.stderr).toMatch(/\binterrupted\b/);
  expect(stopped.stderr).not.toMatch(/internal error|\n\s+at /);
  // nothing judged from the interrupted work: no verdict, no rejection
  await expect(readFile(join(dir, 'out', 'checkpoints', 'tasks', 'iris-species-multiclass', 'verdict.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  const resumed = await runCli(['run', '--out', 'out', ...args], dir);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(resumed.stdout).toMatch(/^1 of 1 tasks published/);
  expect(await leftovers(join(dir, 'out'))).toEqual([]);
  expect(await digestRun(join(dir, 'out'))).toEqual(await digestRun(join(dir, 'ref')));
  return resumed.stderr;
}

describe('a signal during a run, then a resume', () => {
  it('SIGINT during execute: exit 130, the ladder is redone on resume, same files as an uninterrupted run', async () => {
    const dir = await project(['iris']);
    roots.push(dir);
    const resumed = await interruptThenResume(dir, [], async (cli) => {
      await cli.waitFor(/\] review done/); // the execute stage (the baseline ladder in the sandbox) is running now
      await new Promise((r) => setTimeout(r, 1500));
      cli.kill('SIGINT');
    }, 130);
    expect(resumed).toMatch(/task iris\/iris-species-multiclass: execute was interrupted by SIGINT, redoing it/);
    expect(resumed).toMatch(/\] review cached/);
  }, SLOW);

  it('SIGTERM during --no-execute: exit 143 and an identical resume', async () => {
    const dir = await project(['iris']);
    roots.push(dir);
    const resumed = await interruptThenResume(dir, ['--no-execute'], async (cli) => {
      await cli.waitFor(/\] materialize done/); // verify(package) runs DuckDB rules now
      cli.kill('SIGTERM');
    }, 143);
    expect(resumed).toMatch(/was interrupted by SIGTERM, redoing it/);
    expect(resumed).toMatch(/\] materialize cached/);
  }, SLOW);
});

/** A fixed hash of n into [0, 1). */
function unit(n: number): number {
  let t = Math.imul(n, 2654435761) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

describe('a signal while a dataset is first read', () => {
  it('SIGTERM while the profiling child reads: the child dies with the run (exit 143), the resume profiles again and matches', async () => {
    const dir = await project([]);
    roots.push(dir);
    // big enough that its profiling child is still reading when the signal comes; a noisy label
    // of x, so the one task passes on its first attempt
    const rows = Array.from({ length: 100_000 }, (_, i) => {
      const x = unit(2 * i + 1);
      return `${i},${x.toFixed(4)},${x + unit(2 * i + 2) > 1 ? 'a' : 'b'}`;
    });
    await mkdir(join(dir, 'datasets', 'big'), { recursive: true });
    await writeFile(join(dir, 'datasets', 'big', 'data.csv'), `id,x,label\n${rows.join('\n')}\n`);
    const args = ['run', '--no-execute'];
    const ref = await runCli([...args, '--out', 'ref'], dir);
    expect(ref.code, ref.stderr).toBe(0);
    const cli = startCli([...args, '--out', 'out'], dir);
    const child = await waitForProfilingChild('/datasets/big');
    cli.kill('SIGTERM');
    const stopped = await cli.done;
    expect(stopped.code, stopped.stderr).toBe(143);
    expect(stopped.stderr).toMatch(/\] profile interrupted/);
    expect(processGone(child.pid)).toBe(true);
    const resumed = await runCli([...args, '--out', 'out'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^1 of 1 tasks published/);
    expect(resumed.stderr).toMatch(/dataset big: profile was interrupted by SIGTERM, redoing it/);
    expect(await leftovers(join(dir, 'out'))).toEqual([]);
    expect(await digestRun(join(dir, 'out'))).toEqual(await digestRun(join(dir, 'ref')));
  }, SLOW);
});

describe('a signal during an LLM call that never answers', () => {
  let server: Server;
  let url: string;
  let hang = true;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // GET /models answers (the run's endpoint check); a chat completion hangs while `hang`, else fails (the run falls back)
    server = createServer((req, res) => {
      req.resume();
      req.once('end', () => {
        if (req.method === 'GET') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'stub-model', object: 'model' }] }));
        if (hang) return;
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }));
      });
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((ok) => server.close(() => ok()));
  });

  it('SIGINT stops the hung call at once (exit 130); SIGINT and SIGTERM together exit at once (128 + the second received); each resume matches', async () => {
    const dir = await project(['iris'], { llm: { backend: 'openai', model: 'stub-model', options: { baseURL: url, apiKey: 'test', maxRetries: 0 }, fallback: 'deterministic' } });
    roots.push(dir);
    const args = ['--no-execute'];
    hang = false;
    const ref = await runCli(['run', '--out', 'ref', ...args], dir);
    expect(ref.code, ref.stderr).toBe(0);
    // two signals of one kind sent at once merge into one; a different second signal does not
    for (const [out, signals, code] of [['out', ['SIGINT'], 130], ['out2', ['SIGINT', 'SIGTERM'], 143]] as const) {
      hang = true;
      const cli = startCli(['run', '--out', out, ...args], dir);
      await cli.waitFor(/\[iris\] profile (done|cached)/); // the brainstormer's call is hanging now
      await new Promise((r) => setTimeout(r, 500));
      const sent = Date.now();
      for (const s of signals) cli.kill(s);
      const stopped = await cli.done;
      // two different signals sent at once may reach the process in either order: the second one received names the exit code
      const second = /second signal \((SIGINT|SIGTERM)\): exiting now/.exec(stopped.stderr)?.[1];
      if (signals.length === 2) expect(second, stopped.stderr).toBeDefined();
      expect(stopped.code, stopped.stderr).toBe(second === undefined ? code : { SIGINT: 130, SIGTERM: 143 }[second]);
      expect(Date.now() - sent).toBeLessThan(5000);
      expect(stopped.stderr).not.toMatch(/deterministic strategy/); // an aborted call is not a failed one: no fallback
      hang = false;
      const resumed = await runCli(['run', '--out', out, ...args], dir);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(await leftovers(join(dir, out))).toEqual([]);
      expect(await digestRun(join(dir, out))).toEqual(await digestRun(join(dir, 'ref')));
    }
  }, SLOW);
});

describe('a signal during eval', () => {
  it('SIGTERM while a solver runs: exit 143 at once, and the killed run is not recorded as a loss', async () => {
    const examples = resolve(process.cwd(), '..', '..', 'examples');
    const out = join(await mkdtemp(join(tmpdir(), 'mls-eval-int-')), 'ev');
    roots.push(out);
    const cli = startCli(['eval', '--tasks', join(examples, 'reference-tasks', 'tasks', 'ref-wine-cultivar'), '--solvers', 'baseline-strong', '--out', out], examples);
    const running = join(out, 'runs', 'ref-wine-cultivar', 'baseline-strong', 'seed-42');
    while (!existsSync(running)) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    const sent = Date.now();
    cli.kill('SIGTERM');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(143);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(r.stderr).toMatch(/^error: interrupted by SIGTERM/m);
    expect(r.stderr).not.toMatch(/baseline-strong seed 42: (failed|invalid)/);
    expect(existsSync(join(out, 'scores.json'))).toBe(false);
    expect(existsSync(join(out, 'elo.json'))).toBe(false);
  });
});
