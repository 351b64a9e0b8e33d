// @mle-smith/media: the media designer shared by designer-image and designer-audio — source
// detection, rule-made proposals, specs and repairs, the LLM Brainstormer (with its media tool)
// and Refactor (the roles on designer-kit's strategy driver), materialize, description.md and the
// baseline ladder. A plugin supplies only its MediaConfig (kind, names, file validator and
// inspector, python/ folder).
export type { MediaConfig, MediaKind } from './config.js';
export { createMediaDesigner, validateFiles, type MediaDesigner } from './designer.js';
export { optionsSchema, resolveOptions, DEFAULT_OPTIONS, type MediaDesignerOptions, type ResolvedOptions } from './options.js';
export { baselineSolvers, BASELINE_TIERS } from './solvers.js';
export { FILE_PROPERTY, findMediaSource, findMediaSources, type MediaSource } from './source.js';
export { brainstormProposals, buildSpec, submissionFormat, proposalId, ID_COLUMN, type MediaHints } from './spec.js';
export { renderDescription, type DescriptionParts } from './description.js';
// One license reader for every designer; re-exported for earlier users of this package.
export { licenseOf } from '@mle-smith/designer-kit';
export { PROMPT_DIR, deterministicOverview, createMediaRefactor, createLlmMediaRefactor } from './refactor.js';
export { createMediaBrainstormer, createMediaSpecDesigner } from './strategies.js';
export { createLlmMediaBrainstormer } from './llm-brainstormer.js';
export { mediaFilesReport, mediaFilesTool, MEDIA_TOOL_SAMPLE } from './media-tool.js';
export { repairMediaSpec, type MediaRepair } from './repair.js';
export { MEDIA_METRICS } from './metrics.js';
