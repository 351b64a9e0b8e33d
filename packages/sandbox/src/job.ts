// Checks and environment every executor applies to a job the same way, whatever runs it.
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
