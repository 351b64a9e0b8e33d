import type { UserConfig } from '@mle-smith/core';

/** Offline plugins only: runs with no LLM, no Docker and no network. */
export const OFFLINE_PLUGINS = [
  'designer-tabular',
  'designer-text',
  'designer-image',
  'designer-audio',
  'rules-structural',
  'rules-leakage',
  'reviewer-llm',
  'solver-baselines',
  'executor-local',
  'reporter-json',
  'reporter-markdown',
  'reporter-html',
];

export function starterConfig(): UserConfig {
  return {
    $schema: './node_modules/@mle-smith/core/schemas/config.schema.json',
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
