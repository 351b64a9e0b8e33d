// The agent rung of the execute stage (docs/agents.md#agent-rung): with an LLM configured, a
// registered Solver (solver-agent's "agent", looked up by id and loaded on demand, never imported)
// solves each task from its public view alone, up to `execute.agentAttempts` times. Its record is
// the task's fidelity; a task it cannot make a valid submission for has a description that does
// not say enough: a warning in "report" mode, an error the designer repairs in "require" mode.
import type { MleSmithConfig } from '../contracts/config.js';
import { BASELINE_TIERS, isBaselineTier, type Logger, type Solver } from '../contracts/execution.js';
import type { LadderEntry } from '../contracts/extensions.js';
import type { AgentContext } from '../contracts/llm.js';
import type { AgentFidelity, AgentRungMode, Finding } from '../contracts/task.js';
import { PluginLoadError, errorMessage } from '../errors.js';
import type { PluginHost } from '../plugin-host.js';

export const DEFAULT_AGENT_ATTEMPTS = 2;
export const DEFAULT_AGENT_SOLVER = 'agent';
export const AGENT_FIDELITY_RULE = 'execute/agent-fidelity';

/** The rung a run's execute stage adds: which solver, in which mode, how many attempts. */
export interface AgentRungPlan {
  solver: Solver;
  mode: Exclude<AgentRungMode, 'off'>;
  attempts: number;
}

/** What the execute stage of one task gets: the plan and the task-scoped LLM the solver runs on. */
export interface AgentRung extends AgentRungPlan {
  context: AgentContext;
}

/**
 * `execute.agent` with its default: "report" when an LLM is configured, "off" without one (a
 * "report" or "require" left in the config of an offline run is off too: there is no model).
 */
export function agentRungMode(config: MleSmithConfig, llmConfigured: boolean): AgentRungMode {
  if (!llmConfigured || !config.execute.enabled) return 'off';
  return config.execute.agent ?? 'report';
}

/**
 * The run's agent rung, or undefined when it is off. The solver is looked up by id, loading its
 * first-party plugin (solver-agent for "agent") when no listed plugin registers it. When the mode
 * is only the default and that plugin is not installed, the rung is off with a warning; when the
 * config asks for the rung, a missing solver is a config error.
 */
export async function resolveAgentRung(host: PluginHost, config: MleSmithConfig, llmConfigured: boolean, log: Logger): Promise<AgentRungPlan | undefined> {
  const mode = agentRungMode(config, llmConfigured);
  if (mode === 'off') {
    if (!llmConfigured && config.execute.enabled && (config.execute.agent === 'report' || config.execute.agent === 'require')) {
      log.warn(`execute.agent is "${config.execute.agent}" but no LLM is configured (llm.backend "none"): the agent rung is off`);
    }
    return undefined;
  }
  const id = config.execute.agentSolver ?? DEFAULT_AGENT_SOLVER;
  try {
    await host.ensureContribution('solver', id);
  } catch (err) {
    if (config.execute.agent !== undefined || !(err instanceof PluginLoadError)) throw err;
    log.warn(`the agent rung is off: ${errorMessage(err)} (or set execute.agent to "off")`);
    return undefined;
  }
  const solver = host.solvers().find((s) => s.id === id)!;
  return { solver, mode, attempts: config.execute.agentAttempts ?? DEFAULT_AGENT_ATTEMPTS };
}

/** One agent attempt as the execute stage graded it. */
export interface AgentAttempt {
  seed: number;
  status: string;
  score: number | null;
  error?: string;
}

/** The fidelity record and its findings from the attempts made and the graded baseline ladder. */
export function agentFidelity(
  rung: Pick<AgentRungPlan, 'mode' | 'attempts'> & { solver: string },
  attempts: AgentAttempt[], ladder: LadderEntry[], higherIsBetter: boolean,
): { fidelity: AgentFidelity; findings: Finding[] } {
  const valid = attempts.find((a) => a.score !== null);
  const last = attempts.at(-1);
  const score = valid?.score ?? null;
  const margins: AgentFidelity['margins'] = {};
  if (score !== null) {
    for (const e of ladder) {
      if (isBaselineTier(e.tier) && e.score !== null && margins[e.tier] === undefined) margins[e.tier] = higherIsBetter ? score - e.score : e.score - score;
    }
  }
  const tiers = BASELINE_TIERS.filter((t) => margins[t] !== undefined);
  const beaten = tiers.filter((t) => margins[t]! > 0).at(-1);
  const fidelity: AgentFidelity = {
    solver: rung.solver, mode: rung.mode, attempts: attempts.length, maxAttempts: rung.attempts, valid: valid !== undefined, score,
    position: tiers.length === 0 ? null : beaten ? `above-${beaten}` : 'below-trivial',
    margins,
    ...(valid || !last ? {} : { error: last.error ?? `the agent's run ended ${last.status} without a valid submission` }),
    runs: attempts.map((a, i) => ({ attempt: i + 1, seed: a.seed, status: a.status, score: a.score, ...(a.error ? { error: a.error } : {}) })),
  };
  const findings: Finding[] = [];
  const data = { solver: rung.solver, attempts: attempts.length, valid: fidelity.valid, score, position: fidelity.position };
  if (!fidelity.valid) {
    findings.push({
      ruleId: AGENT_FIDELITY_RULE, severity: rung.mode === 'require' ? 'error' : 'warning', phase: 'execute',
      message: `description insufficient: ${fidelity.error}`, data: { ...data, error: fidelity.error },
    });
  } else if (margins.trivial !== undefined && margins.trivial <= 0) {
    findings.push({
      ruleId: AGENT_FIDELITY_RULE, severity: 'warning', phase: 'execute',
      message: `the agent's valid submission (${rung.solver}, score ${score}) is no better than the trivial baseline`, data,
    });
  }
  return { fidelity, findings };
}
