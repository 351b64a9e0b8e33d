import { describe, expect, it } from 'vitest';
import type { LadderEntry } from '../contracts/extensions.js';
import type { Logger, Solver } from '../contracts/execution.js';
import { resolveConfig } from '../config-loader.js';
import { ConfigError } from '../errors.js';
import { PluginHost } from '../plugin-host.js';
import { agentFidelity, agentRungMode, resolveAgentRung } from './agent-rung.js';

const ladder: LadderEntry[] = [
  { solver: 'baseline-trivial', tier: 'trivial', status: 'ok', score: 0.4 },
  { solver: 'baseline-simple', tier: 'simple', status: 'ok', score: 0.8 },
  { solver: 'baseline-strong', tier: 'strong', status: 'ok', score: 0.9 },
];
const rung = { solver: 'agent', mode: 'require' as const, attempts: 2 };
const config = (execute: Record<string, unknown> = {}) => resolveConfig({ execute }, '/tmp', 'test');

function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => {}, debug: () => {}, warn: (m) => warnings.push(m) };
}

describe('agentRungMode', () => {
  it('defaults to report with an LLM and off without one; off whenever execution is', () => {
    expect(agentRungMode(config(), true)).toBe('report');
    expect(agentRungMode(config(), false)).toBe('off');
    expect(agentRungMode(config({ agent: 'require' }), false)).toBe('off');
    expect(agentRungMode(config({ agent: 'require' }), true)).toBe('require');
    expect(agentRungMode(config({ agent: 'off' }), true)).toBe('off');
    expect(agentRungMode(config({ enabled: false, agent: 'require' }), true)).toBe('off');
  });

  it('writes no default into the resolved config, so an offline run records the config it always did', () => {
    const execute = config().execute as unknown as Record<string, unknown>;
    expect(Object.keys(execute)).not.toEqual(expect.arrayContaining(['agent']));
    expect('agentAttempts' in execute || 'agentSolver' in execute).toBe(false);
  });
});

describe('resolveAgentRung', () => {
  const agent: Solver = { id: 'agent', solve: async () => ({ solver: 'agent', status: 'failed', code: [] }) };
  const hostWith = (solvers: Solver[]) => PluginHost.load([{ name: 'p', apiVersion: 1, setup: (api) => solvers.forEach((s) => api.addSolver(s)) }], { configDir: '/tmp', log: recordingLog() });

  it('finds the registered solver by id, with the attempts', async () => {
    const plan = await resolveAgentRung(await hostWith([agent]), config({ agentAttempts: 3 }), true, recordingLog());
    expect(plan).toEqual({ solver: agent, mode: 'report', attempts: 3 });
  });

  it('is off without an LLM, with a warning when the config asked for it', async () => {
    const log = recordingLog();
    expect(await resolveAgentRung(await hostWith([agent]), config({ agent: 'require' }), false, log)).toBeUndefined();
    expect(log.warnings).toEqual(['execute.agent is "require" but no LLM is configured (llm.backend "none"): the agent rung is off']);
    const quiet = recordingLog();
    expect(await resolveAgentRung(await hostWith([agent]), config(), false, quiet)).toBeUndefined();
    expect(quiet.warnings).toEqual([]);
  });

  it('a solver id no plugin provides is a config error', async () => {
    await expect(resolveAgentRung(await hostWith([agent]), config({ agentSolver: 'my-agent' }), true, recordingLog())).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('agentFidelity', () => {
  it('records a valid first attempt, its margins over each tier and its position', () => {
    const { fidelity, findings } = agentFidelity(rung, [{ seed: 42, status: 'ok', score: 0.85 }], ladder, true);
    expect(fidelity).toEqual({
      solver: 'agent', mode: 'require', attempts: 1, maxAttempts: 2, valid: true, score: 0.85, position: 'above-simple',
      margins: { trivial: expect.closeTo(0.45, 9), simple: expect.closeTo(0.05, 9), strong: expect.closeTo(-0.05, 9) },
      runs: [{ attempt: 1, seed: 42, status: 'ok', score: 0.85 }],
    });
    expect(findings).toEqual([]);
  });

  it('counts gains in the metric\'s direction (lower is better)', () => {
    const rmse: LadderEntry[] = [{ solver: 't', tier: 'trivial', status: 'ok', score: 10 }, { solver: 's', tier: 'simple', status: 'ok', score: 5 }];
    expect(agentFidelity(rung, [{ seed: 1, status: 'ok', score: 4 }], rmse, false).fidelity).toMatchObject({ position: 'above-simple', margins: { trivial: 6, simple: 1 } });
    expect(agentFidelity(rung, [{ seed: 1, status: 'ok', score: 12 }], rmse, false).fidelity).toMatchObject({ position: 'below-trivial', margins: { trivial: -2, simple: -7 } });
  });

  it('require: no valid submission in K attempts is an error finding quoting the agent\'s last error', () => {
    const attempts = [
      { seed: 42, status: 'invalid', score: null, error: 'solver-agent: submission.csv is malformed: missing column(s) "y"' },
      { seed: 43, status: 'failed', score: null, error: 'solver-agent: the model did not submit within maxSteps = 30 model calls' },
    ];
    const { fidelity, findings } = agentFidelity(rung, attempts, ladder, true);
    expect(fidelity).toMatchObject({ attempts: 2, valid: false, score: null, position: null, margins: {}, error: attempts[1]!.error });
    expect(fidelity.runs.map((r) => r.status)).toEqual(['invalid', 'failed']);
    expect(findings).toEqual([{
      ruleId: 'execute/agent-fidelity', severity: 'error', phase: 'execute',
      message: 'description insufficient: solver-agent: the model did not submit within maxSteps = 30 model calls',
      data: { solver: 'agent', attempts: 2, valid: false, score: null, position: null, error: attempts[1]!.error },
    }]);
  });

  it('report: the same failure is a warning', () => {
    const { findings } = agentFidelity({ ...rung, mode: 'report' }, [{ seed: 42, status: 'timeout', score: null }], ladder, true);
    expect(findings).toMatchObject([{ severity: 'warning', message: 'description insufficient: the agent\'s run ended timeout without a valid submission' }]);
  });

  it('a valid submission no better than trivial is a warning, in either mode', () => {
    const { fidelity, findings } = agentFidelity(rung, [{ seed: 42, status: 'ok', score: 0.4 }], ladder, true);
    expect(fidelity.position).toBe('below-trivial');
    expect(findings).toMatchObject([{ ruleId: 'execute/agent-fidelity', severity: 'warning' }]);
  });
});
