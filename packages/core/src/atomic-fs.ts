// Every file the framework writes goes through here: write to a temp file in the same folder,
// fsync, then rename, so a killed process never leaves a half-written file behind.
import { mkdir, mkdtemp, open, readFile, rename, rm, readdir, stat } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writingTo } from './disk-fault.js';

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  await writingTo(path, () => writeThenRename(path, data), bytes);
}

/** A failed write (a full disk, say) removes its temp file: nothing half-written stays behind. */
async function writeThenRename(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Replaces folder `target` with `source` by rename. Used to publish a package that was
 * written in a staging folder: readers see either the old folder or the complete new one.
 */
export async function replaceDirAtomic(source: string, target: string): Promise<void> {
  await writingTo(target, () => swapDir(source, target));
}

/**
 * Builds folder `target` in a staging folder beside it and publishes it with replaceDirAtomic; a
 * failed build leaves `target` as it was and removes the staging folder.
 */
export async function buildDirAtomic(target: string, build: (dir: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const dir = await mkdtemp(`${target}.exporting-`);
  try {
    await build(dir);
    await replaceDirAtomic(dir, target);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function swapDir(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const old = `${target}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
  let moved = false;
  try {
    await rename(target, old);
    moved = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await rename(source, target);
  if (moved) await rm(old, { recursive: true, force: true });
}

/** Removes temp files and staging folders a killed process left in `dir` (non-recursive). */
export async function removeLeftovers(dir: string): Promise<number> {
  let removed = 0;
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    if ((name.startsWith('.') && name.endsWith('.tmp')) || name.includes('.staging-') || /\.old-\d+-/.test(name)) {
      await rm(join(dir, name), { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function copyFileAtomic(from: string, to: string): Promise<void> {
  await writeFileAtomic(to, await readFile(from));
}
