// LLM strategies of the three roles, through the @mle-smith/agents runtime. Every output is
// checked against the same rules as the deterministic path; when the model's answer is unusable
// the deterministic strategy's result is used, marked as the fallback. A failed call falls back
// only with `llm.fallback: "deterministic"`; otherwise it fails the run.
import {
  taskSpecSchema,
  type DatasetProfile, type Logger, type MetricRef, type Objective, type SplitSpec, type TaskProposal,
  type TaskSpec,
} from '@mle-smith/core';
import { runReadOnlySql } from '@mle-smith/data';
import { columnIndex, exclusions, findTable, isTabularTable } from '../columns.js';
import { METRICS, metricInfo, metricSuits } from '../metrics-catalog.js';
import { proposalLimit, type ResolvedOptions } from '../options.js';
import { runRole } from '../prompts.js';
import { applyDefects } from '../repair.js';
import { quoteIdent } from '../sql.js';
import { isClassification, proposalId, type TabularHints } from '../strategies/deterministic-brainstormer.js';
import { submissionFormat } from '../strategies/deterministic-designer.js';
import { DESCRIPTION_TEXT_SCHEMA, acceptLlmSpec, fallbackReason, loadAgents, unusableAnswer, type Brainstormer, type DescriptionText, type Refactor, type RoleRun, type SpecDesigner, type StrategyRun } from '@mle-smith/designer-kit';

// ---------------------------------------------------------------- Brainstormer

const TARGET_SCHEMA = {
  type: 'object', additionalProperties: false, required: ['name', 'expression', 'sourceColumns'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, expression: { type: 'string', minLength: 1 }, sourceColumns: { type: 'array', items: { type: 'string' }, minItems: 1 } },
};

export function proposalsSchema(maxProposals: number): Record<string, unknown> {
  return {
    type: 'object', additionalProperties: false, required: ['proposals'],
    properties: {
      proposals: {
        type: 'array', minItems: 1, maxItems: maxProposals,
        items: {
          type: 'object', additionalProperties: false,
          required: ['title', 'table', 'objective', 'target', 'metric', 'split', 'dropColumns', 'justification'],
          properties: {
            title: { type: 'string', minLength: 1 },
            table: { type: 'string', minLength: 1 },
            objective: { enum: ['binary', 'multiclass', 'regression', 'forecasting'] },
            target: TARGET_SCHEMA,
            metric: { type: 'object', required: ['name'], properties: { name: { enum: Object.keys(METRICS) }, params: { type: 'object' } } },
            split: { type: 'object', required: ['strategy'], properties: { strategy: { enum: ['random', 'stratified', 'group', 'time'] }, by: { type: 'string' } } },
            dropColumns: { type: 'array', items: { type: 'string' } },
            justification: { type: 'string', minLength: 1 },
          },
        },
      },
    },
  };
}

interface RawProposal {
  title: string;
  table: string;
  objective: Objective;
  target: { name: string; expression: string; sourceColumns: string[] };
  metric: MetricRef;
  split: { strategy: SplitSpec['strategy']; by?: string };
  dropColumns: string[];
  justification: string;
}

/** Checks a model-made proposal against the data and the designer's rules; returns why it is unusable, or the fixed proposal. */
export async function normalizeProposal(raw: RawProposal, profile: DatasetProfile, options: ResolvedOptions, seed: number): Promise<TaskProposal | string> {
  const table = findTable(profile, raw.table);
  if (!table || !isTabularTable(table)) return `table "${raw.table}" is not a tabular table of the dataset`;
  const cols = columnIndex(table);
  const excluded = exclusions(table, options);
  for (const c of raw.target.sourceColumns) {
    if (!cols.has(c)) return `target source "${c}" is not a column of ${table.name}`;
    if (cols.get(c)!.identifierLike) return `target source "${c}" is an identifier`;
  }
  // The same guard-rails as the deterministic ranking: a model also proposes "predict the day of month".
  const role = raw.target.sourceColumns.map((c) => cols.get(c)!).find((c) => c.role === 'identifier' || c.role === 'design' || (c.role === 'time-index' && raw.objective !== 'forecasting'));
  if (role) return `target source "${role.name}" is ${role.role === 'identifier' ? 'an identifier' : role.role === 'design' ? 'a design variable (set by the experimenter)' : 'a time index'}: ${role.roleReason ?? ''}`;
  if (!metricSuits(raw.metric.name, raw.objective)) return `metric ${raw.metric.name} does not suit ${raw.objective}`;
  if ((raw.split.strategy === 'group' || raw.split.strategy === 'time') && !(raw.split.by && cols.has(raw.split.by))) {
    return `split ${raw.split.strategy} needs "by" naming a column`;
  }
  // The label must be valid SQL with at least two values.
  try {
    const res = await runReadOnlySql(profile.dir, `SELECT count(DISTINCT ${raw.target.expression}) AS k FROM ${quoteIdent(table.name)}`, { maxRows: 1 });
    const k = Number(res.rows[0]?.[0] ?? 0);
    if (k < 2) return `target expression yields ${k} distinct value(s)`;
    if (isClassification(raw.objective) && k > options.maxClasses) return `target expression yields ${k} classes`;
  } catch (err) {
    return `target expression fails: ${(err as Error).message}`;
  }
  const plain = raw.target.sourceColumns.length === 1 && raw.target.sourceColumns[0] === raw.target.name;
  const drops = new Set(raw.dropColumns.filter((c) => cols.has(c)));
  for (const [c] of excluded) drops.add(c);
  if (!plain) for (const c of raw.target.sourceColumns) drops.add(c);
  drops.delete(raw.target.name);
  const hintsExcluded: TabularHints['excluded'] = Object.fromEntries(excluded);
  const split: SplitSpec = { strategy: raw.split.strategy, testFraction: options.testFraction, seed };
  if (raw.split.by) split.by = raw.split.by;
  const hints: TabularHints = { derivation: 'none', excluded: hintsExcluded };
  const info = metricInfo(raw.metric.name)!;
  return {
    id: proposalId(profile.name, raw.target.name, raw.objective),
    dataset: profile.name,
    table: table.name,
    title: raw.title,
    modality: 'tabular',
    objective: raw.objective,
    target: { name: raw.target.name, expression: raw.target.expression, sourceColumns: [...raw.target.sourceColumns] },
    metric: { name: raw.metric.name, higherIsBetter: info.higherIsBetter, params: raw.metric.params ?? {} },
    split,
    dropColumns: table.columns.map((c) => c.name).filter((c) => drops.has(c)),
    justification: raw.justification,
    hints,
  };
}

export function createLlmBrainstormer(options: ResolvedOptions, fallback: Brainstormer): Brainstormer {
  return {
    kind: 'llm',
    async brainstorm(profile, ctx): Promise<StrategyRun<TaskProposal[]>> {
      const limit = proposalLimit(options, ctx.maxProposals);
      let run: RoleRun<{ proposals: RawProposal[] }>;
      try {
        // The same overview the `overview` tool answers with.
        const overview = await (await loadAgents()).createDatasetBackend(profile.dir, profile).overview();
        run = await runRole<{ proposals: RawProposal[] }>(
          'brainstormer', ctx.agent!, { maxProposals: limit, metrics: Object.keys(METRICS).join(', ') },
          `Dataset "${profile.name}". Overview:\n${JSON.stringify(overview)}`,
          proposalsSchema(limit), { ctx, log: ctx.log, tools: true, profile, maxSteps: options.maxAgentSteps },
        );
      } catch (err) {
        const reason = fallbackReason(ctx.agent!, 'brainstormer', err, ctx.log, profile.name);
        return { ...(await fallback.brainstorm(profile, ctx)), fallback: reason };
      }
      const proposals: TaskProposal[] = [];
      const ids = new Set<string>();
      for (const raw of run.output.proposals.slice(0, limit)) {
        const p = await normalizeProposal(raw, profile, options, ctx.seed);
        if (typeof p === 'string') {
          ctx.log.warn(`brainstormer (LLM): proposal "${raw.title}" dropped: ${p}`);
        } else if (!ids.has(p.id)) {
          ids.add(p.id);
          proposals.push(p);
        }
      }
      if (proposals.length === 0) return unusableAnswer(await fallback.brainstorm(profile, ctx), 'brainstormer', 'no usable proposal', ctx.log, profile.name);
      return { value: proposals, agent: run.model, promptHashes: run.promptHashes };
    },
  };
}

// ---------------------------------------------------------------- Designer

/** Keeps what the model may decide (features, drops, metric, split, text) and re-derives the rest. */
export function reconcileSpec(model: TaskSpec, draft: TaskSpec, profile: DatasetProfile, options: ResolvedOptions): TaskSpec | string {
  const table = findTable(profile, draft.table)!;
  const cols = columnIndex(table);
  const excluded = exclusions(table, options);
  const sources = new Set(draft.target.sourceColumns);
  const features = model.features.filter((c) => cols.has(c) && !excluded.has(c) && !sources.has(c) && c !== draft.target.name && !draft.dropColumns.includes(c));
  if (features.length === 0) return 'no usable features';
  const metric = metricSuits(model.metric.name, draft.objective)
    ? { name: model.metric.name, higherIsBetter: metricInfo(model.metric.name)!.higherIsBetter, params: model.metric.params ?? {} }
    : draft.metric;
  const split: SplitSpec = { ...draft.split };
  if (model.split.strategy !== draft.split.strategy) {
    if ((model.split.strategy === 'group' || model.split.strategy === 'time') && model.split.by && cols.has(model.split.by)) {
      split.strategy = model.split.strategy;
      split.by = model.split.by;
    } else if (model.split.strategy === 'random' || (model.split.strategy === 'stratified' && isClassification(draft.objective))) {
      split.strategy = model.split.strategy;
      delete split.by;
    }
  }
  const dropColumns = table.columns.map((c) => c.name).filter((c) => !features.includes(c) && c !== draft.target.name);
  const spec: TaskSpec = {
    ...draft,
    features,
    dropColumns,
    metric,
    split,
    description: {
      overview: model.description?.overview?.trim() || draft.description.overview,
      columns: { ...(draft.description.columns ?? {}), ...(model.description?.columns ?? {}) },
    },
  };
  spec.submission = submissionFormat(spec, draft.submission.classes);
  return spec;
}

export function createLlmDesigner(options: ResolvedOptions, fallback: SpecDesigner): SpecDesigner {
  return {
    kind: 'llm',
    async design(proposal, profile, defects, ctx): Promise<StrategyRun<TaskSpec>> {
      const draft = await fallback.design(proposal, profile, defects, ctx);
      const table = findTable(profile, proposal.table)!;
      let run: RoleRun<TaskSpec>;
      try {
        run = await runRole<TaskSpec>(
          'designer', ctx.agent!, {},
          JSON.stringify({
            proposal, draft: draft.value, defects,
            columns: table.columns.map((c) => ({ name: c.name, type: c.inferredType, missing: c.missingFraction, distinct: c.distinctCount, identifierLike: c.identifierLike })),
          }),
          taskSpecSchema, { ctx, log: ctx.log, profile, maxSteps: options.maxAgentSteps, taskId: proposal.id },
        );
      } catch (err) {
        return { ...draft, fallback: fallbackReason(ctx.agent!, 'designer', err, ctx.log, proposal.id) };
      }
      const reconciled = reconcileSpec(run.output, draft.value, profile, options);
      if (typeof reconciled === 'string') return unusableAnswer(draft, 'designer', reconciled, ctx.log, proposal.id);
      // Defects are always repaired by rule as well, so a model cannot undo a repair.
      const spec = defects.length ? applyDefects(reconciled, defects, table).spec : reconciled;
      spec.submission = submissionFormat(spec, draft.value.submission.classes);
      return acceptLlmSpec(spec, run, draft, ctx.log, proposal.id);
    },
  };
}

// ---------------------------------------------------------------- Refactor

export function createLlmRefactor(options: ResolvedOptions, fallback: Refactor, log: Logger): Refactor {
  return {
    kind: 'llm',
    async describe(input, agent, ctx): Promise<StrategyRun<DescriptionText>> {
      const { spec, profile } = input;
      const table = findTable(profile, spec.table);
      const used = new Set([...spec.features, ...spec.target.sourceColumns]);
      try {
        const run = await runRole<DescriptionText>(
          'refactor', agent!, {},
          JSON.stringify({
            title: spec.title, objective: spec.objective, target: spec.target, metric: spec.metric.name, overviewDraft: spec.description.overview,
            dataset: profile.name, sourceNote: profile.sourceNote, license: profile.license,
            columns: table?.columns.filter((c) => used.has(c.name)).map((c) => ({ name: c.name, type: c.inferredType, examples: c.topValues.slice(0, 3).map((v) => v.value) })),
          }),
          DESCRIPTION_TEXT_SCHEMA, { log, maxSteps: options.maxAgentSteps, taskId: spec.id, profile },
        );
        const columns = Object.fromEntries(Object.entries(run.output.columns).filter(([k]) => used.has(k) || k === spec.target.name));
        return { value: { overview: run.output.overview, columns: { ...(spec.description.columns ?? {}), ...columns } }, agent: run.model, promptHashes: run.promptHashes };
      } catch (err) {
        const reason = fallbackReason(agent!, 'refactor', err, log, spec.id);
        return { ...(await fallback.describe(input, agent, ctx)), fallback: reason };
      }
    },
  };
}
