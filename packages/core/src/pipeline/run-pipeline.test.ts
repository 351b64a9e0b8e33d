import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plugin } from '../contracts/plugin.js';
import type { DesignerSelection } from '../contracts/extensions.js';
import { resolveConfig } from '../config-loader.js';
import { DesignerDeclinedError, PluginHookError } from '../errors.js';
import { silentLogger } from '../logger.js';
import type { PluginInput } from '../plugin-host.js';
import { compose } from './compose.js';

const fixtures = join(process.cwd(), 'src', '__fixtures__', 'pipeline');
const profiler = { profile: async (dir: string) => ({ name: dir.split('/').pop()!, dir, tables: [], media: [], files: [] }) };
/** The pipeline as the CLI builds it: compose() over the fixture plugins. */
const runPipeline = async (config: ReturnType<typeof resolveConfig>, plugins: PluginInput[]) =>
  (await compose({ config, configDir: fixtures, plugins, log: silentLogger, profiler })).run();

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile() || e.isDirectory()) out.push(join(e.parentPath, e.name));
  return out;
}

describe('runPipeline', () => {
  it('calls hooks and reporters in the documented order and publishes the tasks', async () => {
    const out = await mkdtemp(join(tmpdir(), 'mls-pipe-'));
    const events: string[] = [];
    const recorder: Plugin = {
      name: 'recorder', apiVersion: 1,
      onRunStart: () => { events.push('onRunStart'); },
      beforeStage: (s) => { events.push(`beforeStage:${s.stage}`); },
      afterStage: (s) => { events.push(`afterStage:${s.stage}`); },
      transformTaskSpec: (spec) => { events.push('transformTaskSpec'); return { ...spec, title: `${spec.title} (reviewed)` }; },
      onRunEnd: (info) => { events.push(`onRunEnd:${info.ok}`); },
      setup: (api) => api.addReporter({ id: 'rec', onRunEnd: (s) => { events.push(`reporter.onRunEnd:${s.funnel.execution}`); } }),
    };
    const config = resolveConfig({ datasets: [join(fixtures, 'datasets')], out, execute: { enabled: false }, report: ['rec'] }, fixtures);
    const { summary, ok } = await runPipeline(config, [['./file-designer.mjs', { tasks: 1 }], recorder]);
    expect(ok).toBe(true);
    expect(events).toEqual([
      'onRunStart',
      'beforeStage:profile', 'afterStage:profile',
      'beforeStage:brainstorm', 'afterStage:brainstorm',
      'beforeStage:design', 'transformTaskSpec', 'afterStage:design',
      'beforeStage:verify', 'afterStage:verify',
      'beforeStage:materialize', 'afterStage:materialize',
      'beforeStage:verify', 'afterStage:verify',
      'beforeStage:review', 'afterStage:review',
      'beforeStage:verdict', 'afterStage:verdict',
      'beforeStage:publish', 'afterStage:publish',
      'reporter.onRunEnd:1',
      'onRunEnd:true',
    ]);
    expect(summary.tasks[0]).toMatchObject({ taskId: 'alpha-task-1', status: 'accepted', title: 'Task 1 (reviewed)' });
    const manifest = JSON.parse(await readFile(join(out, 'tasks', 'alpha-task-1', 'task.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['private/answers.csv', 'public/sample_submission.csv', 'public/test.csv', 'public/train.csv']);
  });

  it('a designer that declines a dataset it supported hands it to the next designer; when all decline, the dataset fails with every reason', async () => {
    const decliner = (name: string): Plugin => ({
      name, apiVersion: 1,
      setup: (api) => api.addDesigner({
        id: name, modality: 'time-series', supports: () => true,
        brainstorm: async () => { throw new DesignerDeclinedError('no forecasting task: the date column indexes no series'); },
        design: async () => { throw new Error('never called'); },
        materialize: async () => { throw new Error('never called'); },
      }),
    });
    const out = await mkdtemp(join(tmpdir(), 'mls-decline-'));
    const config = resolveConfig({ datasets: [join(fixtures, 'datasets')], out, execute: { enabled: false }, report: [] }, fixtures);
    const { summary, ok } = await runPipeline(config, [decliner('forecaster'), ['./file-designer.mjs', { tasks: 1 }]]);
    expect(ok).toBe(true);
    expect(summary.datasets[0]).toMatchObject({ designer: 'file-designer', proposals: 1 });
    expect(summary.tasks[0]).toMatchObject({ taskId: 'alpha-task-1', status: 'accepted' });
    // the fallback's proposals are stored under its own name
    expect(await readdir(out, { recursive: true }).then((f) => f.some((p) => p.endsWith('brainstorm-file-designer.json')))).toBe(true);

    const alone = await mkdtemp(join(tmpdir(), 'mls-decline-'));
    const none = await runPipeline(resolveConfig({ datasets: [join(fixtures, 'datasets')], out: alone, execute: { enabled: false }, report: [] }, fixtures), [decliner('forecaster'), decliner('other')]);
    expect(none.summary.datasets[0].error).toBe('forecaster: no forecasting task: the date column indexes no series; other: no forecasting task: the date column indexes no series');
  });

  it('a dataset no designer claims is offered once more as unclaimed (a panel too short to forecast goes to the table designer)', async () => {
    const asked: Array<DesignerSelection | undefined> = [];
    const leftover: Plugin = {
      name: 'leftover', apiVersion: 1,
      setup: (api) => api.addDesigner({
        id: 'leftover', modality: 'tabular',
        supports: (_profile, selection) => { asked.push(selection); return selection?.unclaimed === true; },
        brainstorm: async () => { throw new DesignerDeclinedError('taken as unclaimed, then declined'); },
        design: async () => { throw new Error('never called'); },
        materialize: async () => { throw new Error('never called'); },
      }),
    };
    const out = await mkdtemp(join(tmpdir(), 'mls-unclaimed-'));
    const alone = await runPipeline(resolveConfig({ datasets: [join(fixtures, 'datasets')], out, execute: { enabled: false }, report: [] }, fixtures), [leftover]);
    expect(alone.summary.datasets[0].error).toBe('leftover: taken as unclaimed, then declined');
    expect(asked).toContainEqual({ declined: [], unclaimed: true });

    asked.length = 0;
    const claimed = await mkdtemp(join(tmpdir(), 'mls-unclaimed-'));
    const { summary } = await runPipeline(resolveConfig({ datasets: [join(fixtures, 'datasets')], out: claimed, execute: { enabled: false }, report: [] }, fixtures), [leftover, ['./file-designer.mjs', { tasks: 1 }]]);
    expect(summary.datasets[0]).toMatchObject({ designer: 'file-designer', proposals: 1 });
    expect(asked.some((s) => s?.unclaimed)).toBe(false);
  });

  it('surfaces a throwing hook as PluginHookError naming plugin, hook and stage', async () => {
    const out = await mkdtemp(join(tmpdir(), 'mls-pipe-'));
    const broken: Plugin = { name: 'broken-hooks', apiVersion: 1, afterStage: (s) => { if (s.stage === 'brainstorm') throw new Error('kaput'); } };
    const config = resolveConfig({ datasets: [join(fixtures, 'datasets')], out, execute: { enabled: false }, report: [] }, fixtures);
    const err = await runPipeline(config, ['./file-designer.mjs', broken]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginHookError);
    expect(err).toMatchObject({ plugin: 'broken-hooks', hook: 'afterStage', stage: 'brainstorm' });
  });

  it('resumes a run killed with SIGKILL without redoing finished stages or leaving half-written files', async () => {
    const out = await mkdtemp(join(tmpdir(), 'mls-kill-'));
    const callsLog = join(out, '..', `${out.split('/').pop()}-calls.log`);
    const child = spawn(process.execPath, [join(fixtures, 'run-child.mjs'), out, join(fixtures, 'datasets')], {
      env: { ...process.env, CALLS_LOG: callsLog, SLOW_TASK: 'alpha-task-2' }, stdio: 'ignore',
    });
    // Wait until task 1 is published and task 2 is being written, then kill.
    for (let i = 0; i < 200; i++) {
      const calls = await readFile(callsLog, 'utf8').catch(() => '');
      if (calls.includes('materialize alpha-task-2 start')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const before = (await readFile(callsLog, 'utf8')).trim().split('\n');
    expect(before).toContain('materialize alpha-task-1 done');
    expect(before).not.toContain('materialize alpha-task-2 done');

    const rerun = spawn(process.execPath, [join(fixtures, 'run-child.mjs'), out, join(fixtures, 'datasets')], { env: { ...process.env, CALLS_LOG: callsLog }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    rerun.stdout.on('data', (d) => (stdout += d));
    await new Promise((r) => rerun.once('exit', r));
    expect(stdout.trim()).toBe('ok');
    const after = (await readFile(callsLog, 'utf8')).trim().split('\n').slice(before.length);
    // Finished work is not redone: no second brainstorm, no second design or materialize of task 1.
    expect(after).not.toContain('brainstorm alpha');
    expect(after.filter((l) => l.includes('alpha-task-1'))).toEqual([]);
    expect(after).toContain('materialize alpha-task-2 done');
    expect(after).toContain('materialize alpha-task-3 done');
    const leftovers = (await allFiles(out)).filter((p) => p.endsWith('.tmp') || p.includes('.staging-') || p.includes('.old-'));
    expect(leftovers).toEqual([]);
    for (const id of ['alpha-task-1', 'alpha-task-2', 'alpha-task-3']) {
      expect(JSON.parse(await readFile(join(out, 'tasks', id, 'task.json'), 'utf8')).id).toBe(id);
    }
  }, 60_000);
});

describe('runPipeline reporters', () => {
  it('reports a throwing reporter like a throwing hook: the plugin, the callback and the stage', async () => {
    const out = await mkdtemp(join(tmpdir(), 'mls-pipe-'));
    const broken: Plugin = {
      name: 'broken-reporter', apiVersion: 1,
      setup: (api) => api.addReporter({ id: 'flaky', onStageEnd: (e) => { if (e.stage === 'materialize') throw new Error('disk full'); } }),
    };
    const config = resolveConfig({ datasets: [join(fixtures, 'datasets')], out, execute: { enabled: false }, report: ['flaky'] }, fixtures);
    const err = await runPipeline(config, [['./file-designer.mjs', { tasks: 1 }], broken]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginHookError);
    expect(err).toMatchObject({ plugin: 'broken-reporter', hook: 'reporter flaky.onStageEnd', stage: 'materialize' });
    expect((err as Error).message).toContain('disk full');
  });
});
