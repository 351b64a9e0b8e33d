// LLM strategies of the three roles, through the @mle-smith/agents runtime. The model chooses
// among the candidates the deterministic scan found and words the task; everything structural
// (columns, split, filter, file names) stays the framework's. An unusable answer falls back to
// the deterministic strategy, marked as the fallback; a failed call falls back only with
// `llm.fallback: "deterministic"`, otherwise it fails the run.
import { type Logger, type TaskProposal, type TaskSpec } from '@mle-smith/core';
import { METRICS, metricInfo, metricSuits } from '../metrics-catalog.js';
import { proposalLimit, type ResolvedOptions } from '../options.js';
import { runRole } from '../prompts.js';
import { buildProposal } from '../strategies/deterministic-brainstormer.js';
import { submissionFormat } from '../strategies/deterministic-designer.js';
import { DESCRIPTION_TEXT_SCHEMA, acceptLlmSpec, candidateChoicesSchema, fallbackReason, unusableAnswer, type Brainstormer, type CandidateChoice, type DescriptionText, type Refactor, type RoleRun, type SpecDesigner, type StrategyRun } from '@mle-smith/designer-kit';
import type { TextHints } from '../strategies/text-hints.js';
import { scanText } from '../text-sources.js';

const metricNames = Object.keys(METRICS);

// ---------------------------------------------------------------- Brainstormer

/** The answer schema of this brainstormer: picks among the rule-made candidates. */
export function choicesSchema(max: number): Record<string, unknown> {
  return candidateChoicesSchema(max, metricNames);
}

type Choice = CandidateChoice;

export function createLlmBrainstormer(options: ResolvedOptions, fallback: Brainstormer): Brainstormer {
  return {
    kind: 'llm',
    async brainstorm(profile, ctx): Promise<StrategyRun<TaskProposal[]>> {
      const scan = scanText(profile, options);
      if (scan.plans.length === 0) return fallback.brainstorm(profile, ctx); // raises the dataset's error
      const limit = proposalLimit(options, ctx.maxProposals);
      const drafts = scan.plans.map((plan) => buildProposal(profile, plan, options, ctx.seed));
      const candidates = drafts.map((d) => ({
        key: d.id, table: d.table, text: (d.hints as TextHints).textColumn, layout: (d.hints as TextHints).layout,
        label: d.target.name, objective: d.objective, classes: (d.hints as TextHints).classes, draftMetric: d.metric.name,
      }));
      let run: RoleRun<{ proposals: Choice[] }>;
      try {
        run = await runRole<{ proposals: Choice[] }>(
          'brainstormer', ctx.agent!, { maxProposals: limit, metrics: metricNames.join(', ') },
          JSON.stringify({ dataset: profile.name, sourceNote: profile.sourceNote?.slice(0, 1500), candidates }),
          choicesSchema(limit), { ctx, log: ctx.log, profile, tools: true, maxSteps: options.maxAgentSteps },
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
        if (choice.metric !== draft.metric.name && metricSuits(choice.metric, draft.objective)) {
          const hints = draft.hints as TextHints;
          const params = draft.objective === 'binary' && hints.positiveClass !== undefined && metricInfo(choice.metric)!.prediction !== 'value' ? { pos_label: hints.positiveClass } : {};
          p.metric = { name: choice.metric, higherIsBetter: metricInfo(choice.metric)!.higherIsBetter, params };
        }
        proposals.push(p);
      }
      if (proposals.length === 0) return unusableAnswer(await fallback.brainstorm(profile, ctx), 'brainstormer', 'no usable proposal', ctx.log, profile.name);
      return { value: proposals, agent: run.model, promptHashes: run.promptHashes };
    },
  };
}

// ---------------------------------------------------------------- Designer

const DESIGN_SCHEMA = {
  type: 'object', additionalProperties: false, required: ['title', 'overview'],
  properties: { title: { type: 'string', minLength: 1, maxLength: 200 }, overview: { type: 'string', minLength: 1 }, metric: { enum: metricNames } },
};

export function createLlmDesigner(options: ResolvedOptions, fallback: SpecDesigner): SpecDesigner {
  return {
    kind: 'llm',
    async design(proposal, profile, defects, ctx): Promise<StrategyRun<TaskSpec>> {
      const draft = await fallback.design(proposal, profile, defects, ctx);
      let run: RoleRun<{ title: string; overview: string; metric?: string }>;
      try {
        run = await runRole<{ title: string; overview: string; metric?: string }>(
          'designer', ctx.agent!, { metrics: metricNames.join(', ') }, JSON.stringify({ proposal, draft: draft.value, defects }),
          DESIGN_SCHEMA, { ctx, log: ctx.log, profile, maxSteps: options.maxAgentSteps, taskId: proposal.id },
        );
      } catch (err) {
        return { ...draft, fallback: fallbackReason(ctx.agent!, 'designer', err, ctx.log, proposal.id) };
      }
      const spec: TaskSpec = structuredClone(draft.value);
      spec.title = run.output.title;
      spec.description = { ...spec.description, overview: run.output.overview };
      const metric = run.output.metric;
      // A metric repaired from a defect stays; otherwise a suitable choice replaces the draft's.
      if (metric && metric !== spec.metric.name && metricSuits(metric, spec.objective) && !defects.some((d) => /metric/.test(d.ruleId))) {
        const hints = proposal.hints as TextHints;
        const params = spec.objective === 'binary' && hints.positiveClass !== undefined && metricInfo(metric)!.prediction !== 'value' ? { pos_label: hints.positiveClass } : {};
        spec.metric = { name: metric, higherIsBetter: metricInfo(metric)!.higherIsBetter, params };
        spec.submission = submissionFormat(spec, spec.submission.classes);
      }
      return acceptLlmSpec(spec, run, draft, ctx.log, proposal.id);
    },
  };
}

// ---------------------------------------------------------------- Refactor

export function createLlmRefactor(options: ResolvedOptions, fallback: Refactor, log: Logger): Refactor {
  return {
    kind: 'llm',
    async describe(input, agent): Promise<StrategyRun<DescriptionText>> {
      const { spec, profile } = input;
      const publicColumns = new Set([...spec.features, ...spec.derivedFeatures.map((d) => d.name), spec.target.name]);
      try {
        const run = await runRole<DescriptionText>(
          'refactor', agent!, {},
          JSON.stringify({
            title: spec.title, objective: spec.objective, target: spec.target.name, metric: spec.metric.name, classes: input.classes,
            overviewDraft: spec.description.overview, columns: spec.description.columns, dataset: profile.name,
            sourceNote: profile.sourceNote?.slice(0, 3000), license: profile.license,
          }),
          DESCRIPTION_TEXT_SCHEMA, { log, maxSteps: options.maxAgentSteps, taskId: spec.id, profile },
        );
        const columns = Object.fromEntries(Object.entries(run.output.columns).filter(([k]) => publicColumns.has(k)));
        return { value: { overview: run.output.overview, columns: { ...(spec.description.columns ?? {}), ...columns } }, agent: run.model, promptHashes: run.promptHashes };
      } catch (err) {
        const reason = fallbackReason(agent!, 'refactor', err, log, spec.id);
        return { ...(await fallback.describe(input, agent)), fallback: reason };
      }
    },
  };
}
