// mle-smith worker: takes jobs from the queue and runs them, `--concurrency` at a time. A job
// names its run directory (on a path every worker sees); the worker builds that run's pipeline
// from the run's own config (run.json) once and reuses it for the run's later jobs. The first
// SIGINT/SIGTERM stops taking jobs and lets the running ones finish; a second exits at once, and
// the queue hands those jobs to another worker when their lock expires.
import { RunStore, UsageError, type JobOutcome, type MleSmithConfig, type PipelineJobData, type SchedulerJob } from '@mle-smith/core';
import { configuredScheduler, wire, type Wiring } from '../composition-root.js';
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
  const progress = createProgressPrinter();
  const handler = async (job: SchedulerJob): Promise<JobOutcome> => {
    const started = Date.now();
    ctx.stdout(`job ${job.runId} ${job.label}: started\n`);
    const outcome = await (await pipelineOf(job.data as unknown as PipelineJobData)).runJob(job, { version: VERSION, onProgress: progress });
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
  }
  return 0;
}
