import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spillPrefix, sweepStaleSpillFolders } from './spill-folders.js';

const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

/** The pid of a process that has exited (so no live process owns it, until the pid is reused). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((ok) => child.once('exit', ok));
  return child.pid!;
}

describe('spill folders', () => {
  it("removes the folders of processes that are gone, keeps this process's and a live one's and foreign names", async () => {
    const root = await mkdtemp(join(tmpdir(), 'spill-sweep-'));
    roots.push(root);
    const dead = await deadPid();
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const names = [`mle-smith-duckdb-${dead}-aaaaaa`, `mle-smith-duckdb-${live.pid}-bbbbbb`, 'mle-smith-duckdb-cccccc', 'other-dir'];
      for (const n of names) await mkdir(join(root, n, 'spill'), { recursive: true });
      const own = await mkdtemp(spillPrefix(root));
      expect(own).toContain(`mle-smith-duckdb-${process.pid}-`);
      expect(await sweepStaleSpillFolders(root)).toEqual([names[0]]);
      expect(names.map((n) => existsSync(join(root, n)))).toEqual([false, true, true, true]);
      expect(existsSync(own)).toBe(true);
    } finally {
      live.kill();
    }
  });
});
