// The plugin API: a plugin module's default export is a factory made with definePlugin().
import type { ExtensionAdders } from '../tokens.js';
import type { RunInfo, StageName } from './extensions.js';
import type { Executor, Logger } from './execution.js';
import type { Finding, TaskSpec } from './task.js';

/** Where a hook fired: the stage and, when it has one, the dataset and task. */
export interface HookScope {
  stage: StageName | 'run';
  dataset?: string;
  taskId?: string;
}

/**
 * Hook kinds (rollup-style): parallel hooks run together and are awaited together;
 * sequential hooks run one after another in plugin order; a waterfall hook gets the
 * previous plugin's result and may return a changed value.
 */
export interface PluginHooks {
  /** parallel */
  onRunStart?(info: RunInfo): void | Promise<void>;
  /** sequential */
  beforeStage?(scope: HookScope): void | Promise<void>;
  /** sequential */
  afterStage?(scope: HookScope & { output: unknown }): void | Promise<void>;
  /** waterfall: return a changed spec, or undefined to keep it */
  transformTaskSpec?(spec: TaskSpec, scope: HookScope): TaskSpec | void | Promise<TaskSpec | void>;
  /** sequential */
  onFinding?(finding: Finding, scope: HookScope): void | Promise<void>;
  /** parallel, errors isolated (logged, never fail the run) */
  onRunEnd?(info: RunInfo & { ok: boolean }): void | Promise<void>;
}

export type HookName = keyof PluginHooks;
export const HOOK_KINDS: Record<HookName, 'parallel' | 'sequential' | 'waterfall' | 'parallel-isolated'> = {
  onRunStart: 'parallel',
  beforeStage: 'sequential',
  afterStage: 'sequential',
  transformTaskSpec: 'waterfall',
  onFinding: 'sequential',
  onRunEnd: 'parallel-isolated',
};

/** What setup(api) gets: the plugin's options, and one `addX` method per extension point (tokens.ts). */
export interface PluginApi extends ExtensionAdders {
  /** The plugin's validated options. */
  readonly options: Record<string, unknown>;
  /** Folder of the config file, for resolving relative paths in options. */
  readonly configDir: string;
  readonly log: Logger;
}

/** Executors are created lazily: only the configured one is constructed. */
export interface ExecutorFactory {
  id: string;
  /** JSON Schema of `executor.options`; unknown keys and wrong types are rejected with their path. */
  optionsSchema?: Record<string, unknown>;
  create(options: Record<string, unknown>): Executor | Promise<Executor>;
}

export interface Plugin extends PluginHooks {
  name: string;
  apiVersion: 1;
  setup?(api: PluginApi): void | Promise<void>;
}

export interface PluginDefinition<O extends Record<string, unknown> = Record<string, unknown>> {
  (options: O): Plugin;
  /** JSON Schema the host validates options against before calling the factory. */
  optionsSchema?: Record<string, unknown>;
}

/**
 * Declares a plugin factory. `optionsSchema` is checked by the host before `factory` runs,
 * so the factory may trust its options.
 */
export function definePlugin<O extends Record<string, unknown> = Record<string, unknown>>(
  factory: (options: O) => Plugin,
  optionsSchema?: Record<string, unknown>,
): PluginDefinition<O> {
  const definition = ((options: O) => factory(options)) as PluginDefinition<O>;
  definition.optionsSchema = optionsSchema;
  return definition;
}
