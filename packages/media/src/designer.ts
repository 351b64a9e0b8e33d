// The media Designer: the three roles on designer-kit's strategy driver, like the tabular and text
// designers. Offline, rules propose every target the data allows and repair specs from defects
// (strategies.ts); with an LLM, the Brainstormer explores the files and tables with tools and
// chooses among those targets (llm-brainstormer.ts) and the Refactor writes the overview
// (refactor.ts). materialize() checks every file, splits through @mle-smith/data and writes
// description.md.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  writeFileAtomic,
  type DatasetProfile, type Designer, type DesignContext, type MaterializeContext, type MaterializeResult, type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import { materializeMediaSplit, readMediaTable } from '@mle-smith/data';
import { headLines, licenseOf, strategyDriver, type Strategies } from '@mle-smith/designer-kit';
import type { MediaConfig } from './config.js';
import { renderDescription } from './description.js';
import { resolveOptions, type MediaDesignerOptions, type ResolvedOptions } from './options.js';
import { createLlmMediaBrainstormer } from './llm-brainstormer.js';
import { createLlmMediaRefactor, createMediaRefactor } from './refactor.js';
import { findMediaSource } from './source.js';
import { buildSpec } from './spec.js';
import { createMediaBrainstormer, createMediaSpecDesigner } from './strategies.js';

export interface MediaDesigner extends Designer {
  readonly options: ResolvedOptions;
  readonly config: MediaConfig;
}

/** Checks every labelled file of the spec's source; throws a DatasetError naming the first bad one. */
export async function validateFiles(spec: TaskSpec, rawDir: string, config: MediaConfig): Promise<number> {
  const entries = await readMediaTable(spec, rawDir);
  for (const e of entries) await config.validate(join(rawDir, e.path), e.path);
  return entries.length;
}

export function createMediaDesigner(config: MediaConfig, input: MediaDesignerOptions = {}): MediaDesigner {
  const options = resolveOptions(input);
  const offline: Strategies = {
    brainstormer: createMediaBrainstormer(config, options),
    designer: createMediaSpecDesigner(config),
    refactor: createMediaRefactor(),
  };
  const roles = strategyDriver({
    name: config.pluginName,
    strategy: options.strategy,
    offline,
    // The SpecDesigner stays rules: a media spec has no free choice left once the target is chosen.
    llm: (log) => ({
      ...offline,
      brainstormer: createLlmMediaBrainstormer(config, options, offline.brainstormer),
      refactor: createLlmMediaRefactor(config, options.maxAgentSteps, offline.refactor, log),
    }),
  });

  return {
    id: config.designerId,
    modality: config.kind,
    options,
    config,

    supports(profile: DatasetProfile): boolean {
      return findMediaSource(profile, config, options) !== undefined;
    },

    async brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<TaskProposal[]> {
      const proposals = await roles.brainstorm(profile, ctx);
      // A corrupt or missing file fails the dataset here, before any task is designed (once per table).
      for (const table of [...new Set(proposals.map((p) => p.table))]) {
        const n = await validateFiles(buildSpec(proposals.find((p) => p.table === table)!, config), profile.dir, config);
        ctx.log.debug(`${config.designerId}: ${profile.name}: ${table}: ${n} ${config.kind} files checked`);
      }
      return proposals;
    },

    async design(proposal: TaskProposal, profile: DatasetProfile, ctx: DesignContext): Promise<TaskSpec> {
      return roles.design(proposal, profile, ctx);
    },

    async materialize(spec: TaskSpec, ctx: MaterializeContext): Promise<MaterializeResult> {
      const split = await materializeMediaSplit(spec, {
        rawDir: ctx.rawDir, outDir: ctx.outDir, kind: config.kind, folder: config.folder, column: config.column, validate: config.validate,
      });
      const { profile } = ctx;
      const text = await roles.describe({ spec, profile, rows: split.rows, classes: split.classes }, ctx);
      const sampleLines = await headLines(join(ctx.outDir, 'public', 'sample_submission.csv'));
      const extensions = [...new Set((await readFile(join(ctx.outDir, 'public', 'train.csv'), 'utf8')).split('\n').slice(1).filter(Boolean)
        .map((l) => /(\.[a-z0-9]+)(,|$)/.exec(l)?.[1] ?? ''))].filter(Boolean).sort();
      const markdown = renderDescription({
        spec, config, overview: text.overview, rows: split.rows, classes: split.classes, sampleLines, extensions, license: licenseOf(profile),
      });
      await writeFileAtomic(join(ctx.outDir, 'description.md'), markdown);
      const result: MaterializeResult = { rows: split.rows, ...roles.provenance(spec.id) };
      if (split.classes) result.classes = split.classes;
      return result;
    },
  };
}
