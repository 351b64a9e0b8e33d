import { resolve } from 'node:path';
import { ConfigError, DatasetError, MleSmithError, errorMessage } from '@mle-smith/core';
import { guardOutDir, markOutDir } from '../out-guard.js';
import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

export async function importCommand(ctx: CommandContext, competitionDir: string, flags: { format: string; data: string; out: string; force?: boolean }): Promise<number> {
  const competition = resolve(ctx.cwd, competitionDir);
  const data = resolve(ctx.cwd, flags.data);
  const out = resolve(ctx.cwd, flags.out);
  const { host, log } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const importer = host.importers().find((i) => i.format === flags.format);
  if (!importer) {
    const known = host.importers().map((i) => i.format);
    throw new ConfigError(`no importer for format "${flags.format}"${known.length ? ` (known: ${known.join(', ')})` : '; add the "importers" plugin to the config'}`);
  }
  await guardOutDir(out, {
    owner: 'import', force: flags.force,
    inputs: [{ path: competition, what: 'competition folder' }, { path: data, what: 'data folder' }],
  });
  const manifest = await importer.import(competition, data, out, { log }).catch((err: unknown) => {
    if (err instanceof MleSmithError) throw err;
    // an importer's unexpected failure (an unreadable file, a missing folder) is still bad input: one line
    throw new DatasetError(`cannot import ${competitionDir}: ${errorMessage(err)}`, { cause: err });
  });
  await markOutDir(out, 'import');
  ctx.stdout(`imported ${manifest.id} (${flags.format}, graded by ${manifest.metric.name}) to ${flags.out}\n`);
  return 0;
}
