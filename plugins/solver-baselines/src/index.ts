// @mle-smith/plugin-solver-baselines: the tabular baseline ladder (trivial, simple, strong). The
// verdict over its graded runs is the core's ladderVerdict (packages/core/src/ladder.ts).
import { definePlugin } from '@mle-smith/core';
import { baselineSolvers } from './baseline-solver.js';

export { BASELINE_TIERS, PYTHON_DIR, baselineSolver, baselineSolvers } from './baseline-solver.js';
export type { BaselineSolverId } from './baseline-solver.js';

export const PLUGIN_NAME = 'solver-baselines';

export default definePlugin(() => ({
  name: PLUGIN_NAME,
  apiVersion: 1,
  setup(api) {
    for (const solver of baselineSolvers()) api.addSolver(solver);
  },
}));
