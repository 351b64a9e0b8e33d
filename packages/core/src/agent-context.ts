// The one place an AgentContext is made: the configured backend's chat model with the run's
// settings, budgets, cache folder, ledger and outcome record. Also the endpoint check a run makes
// before its first stage, and the per-role summary report.json and the closing line show.
import { join } from 'node:path';
import type { MleSmithConfig, SolverLlmConfig } from './contracts/config.js';
import type { LedgerEntry } from './contracts/extensions.js';
import type { AgentContext, AgentRoleOutcome, AgentRunSummary, ChatModelOptions, LlmBackend } from './contracts/llm.js';
import { InterruptedError, LlmError, errorMessage } from './errors.js';
import type { PluginHost } from './plugin-host.js';

async function configuredBackend(host: PluginHost, config: MleSmithConfig): Promise<LlmBackend | undefined> {
  if (config.llm.backend === 'none') return undefined;
  await host.ensureContribution('llm', config.llm.backend);
  return host.llmBackends().find((b) => b.id === config.llm.backend)!;
}

const backendOptions = (config: MleSmithConfig): ChatModelOptions => ({ ...config.llm.options, model: config.llm.model });

/**
 * The config with a solver entry's `llm` over the run's: the keys the entry gives replace the
 * run's (options replace, not merge: another backend's options rarely fit), the rest stay.
 */
export function withSolverLlm(config: MleSmithConfig, llm: SolverLlmConfig | undefined): MleSmithConfig {
  if (!llm) return config;
  const sameBackend = llm.backend === config.llm.backend;
  return {
    ...config,
    llm: {
      ...config.llm,
      backend: llm.backend,
      model: llm.model ?? (sameBackend ? config.llm.model : undefined),
      options: llm.options ?? (sameBackend ? config.llm.options : {}),
      budget: llm.budget ?? config.llm.budget,
      prices: { ...config.llm.prices, ...llm.prices },
    },
  };
}

/** The run's AgentContext (on a solver entry's own `llm` when given), or undefined when the backend is "none". */
export async function createAgentContext(
  host: PluginHost, runConfig: MleSmithConfig, run: { runId: string; runDir: string; ledger?: LedgerEntry[]; llm?: SolverLlmConfig },
): Promise<AgentContext | undefined> {
  const config = withSolverLlm(runConfig, run.llm);
  const backend = await configuredBackend(host, config);
  if (!backend) return undefined;
  const options = backendOptions(config);
  return {
    model: backend.chatModel(options),
    modelId: config.llm.model ?? backend.id,
    backend: backend.id,
    endpoint: backend.endpoint?.(options) ?? backend.id,
    ...(backend.openAiEndpoint ? { openAiEndpoint: () => backend.openAiEndpoint!(options) } : {}),
    fallback: config.llm.fallback ?? 'none',
    budget: config.llm.budget ?? {},
    prices: config.llm.prices ?? {},
    cacheDir: config.llm.cache ? join(run.runDir, 'llm-cache') : undefined,
    ledger: run.ledger ?? [],
    outcomes: [],
    runId: run.runId,
  };
}

/** A copy for one dataset or task; the ledger and the outcome record stay the run's. */
export function scopeAgentContext(ctx: AgentContext, scope: { dataset?: string; taskId?: string }): AgentContext;
export function scopeAgentContext(ctx: AgentContext | undefined, scope: { dataset?: string; taskId?: string }): AgentContext | undefined;
export function scopeAgentContext(ctx: AgentContext | undefined, scope: { dataset?: string; taskId?: string }): AgentContext | undefined {
  return ctx && { ...ctx, ...scope };
}

/** Where the configured LLM is served (undefined when `llm.backend` is "none"), for messages. */
export async function llmEndpointOf(host: PluginHost, config: MleSmithConfig): Promise<string | undefined> {
  const backend = await configuredBackend(host, config);
  return backend && (backend.endpoint?.(backendOptions(config)) ?? backend.id);
}

/**
 * One cheap request to the configured endpoint, bounded by `llm.checkTimeoutMs`. Resolves with
 * the endpoint when it answers (undefined when no LLM is configured; unchecked when the backend
 * has no check); otherwise throws one LlmError line naming the endpoint and the cause.
 */
export async function checkLlmEndpoint(host: PluginHost, config: MleSmithConfig): Promise<string | undefined> {
  const backend = await configuredBackend(host, config);
  if (!backend) return undefined;
  const options = backendOptions(config);
  const endpoint = backend.endpoint?.(options) ?? backend.id;
  if (!backend.check) return endpoint;
  const timeoutMs = config.llm.checkTimeoutMs ?? 15_000;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // A backend that ignores the signal still cannot hold the run: the check gives up a little later.
    timer = setTimeout(() => {
      controller.abort();
      reject(new LlmError(`LLM endpoint ${endpoint} did not answer within ${timeoutMs} ms (llm.checkTimeoutMs): timeout`));
    }, timeoutMs + 250);
  });
  try {
    await Promise.race([backend.check(options, { timeoutMs, signal: controller.signal }), deadline]);
    return endpoint;
  } catch (err) {
    if (err instanceof LlmError) throw err;
    throw new LlmError(`LLM endpoint ${endpoint}: ${errorMessage(err).split('\n')[0]}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a failed LLM call of a role may fall back to the deterministic strategy: only when the config opts in, and never for a spent budget. */
export function mayFallBack(ctx: AgentContext, err: unknown): boolean {
  return ctx.fallback === 'deterministic' && !(err instanceof LlmError && err.budgetExhausted) && !(err instanceof InterruptedError);
}

/** Records who produced a role's output. */
export function recordAgentOutcome(ctx: AgentContext, outcome: Omit<AgentRoleOutcome, 'model' | 'dataset' | 'taskId'> & { dataset?: string; taskId?: string }): void {
  const scope = { ...(ctx.dataset ? { dataset: ctx.dataset } : {}), ...(ctx.taskId ? { taskId: ctx.taskId } : {}) };
  ctx.outcomes.push({ ...scope, ...outcome, model: ctx.modelId });
}

/**
 * Per role, who produced the output a task ended with (the last outcome of each role for the task,
 * its dataset's brainstormer included), for the task's verification.json.
 */
export function agentRolesOf(ctx: AgentContext, task: { dataset: string; taskId: string }): Record<string, Pick<AgentRoleOutcome, 'producer' | 'model' | 'reason'>> {
  const out: Record<string, Pick<AgentRoleOutcome, 'producer' | 'model' | 'reason'>> = {};
  for (const o of ctx.outcomes) {
    const mine = o.taskId === task.taskId || (o.taskId === undefined && o.dataset === task.dataset && o.role === 'brainstormer');
    if (mine) out[o.role] = { producer: o.producer, model: o.model, ...(o.reason ? { reason: o.reason } : {}) };
  }
  return out;
}

export function summarizeAgentRun(ctx: AgentContext): AgentRunSummary {
  const roles: AgentRunSummary['roles'] = {};
  for (const o of ctx.outcomes) (roles[o.role] ??= { llm: 0, fallback: 0 })[o.producer]++;
  // Datasets run concurrently: order the record by dataset and task so report.json is stable.
  const key = (o: AgentRoleOutcome): string => `${o.dataset ?? ''}\u0000${o.taskId ?? ''}`;
  const outcomes = ctx.outcomes.map((o, i) => ({ o, i })).sort((a, b) => (key(a.o) < key(b.o) ? -1 : key(a.o) > key(b.o) ? 1 : a.i - b.i)).map(({ o }) => o);
  return { backend: ctx.backend, model: ctx.modelId, endpoint: ctx.endpoint, fallback: ctx.fallback, roles, outcomes };
}
