// Runs plugin hooks by kind. A throwing hook is re-thrown as PluginHookError naming the
// plugin, the hook and the stage; onRunEnd errors are isolated (logged, never thrown).
import type { Logger } from './contracts/execution.js';
import type { HookScope, Plugin, PluginHooks } from './contracts/plugin.js';
import type { TaskSpec } from './contracts/task.js';
import { PluginHookError, errorMessage } from './errors.js';

type HookArgs<K extends keyof PluginHooks> = Parameters<NonNullable<PluginHooks[K]>>;

export class HookDriver {
  constructor(
    private readonly plugins: readonly Plugin[],
    private readonly log: Logger,
  ) {}

  private withHook<K extends keyof PluginHooks>(hook: K): Plugin[] {
    return this.plugins.filter((p) => typeof p[hook] === 'function');
  }

  private async call<K extends keyof PluginHooks>(plugin: Plugin, hook: K, stage: string, args: HookArgs<K>): Promise<unknown> {
    try {
      return await (plugin[hook] as (...a: unknown[]) => unknown).apply(plugin, args);
    } catch (err) {
      if (err instanceof PluginHookError) throw err;
      throw new PluginHookError(plugin.name, hook, stage, err);
    }
  }

  /** parallel: all plugins at once; the first failure rejects. */
  async parallel<K extends 'onRunStart'>(hook: K, stage: string, ...args: HookArgs<K>): Promise<void> {
    await Promise.all(this.withHook(hook).map((p) => this.call(p, hook, stage, args)));
  }

  /** sequential: one plugin after another, in plugin order. */
  async sequential<K extends 'beforeStage' | 'afterStage' | 'onFinding'>(hook: K, scope: HookScope, ...args: HookArgs<K>): Promise<void> {
    for (const p of this.withHook(hook)) await this.call(p, hook, scope.stage, args);
  }

  /** waterfall: each plugin sees the previous result and may return a replacement. */
  async transformTaskSpec(spec: TaskSpec, scope: HookScope): Promise<TaskSpec> {
    let current = spec;
    for (const p of this.withHook('transformTaskSpec')) {
      const next = (await this.call(p, 'transformTaskSpec', scope.stage, [current, scope])) as TaskSpec | undefined;
      if (next) current = next;
    }
    return current;
  }

  /** parallel with errors isolated: a failing onRunEnd is logged, never fails the run. */
  async parallelIsolated<K extends 'onRunEnd'>(hook: K, ...args: HookArgs<K>): Promise<void> {
    const results = await Promise.allSettled(this.withHook(hook).map((p) => this.call(p, hook, 'run', args)));
    for (const r of results) if (r.status === 'rejected') this.log.warn(errorMessage(r.reason));
  }
}
