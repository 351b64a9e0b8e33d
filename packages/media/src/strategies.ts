// The media designer's deterministic Brainstormer and SpecDesigner: the first N proposals the
// data allows (spec.ts), and their complete specs, repaired from the defects of earlier attempts
// (repair.ts). The LLM Brainstormer is llm-brainstormer.ts.
import { proposalLimit, type Brainstormer, type SpecDesigner } from '@mle-smith/designer-kit';
import type { MediaConfig } from './config.js';
import type { ResolvedOptions } from './options.js';
import { repairMediaSpec } from './repair.js';
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
    async design(proposal, _profile, defects, ctx) {
      const spec = buildSpec(proposal, config);
      if (defects.length === 0) return { value: spec, agent: 'deterministic' };
      const repair = repairMediaSpec(spec, defects);
      for (const line of repair.applied) ctx.log.info(`${config.designerId}: ${proposal.id}: repair: ${line}`);
      // Nothing repairable: the same spec comes back and the pipeline stops the repair loop.
      for (const f of repair.unrepaired) ctx.log.debug(`${config.designerId}: ${proposal.id}: no repair for ${f.ruleId}`);
      return { value: repair.spec, agent: 'deterministic' };
    },
  };
}
