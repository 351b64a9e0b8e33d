// mle-smith worker: takes jobs from the queue and runs them, `--concurrency` at a time. A job
// names its run directory (on a path every worker sees); the worker builds that run's pipeline
// from the run's own config (run.json) once and reuses it for the run's later jobs. An evaluation's
// job names the evaluation folder: the worker builds its solvers, executor and grader from the
// evaluation's record (eval-run.json) once, the same way. The first
// SIGINT/SIGTERM stops taking jobs and lets the running ones finish; a second exits at once, and
// the queue hands those jobs to another worker when their lock expires.
import { RunStore, UsageError, readEvalRunRecord, runEvalSchedulerJob, type EvalJobData, type Executor, type JobOutcome, type Logger, type MleSmithConfig, type PipelineJobData, type SchedulerJob } from '@mle-smith/core';
import { configuredScheduler, sandboxedGrader, wire, type Wiring } from '../composition-root.js';
import { runnableSolvers } from '../eval-solvers.js';
import { watchInterrupts } from '../interrupts.js';
import type { CommandContext } from '../main.js';
import { createProgressPrinter } from '../progress.js';
import { VERSION } from '../version.js';

export async function workerCommand(ctx: CommandContext, flags: { queue: string; concurrency?: number }): Promise<number> {
  const concurrency = flags.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a whole number of at least 1 (got ${String(flags.concurrency)})`);
  const { host, loaded } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, overrides: { 'scheduler.url': flags.queue }, log: ctx.log });
  const scheduler = await configuredScheduler(host, loaded.config);
  const pipelines = new Map<string, Promise<Wiring>>();
  const pipelineOf = (d: { runDir: string; configDir: string }): Promise<Wiring> => {
    let p = pipelines.get(d.runDir);
    if (!p) {
      p = RunStore.attach(d.runDir).then((store) => wire({ cwd: ctx.cwd, log: ctx.log, loaded: { config: store.record.config as MleSmithConfig, dir: d.configDir } }));
      p.catch(() => pipelines.delete(d.runDir)); // a failed set-up is retried with the job, not cached
      pipelines.set(d.runDir, p);
    }
    return p;
  };
  const evaluations = new EvaluationCache(ctx.cwd, ctx.log);
  const progress = createProgressPrinter();
  const handler = async (job: SchedulerJob): Promise<JobOutcome> => {
    const started = Date.now();
    ctx.stdout(`job ${job.runId} ${job.label}: started\n`);
    const outcome = job.kind === 'eval'
      ? await evaluations.run(job)
      : await (await pipelineOf(job.data as unknown as PipelineJobData)).runJob(job, { version: VERSION, onProgress: progress });
    ctx.stdout(`job ${job.runId} ${job.label}: ${outcome.note ?? 'done'} ${Date.now() - started}ms\n`);
    return outcome;
  };
  const interrupts = watchInterrupts(ctx.stderr);
  interrupts.signal.addEventListener('abort', () => void scheduler.close());
  ctx.stderr(`worker ${process.pid} taking jobs from ${loaded.config.scheduler!.url}, ${concurrency} at a time\n`);
  try {
    await scheduler.work(handler, { concurrency });
  } finally {
    interrupts.dispose();
    await scheduler.close();
    await evaluations.dispose();
  }
  return 0;
}

type Evaluation = Awaited<ReturnType<typeof openEvaluation>>;

/** The evaluations this worker has taken jobs of, each set up once (solvers, executor, grader). */
class EvaluationCache {
  private readonly open = new Map<string, Promise<Evaluation>>();
  constructor(private readonly cwd: string, private readonly log: Logger) {}

  async run(job: SchedulerJob): Promise<JobOutcome> {
    const d = job.data as unknown as EvalJobData;
    let e = this.open.get(d.evalDir);
    if (!e) {
      e = openEvaluation(this.cwd, this.log, d);
      e.catch(() => this.open.delete(d.evalDir)); // a failed set-up is retried with the job, not cached
      this.open.set(d.evalDir, e);
    }
    const { solvers, deps } = await e;
    return runEvalSchedulerJob(job, solvers, deps);
  }

  async dispose(): Promise<void> {
    for (const e of this.open.values()) await e.then((x) => x.executor.dispose(), () => undefined);
  }
}

async function openEvaluation(cwd: string, log: Logger, d: EvalJobData): Promise<{ solvers: Awaited<ReturnType<typeof runnableSolvers>>; executor: Executor; deps: Parameters<typeof runEvalSchedulerJob>[2] }> {
  const record = await readEvalRunRecord(d.evalDir);
  const wiring = await wire({ cwd, log, loaded: { config: record.config, dir: d.configDir } });
  const solvers = await runnableSolvers(wiring, record.solvers, { runId: record.runId, runDir: d.evalDir });
  const executor = await wiring.createExecutor();
  const { limits } = record.config.executor;
  return { solvers, executor, deps: { executor, grader: sandboxedGrader(executor, limits, record.runId, wiring.log), limits, outDir: d.evalDir, runId: record.runId, log: wiring.log } };
}
