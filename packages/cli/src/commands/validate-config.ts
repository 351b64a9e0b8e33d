import { validateOptions } from '@mle-smith/core';
import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

export async function validateConfigCommand(ctx: CommandContext): Promise<number> {
  const { loaded, host } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  await host.ensureContribution('executor', loaded.config.executor.backend);
  const executor = host.executors().find((e) => e.id === loaded.config.executor.backend);
  validateOptions(executor?.optionsSchema, loaded.config.executor.options, '/executor/options', 'config');
  if (loaded.config.llm.backend !== 'none') await host.ensureContribution('llm', loaded.config.llm.backend);
  for (const id of loaded.config.report) await host.ensureContribution('reporter', id);
  ctx.stdout(`config OK: ${loaded.file ?? '(built-in defaults)'} (${host.plugins.length} plugins)\n`);
  return 0;
}
