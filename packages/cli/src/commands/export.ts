import { resolve } from 'node:path';
import { ConfigError, readTaskManifest } from '@mle-smith/core';
import { guardOutDir, markOutDir } from '../out-guard.js';
import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

export async function exportCommand(ctx: CommandContext, taskDir: string, flags: { format: string; out: string; force?: boolean }): Promise<number> {
  const source = resolve(ctx.cwd, taskDir);
  const out = resolve(ctx.cwd, flags.out);
  const { host } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const exporter = host.exporters().find((e) => e.format === flags.format);
  if (!exporter) {
    const known = host.exporters().map((e) => e.format);
    throw new ConfigError(`no exporter for format "${flags.format}"${known.length ? ` (known: ${known.join(', ')})` : '; add an exporter plugin to the config'}`);
  }
  // the package is untrusted input: its manifest is schema-checked before an exporter sees it
  await readTaskManifest(source);
  await guardOutDir(out, { owner: 'export', force: flags.force, inputs: [{ path: source, what: 'task package' }] });
  await exporter.export(source, out);
  await markOutDir(out, 'export');
  ctx.stdout(`exported ${taskDir} as ${flags.format} to ${flags.out}\n`);
  return 0;
}
