// The pipeline's units of work as queue jobs. A job is one stage of a line — a dataset's
// (profile, brainstorm) or a task's (design → verify → materialize → verify → review → execute,
// per attempt, then verdict and publish) —: it replays its line from the run store's checkpoints
// up to its step, runs that stage, and stops before the next, which it returns as the next job.
// A repeated job finds its stage checkpointed and does nothing twice; a line's next step is only
// known once the checkpoints before it exist (the repair loop decides), so each job adds the next.
import type { JobOutcome, SchedulerJob } from '../contracts/scheduler.js';
import type { PipelineServices } from '../services.js';
import { MleSmithError } from '../errors.js';
import { RunStore } from '../run-store.js';
import type { DatasetRef } from './datasets.js';
import { createRunContext, type RunContext } from './run-context.js';
import { runDatasetLine } from './dataset-line.js';
import type { ProgressEvent, StageFn } from './stage-runner.js';
import { runTask } from './task-run.js';

/** What a pipeline job carries: where the run is, which line, which step of it. */
export interface PipelineJobData {
  runDir: string;
  /** The config file's folder: relative plugin entries of the run's config resolve from it. */
  configDir: string;
  dataset: string;
  datasetDir: string;
  taskId?: string;
  /** The position, in its line, of the stage this job runs (0: the line's first stage). */
  step: number;
}

export interface JobRun {
  runId: string;
  runDir: string;
  configDir: string;
}

/** The first job of a dataset's line; the jobs after it come from the outcomes. */
export function datasetJob(run: JobRun, ds: DatasetRef, step = 0, taskId?: string): SchedulerJob {
  const data: PipelineJobData = { runDir: run.runDir, configDir: run.configDir, dataset: ds.name, datasetDir: ds.dir, step, ...(taskId ? { taskId } : {}) };
  const line = taskId ? `${ds.name}/${taskId}` : ds.name;
  // dataset names and task ids are slugs, so "|" separates the parts unambiguously
  return { id: `${run.runId}|${line}|${step}`, runId: run.runId, kind: taskId ? 'task' : 'dataset', label: `${line} step ${step}`, data: { ...data } };
}

/** The line a job belongs to: "<dataset>" or "<dataset>/<taskId>". */
export function lineOf(job: SchedulerJob): string {
  const d = job.data as unknown as PipelineJobData;
  return d.taskId ? `${d.dataset}/${d.taskId}` : d.dataset;
}

export interface PipelineJobOptions extends Omit<PipelineServices, 'openRunStore'> {
  version?: string;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

/** Signals that the job's stage is done and the line's next stage belongs to the next job. */
class StepBoundary extends Error {}

/** Runs one pipeline job in this process (a worker's handler). */
export async function runPipelineJob(o: PipelineJobOptions, job: SchedulerJob): Promise<JobOutcome> {
  const d = job.data as unknown as PipelineJobData;
  const store = await RunStore.attach(d.runDir);
  let ran: ProgressEvent | undefined;
  const inLine = (scope: { taskId?: string }): boolean => scope.taskId === d.taskId;
  const onProgress = (e: ProgressEvent): void => {
    if (inLine(e) && e.status !== 'start' && e.status !== 'redo') ran = e;
    o.onProgress?.(e);
  };
  const run = await createRunContext({ ...o, store, onProgress, quiet: true });
  const ds: DatasetRef = { name: d.dataset, dir: d.datasetDir };
  const jobRun = { runId: store.runId, runDir: d.runDir, configDir: d.configDir };
  const note = (): string | undefined => ran && `${ran.stage} ${ran.status}`;
  try {
    const { line } = await runDatasetLine(stepping(run, d, inLine), ds, o.profiler);
    if (!d.taskId) return { next: (line?.proposals ?? []).map((p) => datasetJob(jobRun, ds, 0, p.id)), note: note() };
    const proposal = line?.proposals.find((p) => p.id === d.taskId);
    if (!line || !proposal) throw new MleSmithError('INTERNAL', `task ${d.taskId} is not among the proposals of dataset ${d.dataset} in ${d.runDir}`);
    await runTask(stepping(run, d, inLine), { dataset: ds, profile: line.profile, designer: line.designer, proposal });
    return { next: [], note: note() };
  } catch (err) {
    if (err instanceof StepBoundary) return { next: [datasetJob(jobRun, ds, d.step + 1, d.taskId)], note: note() };
    throw err;
  } finally {
    await run.dispose();
  }
}

/** The run with a stage function that lets the line's stages up to `step` run and stops before the next. */
function stepping(run: RunContext, d: PipelineJobData, inLine: (scope: { taskId?: string }) => boolean): RunContext {
  let position = 0;
  const stage: StageFn = (name, scope, key, work, options) => {
    if (inLine(scope) && position++ > d.step) throw new StepBoundary(`step ${d.step} of ${d.dataset}${d.taskId ? `/${d.taskId}` : ''} is done`);
    return run.stage(name, scope, key, work, options);
  };
  return { ...run, stage };
}
