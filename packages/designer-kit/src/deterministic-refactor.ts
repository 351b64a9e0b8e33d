// The deterministic Refactor every designer uses offline: the overview and column meanings the
// SpecDesigner put into the spec; a designer may build the overview from more of the input (the
// media designers add the dataset's source line).
import type { DescriptionInput, DescriptionText, Refactor, StrategyRun } from './strategies.js';

export function createDeterministicRefactor(overview: (input: DescriptionInput) => string = ({ spec }) => spec.description.overview): Refactor {
  return {
    kind: 'deterministic',
    async describe(input): Promise<StrategyRun<DescriptionText>> {
      return { value: { overview: overview(input), columns: { ...(input.spec.description.columns ?? {}) } }, agent: 'deterministic' };
    },
  };
}
