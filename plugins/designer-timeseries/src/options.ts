// Plugin options (validated by the host against optionsSchema before the factory runs): the
// options every designer has (@mle-smith/designer-kit) plus the time-series ones.
import { designerOptionsSchema, resolveOptions as resolveWith, type DesignerOptions } from '@mle-smith/designer-kit';

export { proposalLimit } from '@mle-smith/designer-kit';

/** Defaults: maxProposals unlimited (the run's design.maxProposalsPerDataset applies), metric mase, minSeriesLength 24, strategy 'deterministic'. */
export interface TimeSeriesDesignerOptions extends DesignerOptions {
  /** The task's metric (a forecasting metric of the registry). Default "mase" (sMAPE when a series has a zero scale). */
  metric?: string;
  /** Series with fewer observed steps are left out of a task. Default 24. */
  minSeriesLength?: number;
  /** Columns whose future values are known in advance (a holiday calendar, a planned promotion); they stay public in train and test. */
  knownColumns?: string[];
}

export type ResolvedOptions = Required<TimeSeriesDesignerOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  maxProposals: Number.POSITIVE_INFINITY,
  // Unused: a forecasting test set is the last H steps of every series (docs/modalities.md).
  testFraction: 0.05,
  maxClasses: 2,
  strategy: 'deterministic',
  maxAgentSteps: 12,
  metric: 'mase',
  minSeriesLength: 24,
  knownColumns: [],
};

export function resolveOptions(options: TimeSeriesDesignerOptions = {}): ResolvedOptions {
  return resolveWith(DEFAULT_OPTIONS, options);
}

export const optionsSchema = designerOptionsSchema({
  metric: { type: 'string', minLength: 1 },
  minSeriesLength: { type: 'integer', minimum: 8 },
  knownColumns: { type: 'array', items: { type: 'string', minLength: 1 } },
});
