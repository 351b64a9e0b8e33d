import { resolve } from 'node:path';
import { MleSmithError, errorMessage, randomRunId, readTaskManifest, type GradeResult, type TaskManifest } from '@mle-smith/core';
import { TASK_GRADER_METRIC, gradeSubmission } from '@mle-smith/metrics';
import { sandboxedGrader, wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

/** An imported task graded by its own Python code: that code runs in the configured executor. */
async function gradeWithExecutor(ctx: CommandContext, taskDir: string, submission: string, manifest: TaskManifest): Promise<GradeResult> {
  const { loaded, host, log } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const { executor: settings } = loaded.config;
  const executor = await host.createExecutor(settings.backend, settings.options);
  try {
    return await sandboxedGrader(executor, settings.limits, randomRunId('grade'), log).grade(taskDir, submission, manifest);
  } finally {
    await executor.dispose();
  }
}

export async function gradeCommand(ctx: CommandContext, flags: { task: string; submission: string; json?: boolean }): Promise<number> {
  const taskDir = resolve(ctx.cwd, flags.task);
  const submission = resolve(ctx.cwd, flags.submission);
  try {
    const manifest = await readTaskManifest(taskDir);
    const result = manifest.metric.name === TASK_GRADER_METRIC
      ? await gradeWithExecutor(ctx, taskDir, submission, manifest)
      : await gradeSubmission(taskDir, submission, manifest);
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
