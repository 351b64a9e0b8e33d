// @mle-smith/designer-kit: the contract every designer follows (Brainstormer / SpecDesigner /
// Refactor strategies), the options they share, their metric catalogue and the LLM role runner.
export type { Brainstormer, SpecDesigner, Refactor, DescriptionText, DescriptionInput, StrategyRun, StrategyKind, CandidateChoice } from './strategies.js';
export { DESCRIPTION_TEXT_SCHEMA, acceptLlmSpec, fallbackReason, unusableAnswer, candidateChoicesSchema } from './strategies.js';
export { designerOptionsSchema, resolveOptions, proposalLimit, type DesignerOptions } from './options.js';
export { metricCatalog, type MetricCatalog, type MetricInfo, type MetricText, type PredictionKind } from './metric-catalog.js';
export { promptRoles, loadAgents, type PromptRoles, type RoleRun, type RoleRunOptions } from './prompt-roles.js';
export { strategyDriver, type Strategies, type StrategyDriver, type StrategyDriverOptions } from './strategy-driver.js';
export { licenseOf, headLines, SAMPLE_LINES } from './description-helpers.js';
export { createDeterministicRefactor } from './deterministic-refactor.js';
export { MAX_TEST_FRACTION, isSizeFinding, repairedTestFraction } from './repair-helpers.js';
export type { AgentTool } from '@mle-smith/agents';
