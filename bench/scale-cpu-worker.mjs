#!/usr/bin/env node
// A worker process for bench/scale.mjs's CPU-bound mix: takes jobs from the BullMQ queue and does a
// fixed amount of integer hashing for each (job.data.rounds), so a job costs the same CPU wherever it
// runs. The loop allocates nothing: a loop of crypto sha256 digests made V8's garbage-collector threads
// use a quarter of a second core, so one worker already took 1.23 cores and two could at most reach
// 2 / 1.23 = 1.6x on two cores; one job must cost one core for the speed-up to measure the queue.
// Prints "done <job id>" per job, and on SIGTERM its CPU time ("cpu <ms>") before it exits.
// Usage: node bench/scale-cpu-worker.mjs <redis-url> <queue-name>
import { createBullmqClient, createBullmqScheduler } from '../plugins/queue-bullmq/dist/index.js';

const [url, queueName] = process.argv.slice(2);
const scheduler = createBullmqScheduler({ client: createBullmqClient({ url, queueName, attempts: 1, backoffMs: 0, lockDurationMs: 30000, maxStalledCount: 1 }), pollMs: 20 });

/** FNV-style multiply-xor rounds over a 32-bit integer: pure CPU, no allocation. */
function burn(rounds) {
  let h = 0x811c9dc5;
  for (let i = 0; i < rounds; i++) {
    h ^= i;
    h = Math.imul(h, 0x01000193);
    h ^= h >>> 13;
  }
  return (h >>> 0).toString(16);
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
