import { describe, expect, it } from 'vitest';
import { HookDriver } from './hook-driver.js';
import { PluginHookError } from './errors.js';
import type { Plugin } from './contracts/plugin.js';
import type { TaskSpec } from './contracts/task.js';
import { silentLogger } from './logger.js';

const plugin = (name: string, hooks: Partial<Plugin>): Plugin => ({ name, apiVersion: 1, ...hooks });

describe('HookDriver', () => {
  it('runs sequential hooks in plugin order', async () => {
    const calls: string[] = [];
    const driver = new HookDriver([
      plugin('a', { beforeStage: async () => { await new Promise((r) => setTimeout(r, 10)); calls.push('a'); } }),
      plugin('b', { beforeStage: () => { calls.push('b'); } }),
    ], silentLogger);
    await driver.sequential('beforeStage', { stage: 'design' }, { stage: 'design' });
    expect(calls).toEqual(['a', 'b']);
  });

  it('threads a waterfall through every plugin and keeps the value when a hook returns nothing', async () => {
    const driver = new HookDriver([
      plugin('a', { transformTaskSpec: (s) => ({ ...s, title: `${s.title}+a` }) }),
      plugin('b', { transformTaskSpec: () => undefined }),
      plugin('c', { transformTaskSpec: (s) => ({ ...s, title: `${s.title}+c` }) }),
    ], silentLogger);
    const out = await driver.transformTaskSpec({ title: 't' } as TaskSpec, { stage: 'design' });
    expect(out.title).toBe('t+a+c');
  });

  it('wraps a throwing hook in PluginHookError naming plugin, hook and stage', async () => {
    const driver = new HookDriver([plugin('broken', { afterStage: () => { throw new Error('boom'); } })], silentLogger);
    const err = await driver.sequential('afterStage', { stage: 'materialize' }, { stage: 'materialize', output: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginHookError);
    expect(err).toMatchObject({ plugin: 'broken', hook: 'afterStage', stage: 'materialize' });
    expect((err as Error).message).toBe('plugin "broken" failed in hook afterStage (stage materialize): boom');
  });

  it('isolates onRunEnd failures', async () => {
    const warnings: string[] = [];
    let ran = false;
    const driver = new HookDriver([
      plugin('a', { onRunEnd: () => { throw new Error('nope'); } }),
      plugin('b', { onRunEnd: () => { ran = true; } }),
    ], { ...silentLogger, warn: (m) => warnings.push(m) });
    await driver.parallelIsolated('onRunEnd', { runId: 'r', runDir: '/tmp', datasets: [], config: {}, ok: true });
    expect(ran).toBe(true);
    expect(warnings[0]).toContain('plugin "a" failed in hook onRunEnd');
  });

  it('runs parallel hooks concurrently', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const driver = new HookDriver([
      plugin('a', { onRunStart: async () => { started.push('a'); await gate; } }),
      plugin('b', { onRunStart: async () => { started.push('b'); release(); } }),
    ], silentLogger);
    await driver.parallel('onRunStart', 'run', { runId: 'r', runDir: '/tmp', datasets: [], config: {} });
    expect(started.sort()).toEqual(['a', 'b']);
  });
});
