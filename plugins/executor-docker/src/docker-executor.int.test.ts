import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { executorConformanceSuite } from '@mle-smith/testkit';
import type { ExecutorFactory, PluginApi } from '@mle-smith/core';
import plugin, { createDockerodeClient, DockerExecutor, LABEL_DEADLINE, LABEL_OWNER, LABEL_RUN } from './index.js';
import { hostname } from 'node:os';

executorConformanceSuite('docker', () => new DockerExecutor());

describe('DockerExecutor', () => {
  const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
  const client = createDockerodeClient();
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  async function publicDir(): Promise<string> {
    const base = await mkdtemp(join(tmpdir(), 'mle-docker-'));
    dirs.push(base);
    await mkdir(join(base, 'public'));
    await writeFile(join(base, 'public', 'a.txt'), 'A');
    return join(base, 'public');
  }

  it('registers the "docker" executor through the plugin API', async () => {
    const factories: ExecutorFactory[] = [];
    await plugin({}).setup!({ addExecutor: (f: ExecutorFactory) => factories.push(f) } as unknown as PluginApi);
    expect(factories.map((f) => f.id)).toEqual(['docker']);
    expect(await factories[0]!.create({})).toBeInstanceOf(DockerExecutor);
  });

  it('runs as a non-root user on a read-only root with data/ read-only, and removes the container', async () => {
    const pub = await publicDir();
    const runId = `ro-${randomBytes(4).toString('hex')}`;
    const code = [
      'import os',
      "print('uid', os.getuid())",
      "for p in ['/usr/escape', '/etc/escape', 'data/new.txt']:",
      '    try:',
      "        open(p, 'w').write('x'); print('WROTE', p)",
      '    except OSError as e:',
      "        print('DENIED', p, e.errno)",
      "print('data', open('data/a.txt').read())",
    ].join('\n');
    const r = await new DockerExecutor().run(
      { runId, jobId: 'ro', command: ['python3', '-c', code], publicDir: pub, files: [], outputs: [], outputDir: join(pub, '..', 'out'), network: false, limits: { timeSec: 30, memoryMb: 256, cpus: 1, pids: 32 } },
      { log },
    );
    expect(r.exitCode, r.logTail).toBe(0);
    expect(r.logTail).toContain('uid 65534');
    expect(r.logTail).not.toContain('WROTE');
    expect(r.logTail).toContain('data A');
    expect((await client.list(LABEL_RUN)).filter((c) => c.labels[LABEL_RUN] === runId)).toEqual([]);
  });

  it('labels each container with its owner process and a deadline past its time limit', async () => {
    const pub = await publicDir();
    const runId = `labels-${randomBytes(4).toString('hex')}`;
    const started = Date.now();
    const running = new DockerExecutor().run(
      { runId, jobId: 'labels', command: ['sleep', '3'], publicDir: pub, files: [], outputs: [], outputDir: join(pub, '..', 'out'), network: false, limits: { timeSec: 20, memoryMb: 128, cpus: 1, pids: 16 } },
      { log },
    );
    let labels: Record<string, string> | undefined;
    while (!labels && Date.now() - started < 30_000) {
      labels = (await client.list(LABEL_RUN)).find((c) => c.labels[LABEL_RUN] === runId)?.labels;
      if (!labels) await new Promise((r) => setTimeout(r, 100));
    }
    await running;
    expect(labels?.[LABEL_OWNER]).toBe(`${hostname()}:${process.pid}`);
    const deadline = Number(labels?.[LABEL_DEADLINE]);
    expect(deadline).toBeGreaterThan(started + 20_000);
    expect(deadline).toBeLessThan(Date.now() + 20_000 + 120_000);
  }, 60_000);

  it('rejects unknown executor.options keys with their path (privileged is not an option)', async () => {
    const factories: ExecutorFactory[] = [];
    await plugin({}).setup!({ addExecutor: (f: ExecutorFactory) => factories.push(f) } as unknown as PluginApi);
    expect(() => factories[0]!.create({ privileged: true })).toThrow('config: at /executor/options: unknown key "privileged"');
  });

  it('fails clearly when the image is missing', async () => {
    const pub = await publicDir();
    await expect(
      new DockerExecutor({ image: 'mle-smith/does-not-exist:never' }).run(
        { runId: 'x', jobId: 'x', command: ['true'], publicDir: pub, files: [], outputs: [], outputDir: join(pub, '..', 'o'), network: false, limits: { timeSec: 5, memoryMb: 64, cpus: 1, pids: 8 } },
        { log },
      ),
    ).rejects.toThrow(/runner image .* not found; build it with tools\/runner-image\/build.sh/);
  });

  it('cleanup() removes the container of a host process that was SIGKILLed', async () => {
    const pub = await publicDir();
    const runId = `orphan-${randomBytes(4).toString('hex')}`;
    const fixture = fileURLToPath(new URL('./__fixtures__/orphan-job.mjs', import.meta.url));
    const child = spawn(process.execPath, [fixture, runId, pub, join(pub, '..', 'out')], { stdio: 'inherit', env: process.env });
    const mine = async () => (await client.list(LABEL_RUN)).filter((c) => c.labels[LABEL_RUN] === runId);
    const until = Date.now() + 60_000;
    while ((await mine()).filter((c) => c.state === 'running').length === 0) {
      if (Date.now() > until) throw new Error('the orphan job never started a container');
      await new Promise((r) => setTimeout(r, 200));
    }
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    // SIGKILL gives no chance to clean up: the container is still there...
    expect((await mine()).length).toBe(1);
    // ...until the next executor starts and cleans up.
    await new DockerExecutor().cleanup();
    expect(await mine()).toEqual([]);
  }, 120_000);
});
