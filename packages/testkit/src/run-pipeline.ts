// runPipeline() for tests: the CLI's composition (the core's compose(), which builds the pipeline
// in a child tsyringe container, with the real DuckDB profiler and grader), a temporary run
// directory, and plugins given as config entries or inline objects.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compose, resolveConfig, silentLogger,
  type Composition, type Logger, type PipelineResult, type PluginHost, type PluginInput, type ProgressEvent, type UserConfig,
} from '@mle-smith/core';
import { duckDbProfiler } from '@mle-smith/data';
import { createGrader } from '@mle-smith/metrics';

export interface TestPipelineOptions {
  /** Config as in mle-smith.config.json; `plugins` here are appended to `plugins` below. */
  config?: UserConfig;
  plugins?: PluginInput[];
  /** Folder relative paths resolve from (default: the current working directory). */
  configDir?: string;
  log?: Logger;
  onProgress?: (e: ProgressEvent) => void;
}

export interface TestPipelineResult extends PipelineResult {
  runDir: string;
  host: PluginHost;
  /** The composition's container: the services and contributions the run was built from. */
  container: Composition['container'];
}

export async function runPipeline(options: TestPipelineOptions = {}): Promise<TestPipelineResult> {
  const configDir = options.configDir ?? process.cwd();
  const log = options.log ?? silentLogger;
  const user: UserConfig = { report: [], ...options.config };
  user.out ??= await mkdtemp(join(tmpdir(), 'mle-smith-test-run-'));
  const config = resolveConfig({ ...user, plugins: [] }, configDir, 'test config');
  const entries = [...(user.plugins ?? []), ...(options.plugins ?? [])];
  const composition = await compose({
    config, configDir, plugins: entries, log, profiler: duckDbProfiler, grader: createGrader(),
    fallbackResolveFrom: dirname(fileURLToPath(import.meta.url)),
  });
  const result = await composition.run({ onProgress: options.onProgress });
  return { ...result, runDir: config.out, host: composition.host, container: composition.container };
}
