import { cp, mkdtemp, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesOf as testkitFilesOf } from '@mle-smith/testkit';

export const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
export const DIGITS = join(EXAMPLES, 'datasets', 'digits');

export { designContext } from '@mle-smith/testkit';

export async function tempDir(prefix = 'designer-image-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * A copy of the digits example with `perClass` images of each of the first `classes` digits;
 * `sourceNote: false` leaves the class folders alone at the top (no file beside them).
 */
export async function digitsSubset(perClass: number, classes = 10, { sourceNote = true } = {}): Promise<string> {
  const dir = join(await tempDir(), 'digits-subset');
  await mkdir(dir, { recursive: true });
  if (sourceNote) await writeFile(join(dir, 'SOURCE.md'), '# Digits subset\n\n- License: CC BY 4.0\n');
  for (let c = 0; c < classes; c++) {
    const files = (await readdir(join(DIGITS, String(c)))).sort().slice(0, perClass);
    await mkdir(join(dir, String(c)), { recursive: true });
    for (const f of files) await cp(join(DIGITS, String(c), f), join(dir, String(c), f));
  }
  return dir;
}

/** Every file under dir → its bytes as base64 (for byte-for-byte comparisons). */
export const filesOf = (dir: string): Promise<Record<string, string>> => testkitFilesOf(dir, 'base64');

/**
 * Adds `attributes.csv` to a class-folder dataset: per image its path, its digit (the folder
 * again: the same task twice, never proposed), a writer (three made-up names in turn), an ink
 * amount (a made-up number in no row order) and its size in bytes (a file property, never a
 * target). Returns the dataset folder.
 */
export async function withAttributes(dir: string): Promise<string> {
  const paths: string[] = [];
  for (const folder of (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const f of (await readdir(join(dir, folder))).sort()) paths.push(`${folder}/${f}`);
  }
  const rows = await Promise.all(paths.map(async (p, i) => `${p},${p.split('/')[0]},${['ann', 'bob', 'cy'][i % 3]},${(10 + ((i * 37) % 60) * 0.37).toFixed(2)},${(await stat(join(dir, p))).size}`));
  await writeFile(join(dir, 'attributes.csv'), ['path,digit,writer,ink,bytes', ...rows].join('\n') + '\n');
  return dir;
}
