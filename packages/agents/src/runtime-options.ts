// Turns the run's AgentContext (built once by createAgentContext in @mle-smith/core) into the
// runtime objects runAgent takes, so every designer, reviewer and solver reads it the same way.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AgentContext } from '@mle-smith/core';
import { Budget } from './budget.js';
import { Ledger } from './ledger.js';
import { ResponseCache } from './response-cache.js';
import { modelIdOf } from './run-agent.js';

export interface AgentRuntime {
  model: BaseChatModel;
  ledger: Ledger;
  budget?: Budget;
  cache?: ResponseCache;
  taskId?: string;
  dataset?: string;
}

/** The context's chat model with its LangChain type (backends make BaseChatModels; the core keeps them opaque). */
export function chatModelOf(ctx: AgentContext): BaseChatModel {
  return ctx.model as BaseChatModel;
}

/** Spread the result into runAgent's options: `runAgent({ ...agentRuntimeFrom(ctx.agent), role, ... })`. */
export function agentRuntimeFrom(ctx: AgentContext): AgentRuntime {
  const hasLimits = Object.values(ctx.budget).some((v) => typeof v === 'number');
  return {
    model: chatModelOf(ctx),
    // The ledger writes into the run's one array, which report.json shows.
    ledger: new Ledger({ prices: ctx.prices, entries: ctx.ledger }),
    budget: hasLimits ? new Budget(ctx.budget) : undefined,
    cache: ctx.cacheDir ? new ResponseCache(ctx.cacheDir) : undefined,
    taskId: ctx.taskId,
    dataset: ctx.dataset,
  };
}

/**
 * An AgentContext around a chat model you already have, outside a run (scripts, tests): its own
 * ledger and outcome record, no cache, no budget, `fallback: "none"` unless `over` says otherwise.
 * A run builds its context with createAgentContext() from @mle-smith/core instead.
 */
export function agentContextOf(model: BaseChatModel, over: Partial<AgentContext> = {}): AgentContext {
  return {
    model, modelId: modelIdOf(model), backend: model._llmType(), endpoint: model._llmType(), fallback: 'none',
    budget: {}, prices: {}, ledger: [], outcomes: [], runId: 'standalone', ...over,
  };
}
