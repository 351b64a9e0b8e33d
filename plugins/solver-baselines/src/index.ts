// @mle-smith/plugin-solver-baselines: the tabular baseline ladder (trivial, simple, strong). The
// verdict over its graded runs is the core's ladderVerdict (packages/core/src/ladder.ts).
import { definePlugin } from '@mle-smith/core';
import { baselineSolvers } from './baseline-solver.js';

export {
  BASELINE_TIERS, EXIT_INVALID_SUBMISSION, SUBMISSION_FILE, TASK_PUBLIC_FILE, baselineSolver, baselineSolvers,
} from './baseline-solver.js';
export type { BaselineSolverId } from './baseline-solver.js';
export { PYTHON_DIR, tierSources } from './python-sources.js';
export { SUPPORTED_OBJECTIVES, taskPublicSpec } from './task-public.js';
export type { TaskPublicSpec } from './task-public.js';

export const PLUGIN_NAME = 'solver-baselines';

export default definePlugin(() => ({
  name: PLUGIN_NAME,
  apiVersion: 1,
  setup(api) {
    for (const solver of baselineSolvers()) api.addSolver(solver);
  },
}));
