// Loads plugins (normalize → resolve → validate options → construct → setup), and keeps their
// contributions in an ExtensionRegistry: the composition's tsyringe container, under one typed
// token per extension point (tokens.ts). Plugins see only the PluginApi's add methods.
import { createRequire } from 'node:module';
import type { DependencyContainer } from 'tsyringe';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Designer, Exporter, Importer, Reporter, Reviewer, VerifierRule } from './contracts/extensions.js';
import type { Executor, Logger, Solver } from './contracts/execution.js';
import type { LlmBackend } from './contracts/llm.js';
import type { Metric } from './contracts/metric.js';
import type { ExecutorFactory, Plugin, PluginApi, PluginDefinition } from './contracts/plugin.js';
import type { Scheduler, SchedulerFactory } from './contracts/scheduler.js';
import { ExtensionRegistry } from './extension-registry.js';
import type { PluginEntry } from './contracts/config.js';
import { ConfigError, PluginLoadError, errorMessage } from './errors.js';
import { HookDriver } from './hook-driver.js';
import { createAjv, formatSchemaErrors } from './schemas.js';
import * as T from './tokens.js';
import { EXTENSION_POINTS, type ContributionKind, type ExtensionAdders, type ExtensionPoint } from './tokens.js';

/** Short names of first-party plugins and the packages they map to. */
export const FIRST_PARTY_PLUGINS: Record<string, string> = Object.fromEntries(
  [
    'designer-tabular', 'designer-text', 'designer-image', 'designer-audio', 'designer-timeseries',
    'rules-structural', 'rules-leakage', 'reviewer-llm',
    'executor-local', 'executor-docker', 'llm-openai',
    'solver-baselines', 'solver-zoo', 'solver-agent', 'solver-command',
    'reporter-json', 'reporter-markdown', 'reporter-html', 'exporter-mlebench', 'exporter-mledojo', 'importers', 'queue-bullmq',
  ].map((short) => [short, `@mle-smith/plugin-${short}`]),
);

export type { ContributionKind } from './tokens.js';

export interface LoadedPlugin {
  name: string;
  /** The config entry as written, or "(inline)". */
  entry: string;
  /** Resolved module path, when loaded from a module. */
  source?: string;
  options: Record<string, unknown>;
  contributions: Array<{ kind: ContributionKind; id: string }>;
  plugin: Plugin;
  /** Loaded on demand (an executor, LLM backend, reporter or queue the config named but did not list), not from the plugins list. */
  onDemand?: boolean;
}

/** A plugin given as a config entry or, in tests, as an already-made Plugin object. */
export type PluginInput = PluginEntry | Plugin;

export interface PluginHostOptions {
  configDir: string;
  log: Logger;
  /** Where first-party packages are found when the config folder cannot resolve them (the CLI's own folder). */
  fallbackResolveFrom?: string;
}

export class PluginHost {
  /** Every contribution by extension point, with the plugin that registered it. */
  readonly registry: ExtensionRegistry;
  readonly plugins: LoadedPlugin[] = [];
  private readonly ajv = createAjv({ useDefaults: true });

  /** `container`: where contributions are registered (compose() passes the composition's). */
  constructor(private readonly options: PluginHostOptions, container: DependencyContainer) {
    this.registry = new ExtensionRegistry(container);
  }

  /** A host of its own (no composition), on a fresh child container: for tools and tests that need only plugins. */
  static async load(entries: readonly PluginInput[], options: PluginHostOptions): Promise<PluginHost> {
    const { childContainer } = await import('./di.js');
    const host = new PluginHost(options, childContainer());
    await host.addAll(entries);
    return host;
  }

  async addAll(entries: readonly PluginInput[]): Promise<void> {
    for (const entry of entries) await this.add(entry);
  }

  get hooks(): HookDriver {
    return new HookDriver(this.plugins.map((p) => p.plugin), this.options.log);
  }

  designers = (): Designer[] => this.registry.all(T.DESIGNER);
  rules = (): VerifierRule[] => this.registry.all(T.VERIFIER_RULE);
  reviewers = (): Reviewer[] => this.registry.all(T.REVIEWER);
  executors = (): ExecutorFactory[] => this.registry.all(T.EXECUTOR);
  llmBackends = (): LlmBackend[] => this.registry.all(T.LLM_BACKEND);
  solvers = (): Solver[] => this.registry.all(T.SOLVER);
  reporters = (): Reporter[] => this.registry.all(T.REPORTER);
  schedulers = (): SchedulerFactory[] => this.registry.all(T.SCHEDULER);
  exporters = (): Exporter[] => this.registry.all(T.EXPORTER);
  importers = (): Importer[] => this.registry.all(T.IMPORTER);
  metrics = (): Metric[] => this.registry.all(T.METRIC);

  /** Loads one plugin entry. Throws ConfigError / PluginLoadError (exit code 2) for bad entries. */
  async add(input: PluginInput): Promise<LoadedPlugin> {
    if (typeof input === 'object' && !Array.isArray(input)) return this.install(input, '(inline)', {}, undefined);
    const { plugin, entry, options, source } = await this.construct(input);
    return this.install(plugin, entry, options, source);
  }

  /**
   * The solvers a plugin entry registers, built apart from the host's registry: an `eval.solvers`
   * entry loads its plugin once per entry, with its own options, beside the configured plugins.
   */
  async solversOf(input: PluginEntry): Promise<Solver[]> {
    const { plugin, entry, options } = await this.construct(input);
    const added: Added[] = [];
    try {
      await plugin.setup?.({ options, configDir: this.options.configDir, log: this.options.log, ...adders(added) });
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new PluginLoadError(`plugin "${plugin.name}" setup failed: ${errorMessage(err)}`, { cause: err });
    }
    const solvers = added.filter((a) => a.kind === 'solver').map((a) => a.value as Solver);
    if (!solvers.length) throw new ConfigError(`plugin "${entry}" registers no solver`);
    return solvers;
  }

  /** Imports a plugin entry's module, validates its options and calls its factory. */
  private async construct(input: PluginEntry): Promise<{ plugin: Plugin; entry: string; options: Record<string, unknown>; source: string }> {
    const [entry, rawOptions] = typeof input === 'string' ? [input, {}] : input;
    const source = this.resolveEntry(entry);
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(source).href)) as { default?: unknown };
    } catch (err) {
      throw new PluginLoadError(`plugin "${entry}" failed to load from ${source}: ${errorMessage(err)}`, { cause: err });
    }
    const exported = mod.default;
    const options = structuredClone(rawOptions ?? {});
    let plugin: Plugin;
    if (typeof exported === 'function') {
      const definition = exported as PluginDefinition;
      if (definition.optionsSchema) {
        const validate = this.ajv.compile(definition.optionsSchema);
        if (!validate(options)) {
          throw new ConfigError(`plugin "${entry}" options: ${formatSchemaErrors(validate.errors)[0] ?? 'invalid'}`);
        }
      }
      try {
        plugin = definition(options);
      } catch (err) {
        throw new PluginLoadError(`plugin "${entry}" factory failed: ${errorMessage(err)}`, { cause: err });
      }
    } else if (exported && typeof exported === 'object') {
      plugin = exported as Plugin;
    } else {
      throw new PluginLoadError(`plugin "${entry}" (${source}) has no default export: export default definePlugin(...)`);
    }
    return { plugin, entry, options, source };
  }

  /** Loads the first-party plugin that provides backend `id` of `kind` unless one is registered. */
  async ensureContribution(kind: 'executor' | 'llm' | 'reporter' | 'scheduler' | 'solver', id: string): Promise<void> {
    const registered = kind === 'executor' ? this.executors() : kind === 'llm' ? this.llmBackends() : kind === 'scheduler' ? this.schedulers() : kind === 'solver' ? this.solvers() : this.reporters();
    if (registered.some((c) => c.id === id)) return;
    // scheduler backends are queues: scheduler "bullmq" is plugin queue-bullmq
    const short = `${kind === 'scheduler' ? 'queue' : kind}-${id}`;
    if (!FIRST_PARTY_PLUGINS[short]) {
      throw new ConfigError(`no ${kind} "${id}" is registered; add a plugin that provides it to "plugins"`);
    }
    if (this.plugins.some((p) => p.name === short)) {
      throw new ConfigError(`plugin "${short}" is loaded but registers no ${kind} "${id}"`);
    }
    (await this.add(short)).onDemand = true;
  }

  /** Constructs the executor `id` (loading its first-party plugin when none registers it). */
  async createExecutor(id: string, options: Record<string, unknown>): Promise<Executor> {
    await this.ensureContribution('executor', id);
    return this.executors().find((e) => e.id === id)!.create(options);
  }

  /** Constructs the scheduler `id` (loading its first-party plugin when none registers it). */
  async createScheduler(id: string, options: { url: string } & Record<string, unknown>): Promise<Scheduler> {
    await this.ensureContribution('scheduler', id);
    return this.schedulers().find((s) => s.id === id)!.create(options);
  }

  private resolveEntry(entry: string): string {
    if (entry.startsWith('.') || entry.startsWith('/')) {
      const path = resolvePath(this.options.configDir, entry);
      try {
        return createRequire(join(this.options.configDir, 'noop.js')).resolve(path);
      } catch {
        throw new PluginLoadError(`plugin "${entry}" not found at ${path}`);
      }
    }
    const pkg = FIRST_PARTY_PLUGINS[entry] ?? entry;
    for (const from of [this.options.configDir, this.options.fallbackResolveFrom]) {
      if (!from) continue;
      try {
        return createRequire(join(from, 'noop.js')).resolve(pkg);
      } catch {
        // try the next place
      }
    }
    throw new PluginLoadError(`plugin "${entry}" not found: install it with npm install ${pkg}`);
  }

  private async install(plugin: Plugin, entry: string, options: Record<string, unknown>, source?: string): Promise<LoadedPlugin> {
    if (!plugin || typeof plugin.name !== 'string' || !plugin.name) {
      throw new PluginLoadError(`plugin "${entry}" has no name`);
    }
    if (plugin.apiVersion !== 1) {
      throw new PluginLoadError(`plugin "${plugin.name}" targets apiVersion ${String(plugin.apiVersion)}, this host supports 1`);
    }
    const twin = this.plugins.find((p) => p.name === plugin.name);
    if (twin) throw new ConfigError(`duplicate plugin name "${plugin.name}" (from "${twin.entry}" and "${entry}")`);
    const loaded: LoadedPlugin = { name: plugin.name, entry, source, options, contributions: [], plugin };
    // What setup adds is registered once setup has succeeded: a failed plugin leaves nothing behind.
    const added: Added[] = [];
    const api: PluginApi = { options, configDir: this.options.configDir, log: this.options.log, ...adders(added) };
    try {
      await plugin.setup?.(api);
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new PluginLoadError(`plugin "${plugin.name}" setup failed: ${errorMessage(err)}`, { cause: err });
    }
    this.registry.addAll(plugin.name, added);
    loaded.contributions.push(...added.map(({ kind, point, value }) => ({ kind, id: point.idOf(value) })));
    this.plugins.push(loaded);
    return loaded;
  }
}

/** `addDesigner`, `addVerifierRule`, …: one per extension point, each collecting into `added`. */
type Added = { kind: ContributionKind; point: ExtensionPoint<unknown>; value: unknown };

function adders(added: Added[]): ExtensionAdders {
  const methods: Record<string, (value: unknown) => void> = {};
  for (const [kind, point] of Object.entries(EXTENSION_POINTS) as Array<[ContributionKind, ExtensionPoint<unknown>]>) {
    methods[point.method] = (value) => added.push({ kind, point, value });
  }
  return methods as unknown as ExtensionAdders;
}
