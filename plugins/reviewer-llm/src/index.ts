// @mle-smith/plugin-reviewer-llm: the semantic Reviewer. With an LLM configured it reviews a
// task against a rubric; the deterministic review of description.md always runs as well.
import { definePlugin, type Finding, type PackageTarget, type ReviewContext, type Reviewer } from '@mle-smith/core';
import { deterministicReview } from './deterministic.js';
import { llmReview } from './llm-review.js';
import { readPackageView } from './package-view.js';

export interface ReviewerLlmOptions extends Record<string, unknown> {
  /** 'always' (default): run the deterministic review with the LLM too; 'fallback': only without an LLM. */
  deterministic?: 'always' | 'fallback';
  maxSteps?: number;
  maxDescriptionChars?: number;
  maxDocumentedColumns?: number;
}

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    deterministic: { enum: ['always', 'fallback'] },
    maxSteps: { type: 'integer', minimum: 1, maximum: 50 },
    maxDescriptionChars: { type: 'integer', minimum: 1000 },
    maxDocumentedColumns: { type: 'integer', minimum: 1 },
  },
};

export function createReviewer(options: ReviewerLlmOptions = {}): Reviewer {
  const o = { deterministic: 'always', maxSteps: 4, maxDescriptionChars: 20_000, maxDocumentedColumns: 200, ...options };
  return {
    id: 'llm',
    async review(pkg: PackageTarget, ctx: ReviewContext): Promise<Finding[]> {
      const view = await readPackageView(pkg.taskDir);
      const findings: Finding[] = [];
      const agent = ctx.agent;
      if (!agent) return deterministicReview(pkg, view, o);
      const llmFindings = await llmReview(pkg, view, { ...ctx, agent }, o);
      // The deterministic review runs with the LLM's ('always'), or in its place when the LLM review fell back.
      const fellBack = llmFindings.some((f) => f.ruleId === 'review/llm' && f.data?.fallback !== undefined);
      if (o.deterministic === 'always' || fellBack) findings.push(...deterministicReview(pkg, view, o));
      findings.push(...llmFindings);
      return findings;
    },
  };
}

export { deterministicReview } from './deterministic.js';
export { llmReview, reviewInput, OUTPUT_SCHEMA, CATEGORIES, PROMPT_DIR, type LlmReviewOutput, type Category } from './llm-review.js';
export { readPackageView, type PackageView } from './package-view.js';

export default definePlugin<ReviewerLlmOptions>(
  (options) => ({
    name: 'reviewer-llm',
    apiVersion: 1,
    setup(api) {
      api.addReviewer(createReviewer(options));
    },
  }),
  optionsSchema,
);
