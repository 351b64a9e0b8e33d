// The example third-party plugin (examples/plugins/mle-smith-plugin-quantiles) passes the same
// designer and reporter conformance suites as the first-party plugins, loaded as a user loads it.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginDefinition } from '@mle-smith/core';
import { designerConformanceSuite } from './designer-conformance.js';
import { reporterConformanceSuite } from './reporter-conformance.js';

const examples = resolve(process.cwd(), '..', '..', 'examples');
const load = async (): Promise<PluginDefinition> =>
  ((await import(pathToFileURL(resolve(examples, 'plugins', 'mle-smith-plugin-quantiles', 'index.mjs')).href)) as { default: PluginDefinition }).default;

designerConformanceSuite('mle-smith-plugin-quantiles', async () => (await load())({ column: 'bmi' }), {
  dataset: resolve(examples, 'datasets', 'diabetes'),
  otherDataset: resolve(examples, 'datasets', 'iris'),
});

reporterConformanceSuite('mle-smith-plugin-quantiles', async () => (await load())({ column: 'bmi' }), { reporterId: 'audit', files: ['audit.json'] });
