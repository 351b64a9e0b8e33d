import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, PluginLoadError } from './errors.js';
import { PluginHost } from './plugin-host.js';
import { silentLogger } from './logger.js';
import type { PluginApi } from './contracts/plugin.js';
import { EXTENSION_POINTS, REPORTER } from './tokens.js';

const configDir = join(process.cwd(), 'src', '__fixtures__', 'plugins');
const load = (entries: Parameters<typeof PluginHost.load>[0]) => PluginHost.load(entries, { configDir, log: silentLogger });

describe('PluginHost', () => {
  it('loads a plugin by relative path, validating options and filling defaults before the factory runs', async () => {
    const host = await load([['./with-options.mjs', { greeting: 'hi' }]]);
    expect(host.plugins[0]).toMatchObject({ name: 'with-options', entry: './with-options.mjs', options: { greeting: 'hi', times: 1 } });
    expect(host.reporters().map((r) => r.id)).toEqual(['greeter-hi']);
    expect(host.plugins[0]!.contributions).toEqual([{ kind: 'reporter', id: 'greeter-hi' }]);
  });

  it('loads a folder with a package.json by relative path', async () => {
    const host = await load(['./pkg-plugin']);
    expect(host.solvers().map((s) => s.id)).toEqual(['noop']);
  });

  it('rejects options that fail the plugin schema, naming the plugin and the path', async () => {
    const err = await load([['./with-options.mjs', { greeting: 3 }]]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe('plugin "./with-options.mjs" options: at /greeting: must be string');
  });

  it('rejects duplicate plugin names', async () => {
    await expect(load(['./named-a.mjs', './named-b.mjs'])).rejects.toThrow('duplicate plugin name "same-name" (from "./named-a.mjs" and "./named-b.mjs")');
  });

  it('says how to install a missing package', async () => {
    const err = await load(['mle-smith-plugin-does-not-exist']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginLoadError);
    expect((err as PluginLoadError).exitCode).toBe(2);
    expect((err as Error).message).toBe('plugin "mle-smith-plugin-does-not-exist" not found: install it with npm install mle-smith-plugin-does-not-exist');
  });

  it('maps first-party short names to their packages', async () => {
    const err = await PluginHost.load(['designer-nonexistent' as string], { configDir: '/', log: silentLogger }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('install it with npm install designer-nonexistent');
    const err2 = await PluginHost.load(['exporter-mlebench'], { configDir: '/', log: silentLogger }).catch((e: unknown) => e);
    expect((err2 as Error).message).toContain('npm install @mle-smith/plugin-exporter-mlebench');
  });

  it('rejects a module without a default export', async () => {
    await expect(load(['./no-default.mjs'])).rejects.toThrow(/has no default export/);
  });

  it('rejects two contributions with the same id', async () => {
    const a = { name: 'a', apiVersion: 1 as const, setup: (api: { addSolver: (s: unknown) => void }) => api.addSolver({ id: 's', solve: async () => ({}) }) };
    const b = { ...a, name: 'b' };
    await expect(load([a as never, b as never])).rejects.toThrow('plugin "b" registers solver "s", already registered by "a"');
  });
});

describe('the extension registry', () => {
  it('gives every extension point an add method, keeps contributions in plugin order with their plugins, and lists them per plugin', async () => {
    const host = await load([
      { name: 'one', apiVersion: 1, setup: (api) => { api.addReporter({ id: 'r1' }); api.addMetric({ name: 'm', higherIsBetter: true } as never); } },
      { name: 'two', apiVersion: 1, setup: (api) => api.addReporter({ id: 'r2' }) },
    ]);
    expect(host.registry.entries(REPORTER).map((c) => [c.plugin, c.value.id])).toEqual([['one', 'r1'], ['two', 'r2']]);
    expect(host.metrics().map((m) => m.name)).toEqual(['m']);
    expect(host.plugins[0]!.contributions).toEqual([{ kind: 'reporter', id: 'r1' }, { kind: 'metric', id: 'm' }]);
    const api = await new Promise<PluginApi>((resolve) => void load([{ name: 'probe', apiVersion: 1, setup: resolve }]));
    expect(Object.keys(EXTENSION_POINTS).map((k) => EXTENSION_POINTS[k as keyof typeof EXTENSION_POINTS].method).every((m) => typeof (api as unknown as Record<string, unknown>)[m] === 'function')).toBe(true);
  });

  it('registers none of a plugin\'s contributions when two of them clash', async () => {
    const host = await load([]);
    const twice = { name: 'twice', apiVersion: 1 as const, setup: (api: PluginApi) => { api.addReporter({ id: 'ok' }); api.addReporter({ id: 'dup' }); api.addReporter({ id: 'dup' }); } };
    await expect(host.add(twice)).rejects.toThrow('plugin "twice" registers reporter "dup", already registered by "twice"');
    expect(host.reporters()).toEqual([]);
    expect(host.plugins).toEqual([]);
  });

  it('forgets what a plugin registered before its setup failed', async () => {
    const host = await load([]);
    await expect(host.add({ name: 'half', apiVersion: 1, setup: (api) => { api.addReporter({ id: 'half' }); throw new Error('boom'); } })).rejects.toBeInstanceOf(PluginLoadError);
    expect(host.reporters()).toEqual([]);
    await host.add({ name: 'whole', apiVersion: 1, setup: (api) => api.addReporter({ id: 'half' }) });
    expect(host.registry.entries(REPORTER).map((c) => c.plugin)).toEqual(['whole']);
  });
});
