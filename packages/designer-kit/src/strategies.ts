// The three agent roles every designer follows, as small strategy interfaces. Each has a
// deterministic implementation (no LLM, the offline default) and an LLM one used when
// DesignContext.agent is set.
import {
  mayFallBack, validateTaskSpec,
  type AgentContext, type DatasetProfile, type DesignContext, type Finding, type Logger, type MaterializeContext, type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import type { RoleRun } from './prompt-roles.js';

export interface StrategyRun<T> {
  value: T;
  /** "deterministic" or the model id that produced the value. */
  agent: string;
  /** Prompt key ("<plugin>/<role>") → sha256, for LLM strategies. */
  promptHashes?: Record<string, string>;
  /** Set by an LLM strategy whose deterministic fallback produced the value: why. */
  fallback?: string;
}

export type StrategyKind = 'deterministic' | 'llm';

export interface Brainstormer {
  readonly kind: StrategyKind;
  brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<StrategyRun<TaskProposal[]>>;
}

export interface SpecDesigner {
  readonly kind: StrategyKind;
  /** `defects` are the error findings accumulated over earlier attempts of this proposal. */
  design(proposal: TaskProposal, profile: DatasetProfile, defects: Finding[], ctx: DesignContext): Promise<StrategyRun<TaskSpec>>;
}

/** What the Refactor role writes into description.md besides the generated sections. */
export interface DescriptionText {
  /** Overview prose (markdown paragraphs, no heading). */
  overview: string;
  /** Column name → one-line meaning, where known. */
  columns: Record<string, string>;
}

export interface DescriptionInput {
  spec: TaskSpec;
  profile: DatasetProfile;
  rows: { train: number; test: number };
  classes?: string[];
}

export interface Refactor {
  readonly kind: StrategyKind;
  describe(input: DescriptionInput, agent: AgentContext | undefined, ctx?: Pick<MaterializeContext, 'log'>): Promise<StrategyRun<DescriptionText>>;
}

/** JSON schema of DescriptionText, the output an LLM Refactor must return. */
export const DESCRIPTION_TEXT_SCHEMA: Record<string, unknown> = {
  type: 'object', additionalProperties: false, required: ['overview', 'columns'],
  properties: { overview: { type: 'string', minLength: 1 }, columns: { type: 'object', additionalProperties: { type: 'string' } } },
};

/**
 * A failed LLM call of `role`: with `llm.fallback: "deterministic"` (and a budget left) it is
 * logged and the reason returned, for the caller to use its deterministic strategy and record the
 * fallback; otherwise the error is rethrown and fails the run.
 */
export function fallbackReason(agent: AgentContext, role: string, err: unknown, log: Logger, subject: string): string {
  if (!mayFallBack(agent, err)) throw err;
  const reason = `the LLM call failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`;
  log.warn(`${role} (LLM) for ${subject}: ${reason}; using the deterministic strategy (llm.fallback)`);
  return reason;
}

/** The deterministic strategy's run, marked as the fallback for an unusable model answer (logged). */
export function unusableAnswer<T>(fallback: StrategyRun<T>, role: string, why: string, log: Logger, subject: string): StrategyRun<T> {
  log.warn(`${role} (LLM) for ${subject}: ${why}; using the deterministic strategy`);
  return { ...fallback, fallback: `the model's answer was unusable: ${why}` };
}

/**
 * An LLM designer's spec when it validates against the TaskSpec schema, credited to the model;
 * otherwise the deterministic draft, marked as the fallback, with a warning that says why.
 */
export function acceptLlmSpec(spec: TaskSpec, run: RoleRun<unknown>, draft: StrategyRun<TaskSpec>, log: Logger, proposalId: string): StrategyRun<TaskSpec> {
  const check = validateTaskSpec(spec);
  if (!check.valid) return unusableAnswer(draft, 'designer', `invalid spec (${check.errors.join('; ')})`, log, proposalId);
  return { value: spec, agent: run.model, promptHashes: run.promptHashes };
}

/** One pick of an LLM brainstormer that chooses among rule-made candidates. */
export interface CandidateChoice {
  candidate: string;
  title: string;
  metric: string;
  justification: string;
}

/** JSON Schema of a brainstormer's answer: up to `max` picks among candidates, each with a metric from `metricNames`. */
export function candidateChoicesSchema(max: number, metricNames: readonly string[]): Record<string, unknown> {
  return {
    type: 'object', additionalProperties: false, required: ['proposals'],
    properties: {
      proposals: {
        type: 'array', minItems: 1, maxItems: max,
        items: {
          type: 'object', additionalProperties: false, required: ['candidate', 'title', 'metric', 'justification'],
          properties: {
            candidate: { type: 'string' }, title: { type: 'string', minLength: 1, maxLength: 200 },
            metric: { enum: [...metricNames] }, justification: { type: 'string', minLength: 1 },
          },
        },
      },
    },
  };
}
