// The LLM Brainstormer of the media designers: the model explores the dataset with the dataset
// tools and the media tool (media-tool.ts), then chooses among the candidates the rules found
// (spec.ts: the folder label, label columns and numeric attributes of attribute tables), titles
// them, may change the metric to another that suits the objective, and justifies each. Everything
// structural (table, target, split, files) stays the framework's. An unusable answer falls back to
// the deterministic proposals, marked as the fallback; a failed call falls back only with
// `llm.fallback: "deterministic"`, otherwise it fails the run.
import type { TaskProposal } from '@mle-smith/core';
import { candidateChoicesSchema, fallbackReason, proposalLimit, promptRoles, unusableAnswer, type Brainstormer, type CandidateChoice, type RoleRun, type StrategyRun } from '@mle-smith/designer-kit';
import type { MediaConfig } from './config.js';
import { mediaFilesTool } from './media-tool.js';
import { MEDIA_METRICS } from './metrics.js';
import type { ResolvedOptions } from './options.js';
import { PROMPT_DIR } from './refactor.js';
import { brainstormProposals, type MediaHints } from './spec.js';

const METRIC_NAMES = Object.keys(MEDIA_METRICS.metrics);

/** The answer schema of this brainstormer: picks among the rule-made candidates. */
export function choicesSchema(max: number): Record<string, unknown> {
  return candidateChoicesSchema(max, METRIC_NAMES);
}

type Choice = CandidateChoice;

export function createLlmMediaBrainstormer(config: MediaConfig, options: ResolvedOptions, fallback: Brainstormer): Brainstormer {
  const roles = promptRoles<'brainstormer'>(config.pluginName.replace('@mle-smith/plugin-', ''), PROMPT_DIR);
  return {
    kind: 'llm',
    async brainstorm(profile, ctx): Promise<StrategyRun<TaskProposal[]>> {
      const drafts = brainstormProposals(profile, config, options, ctx.seed); // throws the dataset's error when there is none
      const limit = proposalLimit(options, ctx.maxProposals);
      const candidates = drafts.map((d) => ({
        key: d.id, table: d.table, fileColumn: (d.hints as unknown as MediaHints).column, target: d.target.name, objective: d.objective,
        classes: (d.hints as unknown as MediaHints).classes, draftMetric: d.metric.name,
      }));
      let run: RoleRun<{ proposals: Choice[] }>;
      try {
        run = await roles.run<{ proposals: Choice[] }>(
          'brainstormer', ctx.agent!, { modality: config.kind, noun: config.noun, maxProposals: limit, metrics: METRIC_NAMES.join(', ') },
          JSON.stringify({ dataset: profile.name, sourceNote: profile.sourceNote?.slice(0, 1500), candidates }),
          choicesSchema(limit),
          { ctx, log: ctx.log, profile, tools: true, extraTools: [mediaFilesTool(profile, config)], maxSteps: options.maxAgentSteps },
        );
      } catch (err) {
        const reason = fallbackReason(ctx.agent!, 'brainstormer', err, ctx.log, profile.name);
        return { ...(await fallback.brainstorm(profile, ctx)), fallback: reason };
      }
      const proposals: TaskProposal[] = [];
      for (const choice of run.output.proposals.slice(0, limit)) {
        const draft = drafts.find((d) => d.id === choice.candidate);
        if (!draft || proposals.some((p) => p.id === draft.id)) {
          ctx.log.warn(`brainstormer (LLM): choice "${choice.candidate}" is not a candidate; dropped`);
          continue;
        }
        const p: TaskProposal = { ...draft, title: choice.title, justification: choice.justification };
        if (choice.metric !== draft.metric.name && MEDIA_METRICS.suits(choice.metric, draft.objective)) {
          p.metric = { name: choice.metric, higherIsBetter: MEDIA_METRICS.info(choice.metric)!.higherIsBetter, params: {} };
        }
        proposals.push(p);
      }
      if (proposals.length === 0) return unusableAnswer(await fallback.brainstorm(profile, ctx), 'brainstormer', 'no usable proposal', ctx.log, profile.name);
      return { value: proposals, agent: run.model, promptHashes: run.promptHashes };
    },
  };
}
