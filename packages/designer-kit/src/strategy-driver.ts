// How a designer runs its three roles: the deterministic strategies offline, the LLM ones when an
// LLM is configured and `strategy` is 'auto'; a redesign sees every defect of earlier attempts;
// and which strategy (and prompt) produced each task is reported by materialize().
import {
  recordAgentOutcome,
  type AgentContext, type DatasetProfile, type DesignContext, type Finding, type Logger, type MaterializeContext, type MaterializeResult, type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import type { Brainstormer, DescriptionInput, DescriptionText, Refactor, SpecDesigner, StrategyKind, StrategyRun } from './strategies.js';

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
  /** The LLM strategies (built on demand: they log through the call's logger); a role without one may give its deterministic strategy. */
  llm(log: Logger): Strategies;
}

export interface StrategyDriver {
  /** The chosen Brainstormer's proposals. */
  brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<TaskProposal[]>;
  /** The chosen SpecDesigner's spec, given the error findings of every earlier attempt (the pipeline validates it). */
  design(proposal: TaskProposal, profile: DatasetProfile, ctx: DesignContext): Promise<TaskSpec>;
  /** The chosen Refactor's description text. */
  describe(input: DescriptionInput, ctx: MaterializeContext): Promise<DescriptionText>;
  /** The agents (role → "deterministic" or model id), fallbacks and prompt hashes behind a spec, for MaterializeResult. */
  provenance(specId: string): Pick<MaterializeResult, 'agents' | 'promptHashes' | 'fallbacks'>;
}

export function strategyDriver(options: StrategyDriverOptions): StrategyDriver {
  const usesLlm = (agent: AgentContext | undefined): agent is AgentContext => agent !== undefined && options.strategy === 'auto';
  const pick = (agent: AgentContext | undefined, log: Logger): Strategies => (usesLlm(agent) ? options.llm(log) : options.offline);
  /**
   * With an LLM strategy: who produced the role's output, in the run's record (report.json). A
   * designer without an LLM strategy for a role gives its deterministic one, which records nothing.
   */
  const outcome = (agent: AgentContext | undefined, role: string, run: StrategyRun<unknown>, kind: StrategyKind): void => {
    if (usesLlm(agent) && kind === 'llm') recordAgentOutcome(agent, { role, producer: run.fallback ? 'fallback' : 'llm', ...(run.fallback ? { reason: run.fallback } : {}) });
  };
  /** Which strategy produced what, per proposal (before design) and per spec id. */
  const produced = new Map<string, { agents: Record<string, string>; promptHashes: Record<string, string>; fallbacks: Record<string, string> }>();
  const record = (key: string, role: string, agent: string, hashes?: Record<string, string>, fallback?: string): void => {
    const p = produced.get(key) ?? { agents: {}, promptHashes: {}, fallbacks: {} };
    p.agents[role] = agent;
    Object.assign(p.promptHashes, hashes ?? {});
    if (fallback) p.fallbacks[role] = fallback;
    else delete p.fallbacks[role];
    produced.set(key, p);
  };
  const proposalKey = (profile: DatasetProfile, proposalId: string): string => `${profile.name}\u0000${proposalId}`;

  return {
    async brainstorm(profile, ctx) {
      const { brainstormer } = pick(ctx.agent, ctx.log);
      const run = await brainstormer.brainstorm(profile, ctx);
      outcome(ctx.agent, 'brainstormer', run, brainstormer.kind);
      for (const p of run.value) record(proposalKey(profile, p.id), 'brainstormer', run.agent, run.promptHashes, run.fallback);
      return run.value;
    },

    async design(proposal, profile, ctx) {
      const { designer } = pick(ctx.agent, ctx.log);
      const run = await designer.design(proposal, profile, repairDefects(ctx), ctx);
      outcome(ctx.agent, 'designer', run, designer.kind);
      const from = produced.get(proposalKey(profile, proposal.id));
      if (from) for (const [role, agent] of Object.entries(from.agents)) record(run.value.id, role, agent, from.promptHashes, from.fallbacks[role]);
      record(run.value.id, 'designer', run.agent, run.promptHashes, run.fallback);
      return run.value;
    },

    async describe(input, ctx) {
      const { refactor } = pick(ctx.agent, ctx.log);
      const text = await refactor.describe(input, ctx.agent, ctx);
      outcome(ctx.agent, 'refactor', text, refactor.kind);
      record(input.spec.id, 'refactor', text.agent, text.promptHashes, text.fallback);
      return text.value;
    },

    provenance(specId) {
      const p = produced.get(specId) ?? { agents: {}, promptHashes: {}, fallbacks: {} };
      const out: Pick<MaterializeResult, 'agents' | 'promptHashes' | 'fallbacks'> = { agents: { brainstormer: 'deterministic', designer: 'deterministic', ...p.agents } };
      if (Object.keys(p.fallbacks).length) out.fallbacks = { ...p.fallbacks };
      if (Object.keys(p.promptHashes).length) out.promptHashes = Object.fromEntries(Object.entries(p.promptHashes).sort(([a], [b]) => (a < b ? -1 : 1)));
      return out;
    },
  };
}

/**
 * Every earlier attempt's error findings, oldest first, so a repair never undoes an earlier one:
 * the attempt history the pipeline passes, plus any defects a caller gives without a history.
 */
export function repairDefects(ctx: Pick<DesignContext, 'defects' | 'history'>): Finding[] {
  const defects = (ctx.history ?? []).flatMap((h) => h.findings);
  for (const f of ctx.defects) if (f.severity === 'error' && !defects.includes(f)) defects.push(f);
  return defects;
}
