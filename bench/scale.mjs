#!/usr/bin/env node
// Runs on a queue against one process, on this machine (docs/scale.md):
//  1. the demo's tabular datasets with execution: in-process, then `run --queue` with 1, 2 and 4
//     worker processes: wall time and tasks per minute (and the load average: on a shared machine
//     the wall times only compare when it is idle);
//  2. the queue's own cost per job: N no-op jobs through the BullMQ scheduler with one worker,
//     against calling the handler directly (target ≤ 50 ms);
//  3. a CPU-bound mix: --cpu-jobs jobs of a fixed amount of integer hashing each, allocation-free (bench/scale-cpu-worker.mjs),
//     with 1 and then 2 worker processes: throughput, and the cores the workers actually got (their
//     CPU time over the wall time), which is what limits the speed-up on a shared machine
//     (target: 2 workers >= 1.7x one);
//  4. recovery: a worker SIGKILLed 3 s into an execute job; the time until another worker takes the
//     job, and until it finishes it (target: taken within the lock time + 5 s).
// Every queued part counts lost jobs (failed, or never finished) and duplicated ones (finished
// twice) (target: 0). The last lines put each target beside its measurement.
// Usage: node bench/scale.mjs [--workers 1,2,4] [--datasets iris,wine,...] [--jobs 200] [--lock-ms 5000]
//        [--cpu-jobs 24] [--cpu-rounds 1500000000] [--skip runs,overhead,cpu,recovery]
//        (build first; needs /usr/bin/redis-server)
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
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
    'cpu-jobs': { type: 'string', default: '24' }, 'cpu-rounds': { type: 'string', default: '1500000000' },
  },
});
const skip = new Set(args.skip.split(',').filter(Boolean));
const lockMs = Number(args['lock-ms']);
const work = await mkdtemp(join(tmpdir(), 'mle-bench-scale-'));
const redis = await startRedis();
const children = new Set();

function start(argv, cwd, script = BIN) {
  const child = spawn(process.execPath, [script, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const summary = JSON.parse(run.lines.map((l) => l.line).join('\n'));
  const tasks = summary.tasks.filter((x) => x.status !== 'rejected').length;
  const jobs = pool.flatMap((w) => w.lines).filter((l) => /: \w+ (done|cached) \d+ms$/.test(l.line)).length;
  return { mode: workers ? `${workers} worker${workers > 1 ? 's' : ''}` : 'in-process', seconds: ms / 1000, tasks, perMinute: tasks / (ms / 60000), jobs, load, ...faults(pool, summary) };
}

/** Jobs lost (failed for good: a task or dataset rejected by a queue failure) and stages computed twice, in the workers' logs. */
function faults(pool, summary) {
  const computed = new Map();
  for (const { line } of pool.flatMap((w) => w.lines)) {
    const m = /^job \S+ (.+?): \w+ done \d+ms$/.exec(line);
    if (m) computed.set(m[1], (computed.get(m[1]) ?? 0) + 1);
  }
  const lost = summary.tasks.filter((t) => t.reasons?.some((r) => /^job .* failed after/.test(r))).length + summary.datasets.filter((d) => /^job .* failed after/.test(d.error ?? '')).length;
  return { lost, duplicated: [...computed.values()].filter((n) => n > 1).length };
}

/** `jobs` jobs of `rounds` hashes each through the queue, taken by `n` worker processes. */
async function cpuMix(n, jobs, rounds) {
  const queueName = `cpu-${n}-${Date.now()}`;
  const pool = Array.from({ length: n }, () => start([redis.url, queueName], root, join(root, 'bench', 'scale-cpu-worker.mjs')));
  await Promise.all(pool.map((w) => w.waitFor(/^ready$/)));
  await new Promise((r) => setTimeout(r, 1000)); // the workers' BullMQ connections are up
  const coordinator = createBullmqScheduler({ client: createBullmqClient({ url: redis.url, queueName, attempts: 1, backoffMs: 0, lockDurationMs: 30000, maxStalledCount: 1 }), pollMs: 50 });
  const ids = Array.from({ length: jobs }, (_, i) => `cpu-${i}`);
  const load = loadavg()[0];
  const t = performance.now();
  const failures = await coordinator.drain(ids.map((id) => ({ id, runId: queueName, kind: 'task', label: id, data: { rounds } })));
  const seconds = (performance.now() - t) / 1000;
  await coordinator.close();
  const cpuLines = pool.map((w) => w.waitFor(/^cpu \d+$/));
  for (const w of pool) w.child.kill('SIGTERM');
  const cpuSeconds = (await Promise.all(cpuLines)).reduce((s, l) => s + Number(l.line.split(' ')[1]) / 1000, 0);
  await Promise.all(pool.map((w) => w.exited));
  const done = pool.flatMap((w) => w.lines.map((l) => /^done (\S+)$/.exec(l.line)?.[1]).filter(Boolean));
  const lost = ids.filter((id) => !done.includes(id)).length + failures.length;
  const duplicated = done.length - new Set(done).size;
  return { workers: n, seconds, perMinute: jobs / (seconds / 60), cores: cpuSeconds / seconds, load, lost, duplicated };
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
  const run = start(['run', '--out', 'run', '--json', '--queue', redis.url], dir);
  const started = await Promise.race(pool.map((w) => w.waitFor(/ iris\/\S+ step 5: started$/).then((s) => ({ w, ...s }))));
  const label = / (\S+ step 5): started$/.exec(started.line)[1];
  await new Promise((r) => setTimeout(r, 3000));
  const killedAt = performance.now();
  started.w.child.kill('SIGKILL');
  const other = pool.find((w) => w !== started.w);
  const escaped = label.replace(/[/.]/g, '\\$&');
  const taken = await other.waitFor(new RegExp(`${escaped}: started$`));
  const finished = await other.waitFor(new RegExp(`${escaped}: \\w+ (done|cached) \\d+ms$`));
  const { code, err } = await run.exited;
  if (code !== 0) throw new Error(`recovery: run exited ${code}\n${err}`);
  other.child.kill('SIGTERM');
  await other.exited;
  return { lockMs, takenAfterMs: taken.at - killedAt, finishedAfterMs: finished.at - killedAt, ...faults(pool, JSON.parse(run.lines.map((l) => l.line).join('\n'))) };
}

const targets = [];
const faultCounts = [];
const fmtLoad = () => loadavg().map((x) => x.toFixed(2)).join(' ');
try {
  console.log(`load average at start: ${fmtLoad()} on ${cpus().length} CPUs`);
  if (!skip.has('overhead')) {
    const o = await queueOverhead(Number(args.jobs));
    targets.push(['queue overhead per job', '<= 50 ms', `${o.overheadMs.toFixed(1)} ms`, o.overheadMs <= 50]);
    console.log(`queue overhead: ${o.jobs} no-op jobs one at a time: ${o.queuedMs.toFixed(1)} ms per job on the queue vs ${o.directMs.toFixed(3)} ms direct => ${o.overheadMs.toFixed(1)} ms per job (target <= 50); all ${o.jobs} queued at once: ${o.batchMs.toFixed(1)} ms per job`);
  }
  if (!skip.has('runs')) {
    const results = [await timedRun('in-process', 0)];
    for (const n of args.workers.split(',').map(Number)) results.push(await timedRun(`workers-${n}`, n));
    console.log('\npipeline runs (demo datasets with execution):');
    console.log('mode          wall s  tasks  tasks/min  jobs  lost  dup  load(1m)');
    for (const r of results) console.log(`${r.mode.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} ${String(r.tasks).padStart(6)} ${r.perMinute.toFixed(2).padStart(10)} ${String(r.jobs).padStart(5)} ${String(r.lost ?? '').padStart(5)} ${String(r.duplicated ?? '').padStart(4)} ${r.load.toFixed(1).padStart(9)}`);
    for (const r of results.filter((x) => x.mode !== 'in-process')) faultCounts.push([`pipeline ${r.mode}`, r.lost, r.duplicated]);
    const one = results.find((r) => r.mode === '1 worker');
    const two = results.find((r) => r.mode === '2 workers');
    if (one && two) console.log(`pipeline 2 workers / 1 worker throughput: ${(two.perMinute / one.perMinute).toFixed(2)}x (a run's stages are chains: a dataset's line waits on its previous stage, so a few datasets leave a worker idle)`);
  }
  if (!skip.has('cpu')) {
    const [one, two] = [await cpuMix(1, Number(args['cpu-jobs']), Number(args['cpu-rounds'])), await cpuMix(2, Number(args['cpu-jobs']), Number(args['cpu-rounds']))];
    console.log(`\nCPU-bound mix (${args['cpu-jobs']} jobs of ${args['cpu-rounds']} hash rounds, independent):`);
    console.log('workers  wall s  jobs/min  cores used  lost  dup  load(1m)');
    for (const r of [one, two]) console.log(`${String(r.workers).padStart(7)} ${r.seconds.toFixed(1).padStart(7)} ${r.perMinute.toFixed(1).padStart(9)} ${r.cores.toFixed(2).padStart(11)} ${String(r.lost).padStart(5)} ${String(r.duplicated).padStart(4)} ${r.load.toFixed(1).padStart(9)}`);
    const ratio = two.perMinute / one.perMinute;
    // the workers' CPU time over the wall time: the cores they got; what the machine's other processes took is the rest
    const limit = two.cores < 1.8 ? `the 2 workers got ${two.cores.toFixed(2)} of 2 cores (the machine's other processes took the rest: load ${two.load.toFixed(1)} on ${cpus().length} CPUs)` : `the workers had their cores (${two.cores.toFixed(2)} of 2); the rest is the queue and the coordinator`;
    console.log(`CPU mix 2 workers / 1 worker throughput: ${ratio.toFixed(2)}x; limited by: ${limit}`);
    targets.push(['2 workers vs 1 (CPU-bound mix)', '>= 1.7x', `${ratio.toFixed(2)}x`, ratio >= 1.7]);
    faultCounts.push(['CPU mix 1 worker', one.lost, one.duplicated], ['CPU mix 2 workers', two.lost, two.duplicated]);
  }
  if (!skip.has('recovery')) {
    const r = await recovery();
    console.log(`\nrecovery: SIGKILL 3 s into an execute job; taken by another worker after ${(r.takenAfterMs / 1000).toFixed(1)} s (lock ${r.lockMs / 1000} s; target <= lock + 5 s), finished after ${(r.finishedAfterMs / 1000).toFixed(1)} s; lost ${r.lost}, duplicated ${r.duplicated}`);
    targets.push(['recovery from a killed worker', `<= ${(r.lockMs / 1000 + 5).toFixed(0)} s (lock + 5)`, `${(r.takenAfterMs / 1000).toFixed(1)} s`, r.takenAfterMs <= r.lockMs + 5000]);
    faultCounts.push(['recovery', r.lost, r.duplicated]);
  }
  if (faultCounts.length) {
    const lost = faultCounts.reduce((s, f) => s + f[1], 0);
    const dup = faultCounts.reduce((s, f) => s + f[2], 0);
    targets.push(['lost / duplicated jobs', '0 / 0', `${lost} / ${dup} (${faultCounts.length} queued parts)`, lost === 0 && dup === 0]);
  }
  console.log(`\ntargets (load average at the end: ${fmtLoad()} on ${cpus().length} CPUs)`);
  console.log(`${'target'.padEnd(32)} ${'goal'.padEnd(18)} ${'measured'.padEnd(28)} met`);
  for (const [name, goal, measured, met] of targets) console.log(`${name.padEnd(32)} ${goal.padEnd(18)} ${measured.padEnd(28)} ${met ? 'yes' : 'no'}`);
} finally {
  for (const c of children) c.kill('SIGKILL');
  await redis.stop();
  await rm(work, { recursive: true, force: true });
}
