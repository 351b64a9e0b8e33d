// The executor conformance suite: a plain job, then hostile solutions that try to read the
// answers, reach the network, outlive the time limit, exhaust memory or processes, flood the
// logs and write outside their workspace. Every executor must contain all of them and report
// a clear result. Run it from an executor's tests:
//   executorConformanceSuite('local', () => new LocalExecutor());
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecJob, ExecLimits, ExecResult, Executor, Logger } from '@mle-smith/core';

export interface ExecutorConformanceOptions {
  /** The executor reports `oomKilled` (cgroup/container based). Default true. */
  detectsOom?: boolean;
  /** Extra wall time allowed around a job for workspace/container set-up and tear-down. Default 3000 ms. */
  setupSlackMs?: number;
}

const quietLog: Logger = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const BASE_LIMITS: ExecLimits = { timeSec: 30, memoryMb: 512, cpus: 1, pids: 64, logBytes: 64 * 1024 };

/** Host processes whose command line contains `marker` (any user, any container). */
export async function processesWithMarker(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(marker)) found.push(Number(name));
  }
  return found;
}

async function waitNoProcesses(marker: string, withinMs: number): Promise<number[]> {
  const until = Date.now() + withinMs;
  let left = await processesWithMarker(marker);
  while (left.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = await processesWithMarker(marker);
  }
  return left;
}

export function executorConformanceSuite(
  name: string,
  makeExecutor: () => Executor | Promise<Executor>,
  options: ExecutorConformanceOptions = {},
): void {
  const slack = options.setupSlackMs ?? 3000;
  describe(`executor conformance: ${name}`, () => {
    let executor: Executor;
    let base: string;
    let publicDir: string;
    let privateFile: string;
    let secret: string;
    let jobCount = 0;

    beforeAll(async () => {
      executor = await makeExecutor();
      await executor.cleanup?.();
      base = await mkdtemp(join(tmpdir(), 'mle-conformance-'));
      // World-writable and world-readable on purpose: only the sandbox may keep a job out.
      await chmod(base, 0o777);
      publicDir = join(base, 'task', 'public');
      await mkdir(publicDir, { recursive: true });
      await mkdir(join(base, 'task', 'private'), { recursive: true });
      await chmod(join(base, 'task'), 0o755);
      await chmod(join(base, 'task', 'private'), 0o755);
      secret = `SECRET-${randomBytes(8).toString('hex')}`;
      privateFile = join(base, 'task', 'private', 'answers.csv');
      await writeFile(privateFile, `id,target\n1,${secret}\n`, { mode: 0o644 });
      await writeFile(join(publicDir, 'train.csv'), 'id,x,y\n1,1.0,0\n2,2.0,1\n3,3.0,1\n');
      await writeFile(join(publicDir, 'test.csv'), 'id,x\n4,4.0\n5,0.5\n');
    });

    afterAll(async () => {
      await executor?.dispose();
      if (base) await rm(base, { recursive: true, force: true });
    });

    function job(code: string, extra: Partial<ExecJob> & { args?: string[] } = {}): ExecJob {
      const id = `conf-${++jobCount}-${randomBytes(3).toString('hex')}`;
      const { args, ...rest } = extra;
      return {
        runId: `conformance-${name}`,
        jobId: id,
        command: ['python3', 'main.py', ...(args ?? [])],
        publicDir,
        files: [{ path: 'main.py', content: code }],
        outputs: ['submission.csv'],
        outputDir: join(base, 'out', id),
        limits: { ...BASE_LIMITS },
        network: false,
        ...rest,
      };
    }

    const run = (j: ExecJob): Promise<ExecResult> => executor.run(j, { log: quietLog });

    it('runs a plain job and copies submission.csv back', async () => {
      const j = job(
        [
          'import csv, numpy, pandas, sklearn',
          "test = pandas.read_csv('data/test.csv')",
          "test['y'] = (test['x'] > 1).astype(int)",
          "test[['id', 'y']].to_csv('submission.csv', index=False)",
          "print('hello from the job')",
        ].join('\n'),
      );
      const r = await run(j);
      expect(r.error, r.logTail).toBeUndefined();
      expect(r.exitCode).toBe(0);
      expect(r.timedOut).toBe(false);
      expect(r.oomKilled).toBe(false);
      expect(r.logTail).toContain('hello from the job');
      expect(r.outputs).toEqual(['submission.csv']);
      expect(await readFile(join(j.outputDir, 'submission.csv'), 'utf8')).toBe('id,y\n4,1\n5,0\n');
      expect(r.durationMs).toBeGreaterThan(0);
    });

    it('refuses a public folder that is, or contains, a private folder', async () => {
      await expect(run(job('pass', { publicDir: join(base, 'task', 'private') }))).rejects.toMatchObject({ code: 'EXECUTOR' });
      await expect(run(job('pass', { publicDir: join(base, 'task') }))).rejects.toMatchObject({ code: 'EXECUTOR' });
      const linked = join(base, 'linked-public');
      await mkdir(linked, { recursive: true });
      await symlink(privateFile, join(linked, 'answers.csv'));
      await expect(run(job('pass', { publicDir: linked }))).rejects.toMatchObject({ code: 'EXECUTOR' });
    });

    it('keeps private answers out of reach (relative, absolute and filesystem search)', async () => {
      const code = `
import os, sys, time
secret = sys.argv[1]
hits = []
def check(path):
    try:
        with open(path, errors='replace') as f:
            if secret in f.read():
                hits.append(path)
    except Exception:
        pass
for p in ['../private/answers.csv', '../../private/answers.csv', 'data/../../private/answers.csv', os.environ['HOST_PRIVATE']]:
    check(p)
deadline = time.time() + 40
for root, dirs, files in os.walk('/'):
    dirs[:] = [d for d in dirs if os.path.join(root, d) not in ('/proc', '/sys')]
    for f in files:
        if f == 'answers.csv' or f.endswith('.csv'):
            check(os.path.join(root, f))
    if time.time() > deadline:
        break
print('SEARCH DONE')
print('FOUND ' + ' '.join(hits) if hits else 'NOT FOUND')
`;
      const r = await run(job(code, { args: [secret.replace('SECRET-', '')], env: { HOST_PRIVATE: privateFile }, limits: { ...BASE_LIMITS, timeSec: 90 } }));
      expect(r.logTail).toContain('SEARCH DONE');
      expect(r.logTail).toContain('NOT FOUND');
      expect(r.exitCode).toBe(0);
    }, 120_000);

    it('has no network: a server on the host sees no connection', async () => {
      let connections = 0;
      const server: Server = createServer((s) => {
        connections++;
        s.destroy();
      });
      await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
      const port = (server.address() as { port: number }).port;
      const hosts = ['127.0.0.1'];
      for (const list of Object.values(networkInterfaces())) {
        for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) hosts.push(a.address);
      }
      const code = `
import socket, sys
port = int(sys.argv[1])
for host in sys.argv[2:]:
    try:
        socket.create_connection((host, port), timeout=3).close()
        print('CONNECTED', host)
    except Exception as e:
        print('BLOCKED', host, type(e).__name__)
print('NET DONE')
`;
      try {
        const r = await run(job(code, { args: [String(port), ...hosts] }));
        expect(r.logTail).toContain('NET DONE');
        expect(r.logTail).not.toContain('CONNECTED');
        expect(connections).toBe(0);
      } finally {
        server.close();
      }
    });

    it('kills a job past its time limit, children included, within 2 s', async () => {
      const marker = `mlesleep${randomBytes(6).toString('hex')}`;
      const code = `
import subprocess, sys, time
m = sys.argv[1]
sleeper = 'import time; time.sleep(1000)'
subprocess.Popen([sys.executable, '-c', sleeper, m])
subprocess.Popen([sys.executable, '-c', sleeper, m], start_new_session=True)
subprocess.Popen(['sh', '-c', 'sleep 1000; echo ' + m])
print('STARTED', flush=True)
time.sleep(1000)
`;
      const limit = 3;
      const started = Date.now();
      const r = await run(job(code, { args: [marker], limits: { ...BASE_LIMITS, timeSec: limit } }));
      const wall = Date.now() - started;
      expect(r.timedOut).toBe(true);
      expect(r.error).toMatch(/time/i);
      expect(r.logTail).toContain('STARTED');
      expect(r.durationMs).toBeLessThanOrEqual(limit * 1000 + 2000);
      expect(wall).toBeLessThanOrEqual(limit * 1000 + 2000 + slack);
      expect(await processesWithMarker(marker)).toEqual([]);
    });

    it('stops a job that allocates past its memory limit', async () => {
      const code = `
blocks = []
for i in range(1, 33):
    blocks.append(b'\\x01' * (64 << 20))
    print('ALLOCATED', i * 64, flush=True)
print('SURVIVED')
`;
      const memoryMb = 256;
      const r = await run(job(code, { limits: { ...BASE_LIMITS, memoryMb } }));
      expect(r.logTail).not.toContain('SURVIVED');
      expect(r.exitCode).not.toBe(0);
      expect(r.timedOut).toBe(false);
      expect(r.error).toBeTruthy();
      if (options.detectsOom ?? true) {
        expect(r.oomKilled).toBe(true);
        expect(r.error).toMatch(/memory/i);
      }
      if (r.peakMemoryMb !== undefined) expect(r.peakMemoryMb).toBeLessThanOrEqual(memoryMb * 1.05);
    });

    it('contains a fork bomb and kills all of it', async () => {
      const marker = `mlebomb${randomBytes(6).toString('hex')}`;
      const code = `
import os, sys, time
print('BOMB', sys.argv[1], flush=True)
while True:
    try:
        os.fork()
    except OSError:
        time.sleep(0.01)
`;
      const limit = 5;
      const started = Date.now();
      const r = await run(job(code, { args: [marker], limits: { ...BASE_LIMITS, timeSec: limit, pids: 32 } }));
      expect(Date.now() - started).toBeLessThanOrEqual(limit * 1000 + 2000 + slack);
      expect(r.timedOut).toBe(true);
      expect(r.error).toBeTruthy();
      expect(await waitNoProcesses(marker, 1000)).toEqual([]);
      // The machine is still fine: the next job runs normally.
      const after = await run(job("print('still fine')", { outputs: [] }));
      expect(after.exitCode).toBe(0);
      expect(after.logTail).toContain('still fine');
    }, 60_000);

    it('caps a flood of log output without buffering it on the host', async () => {
      const code = `
import sys
chunk = b'x' * (1 << 20)
while True:
    sys.stdout.buffer.write(chunk)
    sys.stderr.buffer.write(chunk)
`;
      const logBytes = 64 * 1024;
      let peakRss = process.memoryUsage().rss;
      const before = peakRss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      const started = Date.now();
      let r: ExecResult;
      try {
        r = await run(job(code, { limits: { ...BASE_LIMITS, timeSec: 20, logBytes } }));
      } finally {
        clearInterval(sampler);
      }
      expect(Date.now() - started).toBeLessThanOrEqual(20_000 + 2000 + slack);
      expect(r.logTruncated).toBe(true);
      expect(Buffer.byteLength(r.logTail)).toBeLessThanOrEqual(logBytes);
      expect(r.exitCode).not.toBe(0);
      expect(r.error).toBeTruthy();
      expect(peakRss - before).toBeLessThan(200 * 1024 * 1024);
    }, 60_000);

    it('cannot write outside its workspace', async () => {
      const id = randomBytes(6).toString('hex');
      const code = `
import os, sys
id = sys.argv[1]
targets = ['/tmp/escape-marker-' + id, '../escape-parent-' + id, os.path.join(os.environ.get('HOME', '.'), '..', 'escape-home-' + id),
           '/escape-root-' + id, '/var/tmp/escape-' + id, '/dev/shm/escape-' + id, os.path.join(sys.argv[2], 'escape-host-' + id)]
for t in targets:
    try:
        with open(t, 'w') as f:
            f.write('escaped')
        print('WROTE', t)
    except Exception as e:
        print('DENIED', t, type(e).__name__)
with open(os.path.join(os.environ['HOME'], 'home-file-' + id), 'w') as f:
    f.write('inside')
print('WRITE DONE')
`;
      const r = await run(job(code, { args: [id, base], outputs: [] }));
      expect(r.logTail).toContain('WRITE DONE');
      for (const p of [`/tmp/escape-marker-${id}`, `/escape-root-${id}`, `/var/tmp/escape-${id}`, `/dev/shm/escape-${id}`, join(base, `escape-host-${id}`), join(tmpdir(), `escape-parent-${id}`)]) {
        expect(existsSync(p), p).toBe(false);
      }
      // Nothing with the id survives anywhere under the host temp folder (workspace included).
      const leftovers: string[] = [];
      const walk = async (dir: string, depth: number): Promise<void> => {
        if (depth > 4) return;
        for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
          if (e.name.includes(id)) leftovers.push(join(dir, e.name));
          if (e.isDirectory() && !e.isSymbolicLink()) await walk(join(dir, e.name), depth + 1);
        }
      };
      await walk(tmpdir(), 0);
      expect(leftovers).toEqual([]);
    });
  });
}
