// Runs on a real queue: Debian's redis-server on loopback, `mle-smith worker`
// processes, and the coordinators `mle-smith run --queue` and `mle-smith eval --queue`. What the
// queue must not change (the packages byte for byte, an evaluation's scores and ratings) is checked
// against an in-process run of the same config; what it must survive (workers killed with SIGKILL
// mid-stage, Redis restarted, a job that always fails) is checked on the run directory and the
// workers' own logs. The three faults share one run, so the file stays within CI's time.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checksumTree, type RunSummary } from '@mle-smith/core';
import { BIN, runCli, startCli } from './cli-helpers.test-util.js';
import { startRedis, type RedisServer } from '@mle-smith/testkit';

const examples = resolve(process.cwd(), '..', '..', 'examples');
const fixtures = resolve(process.cwd(), 'src', '__fixtures__');
const PLUGINS = ['designer-tabular', 'rules-structural', 'rules-leakage', 'reviewer-llm', 'solver-baselines', 'executor-local', 'reporter-json'];
const DATASETS = ['iris', 'penguins'].map((d) => join(examples, 'datasets', d));

let redis: RedisServer;
let work: string;
let reference: string;
const workers: Worker[] = [];

/**
 * A config in its own folder, for the coordinator and the workers started there. The lock is short
 * so a dead worker's job moves on quickly, and long enough that a live worker on a loaded machine
 * (event loop late by seconds) still renews it in time.
 */
async function project(name: string, o: { plugins?: unknown[]; datasets?: string[]; execute?: boolean } = {}): Promise<string> {
  const dir = join(work, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const config = {
    datasets: o.datasets ?? DATASETS, out: 'run', plugins: o.plugins ?? PLUGINS, seed: 42, concurrency: 2,
    design: { maxProposalsPerDataset: 1, maxRepairAttempts: 2 }, executor: { backend: 'local', limits: { timeSec: 300, memoryMb: 2048, cpus: 1 } },
    execute: { enabled: o.execute ?? true }, llm: { backend: 'none' }, report: ['json'],
    scheduler: { options: { lockDurationMs: 20_000, backoffMs: 200, attempts: 2, pollMs: 200 } },
  };
  await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

interface Worker {
  child: ChildProcess;
  stdout: () => string;
  /** Resolves with the matching stdout line. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

function startWorker(cwd: string): Worker {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', redis.url], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  child.stdout!.on('data', (d) => {
    out += d;
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.pattern.test(l));
      if (line) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr!.resume();
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const worker: Worker = { child, stdout: () => out, exited, waitFor: (pattern) => new Promise((r) => waiters.push({ pattern, resolve: r })) };
  workers.push(worker);
  return worker;
}

async function stopWorkers(): Promise<void> {
  for (const w of workers.splice(0)) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await w.exited;
  }
}

/**
 * The published packages: the sha256 of every file, by path, except the two kinds of file that
 * record how long each baseline took (wall time differs between any two runs, in one process
 * too), whose JSON is compared without those durations.
 */
async function publishedFiles(runDir: string): Promise<Record<string, unknown>> {
  const tasks = join(runDir, 'tasks');
  const out: Record<string, unknown> = {};
  for (const f of await checksumTree(tasks)) {
    const timed = /(^|\/)(verification|result)\.json$/.test(f.path);
    out[f.path] = timed ? withoutDurations(JSON.parse(await readFile(join(tasks, f.path), 'utf8'))) : f.sha256;
  }
  return out;
}

function withoutDurations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDurations);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'durationMs').map(([k, v]) => [k, withoutDurations(v)]));
}

/** Files a killed writer could leave: temp files, staging folders, swapped-out old folders. */
async function halfWritten(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (/^\..*\.tmp$|\.staging-|\.old-\d+-/.test(e.name)) found.push(join(e.parentPath, e.name));
  }
  return found;
}

/** Each job label with a stage computed ("… done") in the workers' logs, and how often. */
function computedJobs(logs: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of logs.join('\n').split('\n')) {
    const m = /^job \S+ (.+?): (\w+) done \d+ms$/.exec(line);
    if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  redis = await startRedis();
  work = await mkdtemp(join(tmpdir(), 'mls-queue-'));
}, 60_000);

afterEach(stopWorkers);

afterAll(async () => {
  await stopWorkers();
  await redis?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('mle-smith run --queue with worker processes', () => {
  beforeAll(async () => {
    // the reference: the same config, in one process
    const dir = await project('in-process');
    const r = await runCli(['run', '--out', 'run'], dir);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    reference = join(dir, 'run');
  }, 900_000);

  it('publishes the same packages, byte for byte, as one process; status shows the counts while the run is under way', async () => {
    const dir = await project('three-workers');
    const three = [startWorker(dir), startWorker(dir), startWorker(dir)];
    const run = startCli(['run', '--out', 'run', '--queue', redis.url], dir);
    await run.waitFor(/^\[queue\] .+ step 0: profile done/m);
    const status = await runCli(['status', 'run', '--json'], dir);
    expect(status.code, status.stderr).toBe(0);
    const counts = JSON.parse(status.stdout) as { runId: string; completed: number; workers: number; doneByStage: Record<string, number> };
    expect(counts.runId).toMatch(/^run-/);
    expect(counts.completed).toBeGreaterThan(0);
    expect(counts.doneByStage.profile).toBeGreaterThan(0);
    expect(counts.workers).toBe(3);
    const text = await runCli(['status', 'run'], dir);
    expect(text.stdout).toMatch(/^run run-\S+: \d+ waiting, \d+ active, \d+ done, \d+ failed; 3 workers$/m);
    const r = await run.done;
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    expect(await publishedFiles(join(dir, 'run'))).toEqual(await publishedFiles(reference));
    // every stage ran in a worker, once; the coordinator's pass found them all checkpointed
    expect([...computedJobs(three.map((w) => w.stdout())).values()].every((n) => n === 1)).toBe(true);
    expect(r.stderr).not.toMatch(/^\[[^\]]+\] \w+ done/m);
  }, 900_000);

  it('survives workers killed with SIGKILL during materialize and during execute, a Redis restart and a job that always fails: same packages, each stage computed once, nothing half-written; the failed job is in the failed set and the report, the run exits 1', async () => {
    // iris' task meets the kills and the restart; wine's only task is designed by a plugin that always throws
    const dir = await project('faults', { plugins: [join(fixtures, 'throwing-designer.mjs'), ...PLUGINS], datasets: [join(examples, 'datasets', 'wine'), DATASETS[0]!] });
    const first = [startWorker(dir), startWorker(dir)];
    const run = startCli(['run', '--out', 'run', '--queue', redis.url], dir);
    // during materialize (step 2 of a task's first attempt)
    const materializing = await Promise.race(first.map((w) => w.waitFor(/ iris\/\S+ step 2: started$/).then((line) => ({ w, line }))));
    materializing.w.child.kill('SIGKILL');
    const second = [...first.filter((w) => w !== materializing.w), startWorker(dir)];
    // during execute (step 5 of iris' task, which passes its first attempt)
    const executing = await Promise.race(second.map((w) => w.waitFor(/ iris\/\S+ step 5: started$/).then((line) => ({ w, line }))));
    await new Promise((r) => setTimeout(r, 3000)); // the baselines are running
    executing.w.child.kill('SIGKILL');
    startWorker(dir);
    await redis.restart();
    const r = await run.done;
    // the failed job: exit 1, named with its error; the other tasks are published
    expect(r.code, r.stderr.slice(-3000)).toBe(1);
    expect(r.stdout).toMatch(/^rejected wine-always-fails: job wine\/wine-always-fails step 0 failed after 2 attempts: the throwing designer fails on purpose$/m);
    const report = JSON.parse(await readFile(join(dir, 'run', 'report.json'), 'utf8')) as RunSummary;
    const failed = report.tasks.find((t) => t.taskId === 'wine-always-fails');
    expect(failed?.status).toBe('rejected');
    expect(failed?.reasons.join('\n')).toContain('the throwing designer fails on purpose');
    expect(report.tasks.some((t) => t.dataset === 'iris' && t.status !== 'rejected')).toBe(true);
    const status = JSON.parse((await runCli(['status', 'run', '--json'], dir)).stdout) as { failed: number; failedJobs: Array<{ label: string; error: string }> };
    expect(status.failed).toBe(1);
    expect(status.failedJobs).toEqual([{ label: 'wine/wine-always-fails step 0', error: 'the throwing designer fails on purpose' }]);
    // the killed jobs were finished elsewhere, as the stage the kill interrupted
    const logs = workers.map((w) => w.stdout());
    const label = (line: string): string => / (\S+ step \d+): started$/.exec(line)![1]!;
    expect(logs.join('\n')).toMatch(new RegExp(`${label(materializing.line).replace(/[/.]/g, '\\$&')}: materialize done`));
    expect(logs.join('\n')).toMatch(new RegExp(`${label(executing.line).replace(/[/.]/g, '\\$&')}: execute done`));
    expect([...computedJobs(logs).values()].every((n) => n === 1)).toBe(true);
    expect(r.stderr).not.toMatch(/^\[[^\]]+\] \w+ done/m);
    expect(await halfWritten(join(dir, 'run'))).toEqual([]);
    const expected = Object.fromEntries(Object.entries(await publishedFiles(reference)).filter(([path]) => path.startsWith('iris-')));
    expect(await publishedFiles(join(dir, 'run'))).toEqual(expected);
  }, 900_000);
});

describe('mle-smith eval --queue with worker processes', () => {
  it('gives the same scores and Elo with 2 workers as in-process, each (task, solver, seed) run once on a worker', async () => {
    const dir = await project('eval', { datasets: [] });
    const tasks = ['ref-iris-species', 'ref-penguins-species'].map((t) => join(examples, 'reference-tasks', 'tasks', t));
    const args = (out: string): string[] => ['eval', '--tasks', ...tasks, '--solvers', 'baseline-trivial,baseline-simple', '--seeds', '1', '--out', out];
    const local = await runCli(args('in-process'), dir);
    expect(local.code, local.stderr.slice(-3000)).toBe(0);
    const two = [startWorker(dir), startWorker(dir)];
    const queued = await runCli([...args('queued'), '--queue', redis.url], dir);
    expect(queued.code, queued.stderr.slice(-3000)).toBe(0);
    const scores = async (out: string): Promise<unknown> => withoutDurations(JSON.parse(await readFile(join(dir, out, 'scores.json'), 'utf8')));
    expect(await scores('queued')).toEqual(await scores('in-process'));
    expect(await readFile(join(dir, 'queued', 'elo.json'), 'utf8')).toBe(await readFile(join(dir, 'in-process', 'elo.json'), 'utf8'));
    // the workers ran all four, once each; the coordinator only read their results
    const computed = computedJobs(two.map((w) => w.stdout()));
    expect([...computed.keys()].sort()).toEqual(['ref-iris-species baseline-simple seed 42', 'ref-iris-species baseline-trivial seed 42', 'ref-penguins-species baseline-simple seed 42', 'ref-penguins-species baseline-trivial seed 42']);
    expect([...computed.values()].every((n) => n === 1)).toBe(true);
    expect(queued.stderr.match(/^\[ref-\S+\] baseline-\w+ seed 42: \S+ \(on a worker\)$/gm)).toHaveLength(4);
  }, 600_000);
});
