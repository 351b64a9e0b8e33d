// The three agent roles as small strategy interfaces. Each has a deterministic implementation
// (no LLM, the offline default) and an LLM one used when DesignContext.llm is set.
import type { MaterializeContext, DatasetProfile, DesignContext, Finding, TaskProposal, TaskSpec } from '@mle-smith/core';

export interface StrategyRun<T> {
  value: T;
  /** "deterministic" or the model id that produced the value. */
  agent: string;
  /** Prompt file name → sha256, for LLM strategies. */
  promptHashes?: Record<string, string>;
}

export interface Brainstormer {
  readonly kind: 'deterministic' | 'llm';
  brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<StrategyRun<TaskProposal[]>>;
}

export interface SpecDesigner {
  readonly kind: 'deterministic' | 'llm';
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
  readonly kind: 'deterministic' | 'llm';
  describe(input: DescriptionInput, llm: unknown, ctx?: Pick<MaterializeContext, 'agentOptions' | 'log'>): Promise<StrategyRun<DescriptionText>>;
}
