// The run's profiler: each dataset is first read and profiled in a child process
// (profile-child.js), so that a native crash of the reader (DuckDB: SIGSEGV, SIGABRT, an OOM
// kill) fails that dataset alone instead of ending the run and every other dataset with it
// (docs/data-edge-cases.md, "Per-dataset isolation"). The child hands back the profile as JSON,
// the form the run store checkpoints anyway, or the error it threw, rebuilt here with its class
// and message.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError, DiskError, MleSmithError, interruptOf, type DatasetProfile, type DatasetProfiler, type ErrorCode } from '@mle-smith/core';
import { spawnProcess, type SpawnResult } from '@mle-smith/sandbox';

const CHILD = fileURLToPath(new URL('./profile-child.js', import.meta.url));

/** What profile-child.js leaves in its report file; the last write wins. */
export interface ChildReport {
  /** The table file being read when the report was written. */
  reading?: string;
  profile?: DatasetProfile;
  error?: { name: string; message: string; stack?: string; code?: string; file?: string; path?: string };
}

export const isolatedProfiler: DatasetProfiler = { profile: (dir, options) => profileInChild(dir, options?.signal) };

/** Profiles `dir` in a child process; the run's `signal` kills the child's process group. */
export async function profileInChild(dir: string, signal?: AbortSignal): Promise<DatasetProfile> {
  const tmp = await mkdtemp(join(tmpdir(), 'mle-smith-profile-'));
  try {
    const reportFile = join(tmp, 'report.json');
    const exit = await spawnProcess({ command: process.execPath, args: [CHILD, dir, reportFile], signal, maxLogBytes: 64 * 1024 });
    if (exit.aborted && signal) throw interruptOf(signal);
    return profileFromChild(await readReport(reportFile), exit);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function readReport(path: string): Promise<ChildReport | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ChildReport;
  } catch {
    return undefined; // the child died before its first report
  }
}

/** The profile the child reported, or the error it threw, or a DatasetError saying how it died. */
export function profileFromChild(report: ChildReport | undefined, exit: Pick<SpawnResult, 'exitCode' | 'signal' | 'log'>): DatasetProfile {
  if (report?.profile) return report.profile;
  if (report?.error) throw rebuilt(report.error);
  const where = report?.reading ? `while profiling ${report.reading}` : 'while reading the dataset folder';
  if (exit.signal) throw new DatasetError(`the reader crashed (${exit.signal}) ${where}`);
  const last = exit.log.trim().split('\n').pop()?.slice(0, 300);
  if (exit.exitCode === null) throw new DatasetError(`the reader could not start${last ? `: ${last}` : ''}`);
  throw new DatasetError(`the reader exited with code ${exit.exitCode} without a profile ${where}${last ? `: ${last}` : ''}`);
}

/** The child's error as the class it was thrown as, so the run treats it as it would in-process. */
function rebuilt(e: NonNullable<ChildReport['error']>): Error {
  let err: Error;
  if (e.code === 'DATASET') {
    const file = e.file && e.message.startsWith(`${e.file}: `) ? e.file : undefined;
    err = new DatasetError(file ? e.message.slice(file.length + 2) : e.message, file ? { file } : undefined);
  } else if (e.code === 'DISK' && e.path) err = new DiskError(e.message, { path: e.path });
  else if (e.code) err = new MleSmithError(e.code as ErrorCode, e.message);
  else {
    err = new Error(e.message);
    err.name = e.name;
  }
  if (e.stack) err.stack = e.stack; // --verbose shows where the child threw
  return err;
}
