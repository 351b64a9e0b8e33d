// Options of a solver-command agent: one entry of the plugin's `agents` list, or the plugin's
// options themselves for a single agent. The shape matches a solver entry in config
// ({ id, plugin: "solver-command", command | image, llm, budget }), without `plugin`.
import type { BudgetLimits, PriceTable } from '@mle-smith/agents';
import { ConfigError, type ExecLimits } from '@mle-smith/core';

export interface CommandAgentLlm {
  /** The proxy speaks the OpenAI-compatible API, so "openai" is the one backend. */
  backend: 'openai';
  /** Model id every request is sent with (the proxy pins it) and the ledger records. */
  model: string;
  options?: {
    /** Endpoint ending in /v1. Default https://api.openai.com/v1. */
    baseURL?: string;
    /** Environment variable of the host holding the key. Default OPENAI_API_KEY. */
    apiKeyEnv?: string;
    /** A literal key, for local servers; prefer apiKeyEnv. */
    apiKey?: string;
    /** Per-request limit of the proxy's upstream call, in ms. Default 300 000. */
    timeoutMs?: number;
  };
}

export interface CommandAgentOptions extends Record<string, unknown> {
  /** Solver id, as `eval --solvers` and the scores name it. Default "command-agent" (an `eval.solvers` entry names it itself). */
  id?: string;
  /** The agent's command, run in the workspace (/home in containers); `python3` is the sandbox's Python. */
  command: string[];
  /** Container image holding the agent (docker executor only); it needs python3 on PATH for the launcher. */
  image?: string;
  /** Host folder (relative to the config file) of the agent's own text files, copied to <workspace>/agent/. */
  dir?: string;
  /** More environment variables for the agent (never secrets: the sandbox sees them). */
  env?: Record<string, string>;
  /** The agent's model; without it, the LLM the solver is given (an `eval.solvers` entry's `llm`, else the run's), when its backend speaks the OpenAI API. */
  llm?: CommandAgentLlm;
  /** Token/cost budget; default the given LLM's (`llm.budget`). */
  budget?: BudgetLimits;
  /** Price table; default the given LLM's (`llm.prices`). */
  prices?: PriceTable;
  /** Limits for this agent's jobs instead of the run's (executor.limits). */
  limits?: Partial<Pick<ExecLimits, 'timeSec' | 'memoryMb' | 'cpus' | 'pids'>>;
  /** Modalities the agent handles; absent means all. */
  modalities?: Array<'tabular' | 'text' | 'image' | 'audio' | 'time-series'>;
}

export type SolverCommandOptions = CommandAgentOptions | { agents: CommandAgentOptions[] };

export const DEFAULT_ID = 'command-agent';

/** Names the contract sets; an agent's `env` may not override them. */
export const RESERVED_ENV = /^(MLE_SMITH_|OPENAI_)/;

const budgetSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    perTaskUsd: { type: 'number', minimum: 0 },
    perRunUsd: { type: 'number', minimum: 0 },
    perTaskTokens: { type: 'integer', minimum: 0 },
    perRunTokens: { type: 'integer', minimum: 0 },
  },
} as const;

export const agentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['command'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    command: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    image: { type: 'string', minLength: 1 },
    dir: { type: 'string', minLength: 1 },
    env: { type: 'object', propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }, additionalProperties: { type: 'string' } },
    llm: {
      type: 'object',
      additionalProperties: false,
      required: ['backend', 'model'],
      properties: {
        backend: { const: 'openai' },
        model: { type: 'string', minLength: 1 },
        options: {
          type: 'object',
          additionalProperties: false,
          properties: {
            baseURL: { type: 'string', pattern: '^https?://' },
            apiKeyEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
            apiKey: { type: 'string', minLength: 1 },
            timeoutMs: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
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
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timeSec: { type: 'number', exclusiveMinimum: 0 },
        memoryMb: { type: 'number', exclusiveMinimum: 0 },
        cpus: { type: 'number', exclusiveMinimum: 0 },
        pids: { type: 'integer', minimum: 1 },
      },
    },
    modalities: { type: 'array', items: { enum: ['tabular', 'text', 'image', 'audio', 'time-series'] } },
  },
} as const;

export const optionsSchema = {
  oneOf: [
    agentSchema,
    { type: 'object', additionalProperties: false, required: ['agents'], properties: { agents: { type: 'array', minItems: 1, items: agentSchema } } },
  ],
} as const;

/** The agents an options object declares; throws ConfigError for what the schema cannot say. */
export function agentsOf(options: SolverCommandOptions): CommandAgentOptions[] {
  const agents = 'agents' in options && Array.isArray(options.agents) ? options.agents : [options as CommandAgentOptions];
  const seen = new Set<string>();
  for (const [i, a] of agents.entries()) {
    const where = 'agents' in options ? `solver-command agents[${i}]` : 'solver-command';
    const id = a.id ?? DEFAULT_ID;
    if (seen.has(id)) throw new ConfigError(`${where}: duplicate agent id "${id}"`);
    seen.add(id);
    const reserved = Object.keys(a.env ?? {}).find((k) => RESERVED_ENV.test(k));
    if (reserved) throw new ConfigError(`${where} (${id}).env.${reserved}: MLE_SMITH_* and OPENAI_* are set by the solver contract`);
  }
  return agents;
}
