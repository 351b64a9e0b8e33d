// The media designer's Brainstormer and SpecDesigner: rules only (one proposal per dataset, the
// label of each file, and its complete spec); a media task has few free choices, so there is no
// LLM version of these two roles.
import { proposalLimit, type Brainstormer, type SpecDesigner } from '@mle-smith/designer-kit';
import type { MediaConfig } from './config.js';
import type { ResolvedOptions } from './options.js';
import { brainstormProposals, buildSpec } from './spec.js';

export function createMediaBrainstormer(config: MediaConfig, options: ResolvedOptions): Brainstormer {
  return {
    kind: 'deterministic',
    async brainstorm(profile, ctx) {
      const proposals = brainstormProposals(profile, config, options, ctx.seed);
      return { value: proposals.slice(0, proposalLimit(options, ctx.maxProposals)), agent: 'deterministic' };
    },
  };
}

export function createMediaSpecDesigner(config: MediaConfig): SpecDesigner {
  return {
    kind: 'deterministic',
    // Defects cannot be repaired by rule here (the task has no free columns); the same spec comes
    // back and the pipeline stops the repair loop.
    async design(proposal) {
      return { value: buildSpec(proposal, config), agent: 'deterministic' };
    },
  };
}
