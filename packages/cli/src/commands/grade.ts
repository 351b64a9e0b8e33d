import { resolve } from 'node:path';
import { MleSmithError, errorMessage } from '@mle-smith/core';
import { gradeSubmission } from '@mle-smith/metrics';
import type { CommandContext } from '../main.js';

export async function gradeCommand(ctx: CommandContext, flags: { task: string; submission: string; json?: boolean }): Promise<number> {
  const taskDir = resolve(ctx.cwd, flags.task);
  const submission = resolve(ctx.cwd, flags.submission);
  try {
    const result = await gradeSubmission(taskDir, submission);
    if (!result.valid) throw new MleSmithError('SUBMISSION', result.error ?? 'invalid submission');
    if (flags.json) ctx.stdout(JSON.stringify({ valid: true, score: result.score, metric: result.metric, higherIsBetter: result.higherIsBetter }) + '\n');
    else ctx.stdout(`${result.metric}: ${result.score} (${result.higherIsBetter ? 'higher' : 'lower'} is better)\n`);
    return 0;
  } catch (err) {
    if (!flags.json || !(err instanceof MleSmithError) || err.exitCode === 2) throw err;
    ctx.stdout(JSON.stringify({ valid: false, error: errorMessage(err) }) + '\n');
    return 1;
  }
}
