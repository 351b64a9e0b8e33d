// LLM backends hand out LangChain chat models; every agent role gets them, with the run's
// settings, budgets, cache and ledger, in one AgentContext. Typed structurally here so the core
// does not depend on LangChain; @mle-smith/agents narrows ChatModel to BaseChatModel.
import type { LedgerEntry } from './extensions.js';

export interface ChatModelOptions {
  model?: string;
  temperature?: number;
  timeoutMs?: number;
  maxRetries?: number;
  [key: string]: unknown;
}

/** A LangChain BaseChatModel (the core only passes it on; `chatModelOf()` in @mle-smith/agents gives it its full type). */
export interface ChatModel {
  invoke(input: unknown, options?: unknown): Promise<unknown>;
  _llmType(): string;
}

/** Why an endpoint check failed, for the one-line error. */
export type EndpointFailure = 'connection refused' | 'unreachable' | 'http status' | 'invalid response' | 'timeout';

export interface LlmBackend {
  id: string;
  /** Returns a LangChain BaseChatModel. */
  chatModel(options: ChatModelOptions): ChatModel;
  /** Where the models are served (a URL), for messages. */
  endpoint?(options: ChatModelOptions): string;
  /**
   * One cheap request to the endpoint, made before a run starts. Throws LlmError naming the
   * endpoint and the cause (refused, HTTP status, invalid response, timeout) within `timeoutMs`.
   */
  check?(options: ChatModelOptions, limits: { timeoutMs: number; signal?: AbortSignal }): Promise<void>;
  /**
   * The OpenAI-compatible HTTP endpoint and the key for it, for backends that speak that API: the
   * LLM proxy of sandboxed agents (solver-command) forwards their requests there. Throws LlmError
   * when the key is missing.
   */
  openAiEndpoint?(options: ChatModelOptions): OpenAiEndpoint;
}

/** Where OpenAI-compatible requests go: `baseURL` ends in /v1; `apiKey` never leaves the host process. */
export interface OpenAiEndpoint {
  baseURL: string;
  apiKey: string;
}

/** `llm.fallback`: what a failed LLM call does. */
export type LlmFallbackPolicy = 'none' | 'deterministic';

export interface LlmBudgetLimits {
  perTaskUsd?: number;
  perRunUsd?: number;
  perTaskTokens?: number;
  perRunTokens?: number;
}

export interface LlmPrice {
  inputPer1M: number;
  outputPer1M: number;
}

/** Who produced one agent role's output in a run with an LLM configured. */
export interface AgentRoleOutcome {
  /** brainstormer, designer, refactor, reviewer, ... */
  role: string;
  /** 'llm': the model's answer was used; 'fallback': the deterministic strategy's, because of `reason`. */
  producer: 'llm' | 'fallback';
  model: string;
  dataset?: string;
  taskId?: string;
  reason?: string;
}

/**
 * Everything an agent role needs, built once per run by `createAgentContext()` and handed to
 * designers, reviewers and solvers; absent when no LLM is configured (the deterministic
 * strategies run). `scoped()` copies share the run's ledger and outcome list.
 */
export interface AgentContext {
  readonly model: ChatModel;
  /** Model id: the ledger, the price table, the cache key and task.json use it. */
  readonly modelId: string;
  /** The `llm.backend` id. */
  readonly backend: string;
  /** Where the model is served, for messages (the backend id when the backend does not say). */
  readonly endpoint: string;
  /**
   * The backend's OpenAI-compatible endpoint and key (LlmBackend.openAiEndpoint), a function so
   * the key is in no field that gets logged or serialized; absent for other backends.
   */
  readonly openAiEndpoint?: () => OpenAiEndpoint;
  readonly fallback: LlmFallbackPolicy;
  readonly budget: LlmBudgetLimits;
  readonly prices: Record<string, LlmPrice>;
  /** Folder of the content-addressed response cache; absent when `llm.cache` is false. */
  readonly cacheDir?: string;
  /** The run's ledger: one entry per model call, appended by the agents runtime. */
  readonly ledger: LedgerEntry[];
  /** One entry per role output: by the model, or by the fallback. */
  readonly outcomes: AgentRoleOutcome[];
  readonly runId: string;
  /** The task and dataset the calls are for (ledger, per-task budgets). */
  readonly taskId?: string;
  readonly dataset?: string;
}

/** What report.json (and the run's closing line) say about the LLM. */
export interface AgentRunSummary {
  backend: string;
  model: string;
  endpoint: string;
  fallback: LlmFallbackPolicy;
  /** Per role: how many outputs the model produced and how many the fallback did. */
  roles: Record<string, { llm: number; fallback: number }>;
  /** Every role output, in the order they were made. */
  outcomes: AgentRoleOutcome[];
}
