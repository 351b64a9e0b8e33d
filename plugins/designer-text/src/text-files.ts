// Text files of a dataset: every file a task uses must exist inside the dataset folder, be
// UTF-8 and hold some text. A bad file is a DatasetError naming it, raised before anything is
// written, so a bad corpus publishes nothing.
//
// Empty (or whitespace-only) files are errors rather than silently skipped: an empty document
// cannot be labelled from its text, and in practice it means a broken export.
import { DatasetError, writeFileAtomic } from '@mle-smith/core';
import { readFile } from 'node:fs/promises';
import { join, posix, relative, resolve, sep } from 'node:path';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Resolves a path value of a labels table inside the dataset folder (relative to the table's folder first). */
export function resolveTextPath(rawDir: string, tableFile: string, value: string): { abs: string; rel: string } {
  const clean = posix.normalize(value.replace(/\\/g, '/').replace(/^\.\//, ''));
  const tableDir = tableFile === '.' ? '' : posix.dirname(tableFile);
  const rel = tableDir && tableDir !== '.' ? posix.join(tableDir, clean) : clean;
  const abs = resolve(rawDir, rel);
  const root = resolve(rawDir);
  if (clean.startsWith('../') || (abs !== root && !abs.startsWith(root + sep))) {
    throw new DatasetError(`text file path "${value}" leaves the dataset folder`, { file: tableFile });
  }
  return { abs, rel: relative(root, abs).split(sep).join('/') };
}

/** Reads one text file and checks it; returns its bytes. */
export async function readTextFile(abs: string, rel: string, referencedFrom?: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `missing text file${referencedFrom ? ` (named in ${referencedFrom})` : ''}` : `unreadable text file (${code ?? (err as Error).message})`;
    throw new DatasetError(why, { file: rel, cause: err });
  }
  if (bytes.includes(0)) throw new DatasetError('binary file, not text (contains NUL bytes)', { file: rel });
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (err) {
    throw new DatasetError('text file is not valid UTF-8 (re-encode it as UTF-8)', { file: rel, cause: err });
  }
  if (text.trim() === '') throw new DatasetError('empty text file', { file: rel });
  return bytes;
}

/** Checks every file; the first bad one (in path order) is the error. */
export async function checkTextFiles(rawDir: string, tableFile: string, values: string[]): Promise<void> {
  const paths = [...new Set(values)].map((v) => resolveTextPath(rawDir, tableFile, v)).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const p of paths) await readTextFile(p.abs, p.rel, tableFile === '.' ? undefined : tableFile);
}

/** Copies checked files to their public names (paths relative to `publicDir`). */
export async function copyTextFiles(rawDir: string, tableFile: string, publicDir: string, mapping: Array<{ raw: string; public: string }>): Promise<void> {
  for (const m of mapping) {
    const { abs, rel } = resolveTextPath(rawDir, tableFile, m.raw);
    const bytes = await readTextFile(abs, rel, tableFile === '.' ? undefined : tableFile);
    await writeFileAtomic(join(publicDir, m.public), bytes);
  }
}
