// Plugin options (validated by the host against optionsSchema before the factory runs): the
// options every designer has (@mle-smith/designer-kit), with media's own defaults and bounds.
import { designerOptionsSchema, resolveOptions as resolveWith, type DesignerOptions } from '@mle-smith/designer-kit';

/** Defaults: maxProposals 3 (as many targets as the data allows, up to the run's limit), testFraction 0.25, maxClasses 100, strategy 'auto' (an LLM brainstorms and writes the description), maxAgentSteps 6. */
export type MediaDesignerOptions = DesignerOptions;

export type ResolvedOptions = Required<MediaDesignerOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = { maxProposals: 3, testFraction: 0.25, maxClasses: 100, strategy: 'auto', maxAgentSteps: 6 };

export function resolveOptions(options: MediaDesignerOptions = {}): ResolvedOptions {
  return resolveWith(DEFAULT_OPTIONS, options);
}

export const optionsSchema = designerOptionsSchema({
  maxProposals: { type: 'integer', minimum: 1, maximum: 10 },
  maxAgentSteps: { type: 'integer', minimum: 1, maximum: 50 },
});
