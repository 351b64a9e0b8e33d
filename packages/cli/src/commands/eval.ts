import { resolve } from 'node:path';
import { DatasetError, UsageError, findTaskDirs, inspectPackage, randomRunId, readTaskManifest, runEvaluation, writeJsonAtomic } from '@mle-smith/core';
import { elo, eloSection, evalSection } from '@mle-smith/stats';
import { writeSectionReports } from '../section-reports.js';
import { join } from 'node:path';
import { sandboxedGrader, wire } from '../composition-root.js';
import { watchInterrupts } from '../interrupts.js';
import type { CommandContext } from '../main.js';

export async function evalCommand(ctx: CommandContext, flags: { tasks: string[]; solvers: string; seeds?: number; out?: string; json?: boolean }): Promise<number> {
  const { loaded, host, log, createExecutor, createAgentContext } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const config = loaded.config;
  const ids = flags.solvers.split(',').map((s) => s.trim()).filter(Boolean);
  const solvers = ids.map((id) => {
    const s = host.solvers().find((x) => x.id === id);
    if (!s) throw new UsageError(`unknown solver "${id}" (registered: ${host.solvers().map((x) => x.id).join(', ') || 'none'})`);
    return s;
  });
  const taskDirs = await findTaskDirs(flags.tasks.map((t) => resolve(ctx.cwd, t)));
  // Packages are untrusted: every manifest is schema-checked (slug ids, normalised paths) before
  // any solver runs or any file is written under --out.
  for (const dir of taskDirs) {
    await readTaskManifest(dir);
    // a link or FIFO in public/ would hand a host file to the solver, or hang the copy
    const { problems } = await inspectPackage(dir);
    if (problems.length) throw new DatasetError(`${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}; mle-smith verify lists them`, { file: dir });
  }
  const outDir = resolve(ctx.cwd, flags.out ?? join(config.out, 'eval'));
  const executor = await createExecutor();
  // containers of killed earlier processes, or past their deadline, go before new ones start
  await executor.cleanup?.();
  const runId = randomRunId('eval');
  const agent = await createAgentContext({ runId, runDir: outDir });
  const ledger = agent?.ledger ?? [];
  let rows;
  const interrupts = watchInterrupts(ctx.stderr);
  try {
    rows = await runEvaluation({
      taskDirs, solvers, seeds: flags.seeds ?? config.eval.seeds, baseSeed: config.seed, executor,
      grader: sandboxedGrader(executor, config.executor.limits, runId, log),
      limits: config.executor.limits, outDir, runId, log, agent,
      onRow: (r) => process.stderr.write(`[${r.task}] ${r.solver} seed ${r.seed}: ${r.valid ? r.score : r.status}\n`),
      signal: interrupts.signal,
    });
  } finally {
    interrupts.dispose();
    await executor.dispose();
  }
  // A solver that does not handle a task's modality did not play that task.
  const played = rows.filter((r) => r.status !== 'unsupported');
  // invalid and failed runs are losses; a score that is not finite never reaches the rating
  const ratings = elo(played.map((r) => (r.valid && !Number.isFinite(r.score) ? { ...r, valid: false, score: null } : r)), { seed: config.seed });
  await writeJsonAtomic(join(outDir, 'elo.json'), ratings);
  if (ledger.length) await writeJsonAtomic(join(outDir, 'ledger.json'), ledger);
  await writeSectionReports(host, config, outDir, runId, { eval: evalSection(played), elo: eloSection(ratings) });
  if (flags.json) ctx.stdout(JSON.stringify({ outDir, scores: rows, elo: ratings }, null, 2) + '\n');
  else {
    ctx.stdout(`scores: ${join(outDir, 'scores.csv')}\n`);
    for (const r of ratings.ratings) ctx.stdout(`${r.solver.padEnd(24)} ${r.elo.toFixed(1)}  ${r.ci ? `[${r.ci[0].toFixed(1)}, ${r.ci[1].toFixed(1)}]` : ""}\n`);
  }
  // Failed and invalid runs are results (recorded in scores), not errors of the command.
  return 0;
}
