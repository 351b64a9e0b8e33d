// The composition both the CLI (packages/cli/src/composition-root.ts) and testkit's runPipeline()
// use: the plugin host loaded from the config's plugins, the services the core needs from the
// shared packages, and the pipeline's entry points built on them.
import type { MleSmithConfig } from '../contracts/config.js';
import type { Logger } from '../contracts/execution.js';
import type { Grader } from '../contracts/metric.js';
import { PluginHost, type PluginInput } from '../plugin-host.js';
import type { DatasetProfiler } from '../services.js';
import { runPipeline, type PipelineOptions, type PipelineResult } from './run-pipeline.js';
import { verifyTaskDir, type TaskDirVerification } from './verify-task-dir.js';

export interface ComposeOptions {
  config: MleSmithConfig;
  /** Folder relative plugin entries resolve from (the config file's folder). */
  configDir: string;
  plugins: readonly PluginInput[];
  log: Logger;
  profiler: DatasetProfiler;
  grader: Grader;
  /** Where first-party plugins resolve when the config's folder cannot see them. */
  fallbackResolveFrom?: string;
}

export interface Composition {
  config: MleSmithConfig;
  host: PluginHost;
  profiler: DatasetProfiler;
  grader: Grader;
  log: Logger;
  /** `mle-smith run`: the whole pipeline over config.datasets. */
  run(options?: Pick<PipelineOptions, 'onProgress' | 'signal' | 'version'>): Promise<PipelineResult>;
  /** `mle-smith verify`: any package through verifyPackage(), optionally with the baseline ladder. */
  verify(taskDir: string, options?: { execute?: boolean }): Promise<TaskDirVerification>;
}

export async function compose(o: ComposeOptions): Promise<Composition> {
  const host = await PluginHost.load(o.plugins, { configDir: o.configDir, log: o.log, fallbackResolveFrom: o.fallbackResolveFrom });
  const { config, profiler, grader, log } = o;
  return {
    config, host, profiler, grader, log,
    run: (options = {}) => runPipeline({ config, host, profiler, grader, log, ...options }),
    verify: (taskDir, options = {}) => verifyTaskDir(taskDir, { config, host, grader, log, execute: options.execute ?? false }),
  };
}
