// Reading the Python sources a baseline job ships: the shared module of this package and a
// plugin's tier scripts and modality module.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared module every tier script imports; `../python` from both src/ and dist/. */
export const BASELINE_MODULE_PATH = fileURLToPath(new URL('../python/mle_smith_baseline.py', import.meta.url));
export const BASELINE_MODULE_FILE = basename(BASELINE_MODULE_PATH);

const cache = new Map<string, Promise<string>>();

/** A source file's text, read once per process. */
export function readSource(path: string): Promise<string> {
  let text = cache.get(path);
  if (!text) {
    text = readFile(path, 'utf8');
    // A failed read must not stay cached: the next solve retries.
    text.catch(() => cache.delete(path));
    cache.set(path, text);
  }
  return text;
}
