import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DesignContext } from '@mle-smith/core';
import { designContext as testkitDesignContext } from '@mle-smith/testkit';

export const EXAMPLES = fileURLToPath(new URL('../../../../examples/datasets/', import.meta.url));

export function exampleDir(name: string): string {
  return join(EXAMPLES, name);
}

export const designContext = (over: Partial<DesignContext> = {}): DesignContext => testkitDesignContext({ seed: 7, ...over });

export async function tempDir(prefix = 'designer-tabular-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes a one-file dataset folder and returns its path. */
export async function writeDataset(name: string, file: string, csv: string): Promise<string> {
  const dir = join(await tempDir(), name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, file), csv);
  return dir;
}

