import { resolve } from 'node:path';
import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

/** Verifies any task package, including ones this tool did not make, as `run` verifies its own. */
export async function verifyCommand(ctx: CommandContext, taskDirArg: string, flags: { execute?: boolean; json?: boolean }): Promise<number> {
  const taskDir = resolve(ctx.cwd, taskDirArg);
  const wiring = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const { taskId, findings, ladder, passed } = await wiring.verify(taskDir, { execute: flags.execute });
  const errors = findings.filter((f) => f.severity === 'error');
  if (flags.json) ctx.stdout(JSON.stringify({ task: taskId, passed, findings, ladder }, null, 2) + '\n');
  else {
    for (const f of findings) ctx.stdout(`${f.severity.padEnd(7)} ${f.ruleId}: ${f.message}${f.location ? ` (${f.location})` : ''}\n`);
    for (const e of ladder ?? []) ctx.stdout(`ladder  ${e.tier.padEnd(7)} ${e.solver}: ${e.status} ${e.score ?? ''}\n`);
    ctx.stdout(errors.length ? `${taskId}: ${errors.length} error finding(s)\n` : `${taskId}: passed\n`);
  }
  return passed ? 0 : 1;
}
