// @mle-smith/plugin-designer-image: image classification/regression tasks from folder-per-class
// images or a labels table with image paths, and the image baseline ladder.
import { definePlugin } from '@mle-smith/core';
import { IMAGE_CONFIG, PLUGIN_NAME } from './config.js';
import { createMediaDesigner, type MediaDesigner } from './media/designer.js';
import { optionsSchema, type MediaDesignerOptions } from './media/options.js';
import { baselineSolvers } from './media/solvers.js';

const plugin = definePlugin<MediaDesignerOptions & Record<string, unknown>>(
  (options) => ({
    name: PLUGIN_NAME,
    apiVersion: 1,
    setup(api) {
      api.addDesigner(createImageDesigner(options));
      for (const solver of baselineSolvers(IMAGE_CONFIG)) api.addSolver(solver);
    },
  }),
  optionsSchema,
);

export default plugin;

export function createImageDesigner(options: MediaDesignerOptions = {}): MediaDesigner {
  return createMediaDesigner(IMAGE_CONFIG, options);
}

export { PLUGIN_NAME, DESIGNER_ID, IMAGE_CONFIG } from './config.js';
export { inspectImage, validateImage, type ImageInfo } from './validate-image.js';
export { createMediaDesigner, validateFiles, type MediaDesigner } from './media/designer.js';
export { optionsSchema, resolveOptions, DEFAULT_OPTIONS, type MediaDesignerOptions, type ResolvedOptions } from './media/options.js';
export { baselineSolvers, PYTHON_DIR, BASELINE_TIERS } from './media/solvers.js';
export { findMediaSource, type MediaSource } from './media/source.js';
export { brainstormProposals, buildSpec, submissionFormat, proposalId, ID_COLUMN } from './media/spec.js';
export { renderDescription } from './media/description.js';
export { PROMPT_DIR } from './media/refactor.js';
export type { MediaConfig } from './media/config.js';
