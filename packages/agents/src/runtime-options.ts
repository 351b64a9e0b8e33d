// Turns the pipeline's `agentOptions` (plain data in DesignContext / ReviewContext) into the
// runtime objects runAgent takes, so every designer and reviewer reads them the same way.
import type { LedgerEntry } from '@mle-smith/core';
import { Budget, type BudgetLimits } from './budget.js';
import { Ledger, type PriceTable } from './ledger.js';
import { ResponseCache } from './response-cache.js';

/** What the core pipeline puts into `agentOptions`. */
export interface PipelineAgentOptions {
  /** The run's ledger array; entries are appended to it. */
  ledger?: LedgerEntry[];
  cacheDir?: string;
  budget?: BudgetLimits;
  prices?: PriceTable;
  runId?: string;
  taskId?: string;
  dataset?: string;
}

export interface AgentRuntime {
  ledger: Ledger;
  budget?: Budget;
  cache?: ResponseCache;
  taskId?: string;
  dataset?: string;
}

/** Spread the result into runAgent's options: `runAgent({ ...agentRuntimeFrom(ctx.agentOptions), model, ... })`. */
export function agentRuntimeFrom(agentOptions: Record<string, unknown> | undefined): AgentRuntime {
  const o = (agentOptions ?? {}) as PipelineAgentOptions;
  const ledger = new Ledger({ prices: o.prices, entries: Array.isArray(o.ledger) ? o.ledger : undefined });
  const limits = o.budget ?? {};
  const hasLimits = Object.values(limits).some((v) => typeof v === 'number');
  return {
    ledger,
    budget: hasLimits ? new Budget(limits) : undefined,
    cache: typeof o.cacheDir === 'string' ? new ResponseCache(o.cacheDir) : undefined,
    taskId: o.taskId,
    dataset: o.dataset,
  };
}
