// checkJob on the fields that let a job see a fixed layout and a host socket, and collectOutputs
// on output folders ("logs/").
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExecJob } from '@mle-smith/core';
import { checkJob } from './job.js';
import { collectOutputs } from './workspace.js';

const job = (over: Partial<ExecJob>): ExecJob => ({
  runId: 'r', jobId: 'j', command: ['true'], publicDir: '/x', files: [], outputs: [], outputDir: '/y',
  limits: { timeSec: 1, memoryMb: 64, cpus: 1, pids: 8 }, network: false, ...over,
});

describe('checkJob', () => {
  it('accepts a workspace path outside the system folders and absolute sockets with env names', () => {
    expect(() => checkJob(job({ workspacePath: '/home', unixSockets: [{ hostPath: '/tmp/a/llm.sock', env: 'MLE_SMITH_LLM_SOCKET' }] }))).not.toThrow();
    expect(() => checkJob(job({ workspacePath: '/workspace/agent-1' }))).not.toThrow();
  });

  it('refuses a workspace path that is relative, not normalised, or over a system folder', () => {
    for (const bad of ['home', '/home/../usr', '/', '/usr', '/usr/local/x', '/proc', '/tmp/ws', '/run', '/home/']) {
      expect(() => checkJob(job({ workspacePath: bad })), bad).toThrow(/^job j: workspacePath ".*" must be an absolute, normalised path outside/);
    }
  });

  it('refuses a socket with a relative path, a separator in it, or a bad env name', () => {
    expect(() => checkJob(job({ unixSockets: [{ hostPath: 'llm.sock', env: 'S' }] }))).toThrow(/unix socket "llm\.sock" must be an absolute path/);
    expect(() => checkJob(job({ unixSockets: [{ hostPath: '/tmp/a=b.sock', env: 'S' }] }))).toThrow(/must be an absolute path without "=" or newlines/);
    expect(() => checkJob(job({ unixSockets: [{ hostPath: '/tmp/s', env: '1BAD' }] }))).toThrow(/invalid environment variable name "1BAD" for a unix socket/);
  });
});

describe('collectOutputs with an output folder', () => {
  const roots: string[] = [];
  afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

  it('copies the regular files directly in the folder and refuses links among them', async () => {
    const root = await mkdtemp(join(tmpdir(), 'collect-dir-'));
    roots.push(root);
    const ws = join(root, 'ws');
    await mkdir(join(ws, 'logs', 'nested'), { recursive: true });
    await writeFile(join(ws, 'logs', 'agent.log'), 'hello');
    await writeFile(join(ws, 'logs', 'b.jsonl'), '{}\n');
    await writeFile(join(ws, 'logs', 'nested', 'deep.txt'), 'not taken');
    await writeFile(join(root, 'secret'), 'host file');
    await symlink(join(root, 'secret'), join(ws, 'logs', 'link'));
    const out = join(root, 'out');
    const r = await collectOutputs(ws, ['logs/', 'missing/'], out, 1 << 20);
    expect(r.copied).toEqual(['logs/agent.log', 'logs/b.jsonl']);
    expect(r.refused).toEqual(['logs/link (is a symlink)', 'logs/nested (is not a regular file)']);
    expect(await readFile(join(out, 'logs', 'agent.log'), 'utf8')).toBe('hello');
  });

  it('refuses a folder that is itself a link', async () => {
    const root = await mkdtemp(join(tmpdir(), 'collect-dir-'));
    roots.push(root);
    await mkdir(join(root, 'ws'));
    await mkdir(join(root, 'elsewhere'));
    await writeFile(join(root, 'elsewhere', 'x.txt'), 'x');
    await symlink(join(root, 'elsewhere'), join(root, 'ws', 'logs'));
    const r = await collectOutputs(join(root, 'ws'), ['logs/'], join(root, 'out'), 1 << 20);
    expect(r.copied).toEqual([]);
    expect(r.refused).toEqual(['logs/x.txt (is a symlink)']);
  });
});
