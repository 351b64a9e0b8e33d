// The LLM review: the rubric prompt (prompts/reviewer.md, versioned), the package facts the
// model needs, and an output schema of findings, run through the @mle-smith/agents runtime.
import { fileURLToPath } from 'node:url';
import { errorMessage, mayFallBack, recordAgentOutcome, type AgentContext, type Finding, type PackageTarget, type ReviewContext, type Severity } from '@mle-smith/core';
import type { RunAgentOptions } from '@mle-smith/agents';
import type { PackageView } from './package-view.js';

export const PROMPT_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));
export const CATEGORIES = ['description-mismatch', 'trivial-objective', 'target-role', 'identifier-feature', 'metric-fit', 'missing-information', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LlmReviewOutput {
  findings: Array<{ category: Category; severity: Severity; message: string; location?: string }>;
  summary?: string;
}

export const OUTPUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['findings'],
  properties: {
    findings: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['category', 'severity', 'message'],
        properties: {
          category: { enum: [...CATEGORIES] },
          severity: { enum: ['error', 'warning', 'info'] },
          message: { type: 'string', minLength: 1, maxLength: 600 },
          location: { type: 'string', maxLength: 200 },
        },
      },
    },
    summary: { type: 'string', maxLength: 1000 },
  },
} as const;

export interface LlmReviewOptions {
  maxSteps: number;
  /** Characters of description.md sent to the model. */
  maxDescriptionChars: number;
}

/** The user message: the task as a solver and a reviewer would see it. */
export function reviewInput(pkg: PackageTarget, view: PackageView, opts: LlmReviewOptions): string {
  const m = pkg.manifest;
  const facts = {
    task: { id: m.id, title: m.title, objective: m.objective, target: m.target, metric: m.metric, submission: m.submission, split: m.split, rows: m.rows },
    publicFiles: view.publicFiles,
    headers: view.headers,
    trainHead: view.trainHead,
  };
  const description = (view.description ?? '(description.md is missing)').slice(0, opts.maxDescriptionChars);
  return `# Task facts (task.json and the public files)\n\n${JSON.stringify(facts, null, 2)}\n\n# description.md\n\n${description}`;
}

export async function llmReview(pkg: PackageTarget, view: PackageView, ctx: ReviewContext & { agent: AgentContext }, opts: LlmReviewOptions): Promise<Finding[]> {
  const agents = await import('@mle-smith/agents'); // loaded only with an LLM: the offline path never loads LangChain
  const prompt = await agents.loadPrompt(PROMPT_DIR, 'reviewer');
  const runtime = agents.agentRuntimeFrom(ctx.agent);
  const provenance = { model: agents.modelIdOf(runtime.model), prompt: `reviewer@${prompt.version}`, promptSha256: prompt.sha256 };
  try {
    const result = await agents.runAgent<LlmReviewOutput>({
      ...runtime,
      system: prompt.text,
      user: reviewInput(pkg, view, opts),
      outputSchema: OUTPUT_SCHEMA as unknown as RunAgentOptions['outputSchema'],
      maxSteps: opts.maxSteps,
      role: 'reviewer',
      taskId: pkg.manifest.id,
      log: ctx.log,
    });
    recordAgentOutcome(ctx.agent, { role: 'reviewer', producer: 'llm' });
    return result.output.findings.map((f) => ({
      ruleId: `review/llm/${f.category}`,
      severity: f.severity,
      message: f.message,
      location: f.location ?? 'description.md',
      phase: 'review',
      data: { ...provenance, ...(result.output.summary ? { summary: result.output.summary } : {}) },
    }));
  } catch (err) {
    // Without llm.fallback: "deterministic" a failed call fails the run; with it, the
    // deterministic review stands in, and the finding and the run's record say so.
    if (!mayFallBack(ctx.agent, err)) throw err;
    const reason = `the LLM call failed: ${errorMessage(err).split('\n')[0]}`;
    ctx.log.warn(`reviewer-llm: LLM review of ${pkg.manifest.id}: ${reason}; using the deterministic review (llm.fallback)`);
    recordAgentOutcome(ctx.agent, { role: 'reviewer', producer: 'fallback', reason });
    return [{ ruleId: 'review/llm', severity: 'warning', message: `the LLM review could not run (${reason}); the deterministic review stands in (llm.fallback)`, phase: 'review', data: { ...provenance, fallback: reason } }];
  }
}
