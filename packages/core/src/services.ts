// The pipeline's services. The profiler comes from the shared packages, named here so the core
// does not depend on them: the CLI's composition root and testkit pass the implementation
// (@mle-smith/data) to compose(). The factories are registered by compose() (tokens.ts).
import type { MleSmithConfig, SolverLlmConfig } from './contracts/config.js';
import type { Executor, Logger } from './contracts/execution.js';
import type { LedgerEntry } from './contracts/extensions.js';
import type { AgentContext } from './contracts/llm.js';
import type { Grader } from './contracts/metric.js';
import type { DatasetProfile } from './contracts/task.js';
import type { PluginHost } from './plugin-host.js';
import type { RunStore } from './run-store.js';

export interface DatasetProfiler {
  /**
   * Reads and profiles a dataset folder; throws DatasetError for malformed input. `signal`: the
   * run's interrupt, on which a profiler working in a child process kills it.
   */
  profile(datasetDir: string, options?: { signal?: AbortSignal }): Promise<DatasetProfile>;
}

/** Opens the run store of `config.out` (a new run, or the one a killed run left to resume). */
export type OpenRunStore = () => Promise<RunStore>;

/** Creates the configured executor (`config.executor`), loading its first-party plugin when needed. */
export type CreateExecutor = () => Promise<Executor>;

/**
 * The run's AgentContext from the configured LLM backend; undefined when `llm.backend` is "none".
 * `llm`: a solver entry's own LLM, whose keys override the run's `llm` (eval of many models).
 */
export type CreateAgentContext = (run: { runId: string; runDir: string; ledger?: LedgerEntry[]; llm?: SolverLlmConfig }) => Promise<AgentContext | undefined>;

/** What the pipeline's entry points (run, verify) are built on; each one is resolved from the composition's container. */
export interface PipelineServices {
  config: MleSmithConfig;
  host: PluginHost;
  profiler: DatasetProfiler;
  grader?: Grader;
  log: Logger;
  openRunStore: OpenRunStore;
  createExecutor: CreateExecutor;
  createAgentContext: CreateAgentContext;
}
