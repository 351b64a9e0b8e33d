// The composition both the CLI (packages/cli/src/composition-root.ts) and testkit's runPipeline()
// use. compose() creates a child of tsyringe's root container, registers the pipeline's services
// under the tokens of tokens.ts (config, logger, profiler, grader, the plugin host and the
// factories of the run store, the configured executor and the AgentContext), loads the plugins
// (their contributions land in the same container), and has the container construct the Pipeline.
import type { DependencyContainer } from 'tsyringe';
import type { MleSmithConfig } from '../contracts/config.js';
import type { Logger } from '../contracts/execution.js';
import type { Grader } from '../contracts/metric.js';
import type { PluginInput } from '../plugin-host.js';
import type { DatasetProfiler, PipelineServices } from '../services.js';
import type { PipelineOptions, PipelineResult, QueueOptions } from './run-pipeline.js';
import type { TaskDirVerification } from './verify-task-dir.js';
import type { JobOutcome, SchedulerJob } from '../contracts/scheduler.js';
import type { PipelineJobOptions } from './pipeline-jobs.js';

export interface ComposeOptions {
  config: MleSmithConfig;
  /** Folder relative plugin entries resolve from (the config file's folder). */
  configDir: string;
  plugins: readonly PluginInput[];
  log: Logger;
  profiler: DatasetProfiler;
  /** Needed by the execute stage and `verify --execute`. */
  grader?: Grader;
  /** Where first-party plugins resolve when the config's folder cannot see them. */
  fallbackResolveFrom?: string;
}

/** The pipeline built by compose(): its services, as the container resolved them, and its entry points. */
export interface Composition extends PipelineServices {
  /** The composition's container: every service and every contribution, under the tokens of tokens.ts. */
  container: DependencyContainer;
  /** `mle-smith run`: the whole pipeline over config.datasets (with `queue`, workers run the stages first). */
  run(options?: Pick<PipelineOptions, 'onProgress' | 'signal' | 'version' | 'queue'>): Promise<PipelineResult>;
  /** `mle-smith run --detach`: adds the run's first jobs to the queue and returns. */
  submit(queue: QueueOptions): Promise<{ runId: string; runDir: string }>;
  /** `mle-smith worker`: one job of a queued run, in this process. */
  runJob(job: SchedulerJob, options?: Pick<PipelineJobOptions, 'onProgress' | 'signal' | 'version'>): Promise<JobOutcome>;
  /** `mle-smith verify`: any package through verifyPackage(), optionally with the baseline ladder. */
  verify(taskDir: string, options?: { execute?: boolean }): Promise<TaskDirVerification>;
}

export async function compose(o: ComposeOptions): Promise<Composition> {
  // tsyringe and the decorated Pipeline load here, not with the package (see di.ts)
  const { composeContainer } = await import('./pipeline-container.js');
  return composeContainer(o);
}
