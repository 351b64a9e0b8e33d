import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config-loader.js';
import { ConfigError } from './errors.js';

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mls-config-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe('loadConfig', () => {
  it('finds the config by searching upward and resolves paths against its folder', async () => {
    const dir = await dirWith({ 'mle-smith.config.json': JSON.stringify({ datasets: ['data'], out: 'runs/x' }), 'a/b/.keep': '' });
    const { config, file } = await loadConfig({ cwd: join(dir, 'a', 'b') });
    expect(file).toBe(join(dir, 'mle-smith.config.json'));
    expect(config.datasets).toEqual([join(dir, 'data')]);
    expect(config.out).toBe(join(dir, 'runs/x'));
    expect(config.design.maxProposalsPerDataset).toBe(3);
    expect(config.executor.limits.timeSec).toBe(300);
    expect(config.llm.backend).toBe('none');
  });

  it('accepts mle-smith.config.mjs exporting defineConfig()', async () => {
    const core = pathToFileURL(join(process.cwd(), 'dist', 'index.js')).href;
    const dir = await dirWith({ 'mle-smith.config.mjs': `import { defineConfig } from ${JSON.stringify(core)};\nexport default defineConfig({ seed: 7 });\n` });
    const { config } = await loadConfig({ cwd: dir });
    expect(config.seed).toBe(7);
  });

  it('applies overrides before validation', async () => {
    const dir = await dirWith({ 'mle-smith.config.json': '{}' });
    const { config } = await loadConfig({ cwd: dir, overrides: { 'executor.backend': 'docker', concurrency: 4 } });
    expect(config.executor.backend).toBe('docker');
    expect(config.concurrency).toBe(4);
  });

  const cases: Array<[string, unknown, RegExp]> = [
    ['an unknown key', { datasetz: [] }, /at \/: unknown key "datasetz"$/],
    ['a nested unknown key', { executor: { backnd: 'x' } }, /at \/executor: unknown key "backnd"$/],
    ['a wrong type', { seed: 'forty-two' }, /at \/seed: must be integer$/],
    ['a bad enum', { verify: { rules: { 'x/y': 'loud' } } }, /at \/verify\/rules\/x~1y/],
  ];
  for (const [name, value, message] of cases) {
    it(`rejects ${name} with one line naming the JSON path`, async () => {
      const dir = await dirWith({ 'mle-smith.config.json': JSON.stringify(value) });
      const err = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).exitCode).toBe(2);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('\n');
    });
  }

  it('names the file for invalid JSON', async () => {
    const dir = await dirWith({ 'mle-smith.config.json': '{ "seed": 1, }' });
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(/mle-smith\.config\.json: invalid JSON/);
  });

  it('extends the defaults key by key: objects merge, arrays replace, flags win', async () => {
    const defaults = { plugins: ['designer-tabular', 'reporter-json'], report: ['json', 'html'], executor: { backend: 'local', limits: { timeSec: 60 } } };
    const dir = await dirWith({ 'mle-smith.config.json': JSON.stringify({ executor: { limits: { memoryMb: 512 } }, report: ['json'] }) });
    const { config } = await loadConfig({ cwd: dir, defaults, overrides: { concurrency: 3 } });
    expect(config.plugins).toEqual(['designer-tabular', 'reporter-json']);
    expect(config.report).toEqual(['json']);
    expect(config.executor).toMatchObject({ backend: 'local', limits: { timeSec: 60, memoryMb: 512 } });
    expect(config.concurrency).toBe(3);
    expect(defaults.executor.limits).toEqual({ timeSec: 60 }); // the defaults object is not changed
    const explicit = await dirWith({ 'mle-smith.config.json': JSON.stringify({ plugins: ['designer-text'] }) });
    expect((await loadConfig({ cwd: explicit, defaults })).config.plugins).toEqual(['designer-text']);
  });

  it('fills the llm fallback policy and the endpoint check timeout', async () => {
    const dir = await dirWith({ 'mle-smith.config.json': JSON.stringify({ llm: { backend: 'openai', model: 'm', fallback: 'deterministic' } }) });
    const { config } = await loadConfig({ cwd: dir });
    expect(config.llm).toMatchObject({ fallback: 'deterministic', checkTimeoutMs: 15000 });
    const bad = await dirWith({ 'mle-smith.config.json': JSON.stringify({ llm: { fallback: 'silently' } }) });
    await expect(loadConfig({ cwd: bad })).rejects.toThrow(/at \/llm\/fallback: must be one of "none", "deterministic"$/);
  });

  it('fails for an explicit --config that does not exist', async () => {
    await expect(loadConfig({ cwd: tmpdir(), configPath: 'nope.json' })).rejects.toThrow(/config file not found/);
  });
});
