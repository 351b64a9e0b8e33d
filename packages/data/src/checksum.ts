// SHA-256 of files and folders, streamed so file size does not matter.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FileChecksum } from '@mle-smith/core';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checksums of every regular file under dir, with POSIX paths relative to `relativeTo` (default dir), sorted by path. */
export async function checksumTree(dir: string, relativeTo: string = dir): Promise<FileChecksum[]> {
  const out: FileChecksum[] = [];
  async function walk(d: string): Promise<void> {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const abs = join(d, entry.name);
      if (entry.isDirectory()) await walk(abs);
      else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(abs)).isFile())) {
        const info = await stat(abs);
        out.push({ path: relative(relativeTo, abs).split(sep).join('/'), sha256: await sha256File(abs), bytes: info.size });
      }
    }
  }
  await walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
