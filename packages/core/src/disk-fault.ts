// A full or failing disk (ENOSPC, EDQUOT, EIO) is not a bug and not bad input: it ends the run with
// one line naming the path that could not be written and the free space there. The run resumes
// once there is room; nothing it wrote half is kept (temp files are removed, and swept at start).
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DiskError } from './errors.js';

const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO']);
// DuckDB and other native writers report the OS error in their message only.
const DISK_MESSAGES = /No space left on device|Disk quota exceeded|Input\/output error/i;

/** Whether `err` (or an error it wraps) is a full or failing disk. */
export function isDiskFault(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DiskError) return true;
    const code = (e as NodeJS.ErrnoException).code;
    if ((code !== undefined && DISK_CODES.has(code)) || DISK_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/**
 * The DiskError for a failed write of `path` (`bytes` long when known), naming the free space of
 * its file system. A DiskError is returned as it is; so is any other error.
 */
export async function diskError(err: unknown, path: string, bytes?: number): Promise<unknown> {
  if (err instanceof DiskError || !isDiskFault(err)) return err;
  const errno = err as NodeJS.ErrnoException & { dest?: string };
  // DuckDB names the file only in its message: Could not write file "/run/work/x.staging-1/train.csv": No space…
  const where = errno.dest ?? errno.path ?? /"(\/[^"]+)"/.exec(errno.message)?.[1] ?? path;
  const free = await freeBytes(where);
  const io = errno.code === 'EIO' || /Input\/output error/i.test(errno.message);
  const what = io ? 'I/O error (the disk is failing)' : 'no space left on device';
  const room = free === undefined ? '' : `; ${formatBytes(free)} free there${bytes === undefined ? '' : `, ${formatBytes(bytes)} needed for this file alone`}`;
  return new DiskError(`${what} writing ${where}${room}`, { path: where, cause: err });
}

/** Runs a write of `path`, turning a disk fault into a DiskError that names it. */
export async function writingTo<T>(path: string, write: () => Promise<T>, bytes?: number): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw await diskError(err, path, bytes);
  }
}

async function freeBytes(path: string): Promise<number | undefined> {
  for (let p = path; ; p = dirname(p)) {
    try {
      const s = await statfs(p);
      return s.bavail * s.bsize;
    } catch {
      if (dirname(p) === p) return undefined;
    }
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
