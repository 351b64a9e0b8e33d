// Plugin options (validated by the host against optionsSchema before the factory runs).

export interface TextDesignerOptions {
  /** Upper bound on proposals per dataset, on top of DesignContext.maxProposals (the config's design.maxProposalsPerDataset, default 3). */
  maxProposals?: number;
  /** Fraction of rows in the test split. Default 0.2. */
  testFraction?: number;
  /** A string column whose mean length reaches this many characters is free text (as designer-tabular's longTextChars). Default 100. */
  minTextChars?: number;
  /** Classification targets with more classes than this are not proposed. Default 20. */
  maxClasses?: number;
  /** Classes with fewer rows than this are left out of a task (by a row filter). Default 10. */
  minClassRows?: number;
  /** A label is not proposed when leaving out its rare classes would drop more than this fraction of rows. Default 0.3. */
  maxDroppedFraction?: number;
  /** 'auto' uses the LLM strategies when an LLM is configured; 'deterministic' never does. Default 'auto'. */
  strategy?: 'auto' | 'deterministic';
  /** Model calls allowed per agent run (tool rounds and repairs included). Default 12. */
  maxAgentSteps?: number;
}

export type ResolvedOptions = Required<TextDesignerOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  maxProposals: Number.POSITIVE_INFINITY,
  testFraction: 0.2,
  minTextChars: 100,
  maxClasses: 20,
  minClassRows: 10,
  maxDroppedFraction: 0.3,
  strategy: 'auto',
  maxAgentSteps: 12,
};

export function resolveOptions(options: TextDesignerOptions = {}): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_OPTIONS, ...defined } as ResolvedOptions;
}

export const optionsSchema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxProposals: { type: 'integer', minimum: 1, maximum: 50 },
    testFraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    minTextChars: { type: 'integer', minimum: 1 },
    maxClasses: { type: 'integer', minimum: 2 },
    minClassRows: { type: 'integer', minimum: 1 },
    maxDroppedFraction: { type: 'number', minimum: 0, maximum: 1 },
    strategy: { enum: ['auto', 'deterministic'] },
    maxAgentSteps: { type: 'integer', minimum: 1, maximum: 100 },
  },
};

/** Proposals to make: the run's limit (default 3), capped by the plugin option. */
export function proposalLimit(options: ResolvedOptions, ctxMax: number | undefined): number {
  return Math.max(1, Math.min(ctxMax && ctxMax > 0 ? ctxMax : 3, options.maxProposals));
}
