// Plugin options (validated by the host against optionsSchema before the factory runs).

export interface MediaDesignerOptions {
  /** Upper bound on proposals per dataset, on top of DesignContext.maxProposals. Default 1 task per dataset. */
  maxProposals?: number;
  /** Fraction of examples in the test split. Default 0.25. */
  testFraction?: number;
  /** Classification targets with more classes than this are not proposed. Default 100. */
  maxClasses?: number;
  /** 'auto' lets a configured LLM write the description; 'deterministic' never calls it. Default 'auto'. */
  strategy?: 'auto' | 'deterministic';
  /** Model calls allowed per agent run. Default 6. */
  maxAgentSteps?: number;
}

export type ResolvedOptions = Required<MediaDesignerOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = { maxProposals: 1, testFraction: 0.25, maxClasses: 100, strategy: 'auto', maxAgentSteps: 6 };

export function resolveOptions(options: MediaDesignerOptions = {}): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_OPTIONS, ...defined } as ResolvedOptions;
}

export const optionsSchema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxProposals: { type: 'integer', minimum: 1, maximum: 10 },
    testFraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    maxClasses: { type: 'integer', minimum: 2 },
    strategy: { enum: ['auto', 'deterministic'] },
    maxAgentSteps: { type: 'integer', minimum: 1, maximum: 50 },
  },
};
