// Exports task packages in MLE-bench's layout (docs/formats.md#mle-bench).
import { definePlugin } from '@mle-smith/core';
import { mlebenchExporter } from './export-mlebench.js';

export { exportMlebench, mlebenchExporter } from './export-mlebench.js';
export { buildRawData, splitCsvRecords, type RawData, type CsvRecord } from './raw-data.js';

export default definePlugin(() => ({
  name: 'exporter-mlebench',
  apiVersion: 1,
  setup(api) {
    api.addExporter(mlebenchExporter);
  },
}));
