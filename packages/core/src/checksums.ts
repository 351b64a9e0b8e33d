// sha256 of files, streamed so large files never sit in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FileChecksum } from './contracts/task.js';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Checksums of every regular file below `dir` (and of symlinks to files: a dataset's links were
 * checked to stay inside it), paths relative to `relativeTo` with '/' separators, sorted.
 */
export async function checksumTree(dir: string, relativeTo: string = dir): Promise<FileChecksum[]> {
  const out: FileChecksum[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() || (e.isSymbolicLink() && (await stat(full)).isFile())) {
        out.push({ path: relative(relativeTo, full).split(sep).join('/'), sha256: await sha256File(full), bytes: (await stat(full)).size });
      }
    }
  };
  await walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
