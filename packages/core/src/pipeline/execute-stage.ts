// Runs the baseline ladder on a package's public view through the configured executor and
// grades each submission on the host. Answers never leave the host.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MleSmithConfig } from '../contracts/config.js';
import type { BaselineTier, Executor, Logger, Solver, TaskPublicView } from '../contracts/execution.js';
import type { LadderEntry } from '../contracts/extensions.js';
import type { Grader } from '../contracts/metric.js';
import type { Finding, TaskManifest } from '../contracts/task.js';
import { writeFileAtomic, writeJsonAtomic } from '../atomic-fs.js';
import { errorMessage } from '../errors.js';
import { ladderVerdict, sortLadder } from '../ladder.js';

export function publicView(taskDir: string, manifest: TaskManifest, description: string): TaskPublicView {
  const { files: _files, spec: _spec, source: _source, ...visible } = manifest;
  return { taskDir, publicDir: join(taskDir, 'public'), manifest: { ...visible, spec: undefined }, description };
}

/** One solver per tier for the task's modality, or the configured ladder ids. */
export function pickLadder(solvers: Solver[], manifest: TaskManifest, configured: string[]): Solver[] {
  if (configured.length) {
    return configured.map((id) => solvers.find((s) => s.id === id)).filter((s): s is Solver => s !== undefined)
      .filter((s) => !s.modalities || s.modalities.includes(manifest.modality));
  }
  const fits = solvers.filter((s) => s.tier && (!s.modalities || s.modalities.includes(manifest.modality)));
  return sortLadder(['trivial', 'simple', 'strong'].map((tier) => fits.find((s) => s.tier === tier)).filter((s): s is Solver => !!s));
}

export interface ExecuteOutcome {
  ladder: LadderEntry[];
  findings: Finding[];
  difficulty: NonNullable<TaskManifest['difficulty']>;
}

export async function executeLadder(args: {
  taskDir: string;
  manifest: TaskManifest;
  solvers: Solver[];
  executor: Executor;
  grader: Grader;
  config: MleSmithConfig;
  runId: string;
  log: Logger;
  signal?: AbortSignal;
}): Promise<ExecuteOutcome> {
  const { taskDir, manifest, executor, grader, config, log } = args;
  const ladder = pickLadder(args.solvers, manifest, config.execute.ladder);
  if (ladder.length === 0) {
    return {
      ladder: [],
      findings: [{ ruleId: 'execution/no-baselines', severity: 'error', phase: 'execute', message: `no baseline solver handles ${manifest.modality} tasks; add a solver plugin` }],
      difficulty: { level: 'unknown', ladder: [] },
    };
  }
  const description = await readFile(join(taskDir, 'description.md'), 'utf8').catch(() => '');
  const view = publicView(taskDir, manifest, description);
  const entries: LadderEntry[] = [];
  for (const solver of ladder) {
    const workDir = join(taskDir, 'baselines', solver.id);
    await mkdir(workDir, { recursive: true });
    let entry: LadderEntry;
    try {
      const run = await solver.solve(view, { executor, runId: args.runId, workDir, limits: config.executor.limits, seed: config.seed, log, signal: args.signal });
      for (const file of run.code) await writeFileAtomic(join(workDir, file.path), file.content);
      if (run.exec) await writeFileAtomic(join(workDir, 'log.txt'), run.exec.logTail);
      let score: number | null = null;
      let status: string = run.status;
      let error = run.error;
      if (run.status === 'ok' && run.submissionPath) {
        const graded = await grader.grade(taskDir, run.submissionPath, manifest).catch((err: unknown) => ({ valid: false, error: errorMessage(err), score: undefined }));
        if (graded.valid && typeof graded.score === 'number') score = graded.score;
        else {
          status = 'invalid';
          error = graded.error;
        }
      }
      entry = {
        solver: solver.id, tier: solver.tier ?? 'other', status, score,
        exec: run.exec && { exitCode: run.exec.exitCode, timedOut: run.exec.timedOut, durationMs: run.exec.durationMs, error: error ?? run.exec.error },
      };
    } catch (err) {
      entry = { solver: solver.id, tier: solver.tier ?? 'other', status: 'failed', score: null, exec: { exitCode: null, timedOut: false, durationMs: 0, error: errorMessage(err) } };
    }
    await writeJsonAtomic(join(workDir, 'result.json'), entry);
    log.debug(`${manifest.id}: ${entry.solver} → ${entry.status} ${entry.score ?? ''}`);
    entries.push(entry);
  }
  const metric = grader.metric?.(manifest.metric.name);
  const rungs = entries.filter((e): e is LadderEntry & { tier: BaselineTier } => ['trivial', 'simple', 'strong'].includes(e.tier));
  const verdict = ladderVerdict(
    rungs.map((e) => ({ tier: e.tier, score: e.score, valid: e.score !== null, higherIsBetter: manifest.metric.higherIsBetter, solver: e.solver })),
    {
      metricRange: metric?.range ?? (manifest.metric.higherIsBetter ? [0, 1] : [0, Number.POSITIVE_INFINITY]),
      minMarginFraction: config.execute.minMarginFraction,
    },
  );
  return {
    ladder: entries,
    findings: verdict.findings,
    difficulty: { level: verdict.difficulty, ladder: entries.map((e) => ({ solver: e.solver, tier: e.tier, score: e.score })) },
  };
}
