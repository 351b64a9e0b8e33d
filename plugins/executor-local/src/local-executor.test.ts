import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executorConformanceSuite } from '@mle-smith/testkit';
import plugin, { LocalExecutor } from './index.js';
import type { ExecutorFactory, PluginApi } from '@mle-smith/core';

executorConformanceSuite('local', () => new LocalExecutor());

describe('LocalExecutor', () => {
  const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  async function publicDir(): Promise<string> {
    const base = await mkdtemp(join(tmpdir(), 'mle-local-'));
    dirs.push(base);
    await mkdir(join(base, 'public'));
    await writeFile(join(base, 'public', 'a.txt'), 'A');
    return join(base, 'public');
  }

  it('registers the "local" executor through the plugin API', async () => {
    const factories: ExecutorFactory[] = [];
    const api = { addExecutor: (f: ExecutorFactory) => factories.push(f) } as unknown as PluginApi;
    await plugin({ killGraceMs: 500 }).setup!(api);
    expect(factories.map((f) => f.id)).toEqual(['local']);
    expect(await factories[0]!.create({})).toBeInstanceOf(LocalExecutor);
    expect(plugin.optionsSchema).toBeDefined();
  });

  it('maps python3 to the configured interpreter and runs as an unprivileged user', async () => {
    const pub = await publicDir();
    const out = join(pub, '..', 'out');
    const r = await new LocalExecutor().run(
      {
        runId: 'r', jobId: 'py', publicDir: pub, outputDir: out, outputs: ['o/result.txt'], network: false,
        command: ['python3', '-c', "import os, sys, sklearn; os.makedirs('o'); open('o/result.txt','w').write(sys.executable + ' ' + str(os.getuid()) + ' ' + os.environ['HOME'] + ' ' + open('data/a.txt').read())"],
        files: [], limits: { timeSec: 30, memoryMb: 512, cpus: 1, pids: 32 },
      },
      { log },
    );
    expect(r.error, r.logTail).toBeUndefined();
    const [exe, uid, home, data] = (await readFile(join(out, 'o/result.txt'), 'utf8')).split(' ');
    expect(exe).toBe(process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3');
    expect(uid).toBe(process.getuid?.() === 0 ? '65534' : String(process.getuid?.()));
    expect(home).toBe(new LocalExecutor().sandbox().mode === 'namespaces' ? '/workspace' : expect.any(String));
    expect(data).toBe('A');
    expect(r.peakMemoryMb).toBeGreaterThan(1);
  });

  it('scrubs the environment and passes job.env', async () => {
    process.env.MLE_SMITH_TEST_LEAK = 'leak';
    const pub = await publicDir();
    const r = await new LocalExecutor().run(
      {
        runId: 'r', jobId: 'env', publicDir: pub, outputDir: join(pub, '..', 'out2'), outputs: [], network: false,
        command: ['sh', '-c', 'env | sort'], files: [], env: { MY_VAR: 'mine' },
        limits: { timeSec: 10, memoryMb: 256, cpus: 2, pids: 32 },
      },
      { log },
    );
    delete process.env.MLE_SMITH_TEST_LEAK;
    expect(r.logTail).toContain('MY_VAR=mine');
    expect(r.logTail).toContain('OMP_NUM_THREADS=2');
    expect(r.logTail).not.toContain('MLE_SMITH_TEST_LEAK');
  });

  it('refuses output symlinks and reports them', async () => {
    const pub = await publicDir();
    const out = join(pub, '..', 'out3');
    const r = await new LocalExecutor().run(
      {
        runId: 'r', jobId: 'links', publicDir: pub, outputDir: out, outputs: ['submission.csv', 'missing.csv'], network: false,
        command: ['sh', '-c', 'ln -s /etc/passwd submission.csv'], files: [],
        limits: { timeSec: 10, memoryMb: 256, cpus: 1, pids: 32 },
      },
      { log },
    );
    expect(r.outputs).toEqual([]);
    expect(r.error).toMatch(/submission\.csv \(is a symlink\)/);
  });

  it('honours an abort signal', async () => {
    const pub = await publicDir();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const r = await new LocalExecutor().run(
      {
        runId: 'r', jobId: 'abort', publicDir: pub, outputDir: join(pub, '..', 'out4'), outputs: [], network: false,
        command: ['sleep', '30'], files: [], limits: { timeSec: 30, memoryMb: 256, cpus: 1, pids: 32 },
      },
      { log, signal: controller.signal },
    );
    expect(r.error).toBe('aborted');
    expect(r.durationMs).toBeLessThan(3000);
  });

  it('rejects solution files that leave the workspace', async () => {
    const pub = await publicDir();
    await expect(
      new LocalExecutor().run(
        {
          runId: 'r', jobId: 'bad', publicDir: pub, outputDir: join(pub, '..', 'o'), outputs: [], network: false,
          command: ['true'], files: [{ path: '../evil.py', content: '' }], limits: { timeSec: 5, memoryMb: 128, cpus: 1, pids: 8 },
        },
        { log },
      ),
    ).rejects.toMatchObject({ code: 'EXECUTOR' });
  });
});
