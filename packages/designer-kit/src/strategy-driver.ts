// How a designer runs its three roles: the deterministic strategies offline, the LLM ones when an
// LLM is configured and `strategy` is 'auto'; a redesign sees every defect of earlier attempts;
// and which strategy (and prompt) produced each task is reported by materialize().
import {
  validateTaskSpec,
  type DatasetProfile, type DesignContext, type Finding, type Logger, type MaterializeContext, type MaterializeResult, type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import type { Brainstormer, DescriptionInput, DescriptionText, Refactor, SpecDesigner } from './strategies.js';

export interface Strategies {
  brainstormer: Brainstormer;
  designer: SpecDesigner;
  refactor: Refactor;
}

export interface StrategyDriverOptions {
  /** Names the designer in errors, e.g. "designer-tabular". */
  name: string;
  strategy: 'auto' | 'deterministic';
  offline: Strategies;
  /** The LLM strategies (built on demand: they log through the call's logger). */
  llm(log: Logger): Strategies;
}

export interface StrategyDriver {
  /** The chosen Brainstormer's proposals. */
  brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<TaskProposal[]>;
  /** The chosen SpecDesigner's spec, given this attempt's and earlier attempts' error findings; throws when the spec is invalid. */
  design(proposal: TaskProposal, profile: DatasetProfile, ctx: DesignContext): Promise<TaskSpec>;
  /** The chosen Refactor's description text. */
  describe(input: DescriptionInput, ctx: MaterializeContext): Promise<DescriptionText>;
  /** The agents (role → "deterministic" or model id) and prompt hashes behind a spec, for MaterializeResult. */
  provenance(specId: string): Pick<MaterializeResult, 'agents' | 'promptHashes'>;
}

export function strategyDriver(options: StrategyDriverOptions): StrategyDriver {
  const pick = (llm: unknown, log: Logger): Strategies =>
    llm !== undefined && llm !== null && options.strategy === 'auto' ? options.llm(log) : options.offline;
  /** Defects of earlier attempts, per run and proposal: a repair never undoes an earlier one. */
  const defectsSeen = new Map<string, { attempt: number; defects: Finding[] }>();
  /** Which strategy produced what, per proposal (before design) and per spec id. */
  const produced = new Map<string, { agents: Record<string, string>; promptHashes: Record<string, string> }>();
  const record = (key: string, role: string, agent: string, hashes?: Record<string, string>): void => {
    const p = produced.get(key) ?? { agents: {}, promptHashes: {} };
    p.agents[role] = agent;
    Object.assign(p.promptHashes, hashes ?? {});
    produced.set(key, p);
  };
  const proposalKey = (profile: DatasetProfile, proposalId: string): string => `${profile.name}\u0000${proposalId}`;

  return {
    async brainstorm(profile, ctx) {
      const run = await pick(ctx.llm, ctx.log).brainstormer.brainstorm(profile, ctx);
      for (const p of run.value) record(proposalKey(profile, p.id), 'brainstormer', run.agent, run.promptHashes);
      return run.value;
    },

    async design(proposal, profile, ctx) {
      const key = `${ctx.runId}\u0000${profile.name}\u0000${proposal.id}`;
      // A later attempt adds to the earlier defects; the same or an earlier attempt number means
      // the sequence restarted (a resumed run), so only its own defects count.
      const seen = defectsSeen.get(key);
      const earlier = seen && ctx.attempt > seen.attempt ? seen.defects : [];
      const defects = [...earlier, ...ctx.defects.filter((f) => f.severity === 'error')];
      defectsSeen.set(key, { attempt: ctx.attempt, defects });
      const run = await pick(ctx.llm, ctx.log).designer.design(proposal, profile, defects, ctx);
      const check = validateTaskSpec(run.value);
      if (!check.valid) throw new Error(`${options.name} produced an invalid TaskSpec for ${proposal.id}: ${check.errors.join('; ')}`);
      const from = produced.get(proposalKey(profile, proposal.id));
      if (from) for (const [role, agent] of Object.entries(from.agents)) record(run.value.id, role, agent, from.promptHashes);
      record(run.value.id, 'designer', run.agent, run.promptHashes);
      return run.value;
    },

    async describe(input, ctx) {
      const text = await pick(ctx.llm, ctx.log).refactor.describe(input, ctx.llm, ctx);
      record(input.spec.id, 'refactor', text.agent, text.promptHashes);
      return text.value;
    },

    provenance(specId) {
      const p = produced.get(specId) ?? { agents: {}, promptHashes: {} };
      const out: Pick<MaterializeResult, 'agents' | 'promptHashes'> = { agents: { brainstormer: 'deterministic', designer: 'deterministic', ...p.agents } };
      if (Object.keys(p.promptHashes).length) out.promptHashes = Object.fromEntries(Object.entries(p.promptHashes).sort(([a], [b]) => (a < b ? -1 : 1)));
      return out;
    },
  };
}
