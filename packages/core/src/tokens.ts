// The tsyringe tokens of the core. The extension points, Backstage-style: each one is a typed
// token (`ExtensionPoint<T>`: the token is the contribution's type, its symbol is what the
// composition's container registers the contributions under), the PluginApi method that registers
// a contribution, and how its id is read. This table is the one place an extension point is
// declared: `PluginApi`'s add methods, the host's registry and `ContributionKind` all derive from
// it. Below it, the tokens of the pipeline's services, which compose() registers.
import type { Designer, Exporter, Importer, Reporter, Reviewer, VerifierRule } from './contracts/extensions.js';
import type { Solver } from './contracts/execution.js';
import type { SchedulerFactory } from './contracts/scheduler.js';
import type { LlmBackend } from './contracts/llm.js';
import type { Metric } from './contracts/metric.js';
import type { DependencyContainer } from 'tsyringe';
import type { ExecutorFactory } from './contracts/plugin.js';
import type { MleSmithConfig } from './contracts/config.js';
import type { Logger } from './contracts/execution.js';
import type { Grader } from './contracts/metric.js';
import type { PluginHost } from './plugin-host.js';
import type { CreateAgentContext, CreateExecutor, DatasetProfiler, OpenRunStore } from './services.js';

/**
 * A typed tsyringe token: the container keys on `token` (`@inject(CONFIG.token)`,
 * `container.register(DESIGNER.token, …)`), and `T` is what it resolves to, so `resolve(c, CONFIG)`
 * and `registry.all(DESIGNER)` need no casts.
 */
export interface Token<T> {
  readonly token: symbol;
  /** Type-only: what this token stands for. */
  readonly __type?: T;
}

export interface ExtensionPoint<T, M extends string = string> extends Token<T> {
  /** The kind shown by `mle-smith plugins` and used in errors, e.g. "designer". */
  readonly kind: string;
  /** The PluginApi method that registers one contribution, e.g. "addDesigner". */
  readonly method: M;
  /** The contribution's id, unique per extension point. */
  idOf(contribution: T): string;
}

// Symbol.for: two copies of the core in one process still share the tokens.
const symbolOf = (name: string): symbol => Symbol.for(`@mle-smith/core:${name}`);

function extensionPoint<T>() {
  return <M extends string>(kind: string, method: M, idOf: (c: T) => string): ExtensionPoint<T, M> => ({ kind, method, idOf, token: symbolOf(kind) });
}

export const DESIGNER = extensionPoint<Designer>()('designer', 'addDesigner', (d) => d.id);
export const VERIFIER_RULE = extensionPoint<VerifierRule>()('rule', 'addVerifierRule', (r) => r.id);
export const REVIEWER = extensionPoint<Reviewer>()('reviewer', 'addReviewer', (r) => r.id);
export const EXECUTOR = extensionPoint<ExecutorFactory>()('executor', 'addExecutor', (f) => f.id);
export const LLM_BACKEND = extensionPoint<LlmBackend>()('llm', 'addLlmBackend', (b) => b.id);
export const SOLVER = extensionPoint<Solver>()('solver', 'addSolver', (s) => s.id);
export const REPORTER = extensionPoint<Reporter>()('reporter', 'addReporter', (r) => r.id);
export const EXPORTER = extensionPoint<Exporter>()('exporter', 'addExporter', (e) => e.format);
export const IMPORTER = extensionPoint<Importer>()('importer', 'addImporter', (i) => i.format);
export const METRIC = extensionPoint<Metric>()('metric', 'addMetric', (m) => m.name);
/** Who runs the pipeline's jobs beyond this process (`--queue`); in-process needs no contribution. */
export const SCHEDULER = extensionPoint<SchedulerFactory>()('scheduler', 'addScheduler', (s) => s.id);

/** Every extension point by kind. Add a new one here and nowhere else. */
export const EXTENSION_POINTS = {
  designer: DESIGNER, rule: VERIFIER_RULE, reviewer: REVIEWER, executor: EXECUTOR, llm: LLM_BACKEND,
  solver: SOLVER, reporter: REPORTER, exporter: EXPORTER, importer: IMPORTER, metric: METRIC, scheduler: SCHEDULER,
} as const;

type Points = typeof EXTENSION_POINTS;
export type ContributionKind = keyof Points;
export type ContributionOf<K extends ContributionKind> = Points[K] extends ExtensionPoint<infer T, string> ? T : never;

/** `addDesigner(designer)`, `addVerifierRule(rule)`, …: one method per extension point. */
export type ExtensionAdders = { [K in ContributionKind as Points[K]['method']]: (contribution: ContributionOf<K>) => void };

const serviceToken = <T>(name: string): Token<T> => ({ token: symbolOf(`service:${name}`) });

/** The pipeline's services, registered by compose() in the composition's container. */
/** The composition's container itself (tsyringe does not register a container in itself). */
export const CONTAINER = serviceToken<DependencyContainer>('container');
export const CONFIG = serviceToken<MleSmithConfig>('config');
export const LOGGER = serviceToken<Logger>('logger');
export const PROFILER = serviceToken<DatasetProfiler>('profiler');
export const GRADER = serviceToken<Grader | undefined>('grader');
export const PLUGIN_HOST = serviceToken<PluginHost>('plugin-host');
export const OPEN_RUN_STORE = serviceToken<OpenRunStore>('open-run-store');
export const CREATE_EXECUTOR = serviceToken<CreateExecutor>('create-executor');
export const CREATE_AGENT_CONTEXT = serviceToken<CreateAgentContext>('create-agent-context');
