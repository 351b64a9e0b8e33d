// The three agent roles every designer follows, as small strategy interfaces. Each has a
// deterministic implementation (no LLM, the offline default) and an LLM one used when
// DesignContext.llm is set.
import { validateTaskSpec, type DatasetProfile, type DesignContext, type Finding, type Logger, type MaterializeContext, type TaskProposal, type TaskSpec } from '@mle-smith/core';
import type { RoleRun } from './prompt-roles.js';

export interface StrategyRun<T> {
  value: T;
  /** "deterministic" or the model id that produced the value. */
  agent: string;
  /** Prompt key ("<plugin>/<role>") → sha256, for LLM strategies. */
  promptHashes?: Record<string, string>;
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
  describe(input: DescriptionInput, llm: unknown, ctx?: Pick<MaterializeContext, 'agentOptions' | 'log'>): Promise<StrategyRun<DescriptionText>>;
}

/** JSON schema of DescriptionText, the output an LLM Refactor must return. */
export const DESCRIPTION_TEXT_SCHEMA: Record<string, unknown> = {
  type: 'object', additionalProperties: false, required: ['overview', 'columns'],
  properties: { overview: { type: 'string', minLength: 1 }, columns: { type: 'object', additionalProperties: { type: 'string' } } },
};

/**
 * An LLM designer's spec when it validates against the TaskSpec schema, credited to the model;
 * otherwise the deterministic draft, with a warning that says why.
 */
export function acceptLlmSpec(spec: TaskSpec, run: RoleRun<unknown>, draft: StrategyRun<TaskSpec>, log: Logger, proposalId: string): StrategyRun<TaskSpec> {
  const check = validateTaskSpec(spec);
  if (!check.valid) {
    log.warn(`designer (LLM) spec for ${proposalId} is invalid (${check.errors.join('; ')}); using the deterministic spec`);
    return draft;
  }
  return { value: spec, agent: run.model, promptHashes: run.promptHashes };
}
