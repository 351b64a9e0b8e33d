import type { UserConfig } from '@mle-smith/core';

/** Offline plugins only: runs with no LLM, no Docker and no network. */
export const OFFLINE_PLUGINS = [
  'designer-tabular',
  'designer-text',
  'designer-image',
  'designer-audio',
  'designer-timeseries',
  'rules-structural',
  'rules-leakage',
  'reviewer-llm',
  'solver-baselines',
  'solver-zoo',
  'executor-local',
  'reporter-json',
  'reporter-markdown',
  'reporter-html',
  'importers',
  'exporter-mledojo',
  'exporter-mlebench',
];

/**
 * The built-in config every mle-smith.config.json extends: a key the file sets replaces that key
 * only (objects merge key by key, arrays replace), so `plugins` given explicitly replaces this
 * list and a file without `plugins` keeps it (docs/config.md).
 */
export function defaultConfig(): UserConfig {
  return {
    datasets: ['datasets'],
    out: 'runs/latest',
    plugins: [...OFFLINE_PLUGINS],
    seed: 42,
    concurrency: 2,
    executor: { backend: 'local' },
    llm: { backend: 'none' },
    report: ['json', 'markdown', 'html'],
  };
}

/**
 * What `mle-smith init` writes: the keys a newcomer edits first, and no `plugins` key, so the
 * project follows the default plugin list (add `plugins` to replace it).
 */
export function starterConfig(): UserConfig {
  const { plugins: _defaultPlugins, ...rest } = defaultConfig();
  return { $schema: './node_modules/@mle-smith/core/schemas/config.schema.json', ...rest };
}
