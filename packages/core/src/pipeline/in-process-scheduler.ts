// The default Scheduler: this process. Its drain has nothing to run first, because the pipeline's
// own pass runs every stage in this process, as a run always did; it takes no jobs from elsewhere.
import type { Scheduler } from '../contracts/scheduler.js';
import { UsageError } from '../errors.js';

export const inProcessScheduler: Scheduler = {
  id: 'in-process',
  drain: async () => [],
  submit: () => Promise.reject(new UsageError('--detach needs a queue: add --queue redis://host:port')),
  work: () => Promise.reject(new UsageError('mle-smith worker needs a queue: add --queue redis://host:port')),
  status: async () => ({ waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0, workers: 0, byKind: {}, doneByStage: {}, activeJobs: [], failedJobs: [] }),
  close: async () => undefined,
};
