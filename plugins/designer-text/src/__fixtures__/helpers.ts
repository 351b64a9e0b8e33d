import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DesignContext } from '@mle-smith/core';
import { designContext as testkitDesignContext } from '@mle-smith/testkit';

export const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
export const PLUGIN_DIR = fileURLToPath(new URL('../../', import.meta.url));

export function exampleDir(name: string): string {
  return join(EXAMPLES, 'datasets', name);
}

export const designContext = (over: Partial<DesignContext> = {}): DesignContext => testkitDesignContext({ seed: 7, ...over });

export async function tempDir(prefix = 'designer-text-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes a dataset folder from path → content (string or bytes) and returns its path. */
export async function writeDataset(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(await tempDir(), name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** A small folder-per-class corpus: `pos/` and `neg/` reviews with distinct vocabularies. */
export function reviewCorpus(n = 30): Record<string, string> {
  const good = ['wonderful', 'excellent', 'delightful', 'superb', 'charming', 'brilliant'];
  const bad = ['dreadful', 'boring', 'awful', 'tedious', 'clumsy', 'dull'];
  const files: Record<string, string> = { 'SOURCE.md': '# Reviews\n\nSynthetic test corpus.\n' };
  for (let i = 0; i < n; i++) {
    const pick = (words: string[]) => [words[i % 6], words[(i * 5 + 1) % 6], words[(i * 7 + 2) % 6]].join(' ');
    files[`pos/review_${String(i).padStart(3, '0')}.txt`] = `Review ${i}: the film was ${pick(good)} and the cast was ${pick(good)}, a plot with some ${bad[i % 6]} moments.\n`;
    files[`neg/review_${String(i).padStart(3, '0')}.txt`] = `Review ${i}: the film was ${pick(bad)} and the cast was ${pick(bad)}, a plot with some ${good[i % 6]} moments.\n`;
  }
  return files;
}

export { filesOf } from '@mle-smith/testkit';
