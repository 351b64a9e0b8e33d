// @mle-smith/plugin-designer-tabular: designs tabular tasks (classification, regression,
// forecasting) from CSV/TSV/Parquet/JSON tables. Deterministic offline; LLM agents when configured.
import { definePlugin } from '@mle-smith/core';
import { createTabularDesigner } from './designer.js';
import { optionsSchema, type TabularDesignerOptions } from './options.js';

export const PLUGIN_NAME = 'designer-tabular';

const plugin = definePlugin<TabularDesignerOptions & Record<string, unknown>>(
  (options) => ({
    name: PLUGIN_NAME,
    apiVersion: 1,
    setup(api) {
      api.addDesigner(createTabularDesigner(options));
    },
  }),
  optionsSchema,
);

export default plugin;
export { createTabularDesigner, DESIGNER_ID, type CreateTabularDesignerOptions, type Strategies, type TabularDesigner } from './designer.js';
export { optionsSchema, resolveOptions, DEFAULT_OPTIONS, type TabularDesignerOptions, type ResolvedOptions } from './options.js';
export { createDeterministicBrainstormer, scanCandidates, proposalId, type TabularHints } from './strategies/deterministic-brainstormer.js';
export { createDeterministicDesigner, buildSpec, submissionFormat, ID_COLUMN } from './strategies/deterministic-designer.js';
export { createDeterministicRefactor } from '@mle-smith/designer-kit';
export { createLlmBrainstormer, createLlmDesigner, createLlmRefactor, proposalsSchema } from './llm/strategies.js';
export { applyDefects, findingColumns, type RepairResult } from './repair.js';
export { renderDescription, type DescriptionParts } from './description.js';
export { sqlDataAccess, type DataAccess } from './data-access.js';
export { METRICS, metricInfo, metricSuits, type MetricInfo } from './metrics-catalog.js';
export { PROMPT_DIR } from './prompts.js';
