// The plugin options every designer has, their JSON schema and how they resolve. A designer adds
// its own options (and may narrow a bound) on top.

export interface DesignerOptions {
  /** Upper bound on proposals per dataset, on top of DesignContext.maxProposals. */
  maxProposals?: number;
  /** Fraction of rows (examples) in the test split. */
  testFraction?: number;
  /** Classification targets with more classes than this are not proposed. */
  maxClasses?: number;
  /** 'auto' uses the LLM strategies when an LLM is configured; 'deterministic' never does. */
  strategy?: 'auto' | 'deterministic';
  /** Model calls allowed per agent run (tool rounds and repairs included). */
  maxAgentSteps?: number;
}

const COMMON_PROPERTIES: Record<string, Record<string, unknown>> = {
  maxProposals: { type: 'integer', minimum: 1, maximum: 50 },
  testFraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
  maxClasses: { type: 'integer', minimum: 2 },
  strategy: { enum: ['auto', 'deterministic'] },
  maxAgentSteps: { type: 'integer', minimum: 1, maximum: 100 },
};

/** The options schema (validated by the host before the factory runs): the common properties, then `properties` (added or replacing one). */
export function designerOptionsSchema(properties: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, properties: { ...COMMON_PROPERTIES, ...properties } };
}

/** The defaults, overridden by every option that is set (undefined means unset). */
export function resolveOptions<T extends object>(defaults: Required<T>, options: T = {} as T): Required<T> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...defaults, ...defined } as Required<T>;
}

/** Proposals to make: the run's limit (default 3), capped by the plugin option. */
export function proposalLimit(options: { maxProposals: number }, ctxMax: number | undefined): number {
  return Math.max(1, Math.min(ctxMax && ctxMax > 0 ? ctxMax : 3, options.maxProposals));
}
