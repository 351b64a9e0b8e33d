import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

export async function pluginsCommand(ctx: CommandContext, flags: { json?: boolean }): Promise<number> {
  const { host, loaded } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const rows = host.plugins.map((p) => ({ name: p.name, entry: p.entry, source: p.source, contributions: p.contributions }));
  if (flags.json) {
    ctx.stdout(JSON.stringify({ config: loaded.file ?? null, plugins: rows }, null, 2) + '\n');
    return 0;
  }
  ctx.stdout(`config: ${loaded.file ?? '(built-in defaults)'}\n`);
  for (const p of rows) {
    const what = p.contributions.map((c) => `${c.kind}:${c.id}`).join(', ') || '(hooks only)';
    ctx.stdout(`${p.name}  [${p.entry}]  ${what}\n`);
  }
  return 0;
}
