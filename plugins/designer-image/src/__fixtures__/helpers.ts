import { cp, mkdtemp, readdir, writeFile, mkdir } from 'node:fs/promises';
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

/** A copy of the digits example with `perClass` images of each of the first `classes` digits. */
export async function digitsSubset(perClass: number, classes = 10): Promise<string> {
  const dir = join(await tempDir(), 'digits-subset');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'SOURCE.md'), '# Digits subset\n\n- License: CC BY 4.0\n');
  for (let c = 0; c < classes; c++) {
    const files = (await readdir(join(DIGITS, String(c)))).sort().slice(0, perClass);
    await mkdir(join(dir, String(c)), { recursive: true });
    for (const f of files) await cp(join(DIGITS, String(c), f), join(dir, String(c), f));
  }
  return dir;
}

/** Every file under dir → its bytes as base64 (for byte-for-byte comparisons). */
export const filesOf = (dir: string): Promise<Record<string, string>> => testkitFilesOf(dir, 'base64');
