// The Refactor role: the overview prose of description.md. Deterministic: the spec's overview
// plus the dataset's source note. LLM (when configured): prompts/refactor.md through the agents
// runtime; any failure falls back to the deterministic text with a warning.
import type { DatasetProfile, Logger, TaskSpec } from '@mle-smith/core';
import { fileURLToPath } from 'node:url';
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
    // Loaded only when an LLM is configured, so the offline path never loads LangChain.
    const a = await import('@mle-smith/agents');
    const prompt = await a.loadPrompt(PROMPT_DIR, 'refactor');
    const runtime = a.agentRuntimeFrom(opts.agentOptions);
    const model = opts.llm as Parameters<typeof a.runAgent>[0]['model'];
    const result = await a.runAgent<{ overview: string }>({
      ...runtime,
      model,
      system: a.renderPrompt(prompt.text, { modality: config.kind, noun: config.noun }),
      user: JSON.stringify({
        title: spec.title, objective: spec.objective, target: spec.target.name, metric: spec.metric.name, overviewDraft: spec.description.overview,
        dataset: spec.dataset, sourceNote: profile?.sourceNote, license: profile?.license, rows: opts.rows, classes: opts.classes,
      }),
      outputSchema: { type: 'object', additionalProperties: false, required: ['overview'], properties: { overview: { type: 'string', minLength: 1 } } },
      maxSteps: opts.maxSteps,
      role: 'refactor',
      taskId: spec.id,
      dataset: spec.dataset,
      log: opts.log,
    });
    return { overview: result.output.overview, agent: a.modelIdOf(model), promptHashes: { [`${config.pluginName.replace('@mle-smith/plugin-', '')}/refactor`]: prompt.sha256 } };
  } catch (err) {
    opts.log.warn(`refactor (LLM) failed for ${spec.id}, using the deterministic description: ${(err as Error).message}`);
    return fallback;
  }
}
