// Exports task packages in MLE-Dojo's layout (docs/formats.md#mle-dojo).
import { definePlugin } from '@mle-smith/core';
import { mledojoExporter } from './export-mledojo.js';

export { exportMledojo, mledojoExporter } from './export-mledojo.js';
export { metricClassName, metricPy } from './metric-py.js';

export default definePlugin(() => ({
  name: 'exporter-mledojo',
  apiVersion: 1,
  setup(api) {
    api.addExporter(mledojoExporter);
  },
}));
