// The Refactor role: the overview prose of description.md. Deterministic: the spec's overview
// plus the dataset's source note. LLM (when configured): prompts/refactor.md through the agents
// runtime; a failed call falls back to the deterministic text only with `llm.fallback:
// "deterministic"` (recorded), otherwise it fails the run.
import { recordAgentOutcome, type AgentContext, type DatasetProfile, type Logger, type TaskSpec } from '@mle-smith/core';
import { fileURLToPath } from 'node:url';
import { fallbackReason, promptRoles } from '@mle-smith/designer-kit';
import type { MediaConfig } from './config.js';

/** prompts/ of this package (refactor.md, shared by the media designers); `../prompts` from src/ and dist/. */
export const PROMPT_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));

export interface RefactorRun {
  overview: string;
  /** "deterministic" or the model id. */
  agent: string;
  promptHashes?: Record<string, string>;
  /** Why the deterministic text was used instead of the model's, when it fell back. */
  fallback?: string;
}

export function deterministicOverview(spec: TaskSpec, profile: DatasetProfile | undefined): string {
  const note = profile?.sourceNote?.split('\n').find((l) => /^\s*[-*]\s*source\s*:/i.test(l))?.replace(/^\s*[-*]\s*source\s*:\s*/i, '').trim();
  return note ? `${spec.description.overview}\n\nSource: ${note}` : spec.description.overview;
}

export async function describe(
  spec: TaskSpec, profile: DatasetProfile | undefined, config: MediaConfig,
  opts: { agent?: AgentContext; log: Logger; maxSteps: number; rows: { train: number; test: number }; classes?: string[] },
): Promise<RefactorRun> {
  const fallback: RefactorRun = { overview: deterministicOverview(spec, profile), agent: 'deterministic' };
  const agent = opts.agent;
  if (!agent) return fallback;
  try {
    const result = await promptRoles<'refactor'>(config.pluginName.replace('@mle-smith/plugin-', ''), PROMPT_DIR).run<{ overview: string }>(
      'refactor', agent, { modality: config.kind, noun: config.noun },
      JSON.stringify({
        title: spec.title, objective: spec.objective, target: spec.target.name, metric: spec.metric.name, overviewDraft: spec.description.overview,
        dataset: spec.dataset, sourceNote: profile?.sourceNote, license: profile?.license, rows: opts.rows, classes: opts.classes,
      }),
      { type: 'object', additionalProperties: false, required: ['overview'], properties: { overview: { type: 'string', minLength: 1 } } },
      { log: opts.log, maxSteps: opts.maxSteps, taskId: spec.id, dataset: spec.dataset },
    );
    recordAgentOutcome(agent, { role: 'refactor', producer: 'llm' });
    return { overview: result.output.overview, agent: result.model, promptHashes: result.promptHashes };
  } catch (err) {
    const reason = fallbackReason(agent, 'refactor', err, opts.log, spec.id);
    recordAgentOutcome(agent, { role: 'refactor', producer: 'fallback', reason });
    return { ...fallback, fallback: reason };
  }
}
