import { join, resolve } from 'node:path';
import { DatasetError, findTaskDirs, inspectPackage, randomRunId, readTaskManifest, runEvaluation, writeEvalRunRecord, writeJsonAtomic, type EvalQueueOptions, type EvalScoreRow } from '@mle-smith/core';
import { elo, eloSection, evalSection, type EloResult } from '@mle-smith/stats';
import { writeSectionReports } from '../section-reports.js';
import { configuredScheduler, sandboxedGrader, wire } from '../composition-root.js';
import { createQueueProgressPrinter } from '../progress.js';
import { runnableSolvers, selectSolverEntries, solversFlag } from '../eval-solvers.js';
import { EvalLedger } from '../eval-ledger.js';
import { watchInterrupts } from '../interrupts.js';
import type { CommandContext } from '../main.js';

export interface EvalFlags {
  tasks: string[];
  /** Comma-separated ids, or a JSON array of solver entries; default: the config's eval.solvers. */
  solvers?: string;
  seeds?: number;
  concurrency?: number;
  out?: string;
  json?: boolean;
  /** redis://host:port: workers (mle-smith worker) run the (task, solver, seed) jobs. */
  queue?: string;
}

export async function evalCommand(ctx: CommandContext, flags: EvalFlags): Promise<number> {
  const pick = solversFlag(flags.solvers);
  const overrides = { ...pick.overrides, 'eval.seeds': flags.seeds, 'eval.concurrency': flags.concurrency, 'scheduler.url': flags.queue };
  const wiring = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log, overrides });
  const { loaded, host, log, createExecutor } = wiring;
  const config = loaded.config;
  const selected = selectSolverEntries(config, pick.ids);
  const taskDirs = await checkedTaskDirs(flags.tasks.map((t) => resolve(ctx.cwd, t)));
  const outDir = resolve(ctx.cwd, flags.out ?? join(config.out, 'eval'));
  const runId = randomRunId('eval');
  const solvers = await runnableSolvers(wiring, selected, { runId, runDir: outDir });
  const ledger = await EvalLedger.open(outDir, solvers);
  const executor = await createExecutor();
  // containers of killed earlier processes, or past their deadline, go before new ones start
  await executor.cleanup?.();
  let rows: EvalScoreRow[];
  const interrupts = watchInterrupts(ctx.stderr);
  let queue: EvalQueueOptions | undefined;
  // the rows the queue's workers computed: this process reuses them, and says who ran them
  const byWorker = new Set<string>();
  try {
    if (config.scheduler?.url) {
      // workers build the same solvers from the evaluation's record, on the folder they all see
      await writeEvalRunRecord(outDir, { runId, config, solvers: selected });
      const printer = createQueueProgressPrinter();
      queue = {
        scheduler: await configuredScheduler(host, config), configDir: loaded.dir, signal: interrupts.signal,
        onProgress: (p) => {
          printer(p);
          if (p.finished && !p.finished.error) byWorker.add(p.finished.job.label);
        },
      };
    }
    rows = await runEvaluation({
      taskDirs, solvers, seeds: config.eval.seeds, baseSeed: config.seed, executor,
      concurrency: config.eval.concurrency,
      grader: sandboxedGrader(executor, config.executor.limits, runId, log),
      limits: config.executor.limits, outDir, runId, log,
      queue,
      onRow: async (r, reused, sameAsSeed) => {
        const how = sameAsSeed !== undefined ? ` (seed-invariant: seed ${sameAsSeed}'s run)` : !reused ? '' : byWorker.has(`${r.task} ${r.solver} seed ${r.seed}`) ? ' (on a worker)' : ' (reused)';
        ctx.stderr(`[${r.task}] ${r.solver} seed ${r.seed}: ${r.valid ? r.score : r.status}${how}\n`);
        await ledger.save(); // spend survives a kill, so a resumed evaluation still reports it
      },
      signal: interrupts.signal,
    });
  } finally {
    interrupts.dispose();
    await executor.dispose();
    await queue?.scheduler.close();
  }
  await ledger.save();
  // A solver that does not handle a task's modality did not play that task.
  const played = rows.filter((r) => r.status !== 'unsupported');
  // invalid and failed runs are losses; a score that is not finite never reaches the rating
  const ratings = elo(played.map((r) => (r.valid && !Number.isFinite(r.score) ? { ...r, valid: false, score: null } : r)), { seed: config.seed });
  const usage = ledger.bySolver();
  const ratingsWithUsage: EloResult = { ...ratings, ratings: ratings.ratings.map((r) => ({ ...r, ...usage[r.solver] })) };
  await writeJsonAtomic(join(outDir, 'elo.json'), ratingsWithUsage);
  await writeSectionReports(host, config, outDir, runId, { eval: evalSection(played), elo: eloSection(ratingsWithUsage) });
  if (flags.json) ctx.stdout(JSON.stringify({ outDir, scores: rows, elo: ratingsWithUsage }, null, 2) + '\n');
  else {
    ctx.stdout(`scores: ${join(outDir, 'scores.csv')}\n`);
    for (const r of ratingsWithUsage.ratings) ctx.stdout(`${eloLine(r)}\n`);
  }
  // Failed and invalid runs are results (recorded in scores), not errors of the command.
  return 0;
}

function eloLine(r: EloResult['ratings'][number]): string {
  const ci = r.ci ? `[${r.ci[0].toFixed(1)}, ${r.ci[1].toFixed(1)}]` : '';
  const spend = r.usage ? `  ${r.model}  ${r.usage.inputTokens + r.usage.outputTokens} tokens  $${r.usage.costUsd.toFixed(4)}` : '';
  return `${r.solver.padEnd(24)} ${r.elo.toFixed(1)}  ${ci}${spend}`;
}

/** Packages are untrusted: every manifest is schema-checked (slug ids, normalised paths) before any solver runs or any file is written under --out. */
async function checkedTaskDirs(paths: string[]): Promise<string[]> {
  const taskDirs = await findTaskDirs(paths);
  for (const dir of taskDirs) {
    await readTaskManifest(dir);
    // a link or FIFO in public/ would hand a host file to the solver, or hang the copy
    const { problems } = await inspectPackage(dir);
    if (problems.length) throw new DatasetError(`${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}; mle-smith verify lists them`, { file: dir });
  }
  return taskDirs;
}
