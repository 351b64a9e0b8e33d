import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DatasetError, type RunSummary } from '@mle-smith/core';
import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

/** Regenerates the configured report files from a run directory's summary.json. */
export async function reportCommand(ctx: CommandContext, runDirArg: string): Promise<number> {
  const runDir = resolve(ctx.cwd, runDirArg);
  const file = join(runDir, 'summary.json');
  const summary = JSON.parse(await readFile(file, 'utf8').catch(() => {
    throw new DatasetError('no summary.json: is this a run directory of a finished run?', { file });
  })) as RunSummary;
  summary.runDir = runDir;
  const { loaded, host } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  for (const id of loaded.config.report) await host.ensureContribution('reporter', id);
  const reporters = host.reporters().filter((r) => loaded.config.report.includes(r.id));
  for (const r of reporters) await r.onRunEnd?.(summary);
  ctx.stdout(`wrote ${reporters.map((r) => r.id).join(', ')} report(s) in ${runDir}\n`);
  return 0;
}
