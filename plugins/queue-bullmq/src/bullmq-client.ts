// QueueClient on BullMQ: one Queue for adding and reading jobs, a Worker per consume(). A worker
// holds a job under a lock it renews every lockDuration/2; a worker that dies (SIGKILL, a lost
// machine) stops renewing, and once the lock expires the stalled-job check hands the job to
// another worker. A job whose handler throws is retried with backoff, then kept in the failed set.
import { Job, Queue, Worker, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { SchedulerJob } from '@mle-smith/core';
import type { ConsumeOptions, QueueClient, QueuedJob, QueueJobStateName } from './queue-client.js';

export interface BullmqClientOptions {
  /** redis://[user:password@]host:port[/db] (rediss:// for TLS). */
  url: string;
  queueName: string;
  /** Tries per job before it lands in the failed set. */
  attempts: number;
  /** First retry delay; each later one doubles. */
  backoffMs: number;
  /** How long a job's lock lasts without renewal: a dead worker's job moves on after about this. */
  lockDurationMs: number;
  /** Times a job may lose its worker before it is failed. */
  maxStalledCount: number;
}

/** Redis connection options from a redis:// URL. */
export function connectionOf(url: string): ConnectionOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`queue URL ${url}: expected redis://host:port`);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname, port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // wait through a Redis restart instead of failing the command: the queue survives it (AOF)
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(200 * times, 2000),
  };
}

export function createBullmqClient(o: BullmqClientOptions): QueueClient {
  const connection = connectionOf(o.url);
  const queue = new Queue(o.queueName, { connection });
  // a completed job's id stays taken (a repeated add is a no-op) and its result readable for a week
  const jobOptions: JobsOptions = {
    attempts: o.attempts, backoff: { type: 'exponential', delay: o.backoffMs },
    removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 30 * 24 * 3600 },
  };
  // the state first, then the job: a job read before a state that says completed could lack its result
  const read = async (state: QueueJobStateName, job: Job | undefined): Promise<QueuedJob | undefined> => {
    if (!job?.id || state === 'unknown') return undefined;
    return { id: job.id, state, data: job.data as SchedulerJob, returnvalue: job.returnvalue, failedReason: job.failedReason, attemptsMade: job.attemptsMade, processedBy: job.processedBy };
  };
  return {
    async add(jobs) {
      if (jobs.length) await queue.addBulk(jobs.map((j) => ({ name: j.kind, data: j, opts: { ...jobOptions, jobId: j.id } })));
    },
    async get(id) {
      const state = (await queue.getJobState(id)) as QueueJobStateName;
      return state === 'unknown' ? undefined : read(state, await Job.fromId(queue, id));
    },
    async list(states) {
      const found: QueuedJob[] = [];
      for (const state of states) {
        for (const job of await queue.getJobs([state], 0, -1)) {
          const j = await read(state, job);
          if (j) found.push(j);
        }
      }
      return found;
    },
    async counts() {
      const c = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized');
      return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0, delayed: c.delayed ?? 0 };
    },
    workers: () => queue.getWorkersCount(),
    consume(handler, options: ConsumeOptions) {
      const worker = new Worker(o.queueName, (job) => handler(job.data as SchedulerJob), {
        connection, concurrency: options.concurrency, name: options.name,
        lockDuration: o.lockDurationMs, stalledInterval: Math.max(1000, Math.floor(o.lockDurationMs / 2)), maxStalledCount: o.maxStalledCount,
      });
      // connection errors are retried by the client; logging each one would flood a Redis restart
      worker.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => worker.once('closed', () => resolve()));
      return { closed, close: () => worker.close() };
    },
    close: () => queue.close(),
  };
}
