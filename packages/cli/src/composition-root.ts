// The only place that wires the container: config, logger, plugin host, and the services the
// pipeline needs from the shared packages (DuckDB profiler, grader).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONFIG, GRADER, LOGGER, PROFILER, PluginHost, loadConfig,
  type DatasetProfiler, type Grader, type LoadedConfig, type Logger, type PluginInput,
} from '@mle-smith/core';
import { duckDbProfiler } from '@mle-smith/data';
import { createGrader } from '@mle-smith/metrics';
import { starterConfig } from './starter-config.js';

export interface Wiring {
  loaded: LoadedConfig;
  host: PluginHost;
  profiler: DatasetProfiler;
  grader: Grader;
  log: Logger;
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
}): Promise<Wiring> {
  const loaded = await loadConfig({ cwd: options.cwd, configPath: options.configPath, overrides: options.overrides, defaults: starterConfig() });
  if (!loaded.file) options.log.debug('no mle-smith.config.json found; using the built-in offline defaults');
  const host = await PluginHost.load([...loaded.config.plugins, ...(options.extraPlugins ?? [])], {
    configDir: loaded.dir,
    log: options.log,
    fallbackResolveFrom: cliDir,
  });
  const grader = createGrader();
  host.container.register(CONFIG, { useValue: loaded.config });
  host.container.register(LOGGER, { useValue: options.log });
  host.container.register(PROFILER, { useValue: duckDbProfiler });
  host.container.register(GRADER, { useValue: grader });
  return { loaded, host, profiler: host.container.resolve(PROFILER), grader: host.container.resolve(GRADER), log: options.log };
}
