// The CLI's composition root: the config (file, defaults, flags), the logger, and the services the
// pipeline needs from the shared packages (the DuckDB profiler, run in a child process per
// dataset, and the grader), handed to the core's compose(), which registers them in a child
// tsyringe container, loads the plugins into it and has the container construct the pipeline.
// Every command starts here; testkit's runPipeline() goes through the same compose() with the
// same services.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compose, loadConfig, validateLimits, validateOptions, validateRuleSettings, type Composition, type ExecLimits, type Executor, type Grader, type LoadedConfig, type Logger, type MleSmithConfig, type PluginHost, type PluginInput, type Scheduler, UsageError } from '@mle-smith/core';
import { isolatedProfiler } from '@mle-smith/data';
import { createGrader } from '@mle-smith/metrics';
import { defaultConfig } from './starter-config.js';

export interface Wiring extends Composition {
  loaded: LoadedConfig;
  grader: Grader;
}

/** Folder from which first-party plugins resolve when the config's folder cannot see them. */
export const cliDir = dirname(fileURLToPath(import.meta.url));

export async function wire(options: {
  cwd: string;
  configPath?: string;
  overrides?: Record<string, unknown>;
  log: Logger;
  /** Extra plugins (tests). */
  extraPlugins?: PluginInput[];
  /** A config already loaded and resolved (a queued run's, read from its run.json by a worker). */
  loaded?: LoadedConfig;
}): Promise<Wiring> {
  const loaded = options.loaded ?? (await loadConfig({ cwd: options.cwd, configPath: options.configPath, overrides: options.overrides, defaults: defaultConfig() }));
  if (!loaded.file) options.log.debug('no mle-smith.config.json found; using the built-in offline defaults');
  const grader = createGrader();
  const composition = await compose({
    config: loaded.config,
    configDir: loaded.dir,
    plugins: [...loaded.config.plugins, ...(options.extraPlugins ?? [])],
    log: options.log,
    profiler: isolatedProfiler,
    grader,
    fallbackResolveFrom: cliDir,
  });
  // settings that need the loaded plugins: rule ids and options, executor options, limits
  validateRuleSettings(composition.host.rules(), loaded.config.verify);
  validateLimits(loaded.config.executor.limits);
  const backend = loaded.config.executor.backend;
  // an executor plugin loads lazily; with options to check, load it now so a bad key fails every command
  if (Object.keys(loaded.config.executor.options).length) await composition.host.ensureContribution('executor', backend);
  const factory = composition.host.executors().find((e) => e.id === backend);
  if (factory) validateOptions(factory.optionsSchema, loaded.config.executor.options, '/executor/options', 'config');
  // the composition is the container-built Pipeline: its run() and verify() live on its prototype
  return Object.assign(composition, { loaded, grader });
}

/** The configured queue (config "scheduler", or --queue), loading its first-party plugin when needed. */
export function configuredScheduler(host: PluginHost, config: MleSmithConfig): Promise<Scheduler> {
  const s = config.scheduler;
  if (!s?.url) throw new UsageError('no queue given: add --queue redis://host:port (or "scheduler": { "url": … } in the config)');
  return host.createScheduler(s.backend, { ...s.options, url: s.url });
}

/**
 * The grader for commands that hold an executor (grade, eval): it also grades an imported task by
 * its own Python grader, run in that executor's sandbox with the answers (docs/formats.md#import).
 */
export function sandboxedGrader(executor: Executor, limits: ExecLimits, runId: string, log: Logger): Grader {
  return createGrader({ sandbox: { executor, limits, runId, log } });
}
