// Plugin options (validated by the host against optionsSchema before the factory runs): the
// options every designer has (@mle-smith/designer-kit) plus longTextChars.
import { designerOptionsSchema, resolveOptions as resolveWith, type DesignerOptions } from '@mle-smith/designer-kit';

export { proposalLimit } from '@mle-smith/designer-kit';

/** Defaults: maxProposals unlimited (the run's design.maxProposalsPerDataset, default 3, applies), testFraction 0.2, maxClasses 50, strategy 'auto', maxAgentSteps 12. */
export interface TabularDesignerOptions extends DesignerOptions {
  /** A string column whose mean length reaches this many characters is free text, left to the text designer. Default 100. */
  longTextChars?: number;
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
  return resolveWith(DEFAULT_OPTIONS, options);
}

export const optionsSchema = designerOptionsSchema({ longTextChars: { type: 'integer', minimum: 1 } });
