// The text baseline ladder: one Solver per tier (text-trivial, text-simple, text-strong), each
// python/<tier>.py with baseline-kit's text.py, run through the configured executor by
// @mle-smith/baseline-kit exactly as the tabular ladder is.
import { fileURLToPath } from 'node:url';
import { BASELINE_TIERS, type BaselineTier, type Solver } from '@mle-smith/core';
import { MODALITY_MODULE_PATHS, pythonBaselineLadder, pythonBaselineSolver, textSpecFields, type PythonBaselineOptions } from '@mle-smith/baseline-kit';

/** Where a text task's documents are (moved to @mle-smith/baseline-kit, shared with the solver zoo). */
export { textSpecFields, type TextSpecFields } from '@mle-smith/baseline-kit';

/** The core's tier list (kept under its earlier name). */
export const TEXT_TIERS: readonly BaselineTier[] = BASELINE_TIERS;

/** Folder of the Python scripts; `../../python` from both src/baselines/*.ts and dist/baselines/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));

function textBaseline(tier: BaselineTier): Omit<PythonBaselineOptions, 'tier'> {
  return {
    id: `text-${tier}`, modalities: ['text'],
    script: `${PYTHON_DIR}${tier}.py`,
    extraFiles: [MODALITY_MODULE_PATHS.text],
    extraSpec: (task) => textSpecFields(task),
  };
}

export function textBaselineSolver(tier: BaselineTier): Solver {
  return pythonBaselineSolver({ ...textBaseline(tier), tier });
}

export function textBaselineSolvers(): Solver[] {
  return pythonBaselineLadder(textBaseline);
}
