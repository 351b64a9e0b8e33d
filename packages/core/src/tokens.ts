// The extension points, Backstage-style: each one is a typed token (`ExtensionPoint<T>`: the token
// is the contribution's type), the PluginApi method that registers a contribution, and how its id
// is read. This table is the one place an extension point is declared: `PluginApi`'s add methods,
// the host's registry and `ContributionKind` all derive from it.
import type { Designer, Exporter, Reporter, Reviewer, VerifierRule } from './contracts/extensions.js';
import type { Solver } from './contracts/execution.js';
import type { LlmBackend } from './contracts/llm.js';
import type { Metric } from './contracts/metric.js';
import type { ExecutorFactory } from './contracts/plugin.js';

export interface ExtensionPoint<T, M extends string = string> {
  /** The kind shown by `mle-smith plugins` and used in errors, e.g. "designer". */
  readonly kind: string;
  /** The PluginApi method that registers one contribution, e.g. "addDesigner". */
  readonly method: M;
  /** The contribution's id, unique per extension point. */
  idOf(contribution: T): string;
  /** Type-only: the contribution type this token stands for. */
  readonly __type?: T;
}

function extensionPoint<T>() {
  return <M extends string>(kind: string, method: M, idOf: (c: T) => string): ExtensionPoint<T, M> => ({ kind, method, idOf });
}

export const DESIGNER = extensionPoint<Designer>()('designer', 'addDesigner', (d) => d.id);
export const VERIFIER_RULE = extensionPoint<VerifierRule>()('rule', 'addVerifierRule', (r) => r.id);
export const REVIEWER = extensionPoint<Reviewer>()('reviewer', 'addReviewer', (r) => r.id);
export const EXECUTOR = extensionPoint<ExecutorFactory>()('executor', 'addExecutor', (f) => f.id);
export const LLM_BACKEND = extensionPoint<LlmBackend>()('llm', 'addLlmBackend', (b) => b.id);
export const SOLVER = extensionPoint<Solver>()('solver', 'addSolver', (s) => s.id);
export const REPORTER = extensionPoint<Reporter>()('reporter', 'addReporter', (r) => r.id);
export const EXPORTER = extensionPoint<Exporter>()('exporter', 'addExporter', (e) => e.format);
export const METRIC = extensionPoint<Metric>()('metric', 'addMetric', (m) => m.name);

/** Every extension point by kind. Add a new one here and nowhere else. */
export const EXTENSION_POINTS = {
  designer: DESIGNER, rule: VERIFIER_RULE, reviewer: REVIEWER, executor: EXECUTOR, llm: LLM_BACKEND,
  solver: SOLVER, reporter: REPORTER, exporter: EXPORTER, metric: METRIC,
} as const;

type Points = typeof EXTENSION_POINTS;
export type ContributionKind = keyof Points;
export type ContributionOf<K extends ContributionKind> = Points[K] extends ExtensionPoint<infer T, string> ? T : never;

/** `addDesigner(designer)`, `addVerifierRule(rule)`, …: one method per extension point. */
export type ExtensionAdders = { [K in ContributionKind as Points[K]['method']]: (contribution: ContributionOf<K>) => void };
