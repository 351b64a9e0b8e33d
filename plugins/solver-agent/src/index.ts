// @mle-smith/plugin-solver-agent: an LLM coding agent as a Solver (id "agent", no ladder tier).
import { definePlugin } from '@mle-smith/core';
import { agentSolver } from './agent-solver.js';
import { optionsSchema, type SolverAgentOptions } from './options.js';

export { agentSolver, userMessage, ANSWER_SCHEMA, CONVERSATION_FILE, NO_LLM_ERROR, PROMPT_DIR } from './agent-solver.js';
export type { AgentAnswer, AgentSolverContext } from './agent-solver.js';
// the format check moved to @mle-smith/metrics (the task environment's validate uses it too)
export { checkSubmissionFormat, PROBABILITY_SUM_TOLERANCE } from '@mle-smith/metrics';
export type { SubmissionCheck } from '@mle-smith/metrics';
export { optionsSchema, resolveOptions } from './options.js';
export type { ResolvedSolverAgentOptions, SolverAgentOptions } from './options.js';
export { createSolverTools, ATTEMPTS_DIR, SOLUTION_FILE, SUBMISSION_FILE } from './tools.js';
export type { AgentState, ToolEnv } from './tools.js';
export { TRANSCRIPT_FILE, Transcript } from './transcript.js';
export type { TranscriptEvent } from './transcript.js';

export const PLUGIN_NAME = 'solver-agent';

export default definePlugin<SolverAgentOptions>(
  (options) => ({
    name: 'solver-agent',
    apiVersion: 1,
    setup(api) {
      api.addSolver(agentSolver(options));
    },
  }),
  optionsSchema as unknown as Record<string, unknown>,
);
