// Calls reporters, which only observe. A throwing reporter is re-thrown as PluginHookError naming
// the plugin that registered it, the callback and the stage, exactly as a throwing hook is.
import type { Reporter, RunInfo, RunSummary, StageEvent, TaskSummary } from './contracts/extensions.js';
import { PluginHookError } from './errors.js';
import type { PluginHost } from './plugin-host.js';
import { REPORTER } from './tokens.js';

/** A reporter and the plugin that registered it. */
export interface OwnedReporter {
  plugin: string;
  reporter: Reporter;
}

type Callback = 'onRunStart' | 'onStageEnd' | 'onTaskVerdict' | 'onRunEnd';

export class ReporterDriver {
  constructor(private readonly reporters: readonly OwnedReporter[]) {}

  /** The ids of the reporters this driver calls, in call order. */
  get ids(): string[] {
    return this.reporters.map((r) => r.reporter.id);
  }

  /** Reporters one after another, in plugin order; the first failure stops the run. */
  private async each<K extends Callback>(callback: K, stage: string, arg: Parameters<NonNullable<Reporter[K]>>[0]): Promise<void> {
    for (const { plugin, reporter } of this.reporters) {
      const fn = reporter[callback] as ((a: typeof arg) => void | Promise<void>) | undefined;
      if (!fn) continue;
      try {
        await fn.call(reporter, arg);
      } catch (err) {
        throw new PluginHookError(plugin, `reporter ${reporter.id}.${callback}`, stage, err);
      }
    }
  }

  onRunStart = (info: RunInfo): Promise<void> => this.each('onRunStart', 'run', info);
  onStageEnd = (event: StageEvent): Promise<void> => this.each('onStageEnd', event.stage, event);
  onTaskVerdict = (verdict: TaskSummary): Promise<void> => this.each('onTaskVerdict', 'verdict', verdict);
  onRunEnd = (summary: RunSummary): Promise<void> => this.each('onRunEnd', 'run', summary);
}

/** The reporters config `report` names (loading first-party ones no listed plugin registers), in plugin order. */
export async function configuredReporters(host: PluginHost, ids: readonly string[]): Promise<ReporterDriver> {
  for (const id of ids) await host.ensureContribution('reporter', id);
  const chosen = host.registry.entries(REPORTER).filter((c) => ids.includes(c.value.id));
  return new ReporterDriver(chosen.map((c) => ({ plugin: c.plugin, reporter: c.value })));
}
