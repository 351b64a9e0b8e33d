import { join } from 'node:path';
import { ConfigError, exists, writeJsonAtomic } from '@mle-smith/core';
import type { CommandContext } from '../main.js';
import { starterConfig } from '../starter-config.js';

export async function initCommand(ctx: CommandContext, opts: { force?: boolean }): Promise<number> {
  const file = join(ctx.cwd, 'mle-smith.config.json');
  if ((await exists(file)) && !opts.force) throw new ConfigError(`${file} exists already (use --force to overwrite)`);
  await writeJsonAtomic(file, starterConfig());
  ctx.stdout(`wrote ${file}\nplugins: the default list (every first-party offline plugin); a "plugins" key replaces it (docs/config.md)\nput dataset folders under ./datasets, then run: mle-smith run\n`);
  return 0;
}
