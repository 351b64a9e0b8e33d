// @mle-smith/plugin-designer-image: image classification/regression tasks from folder-per-class
// images or a labels table with image paths, and the image baseline ladder.
import { definePlugin } from '@mle-smith/core';
import { baselineSolvers, createMediaDesigner, optionsSchema, type MediaDesigner, type MediaDesignerOptions } from '@mle-smith/media';
import { IMAGE_CONFIG, PLUGIN_NAME } from './config.js';

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

export { PLUGIN_NAME, DESIGNER_ID, IMAGE_CONFIG, PYTHON_DIR } from './config.js';
export { inspectImage, readImageInfo, validateImage, type ImageInfo } from './validate-image.js';
// The designer itself is @mle-smith/media's, configured by IMAGE_CONFIG.
export type { MediaDesigner, MediaDesignerOptions } from '@mle-smith/media';
