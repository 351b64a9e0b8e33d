import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DatasetError, configuredReporters, type RunSummary } from '@mle-smith/core';
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
  const reporters = await configuredReporters(host, loaded.config.report);
  await reporters.onRunEnd(summary);
  ctx.stdout(`wrote ${reporters.ids.join(', ')} report(s) in ${runDir}\n`);
  return 0;
}
