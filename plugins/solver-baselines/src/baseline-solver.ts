// One Solver per ladder rung: python/<tier>.py with python/tabular.py, run through the configured
// executor by @mle-smith/baseline-kit.
import { fileURLToPath } from 'node:url';
import type { BaselineTier, Solver } from '@mle-smith/core';
import { pythonBaselineSolver } from '@mle-smith/baseline-kit';

export const BASELINE_TIERS: readonly BaselineTier[] = ['trivial', 'simple', 'strong'];
export type BaselineSolverId = `baseline-${BaselineTier}`;

/** Folder of the Python scripts; `../python` from both src/*.ts and dist/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

/** Below this train.csv size one thread beats several (start-up and synchronisation cost). */
const SINGLE_THREAD_BELOW_BYTES = 5 * 1024 * 1024;

export function baselineSolver(tier: BaselineTier): Solver {
  const id: BaselineSolverId = `baseline-${tier}`;
  return pythonBaselineSolver({
    id, tier, modalities: ['tabular'],
    script: `${PYTHON_DIR}${tier}.py`,
    extraFiles: [`${PYTHON_DIR}tabular.py`],
    singleThreadBelowBytes: SINGLE_THREAD_BELOW_BYTES,
  });
}

export function baselineSolvers(): Solver[] {
  return BASELINE_TIERS.map(baselineSolver);
}
