// @mle-smith/plugin-solver-command: any agent (a command, or a container image under the docker
// executor) as a Solver. Options: one agent, or { agents: [...] } for several.
import { definePlugin } from '@mle-smith/core';
import { commandSolver } from './command-solver.js';
import { agentsOf, optionsSchema, type SolverCommandOptions } from './options.js';

export {
  commandSolver, AGENT_DIR, LEDGER_FILE, LLM_SOCKET_ENV, LOGS_DIR, SUBMISSION_FILE, WORKSPACE_PATH, type CommandSolverSetup,
} from './command-solver.js';
export { agentSchema, agentsOf, optionsSchema, RESERVED_ENV } from './options.js';
export type { CommandAgentLlm, CommandAgentOptions, SolverCommandOptions } from './options.js';

export const PLUGIN_NAME = 'solver-command';

export default definePlugin<SolverCommandOptions>(
  (options) => ({
    name: PLUGIN_NAME,
    apiVersion: 1,
    setup(api) {
      for (const agent of agentsOf(options)) api.addSolver(commandSolver(agent, { configDir: api.configDir }));
    },
  }),
  optionsSchema as unknown as Record<string, unknown>,
);
