import { mkdtemp, readdir, writeFile, mkdir } from 'node:fs/promises';
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
});
