// The image flavour of the media designer.
import { fileURLToPath } from 'node:url';
import type { MediaConfig } from '@mle-smith/media';
import { readImageInfo, validateImage } from './validate-image.js';

export const PLUGIN_NAME = 'designer-image';
export const DESIGNER_ID = 'image';
/** The tier scripts (image.py is @mle-smith/baseline-kit's); `../python` from both src/ and dist/. */
export const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

export const IMAGE_CONFIG: MediaConfig = {
  kind: 'image',
  designerId: DESIGNER_ID,
  pluginName: PLUGIN_NAME,
  folder: 'images',
  column: 'image',
  noun: 'image',
  pythonDir: PYTHON_DIR,
  validate: validateImage,
  inspect: async (abs, rel) => ({ ...(await readImageInfo(abs, rel)) }),
  baselines: {
    trivial: 'the class prior (majority class) or the mean',
    simple: '8x8 grayscale pixels, standardized, into logistic regression (ridge for regression)',
    strong: 'HOG-like gradient-orientation histograms plus 12x12 pixels into an RBF SVM (gradient boosting for regression)',
  },
};
