import { resolve } from 'node:path';
import { LlmError, UsageError, llmEndpointOf, type RunSummary } from '@mle-smith/core';
import { configuredScheduler, wire } from '../composition-root.js';
import { guardOutDir } from '../out-guard.js';
import { watchInterrupts } from '../interrupts.js';
import type { CommandContext } from '../main.js';
import { createProgressPrinter, createQueueProgressPrinter } from '../progress.js';
import { VERSION } from '../version.js';

export interface RunFlags {
  out?: string;
  llm?: string;
  executor?: string;
  concurrency?: number;
  execute?: boolean;
  json?: boolean;
  force?: boolean;
  /** redis://host:port: workers run the stages (mle-smith worker). */
  queue?: string;
  /** With --queue: add the run's jobs and return. */
  detach?: boolean;
}

export async function runCommand(ctx: CommandContext, datasets: string[], flags: RunFlags): Promise<number> {
  const overrides: Record<string, unknown> = {
    out: flags.out ? resolve(ctx.cwd, flags.out) : undefined,
    'llm.backend': flags.llm,
    'executor.backend': flags.executor,
    concurrency: flags.concurrency,
    datasets: datasets.length ? datasets.map((d) => resolve(ctx.cwd, d)) : undefined,
    'execute.enabled': flags.execute === false ? false : undefined,
    'scheduler.url': flags.queue,
  };
  const composition = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, overrides, log: ctx.log });
  const { loaded, host } = composition;
  // the run directory never lands in, or swallows, a dataset folder (the next run would read it as tables)
  await guardOutDir(resolve(ctx.cwd, loaded.config.out), { owner: 'run', force: flags.force, inputs: loaded.config.datasets.map((d) => ({ path: resolve(loaded.dir, d), what: 'dataset folder' })) });
  // runPipeline checks the endpoint before any stage; this names it when a later call fails.
  const endpoint = await llmEndpointOf(host, loaded.config);
  const scheduler = loaded.config.scheduler?.url ? await configuredScheduler(host, loaded.config) : undefined;
  const queue = scheduler && { scheduler, configDir: loaded.dir, onProgress: createQueueProgressPrinter() };
  if (queue && flags.detach) {
    try {
      const { runId, runDir } = await composition.submit(queue);
      ctx.stdout(`run ${runId} queued at ${loaded.config.scheduler!.url}; mle-smith status ${runDir} follows it, mle-smith run --out ${runDir} --queue … reports it\n`);
      return 0;
    } finally {
      await scheduler.close();
    }
  }
  if (flags.detach) throw new UsageError('--detach needs --queue redis://host:port');
  const interrupts = watchInterrupts(ctx.stderr);
  try {
    const { summary, ok } = await composition.run({ version: VERSION, signal: interrupts.signal, onProgress: createProgressPrinter(), ...(queue ? { queue } : {}) });
    if (flags.json) ctx.stdout(JSON.stringify(summary, null, 2) + '\n');
    else {
      const accepted = summary.tasks.filter((t) => t.status !== 'rejected').length;
      ctx.stdout(`${accepted} of ${summary.tasks.length} tasks published to ${summary.runDir}/tasks\n`);
      for (const d of summary.datasets) if (d.error) ctx.stdout(`dataset ${d.name}: ${d.error}\n`);
      for (const t of summary.tasks.filter((x) => x.status === 'rejected')) ctx.stdout(`rejected ${t.taskId}: ${t.reasons[0] ?? 'unknown reason'}\n`);
      if (summary.llm) ctx.stdout(llmLine(summary.llm));
    }
    return ok ? 0 : 1;
  } catch (err) {
    // A model call that failed during the run, with no fallback configured: say where, and how to opt in.
    if (endpoint && err instanceof LlmError && !err.budgetExhausted && !err.message.includes(endpoint) && loaded.config.llm.fallback !== 'deterministic') {
      throw new LlmError(`${err.message} (LLM endpoint ${endpoint}; "llm": { "fallback": "deterministic" } falls back instead)`, { cause: err, status: err.status });
    }
    throw err;
  } finally {
    interrupts.dispose();
    await scheduler?.close();
  }
}

/** The closing line of an LLM run: how many role outputs came from the model and how many fell back. */
export function llmLine(llm: NonNullable<RunSummary['llm']>): string {
  const total = llm.outcomes.length;
  const fellBack = llm.outcomes.filter((o) => o.producer === 'fallback');
  const roles = [...new Set(fellBack.map((o) => o.role))];
  const detail = fellBack.length ? ` (${roles.join(', ')}; see report.json "llm")` : '';
  return `llm ${llm.model} at ${llm.endpoint}: ${fellBack.length} of ${total} agent calls fell back to the deterministic strategy${detail}\n`;
}
