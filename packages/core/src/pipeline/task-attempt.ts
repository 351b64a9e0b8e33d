// One attempt at a task: design → verify(spec) → materialize → verify(package) → review →
// execute, each step a checkpointed stage and each verification a gate(). The attempt stops at
// the first gate with errors; the task loop (task-run.ts) decides whether to try again.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttemptRecord, Designer, LadderEntry, PackageTarget } from '../contracts/extensions.js';
import type { AgentFidelity, DatasetProfile, Finding, FunnelStep, TaskManifest, TaskProposal, TaskSpec } from '../contracts/task.js';
import { writeJsonAtomic } from '../atomic-fs.js';
import { DatasetError, LlmError, MleSmithError, errorMessage } from '../errors.js';
import { validateTaskSpec } from '../schemas.js';
import type { DatasetRef } from './datasets.js';
import { executeLadder, type ExecuteOutcome } from './execute-stage.js';
import { gate, type GateState } from './gate.js';
import { buildTaskManifest } from './manifest.js';
import type { RunContext } from './run-context.js';
import type { StageScope } from './stage-runner.js';
import { runRules } from './verify-stage.js';
import { verifyPackage } from './verify-package.js';

export interface TaskRef {
  dataset: DatasetRef;
  profile: DatasetProfile;
  designer: Designer;
  proposal: TaskProposal;
}

export interface AttemptOutcome extends GateState {
  /** The designed spec as JSON, to tell an unchanged redesign. */
  spec?: string;
  /** The package this attempt wrote, when it got that far. */
  taskDir?: string;
  manifest?: TaskManifest;
  ladder?: LadderEntry[];
  /** The agent rung's record, when it ran. */
  fidelity?: AgentFidelity;
  /** False until the spec reached its gate: only then do `findings` replace the task's. */
  verified: boolean;
  /** Set when no further attempt makes sense: the redesign was unchanged, or the dataset or LLM failed. */
  stop?: { reason?: string; finding?: Finding };
}

export async function runTaskAttempt(run: RunContext, task: TaskRef, attempt: number, history: AttemptRecord[], previousSpec?: string): Promise<AttemptOutcome> {
  const out: AttemptOutcome = { findings: [], reached: 'proposal', defects: [], verified: false };
  try {
    await attemptSteps(run, task, { attempt, history, previousSpec }, out);
  } catch (err) {
    out.stop = stopFor(err, run);
  }
  return out;
}

/**
 * A DatasetError ends the task with its reason, and so does an LlmError without an LLM configured
 * or a spent budget; anything else fails the run — with an LLM configured, a failed call the
 * designer did not fall back from (llm.fallback) too.
 */
function stopFor(err: unknown, run: RunContext): NonNullable<AttemptOutcome['stop']> {
  if (err instanceof LlmError && err.budgetExhausted) return { reason: 'budget' };
  if (!(err instanceof DatasetError) && !(err instanceof LlmError)) throw err;
  if (run.agent && err instanceof LlmError) throw err;
  const message = errorMessage(err);
  return { reason: message, finding: { ruleId: err instanceof DatasetError ? 'core/dataset' : 'core/llm', severity: 'error', phase: 'spec', message } };
}

async function attemptSteps(
  run: RunContext, task: TaskRef, a: { attempt: number; history: AttemptRecord[]; previousSpec?: string }, out: AttemptOutcome,
): Promise<void> {
  const scope: StageScope = { dataset: task.dataset.name, taskId: task.proposal.id };
  const base = `tasks/${task.proposal.id}/attempt-${a.attempt}`;
  const spec = await designSpec(run, task, scope, a);
  out.spec = JSON.stringify(spec);
  // A repair that changes nothing would fail the same way again: stop early.
  if (out.spec === a.previousSpec) {
    out.stop = {};
    return;
  }
  out.verified = true;
  const specFindings = await run.stage('verify', scope, `${base}/verify-spec`, () => verifySpec(run, spec, task.profile));
  if (!(await gate(out, specFindings, 'spec', run.reportFinding('verify', scope)))) return;
  const { taskDir, manifest } = await materialize(run, task, scope, spec, base);
  out.taskDir = taskDir;
  out.manifest = manifest;
  out.reached = 'package';
  const target: PackageTarget = { phase: 'package', taskDir, manifest };
  const steps = {
    run: <T>(stage: 'verify' | 'review', key: string, work: () => Promise<T>) => run.stage(stage, scope, `${base}/${key}`, work),
    gate: (findings: Finding[], stage: 'verify' | 'review', passes: FunnelStep) => gate(out, findings, passes, run.reportFinding(stage, scope)),
  };
  const services = { rules: run.host.rules(), reviewers: run.host.reviewers(), verify: run.config.verify, log: run.log, agent: run.agentFor(scope) };
  await verifyPackage(target, services, steps);
  if (out.defects.length > 0) return;
  if (!run.config.execute.enabled) {
    out.reached = 'execution';
    return;
  }
  const outcome = await execute(run, scope, target, base, 1 + a.history.filter(testedSignal).length);
  out.manifest = withExecution(manifest, outcome);
  out.ladder = outcome.ladder;
  if (outcome.fidelity) out.fidelity = outcome.fidelity;
  await gate(out, outcome.findings, 'execution', run.reportFinding('execute', scope));
}

/** The designer's spec for this attempt (with the history of earlier ones), through the transformTaskSpec waterfall. */
function designSpec(run: RunContext, task: TaskRef, scope: StageScope, a: { attempt: number; history: AttemptRecord[] }): Promise<TaskSpec> {
  const { config } = run;
  const ctx = {
    runId: run.store.runId, seed: config.seed, maxProposals: config.design.maxProposalsPerDataset,
    defects: a.history.at(-1)?.findings ?? [], history: a.history, attempt: a.attempt,
    log: run.log, agent: run.agentFor(scope), signal: run.signal,
  };
  return run.stage('design', scope, `tasks/${task.proposal.id}/attempt-${a.attempt}/design`, async () => {
    const designed = await task.designer.design(task.proposal, task.profile, ctx);
    return run.hooks.transformTaskSpec(designed, { stage: 'design', ...scope });
  });
}

/** The one place a spec is validated: the schema, then every enabled spec rule. */
async function verifySpec(run: RunContext, spec: TaskSpec, profile: DatasetProfile): Promise<Finding[]> {
  const check = validateTaskSpec(spec);
  const findings: Finding[] = check.valid ? [] : check.errors.map((e) => ({ ruleId: 'core/spec-schema', severity: 'error', phase: 'spec', message: `TaskSpec ${e}` }));
  findings.push(...(await runRules(run.host.rules(), { phase: 'spec', spec, profile }, spec.modality, run.config.verify, run.log)));
  return findings;
}

/** The designer writes public/, private/ and description.md into a staging folder; the core adds task.json and commits it. */
function materialize(run: RunContext, task: TaskRef, scope: StageScope, spec: TaskSpec, base: string): Promise<{ taskDir: string; manifest: TaskManifest }> {
  const { store } = run;
  return run.stage('materialize', scope, `${base}/materialize`, async () => {
    const staging = await store.stagingDir(task.proposal.id);
    try {
      const result = await task.designer.materialize(spec, {
        rawDir: task.dataset.dir, outDir: staging, profile: task.profile, log: run.log, agent: run.agentFor(scope),
      });
      const models = run.agent ? [run.agent.modelId] : [];
      const manifest = await buildTaskManifest(spec, task.profile, task.designer.id, staging, result, models, run.version);
      await writeJsonAtomic(join(staging, 'task.json'), manifest);
      return { taskDir: await store.commitDir(staging, task.proposal.id), manifest };
    } catch (err) {
      await rm(staging, { recursive: true, force: true }); // a failed or full-disk write leaves no half package
      throw err;
    }
  });
}

/**
 * An earlier attempt that reached execution, and so (as far as its defects show) ran the signal
 * test: counting every executed attempt errs on the strict side.
 */
function testedSignal(record: AttemptRecord): boolean {
  return record.findings.some((f) => f.ruleId.startsWith('execution/') || f.ruleId.startsWith('execute/'));
}

/** task.json after execution: the difficulty the ladder measured, and the agent rung's fidelity when it ran. */
function withExecution(manifest: TaskManifest, outcome: ExecuteOutcome): TaskManifest {
  return { ...manifest, difficulty: outcome.difficulty, ...(outcome.fidelity ? { fidelity: outcome.fidelity } : {}) };
}

/** The baseline ladder (and the agent rung); task.json gets what they measured. */
function execute(run: RunContext, scope: StageScope, target: PackageTarget, base: string, signalTests: number): Promise<ExecuteOutcome> {
  const { grader } = run;
  if (!grader) throw new MleSmithError('INTERNAL', 'the execute stage needs a grader');
  return run.stage('execute', scope, `${base}/execute`, async () => {
    // An interrupted or failed earlier try may have left some rungs' files: start from none.
    await rm(join(target.taskDir, 'baselines'), { recursive: true, force: true });
    const agent = run.agentRung && run.agentFor(scope);
    const result = await executeLadder({
      taskDir: target.taskDir, manifest: target.manifest, solvers: run.host.solvers(), executor: await run.executor(), grader,
      config: run.config, runId: run.store.runId, log: run.log, signal: run.signal, signalTests,
      ...(run.agentRung && agent ? { agent: { ...run.agentRung, context: agent } } : {}),
    });
    await writeJsonAtomic(join(target.taskDir, 'task.json'), withExecution(target.manifest, result));
    return result;
  });
}
