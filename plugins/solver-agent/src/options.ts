// Options of the agent solver (the plugin entry's options, validated by the host with optionsSchema).
import type { BudgetLimits, PriceTable } from '@mle-smith/agents';

export interface SolverAgentOptions extends Record<string, unknown> {
  /** Solver id. Default "agent". */
  id?: string;
  /** Model calls allowed for one task (tool rounds included). Default 30. */
  maxSteps?: number;
  /** Wall-clock budget for one task, model calls and runs included, in seconds. Default 1800. */
  maxWallSec?: number;
  /** Plain-text or invalid answers sent back before the run fails. Default 4. */
  maxRepairs?: number;
  /** Lines `head_file` returns when the model asks for none. Default 10 (at most 200). */
  headLines?: number;
  /** Characters of a run's log tail returned to the model. Default 4000. */
  maxLogChars?: number;
  /** Token/cost budget used when the run gives none (the pipeline's llm.budget wins). */
  budget?: BudgetLimits;
  /** Price table used when the run gives none (the pipeline's llm.prices wins). */
  prices?: PriceTable;
}

export interface ResolvedSolverAgentOptions {
  id: string;
  maxSteps: number;
  maxWallSec: number;
  maxRepairs: number;
  headLines: number;
  maxLogChars: number;
  budget?: BudgetLimits;
  prices?: PriceTable;
}

const budgetSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    perTaskUsd: { type: 'number', minimum: 0 },
    perRunUsd: { type: 'number', minimum: 0 },
    perTaskTokens: { type: 'integer', minimum: 0 },
    perRunTokens: { type: 'integer', minimum: 0 },
  },
};

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    maxSteps: { type: 'integer', minimum: 1, maximum: 500 },
    maxWallSec: { type: 'number', exclusiveMinimum: 0 },
    maxRepairs: { type: 'integer', minimum: 0, maximum: 50 },
    headLines: { type: 'integer', minimum: 1, maximum: 200 },
    maxLogChars: { type: 'integer', minimum: 200 },
    budget: budgetSchema,
    prices: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['inputPer1M', 'outputPer1M'],
        properties: { inputPer1M: { type: 'number', minimum: 0 }, outputPer1M: { type: 'number', minimum: 0 } },
      },
    },
  },
} as const;

export function resolveOptions(options: SolverAgentOptions = {}): ResolvedSolverAgentOptions {
  return {
    id: options.id ?? 'agent',
    maxSteps: options.maxSteps ?? 30,
    maxWallSec: options.maxWallSec ?? 1800,
    maxRepairs: options.maxRepairs ?? 4,
    headLines: Math.min(200, options.headLines ?? 10),
    maxLogChars: options.maxLogChars ?? 4000,
    budget: options.budget,
    prices: options.prices,
  };
}
