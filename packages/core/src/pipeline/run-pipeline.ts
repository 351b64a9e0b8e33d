// The pipeline runner: profile → brainstorm → design → verify(spec) → materialize →
// verify(package) → review → execute → verdict → publish, per dataset and task. Every stage's
// result is a checkpoint in the run store, so a killed run resumes without redoing work.
// A task's attempts live in task-attempt.ts and task-run.ts; this file runs datasets.
import { join } from 'node:path';
import type { RunInfo, RunSummary, TaskSummary } from '../contracts/extensions.js';
import type { DatasetProfile, TaskProposal } from '../contracts/task.js';
import type { DatasetProfiler, PipelineServices } from '../services.js';
import { writeJsonAtomic } from '../atomic-fs.js';
import { checkLlmEndpoint, summarizeAgentRun } from '../agent-context.js';
import { DiskError, InterruptedError, LlmError, MleSmithError, PluginHookError, errorMessage } from '../errors.js';
import { interruptible } from '../interrupt.js';
import { expandDatasets, type DatasetRef } from './datasets.js';
import { funnelCounts } from './funnel.js';
import { createRunContext, type RunContext } from './run-context.js';
import { rawInputs } from './stage-inputs.js';
import type { ProgressEvent } from './stage-runner.js';
import { runTask } from './task-run.js';

export type { ProgressEvent } from './stage-runner.js';
export { buildTaskManifest } from './manifest.js';

/** The services (resolved from the composition's container) and this run's options. */
export interface PipelineOptions extends PipelineServices {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  version?: string;
}

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
  try {
    await forEachLimited(datasets, config.concurrency, async (ds) => {
      try {
        await runDataset(run, ds, options.profiler, { results, tasks });
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
  const ok = failure === undefined && results.every((d) => !d.error) && tasks.some((t) => t.status !== 'rejected');
  await run.hooks.parallelIsolated('onRunEnd', { ...info, ok });
  if (failure !== undefined) throw failure;
  return { summary, ok };
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
async function runDataset(run: RunContext, ds: DatasetRef, profiler: DatasetProfiler, out: { results: DatasetResult[]; tasks: TaskSummary[] }): Promise<void> {
  const scope = { dataset: ds.name };
  const failed = (err: unknown, designer?: string): void => {
    // A signal or a full disk stops the whole run, not this dataset.
    if (!(err instanceof MleSmithError) || err instanceof PluginHookError || err instanceof InterruptedError || err instanceof DiskError) throw err;
    // With an LLM configured, a failed call the designer did not fall back from fails the run.
    if (run.agent && err instanceof LlmError && !err.budgetExhausted) throw err;
    out.results.push({ name: ds.name, ...(designer ? { designer } : {}), proposals: 0, error: errorMessage(err) });
  };
  let profile: DatasetProfile;
  try {
    const raw = await rawInputs(ds.dir);
    profile = await run.stage('profile', scope, `datasets/${ds.name}/profile`, () => profiler.profile(ds.dir), { inputs: raw });
  } catch (err) {
    failed(err);
    run.log.warn(`${ds.name}: ${errorMessage(err)}`);
    return;
  }
  const designer = run.host.designers().find((d) => d.supports(profile));
  if (!designer) {
    out.results.push({ name: ds.name, proposals: 0, error: `no designer supports dataset ${ds.name} (${ds.dir})` });
    return;
  }
  let proposals: TaskProposal[];
  try {
    proposals = await run.stage('brainstorm', scope, `datasets/${ds.name}/brainstorm`, async () => {
      const { config } = run;
      const ctx = { runId: run.store.runId, seed: config.seed, maxProposals: config.design.maxProposalsPerDataset, defects: [], history: [], attempt: 0, log: run.log, agent: run.agentFor(scope), signal: run.signal };
      return (await designer.brainstorm(profile, ctx)).slice(0, config.design.maxProposalsPerDataset);
    });
  } catch (err) {
    failed(err, designer.id);
    return;
  }
  out.results.push({ name: ds.name, designer: designer.id, proposals: proposals.length });
  for (const proposal of proposals) out.tasks.push(await runTask(run, { dataset: ds, profile, designer, proposal }));
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
