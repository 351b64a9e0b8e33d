import { join, resolve } from 'node:path';
import { findTaskDirs, inspectPackage, pickLadder, randomRunId, DatasetError, UsageError } from '@mle-smith/core';
import { TaskEnvironment, serveTaskEnv } from '@mle-smith/task-env';
import { sandboxedGrader, wire } from '../composition-root.js';
import { watchInterrupts } from '../interrupts.js';
import type { CommandContext } from '../main.js';

/** `mle-smith env serve`: the task environment (packages/task-env) on 127.0.0.1 until SIGINT/SIGTERM. */
export async function envServeCommand(ctx: CommandContext, flags: { tasks: string[]; port: string; out?: string }): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: "${flags.port}" is not a port number (0–65535)`);
  const { loaded, host, log, createExecutor } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const config = loaded.config;
  const taskDirs = await findTaskDirs(flags.tasks.map((t) => resolve(ctx.cwd, t)));
  for (const dir of taskDirs) {
    // a link or FIFO in public/ would hand a host file to a session, or hang the copy
    const { problems } = await inspectPackage(dir);
    if (problems.length) throw new DatasetError(`${problems[0].message}; mle-smith verify lists them`, { file: dir });
  }
  const outDir = resolve(ctx.cwd, flags.out ?? join(config.out, 'env'));
  const runId = randomRunId('env');
  const executor = await createExecutor();
  await executor.cleanup?.();
  const interrupts = watchInterrupts(ctx.stderr);
  try {
    const env = await TaskEnvironment.open({
      taskDirs, executor, grader: sandboxedGrader(executor, config.executor.limits, runId, log), limits: config.executor.limits, outDir, runId, log, seed: config.seed,
      ladderSolvers: (manifest) => pickLadder(host.solvers(), manifest, config.execute.ladder),
    });
    const server = await serveTaskEnv(env, { port, log });
    ctx.stderr(`task environment on ${server.url} (${taskDirs.length} tasks; trajectories in ${join(outDir, 'trajectories')})\n`);
    await new Promise<void>((done) => interrupts.signal.addEventListener('abort', () => done(), { once: true }));
    await server.close();
  } finally {
    interrupts.dispose();
    await executor.dispose();
  }
  // stopping a server by a signal is how it ends, not a failure
  return 0;
}
