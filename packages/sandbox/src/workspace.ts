// Host-side workspace handling shared by the executors: data/ is a copy of the public folder
// (never anything named private, never a symlink that could point at answers), solution files
// stay inside the workspace, and outputs come back size-capped and symlink-free.
import { chmod, chown, copyFile, lstat, mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { ExecutorError, writeFileAtomic } from '@mle-smith/core';
import { processAlive } from './spawn.js';

/**
 * Creates a fresh job folder `<workRoot>/<host pid>-<job id>-XXXXXX` (mode 0711, so a job's
 * user can traverse it). The host pid prefix lets removeStaleJobDirs() find left-overs.
 */
export async function createJobDir(workRoot: string, jobId: string): Promise<{ jobDir: string; safeId: string }> {
  await mkdir(workRoot, { recursive: true, mode: 0o711 });
  const safeId = jobId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 60);
  const jobDir = await mkdtemp(join(workRoot, `${process.pid}-${safeId}-`));
  await chmod(jobDir, 0o711);
  return { jobDir, safeId };
}

/** Removes the job folders under `workRoot` left by host processes that are no longer alive. */
export async function removeStaleJobDirs(workRoot: string): Promise<void> {
  const entries = await readdir(workRoot).catch(() => [] as string[]);
  const stale = entries.filter((e) => {
    const pid = Number(e.split('-')[0]);
    return Number.isInteger(pid) && pid !== process.pid && !processAlive(pid);
  });
  await Promise.all(stale.map((e) => rm(join(workRoot, e), { recursive: true, force: true }).catch(() => undefined)));
}

/** Throws unless `publicDir` is a plain folder with no `private` anywhere in its path or tree. */
export function assertPublicPath(publicDir: string): void {
  const segments = resolve(publicDir).split(sep);
  if (segments.some((s) => s.toLowerCase() === 'private')) {
    throw new ExecutorError(`refusing to expose ${publicDir}: its path contains a "private" segment`);
  }
}

/** Resolves a job-relative path, refusing absolute paths and anything that leaves `root`. */
export function insideWorkspace(root: string, path: string, what: string): string {
  const norm = normalize(path);
  if (isAbsolute(path) || norm === '..' || norm.startsWith('..' + sep) || norm === '.' || norm === '') {
    throw new ExecutorError(`${what} "${path}" must be a relative path inside the workspace`);
  }
  const full = resolve(root, norm);
  if (relative(root, full).startsWith('..')) throw new ExecutorError(`${what} "${path}" leaves the workspace`);
  return full;
}

export interface CopyOwner {
  uid: number;
  gid: number;
}

/**
 * Copies the public folder to `dest`. Files are left root-owned and world-readable so a
 * sandboxed job can read but not change them.
 */
export async function copyPublicDir(publicDir: string, dest: string): Promise<void> {
  assertPublicPath(publicDir);
  const src = resolve(publicDir);
  const top = await lstat(src).catch((cause: unknown) => {
    throw new ExecutorError(`public folder ${publicDir} cannot be read`, { cause });
  });
  if (!top.isDirectory()) throw new ExecutorError(`public folder ${publicDir} is not a directory`);
  const walk = async (from: string, to: string): Promise<void> => {
    await mkdir(to, { recursive: true, mode: 0o755 });
    for (const entry of await readdir(from, { withFileTypes: true })) {
      const rel = relative(src, join(from, entry.name));
      if (entry.name.toLowerCase() === 'private') {
        throw new ExecutorError(`refusing to expose ${publicDir}: it contains "${rel}"`);
      }
      if (entry.isSymbolicLink()) throw new ExecutorError(`refusing to expose ${publicDir}: "${rel}" is a symlink`);
      if (entry.isDirectory()) await walk(join(from, entry.name), join(to, entry.name));
      else if (entry.isFile()) await copyFile(join(from, entry.name), join(to, entry.name));
      else throw new ExecutorError(`refusing to expose ${publicDir}: "${rel}" is not a regular file`);
    }
  };
  await walk(src, dest);
}

/** Writes solution files into the workspace, owned by the job's user so it may change them. */
export async function writeSolutionFiles(root: string, files: Array<{ path: string; content: string }>, owner?: CopyOwner): Promise<void> {
  for (const file of files) {
    const full = insideWorkspace(root, file.path, 'solution file');
    const dirs: string[] = [];
    for (let d = dirname(full); d !== root; d = dirname(d)) dirs.unshift(d);
    for (const d of dirs) {
      await mkdir(d, { recursive: true, mode: 0o755 });
      if (owner) await chown(d, owner.uid, owner.gid);
    }
    await writeFile(full, file.content, { mode: 0o644 });
    if (owner) await chown(full, owner.uid, owner.gid);
  }
}

/** Files taken from one output folder ("logs/"): the rest is left behind. */
export const MAX_FILES_PER_OUTPUT_DIR = 200;

/** A declared output ending in "/" stands for the regular files directly inside that folder. */
async function expandOutputDirs(root: string, outputs: string[]): Promise<string[]> {
  const expanded: string[] = [];
  for (const out of outputs) {
    if (!out.endsWith('/')) {
      expanded.push(out);
      continue;
    }
    // The folder's own path is checked file by file below (symlinks, parents) like any output.
    const names = await readdir(resolve(root, out)).catch(() => [] as string[]);
    expanded.push(...names.sort().slice(0, MAX_FILES_PER_OUTPUT_DIR).map((n) => out + n));
  }
  return expanded;
}

/**
 * Copies the declared outputs from the workspace to `outputDir` (an output ending in "/" takes
 * the files directly inside that folder). A path that is (or passes through) a symlink, is not
 * a regular file, or would exceed `maxBytes` in total is skipped and reported in `refused`.
 */
export async function collectOutputs(
  root: string,
  outputs: string[],
  outputDir: string,
  maxBytes: number,
): Promise<{ copied: string[]; refused: string[] }> {
  const copied: string[] = [];
  const refused: string[] = [];
  let total = 0;
  for (const out of await expandOutputDirs(root, outputs)) {
    let full: string;
    try {
      full = insideWorkspace(root, out, 'output');
    } catch {
      refused.push(`${out} (not a relative path)`);
      continue;
    }
    // Check every component: a job could replace a parent folder by a symlink to elsewhere.
    let bad: string | undefined;
    const parts = relative(root, full).split(sep);
    let cur = root;
    let missing = false;
    for (let i = 0; i < parts.length; i++) {
      cur = join(cur, parts[i]!);
      const st = await lstat(cur).catch(() => undefined);
      if (!st) {
        missing = true;
        break;
      }
      if (st.isSymbolicLink()) bad = 'is a symlink';
      else if (i < parts.length - 1 && !st.isDirectory()) bad = 'has a non-directory parent';
      else if (i === parts.length - 1 && !st.isFile()) bad = 'is not a regular file';
      if (bad) break;
    }
    if (missing) continue;
    if (bad) {
      refused.push(`${out} (${bad})`);
      continue;
    }
    // O_NOFOLLOW closes the race between the lstat above and the copy.
    const handle = await open(full, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
    if (!handle) {
      refused.push(`${out} (cannot be opened)`);
      continue;
    }
    try {
      const st = await handle.stat();
      if (total + st.size > maxBytes) {
        refused.push(`${out} (outputs exceed ${maxBytes} bytes)`);
        continue;
      }
      total += st.size;
      await writeFileAtomic(join(outputDir, out), await handle.readFile());
      copied.push(out);
    } finally {
      await handle.close();
    }
  }
  return { copied, refused };
}
