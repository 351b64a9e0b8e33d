// DuckDB spill folders live in the OS temp folder, one per session, named with the owning
// process id. A session removes its folder when it closes; a process killed mid-session (SIGKILL,
// a second signal that exits at once, a machine crash) cannot, and spill files can be gigabytes.
// So the first session of each process removes the folders of processes that no longer exist
// (a process in another PID namespace sharing this temp folder would look gone: do not share it).
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const SPILL_PREFIX = 'mle-smith-duckdb-';
const SPILL_NAME = /^mle-smith-duckdb-(\d+)-/;

/** The mkdtemp prefix of this process's spill folders. */
export function spillPrefix(tempRoot: string): string {
  return join(tempRoot, `${SPILL_PREFIX}${process.pid}-`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the spill folders under tempRoot whose owning process is gone; returns their names. */
export async function sweepStaleSpillFolders(tempRoot: string): Promise<string[]> {
  const names = await readdir(tempRoot).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = Number(SPILL_NAME.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
  });
  await Promise.all(stale.map((name) => rm(join(tempRoot, name), { recursive: true, force: true })));
  return stale;
}

let swept: Promise<unknown> | undefined;

/** Sweeps once per process (later calls reuse the first sweep). */
export function sweepStaleSpillFoldersOnce(tempRoot: string): Promise<unknown> {
  swept ??= sweepStaleSpillFolders(tempRoot).catch(() => []);
  return swept;
}
