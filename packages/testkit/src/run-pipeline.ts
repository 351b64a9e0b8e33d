// runPipeline() for tests: the real plugin host and pipeline with the real DuckDB profiler and
// grader, a temporary run directory, and plugins given as config entries or inline objects.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PluginHost, resolveConfig, runPipeline as runCorePipeline, silentLogger,
  type Logger, type PipelineResult, type PluginInput, type ProgressEvent, type UserConfig,
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
}

export async function runPipeline(options: TestPipelineOptions = {}): Promise<TestPipelineResult> {
  const configDir = options.configDir ?? process.cwd();
  const log = options.log ?? silentLogger;
  const user: UserConfig = { report: [], ...options.config };
  user.out ??= await mkdtemp(join(tmpdir(), 'mle-smith-test-run-'));
  const config = resolveConfig({ ...user, plugins: [] }, configDir, 'test config');
  const entries = [...(user.plugins ?? []), ...(options.plugins ?? [])];
  const host = await PluginHost.load(entries, { configDir, log, fallbackResolveFrom: dirname(fileURLToPath(import.meta.url)) });
  const result = await runCorePipeline({
    config, host, profiler: duckDbProfiler, log, onProgress: options.onProgress,
    grader: createGrader(),
  });
  return { ...result, runDir: config.out, host };
}
