import { resolve } from 'node:path';
import { runPipeline } from '@mle-smith/core';
import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';
import { createProgressPrinter } from '../progress.js';
import { VERSION } from '../version.js';

export interface RunFlags {
  out?: string;
  llm?: string;
  executor?: string;
  concurrency?: number;
  execute?: boolean;
  json?: boolean;
}

export async function runCommand(ctx: CommandContext, datasets: string[], flags: RunFlags): Promise<number> {
  const overrides: Record<string, unknown> = {
    out: flags.out ? resolve(ctx.cwd, flags.out) : undefined,
    'llm.backend': flags.llm,
    'executor.backend': flags.executor,
    concurrency: flags.concurrency,
    datasets: datasets.length ? datasets.map((d) => resolve(ctx.cwd, d)) : undefined,
    'execute.enabled': flags.execute === false ? false : undefined,
  };
  const { loaded, host, profiler, grader, log } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, overrides, log: ctx.log });
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const { summary, ok } = await runPipeline({
      config: loaded.config, host, profiler, grader, log, version: VERSION, signal: controller.signal,
      onProgress: createProgressPrinter(),
    });
    if (flags.json) ctx.stdout(JSON.stringify(summary, null, 2) + '\n');
    else {
      const accepted = summary.tasks.filter((t) => t.status !== 'rejected').length;
      ctx.stdout(`${accepted} of ${summary.tasks.length} tasks published to ${summary.runDir}/tasks\n`);
      for (const d of summary.datasets) if (d.error) ctx.stdout(`dataset ${d.name}: ${d.error}\n`);
      for (const t of summary.tasks.filter((x) => x.status === 'rejected')) ctx.stdout(`rejected ${t.taskId}: ${t.reasons[0] ?? 'unknown reason'}\n`);
    }
    return ok ? 0 : 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
