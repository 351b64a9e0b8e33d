import { resolve } from 'node:path';
import { ConfigError } from '@mle-smith/core';
import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

export async function exportCommand(ctx: CommandContext, taskDir: string, flags: { format: string; out: string }): Promise<number> {
  const { host } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const exporter = host.exporters().find((e) => e.format === flags.format);
  if (!exporter) {
    const known = host.exporters().map((e) => e.format);
    throw new ConfigError(`no exporter for format "${flags.format}"${known.length ? ` (known: ${known.join(', ')})` : '; add an exporter plugin to the config'}`);
  }
  await exporter.export(resolve(ctx.cwd, taskDir), resolve(ctx.cwd, flags.out));
  ctx.stdout(`exported ${taskDir} as ${flags.format} to ${flags.out}\n`);
  return 0;
}
