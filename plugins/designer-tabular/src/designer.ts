// The tabular Designer: wires the three roles (Brainstormer, Designer, Refactor) to the
// Designer contract, choosing the LLM strategies when an LLM is configured.
import { join } from 'node:path';
import {
  writeFileAtomic,
  type DatasetProfile, type DesignerSelection, type Designer, type DesignContext, type MaterializeContext, type MaterializeResult,
  type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import { findTimeIndex, materializeSplit, runReadOnlySql } from '@mle-smith/data';
import { sqlDataAccess, type DataAccess } from './data-access.js';
import { renderDescription } from './description.js';
import { createLlmBrainstormer, createLlmDesigner, createLlmRefactor } from './llm/strategies.js';
import { resolveOptions, type ResolvedOptions, type TabularDesignerOptions } from './options.js';
import { createDeterministicBrainstormer, scanCandidates } from './strategies/deterministic-brainstormer.js';
import { createDeterministicDesigner, requireTable } from './strategies/deterministic-designer.js';
import { createDeterministicRefactor, headLines, licenseOf, strategyDriver, type Strategies } from '@mle-smith/designer-kit';

export const DESIGNER_ID = 'tabular';

export type { Strategies } from '@mle-smith/designer-kit';

export interface CreateTabularDesignerOptions extends TabularDesignerOptions {
  /** Replaces the raw-data look-ups (quantiles, class lists); tests use it with hand-made profiles. */
  data?: DataAccess;
  /** Replaces the LLM strategies (used when `ctx.agent` is set). */
  llmStrategies?: Partial<Strategies>;
}

export interface TabularDesigner extends Designer {
  readonly options: ResolvedOptions;
}

export function createTabularDesigner(input: CreateTabularDesignerOptions = {}): TabularDesigner {
  const { data: dataOverride, llmStrategies, ...rest } = input;
  const options = resolveOptions(rest);
  const data = dataOverride ?? sqlDataAccess(runReadOnlySql);
  const offline: Strategies = {
    brainstormer: createDeterministicBrainstormer(options, data),
    designer: createDeterministicDesigner(options, data),
    refactor: createDeterministicRefactor(),
  };
  const roles = strategyDriver({
    name: 'designer-tabular',
    strategy: options.strategy,
    offline,
    llm: (log) => ({
      brainstormer: llmStrategies?.brainstormer ?? createLlmBrainstormer(options, offline.brainstormer),
      designer: llmStrategies?.designer ?? createLlmDesigner(options, offline.designer),
      refactor: llmStrategies?.refactor ?? createLlmRefactor(options, offline.refactor, log),
    }),
  });

  return {
    id: DESIGNER_ID,
    modality: 'tabular',
    options,

    supports(profile: DatasetProfile, selection?: DesignerSelection): boolean {
      // Media datasets go to the media designers; free-text-only tables to the text designer.
      if (profile.media.length > 0) return false;
      // Time-indexed tables go to designer-timeseries (forecasting); a dataset is tabular when it
      // has a usable table that is not indexed by time (docs/modalities.md, "Which designer") — or
      // when a designer declined it, having found no series in its time-looking table, or when no
      // designer claimed it (a panel of too few years to forecast).
      const declined = (selection?.declined.length ?? 0) > 0 || selection?.unclaimed === true;
      return scanCandidates(profile, options).usable.some((c) => declined || findTimeIndex(c.table) === undefined);
    },

    async brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<TaskProposal[]> {
      return roles.brainstorm(profile, ctx);
    },

    async design(proposal: TaskProposal, profile: DatasetProfile, ctx: DesignContext): Promise<TaskSpec> {
      requireTable(profile, proposal.table);
      return roles.design(proposal, profile, ctx);
    },

    async materialize(spec: TaskSpec, ctx: MaterializeContext): Promise<MaterializeResult> {
      const split = await materializeSplit(spec, { rawDir: ctx.rawDir, outDir: ctx.outDir });
      const { profile } = ctx;
      const table = requireTable(profile, spec.table);
      const text = await roles.describe({ spec, profile, rows: split.rows, classes: split.classes }, ctx);
      const sampleLines = await headLines(join(ctx.outDir, 'public', 'sample_submission.csv'));
      const markdown = renderDescription({ spec, table, text, rows: split.rows, classes: split.classes, sampleLines, license: licenseOf(profile) });
      await writeFileAtomic(join(ctx.outDir, 'description.md'), markdown);

      const result: MaterializeResult = { rows: split.rows, ...roles.provenance(spec.id) };
      if (split.classes) result.classes = split.classes;
      return result;
    },
  };
}
