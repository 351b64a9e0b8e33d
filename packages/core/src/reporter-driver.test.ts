import { describe, expect, it } from 'vitest';
import type { Reporter, RunSummary } from './contracts/extensions.js';
import { PluginHookError } from './errors.js';
import { ReporterDriver } from './reporter-driver.js';

const info = { runId: 'r', runDir: '/tmp/r', datasets: [], config: {} };

describe('ReporterDriver', () => {
  it('calls each reporter that has the callback, in plugin order', async () => {
    const calls: string[] = [];
    const driver = new ReporterDriver([
      { plugin: 'p1', reporter: { id: 'a', onRunStart: async () => { await new Promise((r) => setTimeout(r, 10)); calls.push('a'); } } },
      { plugin: 'p2', reporter: { id: 'b' } },
      { plugin: 'p3', reporter: { id: 'c', onRunStart: () => { calls.push('c'); } } },
    ]);
    await driver.onRunStart(info);
    expect(calls).toEqual(['a', 'c']);
  });

  it('calls a reporter with itself as this', async () => {
    const reporter: Reporter & { seen: string[] } = { id: 'self', seen: [], onStageEnd(e) { this.seen.push(e.stage); } };
    await new ReporterDriver([{ plugin: 'p', reporter }]).onStageEnd({ stage: 'design', durationMs: 1, cached: false });
    expect(reporter.seen).toEqual(['design']);
  });

  it('names the plugin, the reporter callback and the stage when a reporter throws', async () => {
    const driver = new ReporterDriver([{ plugin: 'reporter-broken', reporter: { id: 'broken', onStageEnd: () => { throw new Error('disk full'); } } }]);
    const err = await driver.onStageEnd({ stage: 'materialize', dataset: 'd', taskId: 't', durationMs: 5, cached: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginHookError);
    expect(err).toMatchObject({ plugin: 'reporter-broken', hook: 'reporter broken.onStageEnd', stage: 'materialize' });
    expect((err as Error).message).toBe('plugin "reporter-broken" failed in hook reporter broken.onStageEnd (stage materialize): disk full');
  });

  it('stops at the first failing reporter and gives run-level callbacks the stage "run"', async () => {
    const calls: string[] = [];
    const driver = new ReporterDriver([
      { plugin: 'first', reporter: { id: 'x', onRunEnd: async () => { throw new Error('nope'); } } },
      { plugin: 'second', reporter: { id: 'y', onRunEnd: () => { calls.push('y'); } } },
    ]);
    const err = await driver.onRunEnd({} as RunSummary).catch((e: unknown) => e);
    expect(err).toMatchObject({ plugin: 'first', hook: 'reporter x.onRunEnd', stage: 'run' });
    expect(calls).toEqual([]);
  });

  it('gives onTaskVerdict the stage "verdict"', async () => {
    const driver = new ReporterDriver([{ plugin: 'v', reporter: { id: 'v', onTaskVerdict: () => { throw new Error('bad'); } } }]);
    const err = await driver.onTaskVerdict({ taskId: 't' } as never).catch((e: unknown) => e);
    expect(err).toMatchObject({ plugin: 'v', stage: 'verdict' });
  });
});
