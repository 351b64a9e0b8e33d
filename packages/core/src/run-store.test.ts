import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from './run-store.js';

describe('RunStore', () => {
  it('reuses a finished checkpoint and keeps the run id across reopenings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mls-run-'));
    const first = await RunStore.open(dir);
    let calls = 0;
    const fn = async () => ({ n: ++calls });
    expect(await first.checkpoint('datasets/iris/profile', fn)).toEqual({ value: { n: 1 }, cached: false });
    const second = await RunStore.open(dir);
    expect(second.runId).toBe(first.runId);
    expect(await second.checkpoint('datasets/iris/profile', fn)).toEqual({ value: { n: 1 }, cached: true });
    expect(calls).toBe(1);
    expect(second.record.resumedAt).toHaveLength(1);
  });

  it('sweeps temp files and staging folders a killed process left behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mls-run-'));
    await mkdir(join(dir, 'checkpoints', 'tasks'), { recursive: true });
    await writeFile(join(dir, 'checkpoints', 'tasks', '.design.json.123.abcd.tmp'), '{"half');
    await mkdir(join(dir, 'work', 'iris-species.staging-deadbeef', 'public'), { recursive: true });
    await RunStore.open(dir);
    expect(await readdir(join(dir, 'checkpoints', 'tasks'))).toEqual([]);
    expect(await readdir(join(dir, 'work'))).toEqual([]);
  });

  it('redoes a checkpoint whose inputs changed, and names the inputs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mls-run-'));
    const store = await RunStore.open(dir);
    let calls = 0;
    const fn = async () => ++calls;
    await store.checkpoint('datasets/iris/profile', fn, { inputs: { 'raw:iris.csv': 'a', tool: '1' } });
    expect(await store.checkpoint('datasets/iris/profile', fn, { inputs: { 'raw:iris.csv': 'a', tool: '1' } })).toEqual({ value: 1, cached: true });
    const redone: unknown[] = [];
    const r = await store.checkpoint('datasets/iris/profile', fn, { inputs: { 'raw:iris.csv': 'b', tool: '1' }, onRedo: (why) => redone.push(why) });
    expect(r).toEqual({ value: 2, cached: false, redo: { kind: 'inputs', changed: ['raw:iris.csv'] } });
    expect(redone).toEqual([{ kind: 'inputs', changed: ['raw:iris.csv'] }]);
  });

  it('redoes a checkpoint whose output file is missing, never reporting it cached', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mls-run-'));
    const store = await RunStore.open(dir);
    const file = join(dir, 'work', 't', 'verification.json');
    const fn = async () => {
      await mkdir(join(dir, 'work', 't'), { recursive: true });
      await writeFile(file, '{}');
      return true;
    };
    const spec = { outputs: () => [join(dir, 'work', 't')] };
    await store.checkpoint('tasks/t/verdict', fn, spec);
    expect((await store.checkpoint('tasks/t/verdict', fn, spec)).cached).toBe(true);
    await rm(file);
    expect(await store.outputChanged('tasks/t/verdict')).toBe('work/t/verification.json');
    expect(await store.checkpoint('tasks/t/verdict', fn, spec)).toEqual({ value: true, cached: false, redo: { kind: 'outputs', path: 'work/t/verification.json' } });
  });

  it('an interrupted stage keeps no result, only a mark the redo reports and removes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mls-run-'));
    const store = await RunStore.open(dir);
    await store.markInterrupted('tasks/t/attempt-0/execute', 'SIGTERM');
    const reopened = await RunStore.open(dir); // the sweep keeps marks
    expect(await reopened.readCheckpoint('tasks/t/attempt-0/execute')).toBeUndefined();
    expect(await reopened.checkpoint('tasks/t/attempt-0/execute', async () => 'ran')).toEqual({ value: 'ran', cached: false, redo: { kind: 'interrupted', signal: 'SIGTERM' } });
    expect(await readdir(join(dir, 'checkpoints', 'tasks', 't', 'attempt-0'))).toEqual(['execute.json']);
  });
});
