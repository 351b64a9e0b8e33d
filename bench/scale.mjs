#!/usr/bin/env node
// Runs on a queue against one process, on this machine (docs/scale.md):
//  1. the demo's tabular datasets with execution: in-process, then `run --queue` with 1, 2 and 4
//     worker processes: wall time and tasks per minute (and the load average: on a shared machine
//     the wall times only compare when it is idle);
//  2. the queue's own cost per job: N no-op jobs through the BullMQ scheduler with one worker,
//     against calling the handler directly (target ≤ 50 ms);
//  3. recovery: a worker SIGKILLed 3 s into an execute job; the time until another worker takes the
//     job, and until it finishes it (target: taken within the lock time + 5 s).
// Usage: node bench/scale.mjs [--workers 1,2,4] [--datasets iris,wine,...] [--jobs 200] [--lock-ms 5000]
//        [--skip runs,overhead,recovery]   (build first; needs /usr/bin/redis-server)
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startRedis } from '../packages/testkit/dist/index.js';
import { createBullmqClient, createBullmqScheduler } from '../plugins/queue-bullmq/dist/index.js';

const root = resolve(import.meta.dirname, '..');
const BIN = join(root, 'packages', 'cli', 'dist', 'bin.js');
const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2,4' }, datasets: { type: 'string', default: 'iris,wine,penguins,breast-cancer,diabetes' },
    jobs: { type: 'string', default: '200' }, 'lock-ms': { type: 'string', default: '5000' }, skip: { type: 'string', default: '' },
  },
});
const skip = new Set(args.skip.split(',').filter(Boolean));
const lockMs = Number(args['lock-ms']);
const work = await mkdtemp(join(tmpdir(), 'mle-bench-scale-'));
const redis = await startRedis();
const children = new Set();

function start(argv, cwd) {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const lines = [];
  const waiters = [];
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const parts = out.split('\n');
    out = parts.pop();
    for (const line of parts) {
      lines.push({ at: performance.now(), line });
      for (const w of [...waiters]) if (w.pattern.test(line)) waiters.splice(waiters.indexOf(w), 1) && w.resolve({ at: performance.now(), line });
    }
  });
  let err = '';
  child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
  const exited = new Promise((r) => child.once('exit', (code) => (children.delete(child), r({ code, err }))));
  return { child, lines, exited, waitFor: (pattern) => new Promise((r) => waiters.push({ pattern, resolve: r })) };
}

async function project(name, { concurrency = 1, datasets = args.datasets.split(',') } = {}) {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify({
    datasets: datasets.map((d) => join(root, 'examples', 'datasets', d)), out: 'run', seed: 42, concurrency,
    plugins: ['designer-tabular', 'rules-structural', 'rules-leakage', 'reviewer-llm', 'solver-baselines', 'executor-local', 'reporter-json'],
    design: { maxProposalsPerDataset: 1, maxRepairAttempts: 2 }, executor: { backend: 'local', limits: { timeSec: 300, memoryMb: 2048, cpus: 1 } },
    llm: { backend: 'none' }, report: ['json'], scheduler: { options: { lockDurationMs: lockMs } },
  }));
  return dir;
}

async function timedRun(name, workers) {
  const dir = await project(name, { concurrency: workers === 0 ? 2 : 1 });
  const pool = Array.from({ length: workers }, () => start(['worker', '--queue', redis.url], dir));
  const load = loadavg()[0];
  const t = performance.now();
  const run = start(['run', '--out', 'run', '--json', ...(workers ? ['--queue', redis.url] : [])], dir);
  const { code, err } = await run.exited;
  const ms = performance.now() - t;
  for (const w of pool) w.child.kill('SIGTERM');
  await Promise.all(pool.map((w) => w.exited));
  if (code !== 0 && code !== 1) throw new Error(`${name}: run exited ${code}\n${err}`);
  const tasks = JSON.parse(run.lines.map((l) => l.line).join('\n')).tasks.filter((x) => x.status !== 'rejected').length;
  const jobs = pool.flatMap((w) => w.lines).filter((l) => /: \w+ (done|cached) \d+ms$/.test(l.line)).length;
  return { mode: workers ? `${workers} worker${workers > 1 ? 's' : ''}` : 'in-process', seconds: ms / 1000, tasks, perMinute: tasks / (ms / 60000), jobs, load };
}

async function queueOverhead(n) {
  const client = (name) => createBullmqClient({ url: redis.url, queueName: name, attempts: 1, backoffMs: 0, lockDurationMs: 30000, maxStalledCount: 1 });
  const coordinator = createBullmqScheduler({ client: client('bench'), pollMs: 5 });
  const worker = createBullmqScheduler({ client: client('bench'), pollMs: 5 });
  const handler = async () => ({ next: [] });
  void worker.work(handler, { concurrency: 1 });
  const direct = performance.now();
  for (let i = 0; i < n; i++) await handler();
  const directMs = (performance.now() - direct) / n;
  // one job at a time: enqueue, a worker takes it, completes it, the coordinator sees it done
  const t = performance.now();
  for (let i = 0; i < n; i++) await coordinator.drain([{ id: `noop-${i}-${Date.now()}`, runId: 'bench', kind: 'task', label: `noop ${i}`, data: {} }]);
  const queuedMs = (performance.now() - t) / n;
  // all at once (a busy queue): the worker's cost per job when it never waits for the coordinator
  const b = performance.now();
  await coordinator.drain(Array.from({ length: n }, (_, i) => ({ id: `batch-${i}-${Date.now()}`, runId: 'bench', kind: 'task', label: `batch ${i}`, data: {} })));
  const batchMs = (performance.now() - b) / n;
  await worker.close();
  await coordinator.close();
  return { jobs: n, directMs, queuedMs, batchMs, overheadMs: queuedMs - directMs };
}

async function recovery() {
  const dir = await project('recovery', { datasets: ['iris'] });
  const pool = [start(['worker', '--queue', redis.url], dir), start(['worker', '--queue', redis.url], dir)];
  const run = start(['run', '--out', 'run', '--queue', redis.url], dir);
  const started = await Promise.race(pool.map((w) => w.waitFor(/ iris\/\S+ step 5: started$/).then((s) => ({ w, ...s }))));
  const label = / (\S+ step 5): started$/.exec(started.line)[1];
  await new Promise((r) => setTimeout(r, 3000));
  const killedAt = performance.now();
  started.w.child.kill('SIGKILL');
  const other = pool.find((w) => w !== started.w);
  const escaped = label.replace(/[/.]/g, '\\$&');
  const taken = await other.waitFor(new RegExp(`${escaped}: started$`));
  const finished = await other.waitFor(new RegExp(`${escaped}: \\w+ (done|cached) \\d+ms$`));
  await run.exited;
  other.child.kill('SIGTERM');
  await other.exited;
  return { lockMs, takenAfterMs: taken.at - killedAt, finishedAfterMs: finished.at - killedAt };
}

try {
  console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs`);
  if (!skip.has('overhead')) {
    const o = await queueOverhead(Number(args.jobs));
    console.log(`queue overhead: ${o.jobs} no-op jobs one at a time: ${o.queuedMs.toFixed(1)} ms per job on the queue vs ${o.directMs.toFixed(3)} ms direct => ${o.overheadMs.toFixed(1)} ms per job (target <= 50); all ${o.jobs} queued at once: ${o.batchMs.toFixed(1)} ms per job`);
  }
  if (!skip.has('runs')) {
    const results = [await timedRun('in-process', 0)];
    for (const n of args.workers.split(',').map(Number)) results.push(await timedRun(`workers-${n}`, n));
    console.log('\nmode          wall s  tasks  tasks/min  jobs  load(1m)');
    for (const r of results) console.log(`${r.mode.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} ${String(r.tasks).padStart(6)} ${r.perMinute.toFixed(2).padStart(10)} ${String(r.jobs).padStart(5)} ${r.load.toFixed(1).padStart(9)}`);
    const one = results.find((r) => r.mode === '1 worker');
    const two = results.find((r) => r.mode === '2 workers');
    if (one && two) console.log(`2 workers / 1 worker throughput: ${(two.perMinute / one.perMinute).toFixed(2)}x (target >= 1.7 with a free core per worker)`);
  }
  if (!skip.has('recovery')) {
    const r = await recovery();
    console.log(`\nrecovery: SIGKILL 3 s into an execute job; taken by another worker after ${(r.takenAfterMs / 1000).toFixed(1)} s (lock ${r.lockMs / 1000} s; target <= lock + 5 s), finished after ${(r.finishedAfterMs / 1000).toFixed(1)} s`);
  }
} finally {
  for (const c of children) c.kill('SIGKILL');
  await redis.stop();
  await rm(work, { recursive: true, force: true });
}
