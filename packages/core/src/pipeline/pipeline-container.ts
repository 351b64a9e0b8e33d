// compose()'s body, loaded on demand with tsyringe: the container registrations and the Pipeline
// the container constructs. Every constructor parameter names its token with @inject (the build
// emits no decorator metadata, and the core relies on none).
import { childContainer, inject, injectable, instanceCachingFactory, resolveToken, type DependencyContainer } from '../di.js';
import type { MleSmithConfig } from '../contracts/config.js';
import type { Logger } from '../contracts/execution.js';
import type { Grader } from '../contracts/metric.js';
import { createAgentContext } from '../agent-context.js';
import { PluginHost } from '../plugin-host.js';
import { RunStore } from '../run-store.js';
import type { CreateAgentContext, CreateExecutor, DatasetProfiler, OpenRunStore } from '../services.js';
import { CONFIG, CONTAINER, CREATE_AGENT_CONTEXT, CREATE_EXECUTOR, GRADER, LOGGER, OPEN_RUN_STORE, PLUGIN_HOST, PROFILER, type Token } from '../tokens.js';
import type { ComposeOptions, Composition } from './compose.js';
import { runPipeline, submitPipeline, type PipelineOptions, type PipelineResult, type QueueOptions } from './run-pipeline.js';
import { verifyTaskDir, type TaskDirVerification } from './verify-task-dir.js';
import { runPipelineJob, type PipelineJobOptions } from './pipeline-jobs.js';
import type { JobOutcome, SchedulerJob } from '../contracts/scheduler.js';

@injectable()
export class Pipeline implements Composition {
  constructor(
    @inject(CONTAINER.token) readonly container: DependencyContainer,
    @inject(CONFIG.token) readonly config: MleSmithConfig,
    @inject(PLUGIN_HOST.token) readonly host: PluginHost,
    @inject(PROFILER.token) readonly profiler: DatasetProfiler,
    @inject(GRADER.token) readonly grader: Grader | undefined,
    @inject(LOGGER.token) readonly log: Logger,
    @inject(OPEN_RUN_STORE.token) readonly openRunStore: OpenRunStore,
    @inject(CREATE_EXECUTOR.token) readonly createExecutor: CreateExecutor,
    @inject(CREATE_AGENT_CONTEXT.token) readonly createAgentContext: CreateAgentContext,
  ) {}

  run(options: Pick<PipelineOptions, 'onProgress' | 'signal' | 'version' | 'queue'> = {}): Promise<PipelineResult> {
    return runPipeline({ ...this.services(), ...options });
  }

  submit(queue: QueueOptions): Promise<{ runId: string; runDir: string }> {
    return submitPipeline({ ...this.services(), queue });
  }

  runJob(job: SchedulerJob, options: Pick<PipelineJobOptions, 'onProgress' | 'signal' | 'version'> = {}): Promise<JobOutcome> {
    return runPipelineJob({ ...this.services(), ...options }, job);
  }

  verify(taskDir: string, options: { execute?: boolean } = {}): Promise<TaskDirVerification> {
    return verifyTaskDir(taskDir, { ...this.services(), execute: options.execute ?? false });
  }

  private services() {
    const { config, host, profiler, grader, log, openRunStore, createExecutor, createAgentContext } = this;
    return { config, host, profiler, grader, log, openRunStore, createExecutor, createAgentContext };
  }
}

/** The values compose() was given, and the services built from them on first resolution. */
export function registerServices(c: DependencyContainer, o: ComposeOptions): void {
  value(c, CONTAINER, c);
  value(c, CONFIG, o.config);
  value(c, LOGGER, o.log);
  value(c, PROFILER, o.profiler);
  // a factory: tsyringe reads `useValue: undefined` as no value (core tests compose without a grader)
  factory(c, GRADER, () => o.grader);
  const hostOptions = { configDir: o.configDir, log: o.log, fallbackResolveFrom: o.fallbackResolveFrom };
  // one host per composition: the contributions its plugins register land in this container
  factory(c, PLUGIN_HOST, instanceCachingFactory((d) => new PluginHost(hostOptions, d)));
  factory(c, OPEN_RUN_STORE, (d) => () => {
    const config = resolveToken(d, CONFIG);
    // a queued run's workers may be writing in it (a run --detach followed later): it is swept after they finish
    return RunStore.open(config.out, { config, sweep: !config.scheduler?.url });
  });
  factory(c, CREATE_EXECUTOR, (d) => () => {
    const { backend, options } = resolveToken(d, CONFIG).executor;
    return resolveToken(d, PLUGIN_HOST).createExecutor(backend, options);
  });
  factory(c, CREATE_AGENT_CONTEXT, (d) => (run) => createAgentContext(resolveToken(d, PLUGIN_HOST), resolveToken(d, CONFIG), run));
}

const value = <T>(c: DependencyContainer, t: Token<T>, useValue: T): void => void c.register<T>(t.token, { useValue });
const factory = <T>(c: DependencyContainer, t: Token<T>, useFactory: (d: DependencyContainer) => T): void => void c.register<T>(t.token, { useFactory });

export async function composeContainer(o: ComposeOptions): Promise<Composition> {
  const container = childContainer();
  registerServices(container, o);
  await resolveToken(container, PLUGIN_HOST).addAll(o.plugins);
  return container.resolve(Pipeline);
}
