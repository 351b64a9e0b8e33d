// What every stage of a run shares: config, plugins, the run store, hooks, reporters, the stage
// runner, the lazily created executor and the LLM settings.
import type { MleSmithConfig } from '../contracts/config.js';
import type { Executor, Logger } from '../contracts/execution.js';
import type { LedgerEntry } from '../contracts/extensions.js';
import type { AgentContext } from '../contracts/llm.js';
import type { Grader } from '../contracts/metric.js';
import type { HookScope } from '../contracts/plugin.js';
import type { Finding } from '../contracts/task.js';
import { scopeAgentContext } from '../agent-context.js';
import type { HookDriver } from '../hook-driver.js';
import type { PluginHost } from '../plugin-host.js';
import { ReporterDriver, configuredReporters } from '../reporter-driver.js';
import type { RunStore } from '../run-store.js';
import type { PipelineServices } from '../services.js';
import { resolveAgentRung, type AgentRungPlan } from './agent-rung.js';
import { runInputs } from './stage-inputs.js';
import { stageRunner, type ProgressEvent, type StageFn, type StageRunner, type StageScope } from './stage-runner.js';

export interface RunContext {
  config: MleSmithConfig;
  host: PluginHost;
  store: RunStore;
  log: Logger;
  hooks: HookDriver;
  reporters: ReporterDriver;
  stage: StageFn;
  redoLineIfChanged: StageRunner['redoLineIfChanged'];
  halt: StageRunner['halt'];
  grader?: Grader;
  signal?: AbortSignal;
  version?: string;
  /** The configured executor, created on first use and disposed at the end of the run. */
  executor(): Promise<Executor>;
  /** The run's LLM with its settings, budgets, cache and ledger, when `llm.backend` is configured. */
  agent?: AgentContext;
  /** The agent context for one dataset or task. */
  agentFor(scope: StageScope): AgentContext | undefined;
  /** The execute stage's agent rung (agent-rung.ts), when an LLM is configured and `execute.agent` is not off. */
  agentRung?: AgentRungPlan;
  ledger: LedgerEntry[];
  /** onFinding for a finding of `stage` in `scope`. */
  reportFinding(stage: HookScope['stage'], scope: StageScope): (finding: Finding) => Promise<void>;
  dispose(): Promise<void>;
}

export interface RunContextOptions extends Pick<PipelineServices, 'config' | 'host' | 'log' | 'grader' | 'createExecutor' | 'createAgentContext'> {
  store: RunStore;
  signal?: AbortSignal;
  version?: string;
  onProgress?: (event: ProgressEvent) => void;
  /** No reporters: a queue worker's job, whose run the coordinator reports. */
  quiet?: boolean;
}

export async function createRunContext(o: RunContextOptions): Promise<RunContext> {
  const { config, host, store } = o;
  const reporters = o.quiet ? new ReporterDriver([]) : await configuredReporters(host, config.report);
  const hooks = host.hooks;
  const ledger: LedgerEntry[] = [];
  const agent = await o.createAgentContext({ runId: store.runId, runDir: store.dir, ledger });
  // resolved before the inputs: a solver plugin loaded on demand is no input (stage-inputs.ts)
  const agentRung = await resolveAgentRung(host, config, agent !== undefined, o.log);
  let executor: Promise<Executor> | undefined;
  return {
    config, host, store, log: o.log, hooks, reporters, grader: o.grader, signal: o.signal, version: o.version, agent, ledger, agentRung,
    ...stageRunner({ store, hooks, reporters, onProgress: o.onProgress, signal: o.signal, inputs: await runInputs(config, host, o.version) }),
    agentFor: (scope) => scopeAgentContext(agent, scope),
    reportFinding: (stage, scope) => (finding) => hooks.sequential('onFinding', { stage, ...scope }, finding, { stage, ...scope }),
    executor() {
      // One executor for the whole run, even when two tasks ask for it at once.
      executor ??= o.createExecutor().then(async (e) => {
        await e.cleanup?.();
        return e;
      });
      return executor;
    },
    async dispose() {
      const created = await executor?.catch(() => undefined);
      await created?.dispose();
    },
  };
}
