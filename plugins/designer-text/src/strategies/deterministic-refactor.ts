// Deterministic Refactor: the overview and column meanings the Designer put into the spec.
import type { DescriptionText, Refactor, StrategyRun } from '@mle-smith/designer-kit';

export function createDeterministicRefactor(): Refactor {
  return {
    kind: 'deterministic',
    async describe({ spec }): Promise<StrategyRun<DescriptionText>> {
      return { value: { overview: spec.description.overview, columns: { ...(spec.description.columns ?? {}) } }, agent: 'deterministic' };
    },
  };
}
