// The profiler that reads each dataset in a child process: the same profile as in-process, the
// child's DatasetErrors with their messages, a child's death mapped to one DatasetError naming
// the signal and the file, and the run's interrupt killing the child. The child runs from dist/
// (profile-child.js loads the package by its name), so these tests need a build first.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatasetError, DiskError, InterruptedError, MleSmithError } from '@mle-smith/core';
import { describe, expect, it } from 'vitest';
import { isolatedProfiler, profileFromChild, profileInChild } from './isolated-profiler.js';
import { profileDataset } from './profile.js';
import { dataset } from './test-helpers.js';

const people = fileURLToPath(new URL('./__fixtures__/people', import.meta.url));
const died = (signal: NodeJS.Signals | null, exitCode: number | null = null, log = '') => ({ signal, exitCode, log });
const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('did not throw');
};

describe('profileFromChild: what a child left and how it ended', () => {
  it('a child killed by a signal is a DatasetError naming the signal and the file it was reading', () => {
    const err = thrown(() => profileFromChild({ reading: 'data.json' }, died('SIGSEGV', 139)));
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toBe('the reader crashed (SIGSEGV) while profiling data.json');
    expect(thrown(() => profileFromChild(undefined, died('SIGKILL', 137))).message).toBe('the reader crashed (SIGKILL) while reading the dataset folder');
  });

  it('a child that exits without a profile is a DatasetError with its exit code and last log line', () => {
    const err = thrown(() => profileFromChild({ reading: 'a.csv' }, died(null, 134, 'noise\nFATAL ERROR: heap out of memory\n')));
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toBe('the reader exited with code 134 without a profile while profiling a.csv: FATAL ERROR: heap out of memory');
    expect(thrown(() => profileFromChild(undefined, died(null, null, 'spawn failed: ENOENT'))).message).toBe('the reader could not start: spawn failed: ENOENT');
  });

  it("the child's errors come back as their own classes with the same message", () => {
    const dataset = thrown(() => profileFromChild({ error: { name: 'DatasetError', code: 'DATASET', message: 't.csv: duplicate column name "a"', file: 't.csv' } }, died(null, 0)));
    expect(dataset).toBeInstanceOf(DatasetError);
    expect(dataset).toMatchObject({ message: 't.csv: duplicate column name "a"', file: 't.csv' });
    const disk = thrown(() => profileFromChild({ error: { name: 'DiskError', code: 'DISK', message: 'disk full', path: '/tmp/x' } }, died(null, 0)));
    expect(disk).toBeInstanceOf(DiskError);
    expect(disk).toMatchObject({ message: 'disk full', path: '/tmp/x' });
    expect(thrown(() => profileFromChild({ error: { name: 'MleSmithError', code: 'EXECUTOR', message: 'x' } }, died(null, 0)))).toBeInstanceOf(MleSmithError);
    // a bug in the reader stays a bug (the run fails), not a bad dataset
    const bug = thrown(() => profileFromChild({ error: { name: 'TypeError', message: 'x is undefined' } }, died(null, 0)));
    expect(bug).not.toBeInstanceOf(MleSmithError);
    expect(bug).toMatchObject({ name: 'TypeError', message: 'x is undefined' });
  });
});

describe('profileInChild on real datasets', () => {
  it('gives the same profile, to the byte, as profiling in-process', async () => {
    expect(JSON.stringify(await isolatedProfiler.profile(people))).toBe(JSON.stringify(await profileDataset(people)));
  });

  it('a malformed dataset fails with the message it has in-process', async () => {
    const dir = await dataset({ 'nested.json': `[${'{"a":['.repeat(20_000)}1${']}'.repeat(20_000)}]`, 'dup.csv': 'a,A\n1,2\n' });
    const inProcess = await profileDataset(dir).then(() => new Error('profiled'), (e: Error) => e);
    const child = await profileInChild(dir).then(() => new Error('profiled'), (e: Error) => e);
    expect(child).toBeInstanceOf(DatasetError);
    expect(inProcess).toBeInstanceOf(DatasetError);
    expect(child.message).toBe(inProcess.message);
  });

  it("the run's interrupt kills the child and rejects with the InterruptedError", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `${i},${(i * 7919) % 1000}`).join('\n');
    const dir = await dataset({ 'big.csv': `id,x\n${rows}\n` });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new InterruptedError('SIGTERM')), 100);
    const err = await profileInChild(dir, controller.signal).catch((e: Error) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as InterruptedError).signal).toBe('SIGTERM');
    const left = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && cmdline(p).includes(dir));
    expect(left).toEqual([]);
  });
});

function cmdline(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
