// The agent Solver: an LLM drives a ReAct-style loop (runAgent from @mle-smith/agents) over the
// task's tools, writes and runs Python through the executor, checks its submission's format and
// submits. Model misbehaviour (no submit, bad code, invalid file) becomes a failed or invalid
// SolverRun, never an exception; only cancellation by the caller's signal is re-thrown.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  agentRuntimeFrom, canonicalMessage, loadPrompt, modelIdOf, renderPrompt, runAgent,
  type AgentResult, type RunAgentOptions,
} from '@mle-smith/agents';
import { LlmError, errorMessage, writeJsonAtomic, type AgentContext, type Solver, type SolverContext, type SolverRun, type TaskPublicView } from '@mle-smith/core';
import { checkSubmissionFormat } from '@mle-smith/metrics';
import { resolveOptions, type ResolvedSolverAgentOptions, type SolverAgentOptions } from './options.js';
import { SOLUTION_FILE, SUBMISSION_FILE, createSolverTools, type AgentState } from './tools.js';
import { Transcript } from './transcript.js';

export const PROMPT_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));
export const NO_LLM_ERROR = 'solver-agent needs an LLM backend (llm.backend)';
export const CONVERSATION_FILE = 'conversation.json';

/** The SolverContext; its `agent` carries the model, ledger, budget, prices and cache dir. */
export type AgentSolverContext = SolverContext;

export interface AgentAnswer {
  summary?: string;
}

export const ANSWER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { summary: { type: 'string', maxLength: 2000, description: 'one or two sentences on the approach' } },
} as const;


/** The task facts the model starts from: the public manifest, never a host path. */
export function userMessage(task: TaskPublicView, seed: number): string {
  const m = task.manifest;
  const facts = {
    id: m.id,
    title: m.title,
    modality: m.modality,
    objective: m.objective,
    target: m.target,
    metric: { name: m.metric.name, higherIsBetter: m.metric.higherIsBetter, params: m.metric.params },
    submission: m.submission,
    rows: m.rows,
  };
  // The seed is part of the conversation, so each eval seed is its own cached conversation.
  return `Solve this task. Task facts:\n${JSON.stringify(facts, null, 2)}\n\nUse random seed ${seed} in your code. Start with read_description.`;
}

/** The run's agent context, with the plugin's own budget and prices where the run sets none. */
function withSolverLimits(agent: AgentContext, options: ResolvedSolverAgentOptions): AgentContext {
  const runBudget = Object.values(agent.budget).some((v) => typeof v === 'number');
  return {
    ...agent,
    budget: runBudget ? agent.budget : (options.budget ?? {}),
    prices: Object.keys(agent.prices).length ? agent.prices : (options.prices ?? {}),
  };
}

export function agentSolver(input: SolverAgentOptions = {}): Solver {
  const options = resolveOptions(input);
  return {
    id: options.id,
    solve: (task, ctx) => solveWithAgent(task, ctx, options),
  };
}

async function solveWithAgent(task: TaskPublicView, ctx: AgentSolverContext, options: ResolvedSolverAgentOptions): Promise<SolverRun> {
  const id = options.id;
  if (!ctx.agent) return { solver: id, status: 'failed', code: [], error: NO_LLM_ERROR };
  await mkdir(ctx.workDir, { recursive: true });
  const submissionPath = join(ctx.workDir, SUBMISSION_FILE);
  // A submission left by an earlier attempt must never count as this run's output.
  await rm(submissionPath, { force: true });

  const started = Date.now();
  const state: AgentState = { runs: [], checks: 0, deadline: started + options.maxWallSec * 1000 };
  const wall = new AbortController();
  let wallExpired = false;
  const timer = setTimeout(() => {
    wallExpired = true;
    wall.abort(new Error(`wall-clock budget of ${options.maxWallSec} s used up`));
  }, options.maxWallSec * 1000);
  const onAbort = (): void => wall.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener('abort', onAbort, { once: true });

  const transcript = new Transcript(ctx.workDir);
  const tools = createSolverTools({ task, ctx, options, state, transcript, signal: wall.signal, solverId: id });
  const prompt = await loadPrompt(PROMPT_DIR, 'solver');
  const runtime = agentRuntimeFrom(withSolverLimits(ctx.agent, options));
  await transcript.add({ kind: 'start', result: { task: task.manifest.id, model: modelIdOf(runtime.model), prompt: `solver@${prompt.version}`, promptSha256: prompt.sha256, maxSteps: options.maxSteps, maxWallSec: options.maxWallSec } });

  let agent: AgentResult<AgentAnswer> | undefined;
  let failure: Pick<SolverRun, 'status' | 'error'> | undefined;
  try {
    agent = await runAgent<AgentAnswer>({
      ...runtime,
      system: renderPrompt(prompt.text, { timeSec: ctx.limits.timeSec, maxSteps: options.maxSteps }),
      user: userMessage(task, ctx.seed),
      tools,
      outputSchema: ANSWER_SCHEMA as unknown as RunAgentOptions['outputSchema'],
      maxSteps: options.maxSteps,
      maxRepairs: options.maxRepairs,
      role: 'solver',
      taskId: task.manifest.id,
      log: ctx.log,
      signal: wall.signal,
    });
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    failure = describeFailure(err, wallExpired, options);
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', onAbort);
  }
  if (agent) await writeJsonAtomic(join(ctx.workDir, CONVERSATION_FILE), agent.messages.map(canonicalMessage));

  const final = state.runs.find((r) => r.n === state.submissionRun) ?? state.runs.at(-1);
  const code = final ? [{ path: SOLUTION_FILE, content: final.code }] : [];
  let outcome: Pick<SolverRun, 'status' | 'error' | 'submissionPath'>;
  if (failure) outcome = failure;
  else if (!state.submissionRun) outcome = { status: 'invalid', error: `solver-agent: the model submitted, but no run wrote ${SUBMISSION_FILE}` };
  else {
    const check = await checkSubmissionFormat(submissionPath, join(task.publicDir, 'test.csv'), task.manifest.submission);
    outcome = check.ok
      ? { status: 'ok', submissionPath }
      : { status: 'invalid', error: `solver-agent: ${SUBMISSION_FILE} is malformed: ${check.problems[0]}` };
  }
  await transcript.add({
    kind: 'end',
    result: { ...outcome, runs: state.runs.length, submissionRun: state.submissionRun, steps: agent?.steps, summary: agent?.output.summary, usage: agent?.usage },
  });
  return { solver: id, code, ...(final?.exec ? { exec: final.exec } : {}), ...outcome };
}

function describeFailure(err: unknown, wallExpired: boolean, options: ResolvedSolverAgentOptions): Pick<SolverRun, 'status' | 'error'> {
  const message = errorMessage(err).split('\n')[0];
  if (wallExpired) return { status: 'timeout', error: `solver-agent: wall-clock budget of ${options.maxWallSec} s used up before the model submitted` };
  if (err instanceof LlmError && err.budgetExhausted) return { status: 'failed', error: `solver-agent: ${message}` };
  if (/no valid output within \d+ model calls/.test(message)) {
    return { status: 'failed', error: `solver-agent: the model did not submit within maxSteps = ${options.maxSteps} model calls` };
  }
  return { status: 'failed', error: `solver-agent: ${message}` };
}

