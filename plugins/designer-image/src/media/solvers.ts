// The baseline ladder of this modality: one Solver per tier, python/<tier>.py with the modality's
// module (python/<kind>.py), run through the configured executor by @mle-smith/baseline-kit.
import { fileURLToPath } from 'node:url';
import type { BaselineTier, Solver } from '@mle-smith/core';
import { pythonBaselineSolver } from '@mle-smith/baseline-kit';
import type { MediaConfig } from './config.js';

export const BASELINE_TIERS: readonly BaselineTier[] = ['trivial', 'simple', 'strong'];
/** Folder of the Python scripts; `../../python` from both src/media/*.ts and dist/media/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));

export function baselineSolvers(config: MediaConfig): Solver[] {
  return BASELINE_TIERS.map((tier) => pythonBaselineSolver({
    id: `${config.designerId}-${tier}`, tier, modalities: [config.kind],
    script: `${PYTHON_DIR}${tier}.py`,
    extraFiles: [`${PYTHON_DIR}${config.kind}.py`],
    extraSpec: async () => ({ mediaColumn: config.column }),
  }));
}
