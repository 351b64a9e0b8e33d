// @mle-smith/plugin-designer-text: designs text tasks (classification, regression) from free-text
// tables, labels tables of text files and folder-per-class corpora, and registers the text
// baseline ladder. Deterministic offline; LLM agents when configured.
import { definePlugin } from '@mle-smith/core';
import { textBaselineSolvers } from './baselines/text-solver.js';
import { createTextDesigner } from './designer.js';
import { optionsSchema, type TextDesignerOptions } from './options.js';

export const PLUGIN_NAME = 'designer-text';

const plugin = definePlugin<TextDesignerOptions & Record<string, unknown>>(
  (options) => ({
    name: PLUGIN_NAME,
    apiVersion: 1,
    setup(api) {
      api.addDesigner(createTextDesigner(options));
      for (const solver of textBaselineSolvers()) api.addSolver(solver);
    },
  }),
  optionsSchema,
);

export default plugin;
export { createTextDesigner, DESIGNER_ID, type CreateTextDesignerOptions, type Strategies, type TextDesigner } from './designer.js';
export { optionsSchema, resolveOptions, DEFAULT_OPTIONS, type TextDesignerOptions, type ResolvedOptions } from './options.js';
export { scanText, textSourceOf, isFreeText, authorColumn, type TextSource, type LabelPlan, type TextScan, type TextLayout } from './text-sources.js';
export { createDeterministicBrainstormer, buildProposal, proposalId } from './strategies/deterministic-brainstormer.js';
export { createDeterministicDesigner, buildSpec, submissionFormat, ID_COLUMN, TEXT_FILE_COLUMN, TEXT_FOLDER } from './strategies/deterministic-designer.js';
export { createDeterministicRefactor } from '@mle-smith/designer-kit';
export { createLlmBrainstormer, createLlmDesigner, createLlmRefactor, choicesSchema } from './llm/strategies.js';
export type { TextHints } from './strategies/text-hints.js';
export { checkTextFiles, readTextFile } from './text-files.js';
export { renderDescription, type DescriptionParts } from './description.js';
export { METRICS, metricInfo, metricSuits, type MetricInfo } from './metrics-catalog.js';
export { textBaselineSolver, textBaselineSolvers, textSpecFields, PYTHON_DIR, TEXT_TIERS, type TextSpecFields } from './baselines/text-solver.js';
export { PROMPT_DIR } from './prompts.js';
