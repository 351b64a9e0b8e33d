// Reading the Python sources a baseline job ships: the shared module of this package and a
// plugin's tier scripts and modality module.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared module every tier script imports; `../python` from both src/ and dist/. */
export const BASELINE_MODULE_PATH = fileURLToPath(new URL('../python/mle_smith_baseline.py', import.meta.url));
export const BASELINE_MODULE_FILE = basename(BASELINE_MODULE_PATH);

/** The modalities with a Python module here, read by every solver of that modality. */
export type PythonModality = 'tabular' | 'text' | 'image' | 'audio';

/**
 * Each modality's module (tabular.py, text.py, image.py, audio.py: how its examples are read and
 * turned into features), shared by the baseline ladders and the solver zoo; shipped next to
 * solution.py under its own name.
 */
export const MODALITY_MODULE_PATHS: Readonly<Record<PythonModality, string>> = Object.freeze({
  tabular: fileURLToPath(new URL('../python/tabular.py', import.meta.url)),
  text: fileURLToPath(new URL('../python/text.py', import.meta.url)),
  image: fileURLToPath(new URL('../python/image.py', import.meta.url)),
  audio: fileURLToPath(new URL('../python/audio.py', import.meta.url)),
});

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
