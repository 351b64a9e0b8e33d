// The Refactor role: the overview prose of description.md. Deterministic: the spec's overview
// plus the dataset's source note. LLM (when configured): prompts/refactor.md through the agents
// runtime; any failure falls back to the deterministic text with a warning.
import type { DatasetProfile, Logger, TaskSpec } from '@mle-smith/core';
import { fileURLToPath } from 'node:url';
import { promptRoles } from '@mle-smith/designer-kit';
import type { MediaConfig } from './config.js';

/** prompts/ of this package (refactor.md, shared by the media designers); `../prompts` from src/ and dist/. */
export const PROMPT_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));

export interface RefactorRun {
  overview: string;
  /** "deterministic" or the model id. */
  agent: string;
  promptHashes?: Record<string, string>;
}

export function deterministicOverview(spec: TaskSpec, profile: DatasetProfile | undefined): string {
  const note = profile?.sourceNote?.split('\n').find((l) => /^\s*[-*]\s*source\s*:/i.test(l))?.replace(/^\s*[-*]\s*source\s*:\s*/i, '').trim();
  return note ? `${spec.description.overview}\n\nSource: ${note}` : spec.description.overview;
}

export async function describe(
  spec: TaskSpec, profile: DatasetProfile | undefined, config: MediaConfig,
  opts: { llm?: unknown; agentOptions?: Record<string, unknown>; log: Logger; maxSteps: number; rows: { train: number; test: number }; classes?: string[] },
): Promise<RefactorRun> {
  const fallback: RefactorRun = { overview: deterministicOverview(spec, profile), agent: 'deterministic' };
  if (opts.llm === undefined || opts.llm === null) return fallback;
  try {
    const result = await promptRoles<'refactor'>(config.pluginName.replace('@mle-smith/plugin-', ''), PROMPT_DIR).run<{ overview: string }>(
      'refactor', opts.llm, { modality: config.kind, noun: config.noun },
      JSON.stringify({
        title: spec.title, objective: spec.objective, target: spec.target.name, metric: spec.metric.name, overviewDraft: spec.description.overview,
        dataset: spec.dataset, sourceNote: profile?.sourceNote, license: profile?.license, rows: opts.rows, classes: opts.classes,
      }),
      { type: 'object', additionalProperties: false, required: ['overview'], properties: { overview: { type: 'string', minLength: 1 } } },
      { ctx: { agentOptions: opts.agentOptions }, log: opts.log, maxSteps: opts.maxSteps, taskId: spec.id, dataset: spec.dataset },
    );
    return { overview: result.output.overview, agent: result.model, promptHashes: result.promptHashes };
  } catch (err) {
    opts.log.warn(`refactor (LLM) failed for ${spec.id}, using the deterministic description: ${(err as Error).message}`);
    return fallback;
  }
}
