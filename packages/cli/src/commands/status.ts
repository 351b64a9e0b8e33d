// mle-smith status <run-dir> | --queue url: a queued run's jobs by state (waiting, active, done,
// failed), by kind and by the stage they ran, who holds each active job, and the failed ones with
// their errors. With a run directory (or a queued evaluation's folder), its jobs (on the queue its
// config names, or --queue); with --queue alone, the whole queue.
import { join, resolve } from 'node:path';
import { EVAL_RUN_FILE, RunStore, UsageError, exists, readEvalRunRecord, type MleSmithConfig, type SchedulerStatus } from '@mle-smith/core';
import { configuredScheduler, wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

export async function statusCommand(ctx: CommandContext, runDir: string | undefined, flags: { queue?: string; json?: boolean }): Promise<number> {
  if (!runDir && !flags.queue) throw new UsageError('status needs a run directory or --queue redis://host:port');
  const dir = runDir && resolve(ctx.cwd, runDir);
  const store = !dir ? undefined : (await exists(join(dir, EVAL_RUN_FILE))) ? await readEvalRunRecord(dir) : await RunStore.attach(dir).then((s) => ({ runId: s.runId, config: s.record.config as MleSmithConfig }));
  const runConfig = store?.config;
  const url = flags.queue ?? runConfig?.scheduler?.url;
  if (!url) throw new UsageError(`${runDir} was not run on a queue (its run.json names none); give --queue redis://host:port`);
  const { host, loaded } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, overrides: { 'scheduler.url': url }, log: ctx.log });
  const scheduler = await configuredScheduler(host, { ...loaded.config, scheduler: { ...loaded.config.scheduler!, ...runConfig?.scheduler, url } });
  try {
    const status = await scheduler.status(store?.runId);
    ctx.stdout(flags.json ? JSON.stringify({ runId: store?.runId, ...status }, null, 2) + '\n' : formatStatus(store?.runId, status));
  } finally {
    await scheduler.close();
  }
  return 0;
}

function formatStatus(runId: string | undefined, s: SchedulerStatus): string {
  const row = (c: { waiting: number; active: number; completed: number; failed: number; delayed: number }): string =>
    `${c.waiting} waiting, ${c.active} active, ${c.completed} done, ${c.failed} failed${c.delayed ? `, ${c.delayed} retrying` : ''}`;
  const lines = [`${runId ? `run ${runId}` : 'queue'}: ${row(s)}; ${s.workers} workers`];
  for (const [kind, c] of Object.entries(s.byKind)) lines.push(`  ${kind} jobs: ${row(c)}`);
  const stages = Object.entries(s.doneByStage);
  if (stages.length) lines.push(`  done by stage: ${stages.map(([stage, n]) => `${stage} ${n}`).join(', ')}`);
  for (const a of s.activeJobs) lines.push(`  active ${a.label}${a.worker ? ` on ${a.worker}` : ''}`);
  for (const f of s.failedJobs) lines.push(`  failed ${f.label}: ${f.error}`);
  return lines.join('\n') + '\n';
}
