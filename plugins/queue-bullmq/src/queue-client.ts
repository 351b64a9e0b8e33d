// The few queue operations the scheduler needs, so the scheduler never touches BullMQ directly
// (another engine — a cloud queue, Postgres — only needs a new implementation of this).
import type { SchedulerCounts, SchedulerJob } from '@mle-smith/core';

export type QueueJobStateName = 'waiting' | 'active' | 'completed' | 'failed' | 'delayed' | 'prioritized' | 'waiting-children' | 'unknown';

export interface QueuedJob {
  id: string;
  state: QueueJobStateName;
  data: SchedulerJob;
  /** The handler's result, once completed. */
  returnvalue?: unknown;
  /** The last error, once failed. */
  failedReason?: string;
  attemptsMade: number;
  /** The worker that holds (or last held) the job. */
  processedBy?: string;
}

export type QueueCounts = Omit<SchedulerCounts, 'workers'>;

export interface ConsumeOptions {
  concurrency: number;
  /** Shown as the job's holder in `status`. */
  name: string;
}

export interface QueueClient {
  /** Adds jobs under their ids; an id already in the queue (in any state) is not added again. */
  add(jobs: SchedulerJob[]): Promise<void>;
  /** A job by id: undefined when the queue holds none under it. */
  get(id: string): Promise<QueuedJob | undefined>;
  /** Every job in `states` (all of them: status filters by run). */
  list(states: Array<keyof QueueCounts>): Promise<QueuedJob[]>;
  counts(): Promise<QueueCounts>;
  /** Workers connected now. */
  workers(): Promise<number>;
  /** Runs `handler` on jobs as they come, `concurrency` at a time, until close(); a throw is a failed attempt. */
  consume(handler: (job: SchedulerJob) => Promise<unknown>, options: ConsumeOptions): { closed: Promise<void>; close(): Promise<void> };
  close(): Promise<void>;
}
