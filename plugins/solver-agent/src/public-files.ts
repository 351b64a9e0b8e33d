// The model's read-only view of the task's public folder, addressed as `data/<file>` (the path
// the solution code sees). Paths never leave the folder, and no host path reaches the model.
import { createReadStream } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';

export const DATA_PREFIX = 'data/';

export interface PublicFile {
  path: string;
  bytes: number;
}

/** Every regular file under the public folder, as `data/<relative path>`, sorted. */
export async function listPublicFiles(publicDir: string, maxFiles = 500): Promise<{ files: PublicFile[]; truncated: boolean }> {
  const files: PublicFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (files.length > maxFiles) return;
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) files.push({ path: DATA_PREFIX + relative(publicDir, full).split(sep).join('/'), bytes: (await lstat(full)).size });
    }
  };
  await walk(publicDir);
  return { files: files.slice(0, maxFiles), truncated: files.length > maxFiles };
}

/**
 * Resolves a model-given path (`data/train.csv` or `train.csv`) inside the public folder.
 * Throws with a message that names only the model's path.
 */
export async function resolvePublicPath(publicDir: string, given: string): Promise<string> {
  const trimmed = given.trim().replace(/^\.\//, '');
  const rel = normalize(trimmed.startsWith(DATA_PREFIX) ? trimmed.slice(DATA_PREFIX.length) : trimmed);
  if (!rel || rel === '.' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
    throw new Error(`"${given}" is not a file under data/; call list_files for the names`);
  }
  const root = await realpath(publicDir);
  let real: string;
  try {
    real = await realpath(join(root, rel));
  } catch {
    throw new Error(`no file "${given}"; call list_files for the names`);
  }
  const inside = relative(root, real);
  if (inside.startsWith('..') || isAbsolute(inside)) throw new Error(`"${given}" is not a file under data/`);
  if (!(await lstat(real)).isFile()) throw new Error(`"${given}" is not a file`);
  return real;
}

/** The first `lines` lines of a text file, each cut at `maxLineChars`. */
export async function headLines(path: string, lines: number, maxLineChars = 2000): Promise<{ lines: string[]; more: boolean }> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  const out: string[] = [];
  let more = false;
  try {
    for await (const line of reader) {
      if (out.length >= lines) {
        more = true;
        break;
      }
      out.push(line.length > maxLineChars ? `${line.slice(0, maxLineChars)} [cut: ${line.length - maxLineChars} more characters]` : line);
    }
  } finally {
    reader.close();
    stream.destroy();
  }
  return { lines: out, more };
}
