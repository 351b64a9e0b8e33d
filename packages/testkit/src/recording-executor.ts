// An Executor that runs nothing: it records every job and answers with a fixed result, for unit
// tests of how solvers build jobs and map results (the real executors have their own suite).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecJob, ExecResult, Executor } from '@mle-smith/core';

export interface RecordingExecutor extends Executor {
  jobs: ExecJob[];
}

/** `result` overrides a successful run; with `submissionCsv`, the job "writes" submission.csv with that content. */
export function recordingExecutor(result: Partial<ExecResult> = {}, submissionCsv?: string): RecordingExecutor {
  const jobs: ExecJob[] = [];
  return {
    id: 'recording',
    jobs,
    async run(job) {
      jobs.push(job);
      if (submissionCsv !== undefined) writeFileSync(join(job.outputDir, 'submission.csv'), submissionCsv);
      return { jobId: job.jobId, exitCode: 0, timedOut: false, oomKilled: false, durationMs: 5, logTail: '', logTruncated: false, outputs: submissionCsv !== undefined ? ['submission.csv'] : [], ...result };
    },
    async dispose() {},
  };
}
