// @mle-smith/media: the media designer shared by designer-image and designer-audio — source
// detection, rule-made proposals and specs, materialize, description.md, the LLM Refactor (the
// roles on designer-kit's strategy driver) and the baseline ladder. A plugin supplies only its
// MediaConfig (kind, names, file validator, python/ folder).
export type { MediaConfig, MediaKind } from './config.js';
export { createMediaDesigner, validateFiles, type MediaDesigner } from './designer.js';
export { optionsSchema, resolveOptions, DEFAULT_OPTIONS, type MediaDesignerOptions, type ResolvedOptions } from './options.js';
export { baselineSolvers, BASELINE_TIERS } from './solvers.js';
export { findMediaSource, type MediaSource } from './source.js';
export { brainstormProposals, buildSpec, submissionFormat, proposalId, ID_COLUMN, type MediaHints } from './spec.js';
export { renderDescription, type DescriptionParts } from './description.js';
// One license reader for every designer; re-exported for earlier users of this package.
export { licenseOf } from '@mle-smith/designer-kit';
export { PROMPT_DIR, deterministicOverview, createMediaRefactor, createLlmMediaRefactor } from './refactor.js';
export { createMediaBrainstormer, createMediaSpecDesigner } from './strategies.js';
