// Checks and environment every executor applies to a job the same way, whatever runs it.
import { isAbsolute, posix } from 'node:path';
import { ExecutorError, type ExecJob } from '@mle-smith/core';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws unless the job's limits are positive, its command is non-empty and its env names are valid. */
export function checkJob(job: ExecJob): void {
  const { limits } = job;
  for (const key of ['timeSec', 'memoryMb', 'cpus', 'pids'] as const) {
    if (!(typeof limits[key] === 'number' && limits[key] > 0)) {
      throw new ExecutorError(`job ${job.jobId}: limits.${key} must be a positive number`);
    }
  }
  if (!job.command.length) throw new ExecutorError(`job ${job.jobId}: command is empty`);
  for (const key of Object.keys(job.env ?? {})) {
    if (!ENV_NAME.test(key)) throw new ExecutorError(`job ${job.jobId}: invalid environment variable name "${key}"`);
  }
  if (job.workspacePath !== undefined) checkWorkspacePath(job);
  for (const socket of job.unixSockets ?? []) {
    if (!ENV_NAME.test(socket.env)) throw new ExecutorError(`job ${job.jobId}: invalid environment variable name "${socket.env}" for a unix socket`);
    // Paths travel through shell variables separated by newlines and "=" in executor-local.
    if (!isAbsolute(socket.hostPath) || /[\n=]/.test(socket.hostPath)) {
      throw new ExecutorError(`job ${job.jobId}: unix socket "${socket.hostPath}" must be an absolute path without "=" or newlines`);
    }
  }
}

/** Folders the sandbox's own root needs: the workspace may not shadow them. */
const SYSTEM_DIRS = ['/usr', '/etc', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/dev', '/tmp', '/sys', '/run', '/var'];

/** The default place of the workspace inside a sandbox with its own filesystem. */
export const DEFAULT_WORKSPACE_PATH = '/workspace';

function checkWorkspacePath(job: ExecJob): void {
  const path = job.workspacePath!;
  const clash = SYSTEM_DIRS.find((d) => path === d || path.startsWith(d + '/') || d.startsWith(path + '/'));
  if (!/^(\/[A-Za-z0-9._-]+)+$/.test(path) || path !== posix.normalize(path) || clash) {
    throw new ExecutorError(`job ${job.jobId}: workspacePath "${path}" must be an absolute, normalised path outside ${clash ?? 'the system folders'} (e.g. /home or /workspace)`);
  }
}

/** Thread-count variables of the numeric libraries, pinned to the job's CPU limit, and Python defaults. */
export function jobRuntimeEnv(cpus: number): Record<string, string> {
  const threads = String(Math.max(1, Math.floor(cpus)));
  return {
    OMP_NUM_THREADS: threads,
    OPENBLAS_NUM_THREADS: threads,
    MKL_NUM_THREADS: threads,
    NUMEXPR_NUM_THREADS: threads,
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
  };
}

/** Parses a "uid" or "uid:gid" option (gid defaults to uid); `option` names it in the error. */
export function parseUser(user: string, option: string): { uid: number; gid: number } {
  const m = /^(\d+)(?::(\d+))?$/.exec(user);
  if (!m) throw new ExecutorError(`${option} must be "uid" or "uid:gid", got "${user}"`);
  const uid = Number(m[1]);
  return { uid, gid: m[2] === undefined ? uid : Number(m[2]) };
}

/** Appends refused outputs to a job's error message. */
export function withRefusedOutputs(error: string | undefined, refused: string[]): string | undefined {
  if (!refused.length) return error;
  return [error, `outputs refused: ${refused.join(', ')}`].filter(Boolean).join('; ');
}
