// Locates and reads the tier scripts shipped under python/ (next to dist/ and src/ alike).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BaselineTier } from '@mle-smith/core';

/** Folder of the Python scripts; `../python` from both src/*.ts and dist/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

const cache = new Map<string, Promise<string>>();

function read(name: string): Promise<string> {
  let text = cache.get(name);
  if (!text) {
    text = readFile(`${PYTHON_DIR}${name}`, 'utf8');
    // A failed read must not stay cached: the next solve retries.
    text.catch(() => cache.delete(name));
    cache.set(name, text);
  }
  return text;
}

/** The files a tier runs: its script as solution.py plus the shared helper module. */
export async function tierSources(tier: BaselineTier): Promise<Array<{ path: string; content: string }>> {
  const [solution, common] = await Promise.all([read(`${tier}.py`), read('common.py')]);
  return [
    { path: 'solution.py', content: solution },
    { path: 'common.py', content: common },
  ];
}
