// Plugin options (validated by the host against optionsSchema before the factory runs): the
// options every designer has (@mle-smith/designer-kit) plus the text-specific ones.
import { designerOptionsSchema, resolveOptions as resolveWith, type DesignerOptions } from '@mle-smith/designer-kit';

export { proposalLimit } from '@mle-smith/designer-kit';

/** Defaults: maxProposals unlimited (the run's design.maxProposalsPerDataset, default 3, applies), testFraction 0.2, maxClasses 20, strategy 'auto', maxAgentSteps 12. */
export interface TextDesignerOptions extends DesignerOptions {
  /** A string column whose mean length reaches this many characters is free text (as designer-tabular's longTextChars). Default 100. */
  minTextChars?: number;
  /** Classes with fewer rows than this are left out of a task (by a row filter). Default 10. */
  minClassRows?: number;
  /** A label is not proposed when leaving out its rare classes would drop more than this fraction of rows. Default 0.3. */
  maxDroppedFraction?: number;
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
  return resolveWith(DEFAULT_OPTIONS, options);
}

export const optionsSchema = designerOptionsSchema({
  minTextChars: { type: 'integer', minimum: 1 },
  minClassRows: { type: 'integer', minimum: 1 },
  maxDroppedFraction: { type: 'number', minimum: 0, maximum: 1 },
});
