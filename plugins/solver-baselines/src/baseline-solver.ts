// One Solver per ladder rung: python/<tier>.py with baseline-kit's tabular.py, run through the configured
// executor by @mle-smith/baseline-kit.
import { fileURLToPath } from 'node:url';
import type { BaselineTier, Solver } from '@mle-smith/core';
import { MODALITY_MODULE_PATHS, pythonBaselineLadder, pythonBaselineSolver, type PythonBaselineOptions } from '@mle-smith/baseline-kit';

/** The core's tier list, re-exported for earlier users of this plugin. */
export { BASELINE_TIERS } from '@mle-smith/core';
export type BaselineSolverId = `baseline-${BaselineTier}`;

/** Folder of the Python scripts; `../python` from both src/*.ts and dist/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

/** Below this train.csv size one thread beats several (start-up and synchronisation cost). */
const SINGLE_THREAD_BELOW_BYTES = 5 * 1024 * 1024;

function tabularBaseline(tier: BaselineTier): Omit<PythonBaselineOptions, 'tier'> {
  const id: BaselineSolverId = `baseline-${tier}`;
  return {
    id, modalities: ['tabular'],
    script: `${PYTHON_DIR}${tier}.py`,
    extraFiles: [MODALITY_MODULE_PATHS.tabular],
    singleThreadBelowBytes: SINGLE_THREAD_BELOW_BYTES,
  };
}

export function baselineSolver(tier: BaselineTier): Solver {
  return pythonBaselineSolver({ ...tabularBaseline(tier), tier });
}

export function baselineSolvers(): Solver[] {
  return pythonBaselineLadder(tabularBaseline);
}
