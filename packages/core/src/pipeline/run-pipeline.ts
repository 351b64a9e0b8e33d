// The pipeline runner: profile → brainstorm → design → verify(spec) → materialize →
// verify(package) → review → execute → verdict → publish, per dataset and task. Every stage's
// result is a checkpoint in the run store, so a killed run resumes without redoing work.
// A task's attempts live in task-attempt.ts and task-run.ts; this file runs datasets.
import { join } from 'node:path';
import type { RunInfo, RunSummary, TaskSummary } from '../contracts/extensions.js';
import type { TaskProposal } from '../contracts/task.js';
import type { DrainProgress, JobFailure, Scheduler, SchedulerJob } from '../contracts/scheduler.js';
import type { RunStore } from '../run-store.js';
import { datasetJob, lineOf } from './pipeline-jobs.js';
import type { DatasetProfiler, PipelineServices } from '../services.js';
import { writeJsonAtomic } from '../atomic-fs.js';
import { checkLlmEndpoint, summarizeAgentRun } from '../agent-context.js';
import { interruptible } from '../interrupt.js';
import { expandDatasets, type DatasetRef } from './datasets.js';
import { funnelCounts } from './funnel.js';
import { createRunContext, type RunContext } from './run-context.js';
import type { ProgressEvent } from './stage-runner.js';
import { runTask } from './task-run.js';
import { runDatasetLine } from './dataset-line.js';

export type { ProgressEvent } from './stage-runner.js';
export { buildTaskManifest } from './manifest.js';

/** The services (resolved from the composition's container) and this run's options. */
export interface PipelineOptions extends PipelineServices {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  version?: string;
  /** A queue's workers run the stages first (docs/scale.md); without it, this process runs them all, as always. */
  queue?: QueueOptions;
}

export interface QueueOptions {
  scheduler: Scheduler;
  /** The config file's folder: workers resolve the config's relative plugin entries from it. */
  configDir: string;
  onProgress?: (progress: DrainProgress) => void;
}

/** A failed job's line: the dataset name, or "<dataset>/<taskId>". */
type FailedLines = Map<string, JobFailure>;

export interface PipelineResult {
  summary: RunSummary;
  /** False when a dataset was invalid or no task was accepted. */
  ok: boolean;
}

type DatasetResult = RunSummary['datasets'][number];

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { config } = options;
  // An LLM run whose endpoint does not answer stops here, before the run folder exists.
  await interruptible(checkLlmEndpoint(options.host, config), options.signal, 0);
  const startedAt = new Date().toISOString();
  const store = await options.openRunStore();
  const datasets = await expandDatasets(config.datasets);
  const info: RunInfo = { runId: store.runId, runDir: store.dir, datasets: datasets.map((d) => d.name), config: config as unknown as Record<string, unknown> };
  const run = await createRunContext({ ...options, store });
  await run.hooks.parallel('onRunStart', 'run', info);
  await run.reporters.onRunStart(info);
  const results: DatasetResult[] = [];
  const tasks: TaskSummary[] = [];
  let failure: unknown;
  let failures: FailedLines = new Map();
  try {
    failures = options.queue ? await drainQueue(options.queue, store, datasets, options.signal) : new Map();
    await forEachLimited(datasets, config.concurrency, async (ds) => {
      try {
        await runDataset(run, ds, options.profiler, { results, tasks }, failures);
      } catch (err) {
        run.halt(err); // the other datasets stop at their next stage; the run waits for them before it reports
        throw err;
      }
    });
  } catch (err) {
    failure = err;
  } finally {
    await run.dispose();
  }
  const summary = summarizeRun(run, datasets, results, tasks, startedAt);
  // After a failure (a full disk, say) the summary is best effort: the failure is what the run reports.
  await writeJsonAtomic(join(store.dir, 'summary.json'), summary).catch((err: unknown) => {
    if (failure === undefined) throw err;
  });
  if (failure === undefined) await run.reporters.onRunEnd(summary);
  const ok = failure === undefined && results.every((d) => !d.error) && tasks.some((t) => t.status !== 'rejected') && failures.size === 0;
  await run.hooks.parallelIsolated('onRunEnd', { ...info, ok });
  if (failure !== undefined) throw failure;
  return { summary, ok };
}

/**
 * The queue's workers run every job of the run (each a stage, over the run store's checkpoints);
 * then this process's pass finds them done. What a killed worker left half-written is swept.
 */
async function drainQueue(queue: QueueOptions, store: RunStore, datasets: DatasetRef[], signal?: AbortSignal): Promise<FailedLines> {
  const failures = await queue.scheduler.drain(rootJobs(queue, store, datasets), { onProgress: queue.onProgress, signal });
  await store.sweep();
  return new Map(failures.map((f) => [lineOf(f.job), f]));
}

const rootJobs = (queue: QueueOptions, store: RunStore, datasets: DatasetRef[]): SchedulerJob[] =>
  datasets.map((ds) => datasetJob({ runId: store.runId, runDir: store.dir, configDir: queue.configDir }, ds));

/** `run --detach`: opens the run directory and adds the run's first jobs; workers do the rest, and a later `run` of the same run directory follows and reports it. */
export async function submitPipeline(options: Pick<PipelineServices, 'config' | 'openRunStore'> & { queue: QueueOptions }): Promise<{ runId: string; runDir: string }> {
  const store = await options.openRunStore();
  const datasets = await expandDatasets(options.config.datasets);
  await options.queue.scheduler.submit(rootJobs(options.queue, store, datasets));
  return { runId: store.runId, runDir: store.dir };
}

function summarizeRun(run: RunContext, datasets: DatasetRef[], results: DatasetResult[], tasks: TaskSummary[], startedAt: string): RunSummary {
  const order = new Map(datasets.map((d, i) => [d.name, i]));
  results.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  tasks.sort((a, b) => order.get(a.dataset)! - order.get(b.dataset)! || (a.taskId < b.taskId ? -1 : 1));
  const funnel = funnelCounts(tasks.map((t) => t.reached));
  return {
    runId: run.store.runId, runDir: run.store.dir, startedAt, finishedAt: new Date().toISOString(), datasets: results, funnel, tasks, ledger: run.ledger,
    ...(run.agent ? { llm: summarizeAgentRun(run.agent) } : {}),
  };
}

/** Profile, pick the designer, brainstorm, then run each proposal's task. A bad dataset fails alone. */
async function runDataset(run: RunContext, ds: DatasetRef, profiler: DatasetProfiler, out: { results: DatasetResult[]; tasks: TaskSummary[] }, failures: FailedLines): Promise<void> {
  const lineFailure = failures.get(ds.name);
  if (lineFailure) {
    out.results.push({ name: ds.name, proposals: 0, error: failureReason(lineFailure) });
    return;
  }
  const { result, line } = await runDatasetLine(run, ds, profiler);
  out.results.push(result);
  if (!line) return;
  for (const proposal of line.proposals) {
    const taskFailure = failures.get(`${ds.name}/${proposal.id}`);
    out.tasks.push(taskFailure ? failedTask(ds, proposal, taskFailure) : await runTask(run, { dataset: ds, profile: line.profile, designer: line.designer, proposal }));
  }
}

/** A queue job that failed on every attempt: the run reports it with its error and does not run it again. */
function failureReason(f: JobFailure): string {
  return `job ${f.job.label} failed after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}: ${f.error}`;
}

function failedTask(ds: DatasetRef, proposal: TaskProposal, f: JobFailure): TaskSummary {
  return {
    taskId: proposal.id, dataset: ds.name, status: 'rejected', attempts: 0, reasons: [failureReason(f)], findings: [], reached: 'proposal', ladder: [],
    title: proposal.title, modality: proposal.modality, metric: proposal.metric.name,
  };
}

/** Runs `fn` on the items, `limit` at a time; after a failure starts no new item, waits for the running ones, then throws the first error. */
export async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      try {
        await fn(items[next++]!);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
}
