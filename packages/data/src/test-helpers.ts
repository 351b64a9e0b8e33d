// Shared by the tests: temp folders and small generated datasets.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { mulberry32 } from '@mle-smith/core';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

export async function tempDir(prefix = 'mls-data-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes files (path → content) under a new temp folder and returns it. */
export async function dataset(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tempDir();
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** A deterministic pseudo-random generator, so generated tables are stable. */
export const rng = mulberry32;

export const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
