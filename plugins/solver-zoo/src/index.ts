// @mle-smith/plugin-solver-zoo: scripted solvers of graded strength for every modality, for
// `eval` and the agreement bench. They have no ladder tier: the execute stage never picks them.
import { definePlugin } from '@mle-smith/core';
import { zooSolvers } from './zoo.js';

export { BUDGETS, BUDGET_RUNGS, PYTHON_DIR, ZOO_LADDERS, ZOO_RUNGS, zooSolver, zooSolverId, zooSolvers, type ZooLadder, type ZooRung } from './zoo.js';

export const PLUGIN_NAME = 'solver-zoo';

export default definePlugin(() => ({
  name: PLUGIN_NAME,
  apiVersion: 1,
  setup(api) {
    for (const solver of zooSolvers()) api.addSolver(solver);
  },
}));
