// Runs the baseline ladder on a package's public view through the configured executor, grades
// each submission on the host, and has the grader compare the best learned rung's submission with
// the trivial one's (paired bootstrap) for the verdict's signal test. With an agent rung
// (agent-rung.ts), the agent then solves the same public view in the same executor, up to K times.
// Answers never leave the host.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MleSmithConfig } from '../contracts/config.js';
import { BASELINE_TIERS, isBaselineTier, type BaselineTier, type Executor, type Logger, type Solver, type TaskPublicView } from '../contracts/execution.js';
import type { LadderEntry } from '../contracts/extensions.js';
import type { AgentContext } from '../contracts/llm.js';
import type { Grader } from '../contracts/metric.js';
import type { AgentFidelity, Finding, TaskManifest } from '../contracts/task.js';
import { writeFileAtomic, writeJsonAtomic } from '../atomic-fs.js';
import { errorMessage } from '../errors.js';
import { isDiskFault } from '../disk-fault.js';
import { readPublicView } from './public-view.js';
import { ladderVerdict, signalPair, sortLadder, type LadderRung, type LadderSignal } from '../ladder.js';
import { agentFidelity, type AgentAttempt, type AgentRung } from './agent-rung.js';

/** One solver per tier for the task's modality, or the configured ladder ids. */
export function pickLadder(solvers: Solver[], manifest: TaskManifest, configured: string[]): Solver[] {
  if (configured.length) {
    return configured.map((id) => solvers.find((s) => s.id === id)).filter((s): s is Solver => s !== undefined)
      .filter((s) => !s.modalities || s.modalities.includes(manifest.modality));
  }
  const fits = solvers.filter((s) => s.tier && (!s.modalities || s.modalities.includes(manifest.modality)));
  return sortLadder(BASELINE_TIERS.map((tier) => fits.find((s) => s.tier === tier)).filter((s): s is Solver => !!s));
}

export interface ExecuteOutcome {
  ladder: LadderEntry[];
  findings: Finding[];
  difficulty: NonNullable<TaskManifest['difficulty']>;
  /** The agent rung's record, when one ran. */
  fidelity?: AgentFidelity;
}

export interface ExecuteArgs {
  taskDir: string;
  manifest: TaskManifest;
  solvers: Solver[];
  executor: Executor;
  grader: Grader;
  config: MleSmithConfig;
  runId: string;
  log: Logger;
  signal?: AbortSignal;
  /**
   * How many signal tests this task has had, this one included (earlier attempts that reached the
   * test, e.g. before a repair raised the test fraction). The confidence is Bonferroni-corrected
   * over them, so retrying a task cannot make noise pass: 95 % once, 97.5 % the second time.
   */
  signalTests?: number;
  /** The agent rung (an LLM configured and `execute.agent` not off); absent: the baselines alone. */
  agent?: AgentRung;
}

export async function executeLadder(args: ExecuteArgs): Promise<ExecuteOutcome> {
  const { taskDir, manifest, grader, config, log } = args;
  const ladder = pickLadder(args.solvers, manifest, config.execute.ladder);
  if (ladder.length === 0) {
    return {
      ladder: [],
      findings: [{ ruleId: 'execution/no-baselines', severity: 'error', phase: 'execute', message: `no baseline solver handles ${manifest.modality} tasks; add a solver plugin` }],
      difficulty: { level: 'unknown', ladder: [] },
    };
  }
  const view = await readPublicView(taskDir, manifest);
  const entries: LadderEntry[] = [];
  /** Graded submissions by entry, for the signal test. */
  const submissions = new Map<LadderEntry, string>();
  for (const solver of ladder) {
    const { entry, submission } = await runRung(solver, view, args);
    log.debug(`${manifest.id}: ${entry.solver} → ${entry.status} ${entry.score ?? ''}`);
    entries.push(entry);
    if (submission !== undefined && entry.score !== null) submissions.set(entry, submission);
  }
  const metric = grader.metric?.(manifest.metric.name);
  const rungs = entries
    .filter((e): e is LadderEntry & { tier: BaselineTier } => isBaselineTier(e.tier))
    .map((e) => ({ tier: e.tier, score: e.score, valid: e.score !== null, higherIsBetter: manifest.metric.higherIsBetter, solver: e.solver, submission: submissions.get(e) }));
  const { signal, findings } = await testSignal(rungs, { taskDir, manifest, grader, config, tests: args.signalTests ?? 1 });
  const verdict = ladderVerdict(rungs, {
    metricRange: metric?.range ?? (manifest.metric.higherIsBetter ? [0, 1] : [0, Number.POSITIVE_INFINITY]),
    minMarginFraction: config.execute.minMarginFraction,
    signal,
  });
  const outcome: ExecuteOutcome = {
    ladder: entries,
    findings: [...findings, ...verdict.findings],
    difficulty: { level: verdict.difficulty, ladder: entries.map((e) => ({ solver: e.solver, tier: e.tier, score: e.score })) },
  };
  // A ladder that already fails the task needs no agent's opinion (nor its tokens).
  if (args.agent && !outcome.findings.some((f) => f.severity === 'error')) {
    const rung = await runAgentRung(args.agent, view, entries, args);
    outcome.fidelity = rung.fidelity;
    outcome.findings.push(...rung.findings);
  }
  return outcome;
}

/**
 * The agent rung: up to `attempts` runs of the agent solver on the public view, each with its own
 * seed (a rerun with the same seed would replay the same cached conversation), in
 * baselines/<solver>/attempt-<n>/, graded on the host; it stops at the first valid submission.
 */
async function runAgentRung(rung: AgentRung, view: TaskPublicView, ladder: LadderEntry[], args: ExecuteArgs): Promise<Pick<ExecuteOutcome, 'findings'> & { fidelity: AgentFidelity }> {
  const attempts: AgentAttempt[] = [];
  for (let i = 0; i < rung.attempts; i++) {
    const seed = args.config.seed + i;
    const workDir = join(args.taskDir, 'baselines', rung.solver.id, `attempt-${i + 1}`);
    const { entry, error } = await runRung(rung.solver, view, args, { workDir, seed, agent: rung.context });
    args.log.debug(`${args.manifest.id}: agent ${rung.solver.id} attempt ${i + 1} → ${entry.status} ${entry.score ?? error ?? ''}`);
    attempts.push({ seed, status: entry.status, score: entry.score, ...(error ? { error } : {}) });
    if (entry.score !== null) break;
  }
  const result = agentFidelity({ ...rung, solver: rung.solver.id }, attempts, ladder, args.manifest.metric.higherIsBetter);
  await writeJsonAtomic(join(args.taskDir, 'baselines', rung.solver.id, 'fidelity.json'), result.fidelity);
  return result;
}

/**
 * One rung: solve in the executor, keep its code and log under baselines/<solver>/ (or `at.workDir`),
 * grade on the host. `error` is why the run has no score (the solver's or the grader's words).
 */
async function runRung(
  solver: Solver, view: TaskPublicView, args: ExecuteArgs, at: { workDir?: string; seed?: number; agent?: AgentContext } = {},
): Promise<{ entry: LadderEntry; submission?: string; error?: string }> {
  const { taskDir, manifest, grader, config, log } = args;
  const workDir = at.workDir ?? join(taskDir, 'baselines', solver.id);
  await mkdir(workDir, { recursive: true });
  let entry: LadderEntry;
  let submission: string | undefined;
  let failure: string | undefined;
  try {
    const run = await solver.solve(view, {
      executor: args.executor, runId: args.runId, workDir, limits: config.executor.limits, seed: at.seed ?? config.seed, log, signal: args.signal,
      ...(at.agent ? { agent: at.agent } : {}),
    });
    for (const file of run.code) await writeFileAtomic(join(workDir, file.path), file.content);
    if (run.exec) await writeFileAtomic(join(workDir, 'log.txt'), run.exec.logTail);
    let score: number | null = null;
    let status: string = run.status;
    let error = run.error;
    if (run.status === 'ok' && run.submissionPath) {
      const graded = await grader.grade(taskDir, run.submissionPath, manifest).catch((err: unknown) => {
        if (isDiskFault(err)) throw err;
        return { valid: false, error: errorMessage(err), score: undefined };
      });
      if (graded.valid && typeof graded.score === 'number') {
        score = graded.score;
        submission = run.submissionPath;
      } else {
        status = 'invalid';
        error = graded.error;
      }
    }
    entry = {
      solver: solver.id, tier: solver.tier ?? 'other', status, score,
      exec: run.exec && { exitCode: run.exec.exitCode, timedOut: run.exec.timedOut, durationMs: run.exec.durationMs, error: error ?? run.exec.error },
    };
    if (score === null) failure = error ?? run.exec?.error ?? `${solver.id} ended ${status} without a submission`;
  } catch (err) {
    // A stopped run or a full disk says nothing about the baseline: no verdict is made of it.
    if (args.signal?.aborted || isDiskFault(err)) throw err;
    failure = errorMessage(err);
    entry = { solver: solver.id, tier: solver.tier ?? 'other', status: 'failed', score: null, exec: { exitCode: null, timedOut: false, durationMs: 0, error: failure } };
  }
  await writeJsonAtomic(join(workDir, 'result.json'), entry);
  return { entry, submission, ...(failure ? { error: failure } : {}) };
}

/**
 * The signal test's interval: the grader's paired bootstrap of the best learned rung against the
 * trivial one, seeded from the run seed. Without `Grader.compare`, or when the comparison fails,
 * the verdict falls back to the margin alone and a warning says so; `signalResamples: 0` turns the
 * test off without one.
 */
async function testSignal(
  rungs: Array<LadderRung & { submission?: string }>,
  args: { taskDir: string; manifest: TaskManifest; grader: Grader; config: MleSmithConfig; tests: number },
): Promise<{ signal?: LadderSignal; findings: Finding[] }> {
  const { signalResamples: resamples } = args.config.execute;
  const confidence = 1 - (1 - args.config.execute.signalConfidence) / Math.max(1, args.tests);
  const pair = signalPair(rungs);
  if (resamples === 0 || !pair?.best.submission || !pair.trivial.submission) return { findings: [] };
  const untested = (why: string): { findings: Finding[] } => ({
    findings: [{ ruleId: 'execution/signal-untested', severity: 'warning', phase: 'execute', message: `the learned baselines' gain over the trivial one was not tested against noise (${why}); the margin alone decides`, data: { reason: why } }],
  });
  if (!args.grader.compare) return untested('the grader has no compare method');
  try {
    const c = await args.grader.compare(args.taskDir, pair.best.submission, pair.trivial.submission, args.manifest, { resamples, confidence, seed: args.config.seed });
    return {
      findings: [],
      signal: {
        lo: c.lo, hi: c.hi, difference: c.difference, confidence: c.confidence, resamples: c.resamples, usedResamples: c.usedResamples,
        rows: c.rows, sampledRows: c.sampledRows, best: { tier: pair.best.tier, solver: pair.best.solver }, trivial: { tier: pair.trivial.tier, solver: pair.trivial.solver },
      },
    };
  } catch (err) {
    return untested(`comparing the submissions failed: ${errorMessage(err)}`);
  }
}
