// A task from proposal to verdict: attempts until one passes (the repair loop, bounded by
// design.maxRepairAttempts), then verification.json, then publishing an accepted package.
import { join } from 'node:path';
import type { AttemptRecord, LadderEntry, TaskSummary } from '../contracts/extensions.js';
import type { AgentFidelity, Finding, FunnelStep, TaskManifest } from '../contracts/task.js';
import { agentRolesOf } from '../agent-context.js';
import { replaceDirAtomic, writeJsonAtomic } from '../atomic-fs.js';
import { copyDir } from './copy-dir.js';
import { laterStep } from './funnel.js';
import type { RunContext } from './run-context.js';
import { runTaskAttempt, type AttemptOutcome, type TaskRef } from './task-attempt.js';

/** What the attempts of a task add up to. */
export interface TaskProgress {
  attempts: number;
  passed: boolean;
  reached: FunnelStep;
  /** The findings of the last attempt that verified a spec (plus a dataset or LLM failure). */
  findings: Finding[];
  /** Error findings of each failed attempt: what the repair loop fixed, or why the task was rejected. */
  history: AttemptRecord[];
  reasons: string[];
  ladder: LadderEntry[];
  /** The agent rung's record of the last attempt that ran it. */
  fidelity?: AgentFidelity;
  manifest?: TaskManifest;
  taskDir?: string;
}

export async function runTask(run: RunContext, task: TaskRef): Promise<TaskSummary> {
  // The verdict recorded the finished package: if a file of it is gone or changed, the task is redone whole.
  await run.redoLineIfChanged({ dataset: task.dataset.name, taskId: task.proposal.id }, `tasks/${task.proposal.id}/verdict`);
  const progress = await attempt(run, task);
  const summary = summarize(task, progress);
  const { taskId } = summary;
  const scope = { dataset: task.dataset.name, taskId };
  await run.stage('verdict', scope, `tasks/${taskId}/verdict`, async () => {
    const { status, attempts, reasons, findings, ladder } = summary;
    // With an LLM: per role (reviewer included, which runs after task.json is written), the model or the fallback.
    const agents = run.agent ? { agents: agentRolesOf(run.agent, { dataset: task.dataset.name, taskId }) } : {};
    const fidelity = progress.fidelity ? { fidelity: progress.fidelity } : {};
    if (progress.taskDir) await writeJsonAtomic(join(progress.taskDir, 'verification.json'), { taskId, status, attempts, reasons, findings, ladder, ...fidelity, history: progress.history, ...agents });
    return true;
  }, { outputs: () => (progress.taskDir ? [progress.taskDir] : []) });
  if (progress.passed && progress.taskDir) summary.taskDir = await publish(run, scope, progress.taskDir);
  await run.reporters.onTaskVerdict(summary);
  return summary;
}

/** The repair loop: each failed attempt's defects go into the history the next design sees. */
export async function attempt(run: RunContext, task: TaskRef): Promise<TaskProgress> {
  const progress: TaskProgress = { attempts: 0, passed: false, reached: 'proposal', findings: [], history: [], reasons: [], ladder: [] };
  const maxAttempts = run.config.design.maxRepairAttempts + 1;
  let previousSpec: string | undefined;
  while (progress.attempts < maxAttempts && !progress.passed) {
    const outcome = await runTaskAttempt(run, task, progress.attempts, progress.history, previousSpec);
    absorb(progress, outcome);
    if (outcome.stop) break;
    if (outcome.defects.length > 0) progress.history.push({ attempt: progress.attempts - 1, findings: outcome.defects });
    else progress.passed = true;
    previousSpec = outcome.spec;
  }
  return progress;
}

function absorb(progress: TaskProgress, outcome: AttemptOutcome): void {
  progress.attempts++;
  progress.reached = laterStep(progress.reached, outcome.reached);
  if (outcome.verified) progress.findings = outcome.findings;
  if (outcome.manifest) Object.assign(progress, { manifest: outcome.manifest, taskDir: outcome.taskDir });
  if (outcome.ladder) progress.ladder = outcome.ladder;
  if (outcome.ladder) progress.fidelity = outcome.fidelity; // a later attempt without the rung's record (its ladder failed) clears an earlier one
  if (outcome.stop?.reason !== undefined) progress.reasons.push(outcome.stop.reason);
  if (outcome.stop?.finding) progress.findings = [...progress.findings, outcome.stop.finding];
}

function summarize(task: TaskRef, p: TaskProgress): TaskSummary {
  const { proposal } = task;
  const status = p.passed ? (p.attempts > 1 ? 'repaired' : 'accepted') : 'rejected';
  const reasons = [...p.reasons];
  if (!p.passed && reasons.length === 0) reasons.push(...p.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`));
  if (status === 'repaired') {
    for (const h of p.history) reasons.push(...h.findings.map((f) => `repaired after attempt ${h.attempt + 1}: ${f.ruleId}: ${f.message}`));
  }
  return {
    taskId: proposal.id, dataset: task.dataset.name, status, attempts: p.attempts, reasons, findings: p.findings, reached: p.reached, ladder: p.ladder,
    title: p.manifest?.title ?? proposal.title, modality: proposal.modality, metric: p.manifest?.metric.name ?? proposal.metric.name,
    higherIsBetter: p.manifest?.metric.higherIsBetter, taskDir: p.taskDir,
  };
}

async function publish(run: RunContext, scope: { dataset: string; taskId: string }, taskDir: string): Promise<string> {
  const published = run.store.publishedDir(scope.taskId);
  await run.stage('publish', scope, `tasks/${scope.taskId}/publish`, async () => {
    const staging = `${published}.staging-${process.pid}`;
    await copyDir(taskDir, staging);
    await replaceDirAtomic(staging, published);
    return true;
  }, { outputs: () => [published] });
  return published;
}
