// The Refactor role: the overview prose of description.md. Deterministic: the spec's overview
// plus the dataset's source note. LLM (when configured): prompts/refactor.md through the agents
// runtime; a failed call falls back to the deterministic text only with `llm.fallback:
// "deterministic"` (the strategy driver records it), otherwise it fails the run.
import { fileURLToPath } from 'node:url';
import type { DatasetProfile, Logger, TaskSpec } from '@mle-smith/core';
import { createDeterministicRefactor, fallbackReason, promptRoles, type DescriptionText, type Refactor, type StrategyRun } from '@mle-smith/designer-kit';
import type { MediaConfig } from './config.js';

/** prompts/ of this package (refactor.md, shared by the media designers); `../prompts` from src/ and dist/. */
export const PROMPT_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));

const OVERVIEW_SCHEMA = { type: 'object', additionalProperties: false, required: ['overview'], properties: { overview: { type: 'string', minLength: 1 } } };

export function deterministicOverview(spec: TaskSpec, profile: DatasetProfile | undefined): string {
  const note = profile?.sourceNote?.split('\n').find((l) => /^\s*[-*]\s*source\s*:/i.test(l))?.replace(/^\s*[-*]\s*source\s*:\s*/i, '').trim();
  return note ? `${spec.description.overview}\n\nSource: ${note}` : spec.description.overview;
}

/** The deterministic Refactor of the media designers: the spec's overview and the dataset's source line. */
export function createMediaRefactor(): Refactor {
  return createDeterministicRefactor(({ spec, profile }) => deterministicOverview(spec, profile));
}

/** The LLM Refactor: the model writes the overview; `fallback` is the deterministic Refactor. */
export function createLlmMediaRefactor(config: MediaConfig, maxSteps: number, fallback: Refactor, log: Logger): Refactor {
  const roles = promptRoles<'refactor'>(config.pluginName.replace('@mle-smith/plugin-', ''), PROMPT_DIR);
  return {
    kind: 'llm',
    async describe(input, agent, ctx): Promise<StrategyRun<DescriptionText>> {
      const { spec, profile, rows, classes } = input;
      try {
        const result = await roles.run<{ overview: string }>(
          'refactor', agent!, { modality: config.kind, noun: config.noun },
          JSON.stringify({
            title: spec.title, objective: spec.objective, target: spec.target.name, metric: spec.metric.name, overviewDraft: spec.description.overview,
            dataset: spec.dataset, sourceNote: profile?.sourceNote, license: profile?.license, rows, classes,
          }),
          OVERVIEW_SCHEMA, { log, maxSteps, taskId: spec.id, dataset: spec.dataset },
        );
        return { value: { overview: result.output.overview, columns: { ...(spec.description.columns ?? {}) } }, agent: result.model, promptHashes: result.promptHashes };
      } catch (err) {
        const reason = fallbackReason(agent!, 'refactor', err, log, spec.id);
        return { ...(await fallback.describe(input, agent, ctx)), fallback: reason };
      }
    },
  };
}
