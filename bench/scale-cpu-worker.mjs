#!/usr/bin/env node
// A worker process for bench/scale.mjs's CPU-bound mix: takes jobs from the BullMQ queue and does a
// fixed amount of hashing for each (job.data.rounds), so a job costs the same CPU wherever it runs.
// Prints "done <job id>" per job, and on SIGTERM its CPU time ("cpu <ms>") before it exits.
// Usage: node bench/scale-cpu-worker.mjs <redis-url> <queue-name>
import { createHash } from 'node:crypto';
import { createBullmqClient, createBullmqScheduler } from '../plugins/queue-bullmq/dist/index.js';

const [url, queueName] = process.argv.slice(2);
const scheduler = createBullmqScheduler({ client: createBullmqClient({ url, queueName, attempts: 1, backoffMs: 0, lockDurationMs: 30000, maxStalledCount: 1 }), pollMs: 20 });

function burn(rounds) {
  let h = Buffer.alloc(32);
  for (let i = 0; i < rounds; i++) h = createHash('sha256').update(h).digest();
  return h.toString('hex', 0, 4);
}

process.once('SIGTERM', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`cpu ${((user + system) / 1000).toFixed(0)}\n`, () => void scheduler.close().then(() => process.exit(0)));
});
process.stdout.write('ready\n');
await scheduler.work(async (job) => {
  burn(job.data.rounds);
  process.stdout.write(`done ${job.id}\n`);
  return { next: [] };
}, { concurrency: 1 });
