import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

/**
 * Removes sandbox leftovers of the configured executor: containers past their deadline label or
 * whose owner process is gone (a host process killed with SIGKILL cannot clean up after itself).
 */
export async function gcCommand(ctx: CommandContext, flags: { json?: boolean }): Promise<number> {
  const { loaded, createExecutor } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const backend = loaded.config.executor.backend;
  const executor = await createExecutor();
  let removed: number;
  try {
    removed = Number((await executor.cleanup?.()) ?? 0);
  } finally {
    await executor.dispose();
  }
  if (flags.json) ctx.stdout(JSON.stringify({ executor: backend, removed }) + '\n');
  else ctx.stdout(`${backend}: removed ${removed} expired sandbox container(s)\n`);
  return 0;
}
