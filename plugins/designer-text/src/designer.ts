// The text Designer: wires the three roles (Brainstormer, Designer, Refactor) to the Designer
// contract, checks a corpus's text files, and materializes packages through @mle-smith/data's
// split, copying text files to public/texts/ under opaque names.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  DatasetError, writeFileAtomic,
  type DatasetProfile, type Designer, type MaterializeContext, type MaterializeResult,
  type TableProfile, type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import { materializeSplit, runReadOnlySql } from '@mle-smith/data';
import { renderDescription } from './description.js';
import { createLlmBrainstormer, createLlmDesigner, createLlmRefactor } from './llm/strategies.js';
import { resolveOptions, type ResolvedOptions, type TextDesignerOptions } from './options.js';
import { quoteIdent } from './sql.js';
import { createDeterministicBrainstormer } from './strategies/deterministic-brainstormer.js';
import { createDeterministicDesigner, requireTable } from './strategies/deterministic-designer.js';
import { createDeterministicRefactor, headLines, licenseOf, strategyDriver, type Strategies } from '@mle-smith/designer-kit';
import { checkTextFiles, copyTextFiles } from './text-files.js';
import { scanText } from './text-sources.js';

export const DESIGNER_ID = 'text';

export type { Strategies } from '@mle-smith/designer-kit';

export interface CreateTextDesignerOptions extends TextDesignerOptions {
  /** Replaces the LLM strategies (used when `ctx.agent` is set). */
  llmStrategies?: Partial<Strategies>;
}

export interface TextDesigner extends Designer {
  readonly options: ResolvedOptions;
}

/** Raw path → public file name for every row the spec keeps, computed by DuckDB from the spec's own expressions. */
async function textFileMapping(spec: TaskSpec, rawDir: string, rows: number): Promise<Array<{ raw: string; public: string }>> {
  const path = spec.media!.column;
  const name = spec.derivedFeatures[0];
  const where = [`(${spec.target.expression}) IS NOT NULL`, ...(spec.filter ? [`(${spec.filter})`] : [])].join(' AND ');
  const res = await runReadOnlySql(
    rawDir,
    `SELECT CAST(${quoteIdent(path)} AS VARCHAR) AS raw, (${name.expression}) AS pub FROM ${quoteIdent(spec.table)} WHERE ${where} ORDER BY 1`,
    { maxRows: rows + 1 },
  );
  const out = res.rows.map((r) => ({ raw: r[0] as string | null, public: r[1] as string | null }));
  const seen = new Set<string>();
  for (const m of out) {
    if (m.raw === null || m.public === null) throw new DatasetError(`a row of table "${spec.table}" has no text file in column "${path}"`);
    if (seen.has(m.public)) throw new DatasetError(`two rows of table "${spec.table}" map to the same public file ${m.public} (the same file listed twice?)`);
    seen.add(m.public);
  }
  return out as Array<{ raw: string; public: string }>;
}

export function createTextDesigner(input: CreateTextDesignerOptions = {}): TextDesigner {
  const { llmStrategies, ...rest } = input;
  const options = resolveOptions(rest);
  const offline: Strategies = {
    brainstormer: createDeterministicBrainstormer(options),
    designer: createDeterministicDesigner(),
    refactor: createDeterministicRefactor(),
  };
  const roles = strategyDriver({
    name: 'designer-text',
    strategy: options.strategy,
    offline,
    llm: (log) => ({
      brainstormer: llmStrategies?.brainstormer ?? createLlmBrainstormer(options, offline.brainstormer),
      designer: llmStrategies?.designer ?? createLlmDesigner(options, offline.designer),
      refactor: llmStrategies?.refactor ?? createLlmRefactor(options, offline.refactor, log),
    }),
  });

  /** Every text file a files-layout table names is checked once per dataset, before any task is designed. */
  const checkCorpus = async (profile: DatasetProfile): Promise<void> => {
    for (const source of scanText(profile, options).sources) {
      if (source.layout !== 'files') continue;
      const res = await runReadOnlySql(profile.dir, `SELECT DISTINCT CAST(${quoteIdent(source.column)} AS VARCHAR) FROM ${quoteIdent(source.table.name)} WHERE ${quoteIdent(source.column)} IS NOT NULL`, { maxRows: source.table.rowCount + 1 });
      await checkTextFiles(profile.dir, source.table.file, res.rows.map((r) => String(r[0])));
    }
  };

  return {
    id: DESIGNER_ID,
    modality: 'text',
    options,

    supports(profile: DatasetProfile): boolean {
      if (profile.media.some((m) => m.kind !== 'text')) return false;
      return scanText(profile, options).plans.length > 0;
    },

    async brainstorm(profile, ctx): Promise<TaskProposal[]> {
      await checkCorpus(profile);
      return roles.brainstorm(profile, ctx);
    },

    async design(proposal, profile, ctx): Promise<TaskSpec> {
      requireTable(profile, proposal.table);
      return roles.design(proposal, profile, ctx);
    },

    async materialize(spec: TaskSpec, ctx: MaterializeContext): Promise<MaterializeResult> {
      const { profile } = ctx;
      const table: TableProfile = requireTable(profile, spec.table);
      const files = spec.media?.folder !== undefined;
      if (files && spec.derivedFeatures.length !== 1) throw new DatasetError(`spec ${spec.id}: a text-file task needs exactly one derived feature (the public file name)`);
      // Check every file before writing anything: a bad corpus publishes nothing.
      const mapping = files ? await textFileMapping(spec, ctx.rawDir, table.rowCount) : [];
      if (files) await checkTextFiles(ctx.rawDir, table.file, mapping.map((m) => m.raw));
      const split = await materializeSplit(spec, { rawDir: ctx.rawDir, outDir: ctx.outDir });
      if (files) await copyTextFiles(ctx.rawDir, table.file, join(ctx.outDir, 'public'), mapping);

      const text = await roles.describe({ spec, profile, rows: split.rows, classes: split.classes }, ctx);
      const textColumn = files ? spec.derivedFeatures[0].name : spec.media?.column ?? spec.features[0];
      const inlineCol = table.columns.find((c) => c.name === textColumn);
      const markdown = renderDescription({
        spec, text, rows: split.rows, classes: split.classes,
        sampleLines: await headLines(join(ctx.outDir, 'public', 'sample_submission.csv')),
        layout: files ? 'files' : 'inline', textColumn,
        textLength: files ? await fileLengths(ctx.outDir, mapping) : inlineCol?.textLength,
        source: table.file === '.' ? `the text files of the ${spec.dataset} dataset (folder per class)` : `\`${table.file}\` of the ${spec.dataset} dataset`,
        license: licenseOf(profile),
      });
      await writeFileAtomic(join(ctx.outDir, 'description.md'), markdown);

      const result: MaterializeResult = { rows: split.rows, ...roles.provenance(spec.id) };
      if (split.classes) result.classes = split.classes;
      return result;
    },
  };
}

/** Mean and maximum length in characters of the copied documents. */
async function fileLengths(outDir: string, mapping: Array<{ public: string }>): Promise<{ mean: number; max: number } | undefined> {
  if (mapping.length === 0) return undefined;
  let total = 0;
  let max = 0;
  for (const m of mapping) {
    const n = (await readFile(join(outDir, 'public', m.public), 'utf8')).length;
    total += n;
    max = Math.max(max, n);
  }
  return { mean: total / mapping.length, max };
}
