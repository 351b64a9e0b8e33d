// The scheduler on a real Redis (Debian's redis-server on loopback): jobs and the jobs their
// outcomes add run to completion, an id added twice runs once, a job that always throws ends in
// the failed set with its error after its attempts, and two runs on one queue keep to themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scheduler, SchedulerJob } from '@mle-smith/core';
import { startRedis, type RedisServer } from '@mle-smith/testkit';
import { createBullmqClient } from './bullmq-client.js';
import { createBullmqScheduler } from './bullmq-scheduler.js';

let redis: RedisServer;
const open: Scheduler[] = [];

function scheduler(queueName: string): Scheduler {
  const client = createBullmqClient({ url: redis.url, queueName, attempts: 2, backoffMs: 10, lockDurationMs: 2000, maxStalledCount: 1 });
  const s = createBullmqScheduler({ client, pollMs: 20 });
  open.push(s);
  return s;
}

const job = (runId: string, id: string, data: Record<string, unknown> = {}): SchedulerJob => ({ id: `${runId}|${id}`, runId, kind: 'task', label: id, data });

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const s of open.splice(0)) await s.close();
  await redis?.stop();
});

describe('the BullMQ scheduler', () => {
  it('runs each job once, follows the jobs outcomes add, and sends a job that always throws to the failed set', async () => {
    const coordinator = scheduler('q1');
    const ran: string[] = [];
    void scheduler('q1').work(async (j) => {
      ran.push(j.id);
      if (j.data.fail) throw new Error(`job ${j.label} fails on purpose`);
      const depth = Number(j.data.depth ?? 0);
      return { next: depth < 2 ? [job(j.runId, `${j.label}.${depth + 1}`, { depth: depth + 1 })] : [], note: `depth ${depth}` };
    }, { concurrency: 2 });
    const roots = [job('run-a', 'a'), job('run-a', 'a'), job('run-a', 'b'), job('run-a', 'bad', { fail: true })];
    const failures = await coordinator.drain(roots);
    expect(ran.filter((id) => id !== 'run-a|bad').sort()).toEqual(['run-a|a', 'run-a|a.1', 'run-a|a.1.2', 'run-a|b', 'run-a|b.1', 'run-a|b.1.2']);
    expect(ran.filter((id) => id === 'run-a|bad')).toHaveLength(2);
    expect(failures.map((f) => ({ label: f.job.label, error: f.error, attempts: f.attempts }))).toEqual([{ label: 'bad', error: 'job bad fails on purpose', attempts: 2 }]);
    // a second drain of the same roots finds them done: nothing runs again
    const before = ran.length;
    await coordinator.drain(roots.filter((r) => !r.data.fail));
    expect(ran.length).toBe(before);
    const status = await coordinator.status('run-a');
    expect(status).toMatchObject({ completed: 6, failed: 1, active: 0, waiting: 0, workers: 1 });
    expect(status.doneByStage).toEqual({ depth: 6 });
    expect(status.failedJobs).toEqual([{ label: 'bad', error: 'job bad fails on purpose' }]);
    // another run on the same queue counts only its own jobs
    await coordinator.drain([job('run-b', 'x')]);
    expect((await coordinator.status('run-b')).completed).toBe(3);
    expect((await coordinator.status('run-a')).completed).toBe(6);
  });
});
