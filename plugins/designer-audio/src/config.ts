// The audio flavour of the media designer.
import { fileURLToPath } from 'node:url';
import type { MediaConfig } from '@mle-smith/media';
import { readWavInfo, validateWav } from './validate-wav.js';

export const PLUGIN_NAME = 'designer-audio';
export const DESIGNER_ID = 'audio';
/** The tier scripts (audio.py is @mle-smith/baseline-kit's); `../python` from both src/ and dist/. */
export const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

export const AUDIO_CONFIG: MediaConfig = {
  kind: 'audio',
  designerId: DESIGNER_ID,
  pluginName: PLUGIN_NAME,
  folder: 'audio',
  column: 'audio',
  noun: 'recording',
  pythonDir: PYTHON_DIR,
  validate: validateWav,
  inspect: async (abs, rel) => {
    const { frames: _frames, ...info } = await readWavInfo(abs, rel);
    return { ...info, durationSec: Math.round(info.durationSec * 1000) / 1000 };
  },
  baselines: {
    trivial: 'the class prior (majority class) or the mean',
    simple: '20 mel-spaced log band energies (numpy FFT), mean and standard deviation over time, into logistic regression',
    strong: '40 bands as 13 cepstral coefficients with deltas, whole-file and per-third summaries, into histogram gradient boosting',
  },
};
