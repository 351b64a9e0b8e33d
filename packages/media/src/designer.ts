// The media Designer: wires the roles to the Designer contract. Brainstormer and Designer are
// rules (spec.ts); the Refactor writes the overview (refactor.ts). materialize() checks every
// file, splits through @mle-smith/data and writes description.md.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  writeFileAtomic,
  type DatasetProfile, type Designer, type DesignContext, type MaterializeContext, type MaterializeResult, type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import { materializeMediaSplit, readMediaTable } from '@mle-smith/data';
import type { MediaConfig } from './config.js';
import { licenseOf, renderDescription } from './description.js';
import { resolveOptions, type MediaDesignerOptions, type ResolvedOptions } from './options.js';
import { describe } from './refactor.js';
import { findMediaSource } from './source.js';
import { brainstormProposals, buildSpec } from './spec.js';

export interface MediaDesigner extends Designer {
  readonly options: ResolvedOptions;
  readonly config: MediaConfig;
}

const SAMPLE_LINES = 4;

/** Checks every labelled file of the spec's source; throws a DatasetError naming the first bad one. */
export async function validateFiles(spec: TaskSpec, rawDir: string, config: MediaConfig): Promise<number> {
  const entries = await readMediaTable(spec, rawDir);
  for (const e of entries) await config.validate(join(rawDir, e.path), e.path);
  return entries.length;
}

export function createMediaDesigner(config: MediaConfig, input: MediaDesignerOptions = {}): MediaDesigner {
  const options = resolveOptions(input);

  return {
    id: config.designerId,
    modality: config.kind,
    options,
    config,

    supports(profile: DatasetProfile): boolean {
      return findMediaSource(profile, config, options) !== undefined;
    },

    async brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<TaskProposal[]> {
      const proposals = brainstormProposals(profile, config, options, ctx.seed);
      // A corrupt or missing file fails the dataset here, before any task is designed.
      const n = await validateFiles(buildSpec(proposals[0], config), profile.dir, config);
      ctx.log.debug(`${config.designerId}: ${profile.name}: ${n} ${config.kind} files checked`);
      const limit = Math.max(1, Math.min(ctx.maxProposals > 0 ? ctx.maxProposals : 1, options.maxProposals));
      return proposals.slice(0, limit);
    },

    async design(proposal: TaskProposal, _profile: DatasetProfile, _ctx: DesignContext): Promise<TaskSpec> {
      // Defects cannot be repaired by rule here (the task has no free columns); the same spec
      // comes back and the pipeline stops the repair loop.
      return buildSpec(proposal, config);
    },

    async materialize(spec: TaskSpec, ctx: MaterializeContext): Promise<MaterializeResult> {
      const split = await materializeMediaSplit(spec, {
        rawDir: ctx.rawDir, outDir: ctx.outDir, kind: config.kind, folder: config.folder, column: config.column, validate: config.validate,
      });
      const { profile } = ctx;
      const text = await describe(spec, profile, config, {
        agent: options.strategy === 'auto' ? ctx.agent : undefined, log: ctx.log, maxSteps: options.maxAgentSteps, rows: split.rows, classes: split.classes,
      });
      const sample = (await readFile(join(ctx.outDir, 'public', 'sample_submission.csv'), 'utf8')).split('\n').filter((l) => l !== '').slice(0, SAMPLE_LINES);
      const extensions = [...new Set((await readFile(join(ctx.outDir, 'public', 'train.csv'), 'utf8')).split('\n').slice(1).filter(Boolean)
        .map((l) => /(\.[a-z0-9]+)(,|$)/.exec(l)?.[1] ?? ''))].filter(Boolean).sort();
      const markdown = renderDescription({
        spec, config, overview: text.overview, rows: split.rows, classes: split.classes, sampleLines: sample, extensions, license: licenseOf(profile),
      });
      await writeFileAtomic(join(ctx.outDir, 'description.md'), markdown);
      const result: MaterializeResult = { rows: split.rows, agents: { brainstormer: 'deterministic', designer: 'deterministic', refactor: text.agent } };
      if (split.classes) result.classes = split.classes;
      if (text.promptHashes) result.promptHashes = text.promptHashes;
      if (text.fallback) result.fallbacks = { refactor: text.fallback };
      return result;
    },
  };
}
