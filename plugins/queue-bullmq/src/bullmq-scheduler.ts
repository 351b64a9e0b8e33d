// The Scheduler on a queue: drain() adds a run's first jobs and follows them (and the jobs their
// outcomes add) by polling their states, which survives a Redis restart and a coordinator that
// joins late; work() runs jobs and adds each outcome's next jobs before the job completes, so a
// run goes on with no coordinator attached (`run --detach`). Ids are unique per run, so runs mix
// on one queue without touching each other's jobs.
import { hostname } from 'node:os';
import { throwIfInterrupted, type DrainProgress, type JobFailure, type JobHandler, type JobOutcome, type Scheduler, type SchedulerJob, type SchedulerStatus } from '@mle-smith/core';
import type { QueueClient, QueueCounts } from './queue-client.js';

export interface BullmqSchedulerOptions {
  client: QueueClient;
  /** Time between two looks at the run's jobs. */
  pollMs: number;
}

const STATES: Array<keyof QueueCounts> = ['waiting', 'active', 'completed', 'failed', 'delayed'];
const zero = (): QueueCounts => ({ waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 });

export function createBullmqScheduler(o: BullmqSchedulerOptions): Scheduler {
  const { client } = o;
  const closers: Array<() => Promise<void>> = [];
  return {
    id: 'bullmq',
    submit: (roots) => client.add(roots),
    async drain(roots, options = {}) {
      await client.add(roots);
      const pending = new Map(roots.map((j) => [j.id, j]));
      const failures: JobFailure[] = [];
      let done = 0;
      while (pending.size > 0) {
        throwIfInterrupted(options.signal);
        for (const [id, job] of [...pending]) {
          const queued = await client.get(id);
          // gone from the queue (a Redis without persistence restarted): add it again, its checkpoints make it cheap
          if (!queued) await client.add([job]);
          else if (queued.state === 'completed') {
            pending.delete(id);
            done++;
            const outcome = queued.returnvalue as JobOutcome;
            for (const next of outcome.next) pending.set(next.id, next);
            options.onProgress?.(await progress({ job, note: outcome.note }));
          } else if (queued.state === 'failed') {
            pending.delete(id);
            const error = queued.failedReason ?? 'unknown error';
            failures.push({ job, error, attempts: queued.attemptsMade });
            options.onProgress?.(await progress({ job, error }));
          }
        }
        if (pending.size > 0) await new Promise((r) => setTimeout(r, o.pollMs));
      }
      return failures;

      async function progress(finished: DrainProgress['finished']): Promise<DrainProgress> {
        return { done, pending: pending.size, failed: failures.length, counts: { ...(await client.counts()), workers: await client.workers() }, finished };
      }
    },
    async work(handler: JobHandler, options) {
      const name = options.name ?? `${hostname()}:${process.pid}`;
      const consumer = client.consume(async (job: SchedulerJob) => {
        const outcome = await handler(job);
        // before the job completes: a worker killed in between repeats the add, which is a no-op
        await client.add(outcome.next);
        return outcome;
      }, { concurrency: options.concurrency, name });
      closers.push(consumer.close);
      await consumer.closed;
    },
    async status(runId) {
      const jobs = (await client.list(STATES)).filter((j) => runId === undefined || j.data.runId === runId);
      const status: SchedulerStatus = { ...zero(), workers: await client.workers(), byKind: {}, doneByStage: {}, activeJobs: [], failedJobs: [] };
      for (const j of jobs) {
        const state = j.state === 'prioritized' ? 'waiting' : j.state;
        if (!STATES.includes(state as keyof QueueCounts)) continue;
        const key = state as keyof QueueCounts;
        status[key]++;
        (status.byKind[j.data.kind] ??= zero())[key]++;
        const stage = key === 'completed' ? (j.returnvalue as JobOutcome | undefined)?.note?.split(' ')[0] : undefined;
        if (stage) status.doneByStage[stage] = (status.doneByStage[stage] ?? 0) + 1;
        if (key === 'active') status.activeJobs.push({ label: j.data.label, worker: j.processedBy });
        if (key === 'failed') status.failedJobs.push({ label: j.data.label, error: j.failedReason ?? 'unknown error' });
      }
      return status;
    },
    async close() {
      await Promise.all(closers.splice(0).map((c) => c()));
      await client.close();
    },
  };
}
