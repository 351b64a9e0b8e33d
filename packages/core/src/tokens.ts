// One tsyringe token per extension point and per core service. Plugins never import
// tsyringe: they register through PluginApi, and the host puts contributions under these tokens.
import type { InjectionToken } from 'tsyringe';
import type { Designer, Exporter, Reporter, Reviewer, VerifierRule } from './contracts/extensions.js';
import type { Logger, Solver } from './contracts/execution.js';
import type { LlmBackend } from './contracts/llm.js';
import type { Grader, Metric } from './contracts/metric.js';
import type { ExecutorFactory } from './contracts/plugin.js';
import type { MleSmithConfig } from './contracts/config.js';
import type { DatasetProfiler } from './services.js';

export const DESIGNER: InjectionToken<Designer> = Symbol.for('mle-smith.Designer');
export const VERIFIER_RULE: InjectionToken<VerifierRule> = Symbol.for('mle-smith.VerifierRule');
export const REVIEWER: InjectionToken<Reviewer> = Symbol.for('mle-smith.Reviewer');
export const EXECUTOR: InjectionToken<ExecutorFactory> = Symbol.for('mle-smith.Executor');
export const LLM_BACKEND: InjectionToken<LlmBackend> = Symbol.for('mle-smith.LlmBackend');
export const SOLVER: InjectionToken<Solver> = Symbol.for('mle-smith.Solver');
export const REPORTER: InjectionToken<Reporter> = Symbol.for('mle-smith.Reporter');
export const EXPORTER: InjectionToken<Exporter> = Symbol.for('mle-smith.Exporter');
export const METRIC: InjectionToken<Metric> = Symbol.for('mle-smith.Metric');

// Core services the composition root (the CLI) provides.
export const CONFIG: InjectionToken<MleSmithConfig> = Symbol.for('mle-smith.Config');
export const LOGGER: InjectionToken<Logger> = Symbol.for('mle-smith.Logger');
export const PROFILER: InjectionToken<DatasetProfiler> = Symbol.for('mle-smith.DatasetProfiler');
export const GRADER: InjectionToken<Grader> = Symbol.for('mle-smith.Grader');
