// @mle-smith/plugin-designer-audio: audio classification tasks from folder-per-class WAV files
// or a labels table with audio paths, and the audio baseline ladder.
import { definePlugin } from '@mle-smith/core';
import { baselineSolvers, createMediaDesigner, optionsSchema, type MediaDesigner, type MediaDesignerOptions } from '@mle-smith/media';
import { AUDIO_CONFIG, PLUGIN_NAME } from './config.js';

const plugin = definePlugin<MediaDesignerOptions & Record<string, unknown>>(
  (options) => ({
    name: PLUGIN_NAME,
    apiVersion: 1,
    setup(api) {
      api.addDesigner(createAudioDesigner(options));
      for (const solver of baselineSolvers(AUDIO_CONFIG)) api.addSolver(solver);
    },
  }),
  optionsSchema,
);

export default plugin;

export function createAudioDesigner(options: MediaDesignerOptions = {}): MediaDesigner {
  return createMediaDesigner(AUDIO_CONFIG, options);
}

export { PLUGIN_NAME, DESIGNER_ID, AUDIO_CONFIG, PYTHON_DIR } from './config.js';
export { inspectWav, readWavInfo, validateWav, type WavInfo } from './validate-wav.js';
// The designer itself is @mle-smith/media's, configured by AUDIO_CONFIG.
export type { MediaDesigner, MediaDesignerOptions } from '@mle-smith/media';
