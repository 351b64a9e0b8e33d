// Importers for human-designed tasks: MLE-bench and MLE-Dojo competitions become task packages.
import { definePlugin } from '@mle-smith/core';
import { mlebenchImporter } from './mlebench-importer.js';
import { mledojoImporter } from './mledojo-importer.js';

export { GRADER_TABLE, metricForGrader, type MappedMetric } from './grader-table.js';
export { mlebenchImporter } from './mlebench-importer.js';
export { mledojoImporter } from './mledojo-importer.js';
export type { TaskOrigin } from './write-package.js';

export default definePlugin(() => ({
  name: 'importers',
  apiVersion: 1,
  setup(api) {
    api.addImporter(mlebenchImporter);
    api.addImporter(mledojoImporter);
  },
}));
