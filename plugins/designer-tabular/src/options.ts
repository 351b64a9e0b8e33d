// Plugin options (validated by the host against optionsSchema before the factory runs).

export interface TabularDesignerOptions {
  /** Upper bound on proposals per dataset, on top of DesignContext.maxProposals (the config's design.maxProposalsPerDataset, default 3). */
  maxProposals?: number;
  /** Fraction of rows in the test split. Default 0.2. */
  testFraction?: number;
  /** A string column whose mean length reaches this many characters is free text, left to the text designer. Default 100. */
  longTextChars?: number;
  /** Classification targets with more classes than this are not proposed. Default 50. */
  maxClasses?: number;
  /** 'auto' uses the LLM strategies when an LLM is configured; 'deterministic' never does. Default 'auto'. */
  strategy?: 'auto' | 'deterministic';
  /** Model calls allowed per agent run (tool rounds and repairs included). Default 12. */
  maxAgentSteps?: number;
}

export type ResolvedOptions = Required<TabularDesignerOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  maxProposals: Number.POSITIVE_INFINITY,
  testFraction: 0.2,
  longTextChars: 100,
  maxClasses: 50,
  strategy: 'auto',
  maxAgentSteps: 12,
};

export function resolveOptions(options: TabularDesignerOptions = {}): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_OPTIONS, ...defined } as ResolvedOptions;
}

export const optionsSchema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxProposals: { type: 'integer', minimum: 1, maximum: 50 },
    testFraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    longTextChars: { type: 'integer', minimum: 1 },
    maxClasses: { type: 'integer', minimum: 2 },
    strategy: { enum: ['auto', 'deterministic'] },
    maxAgentSteps: { type: 'integer', minimum: 1, maximum: 100 },
  },
};

/** Proposals to make: the run's limit (default 3), capped by the plugin option. */
export function proposalLimit(options: ResolvedOptions, ctxMax: number | undefined): number {
  return Math.max(1, Math.min(ctxMax && ctxMax > 0 ? ctxMax : 3, options.maxProposals));
}
