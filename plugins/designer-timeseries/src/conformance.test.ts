import { join } from 'node:path';
import { designerConformanceSuite } from '@mle-smith/testkit';
import plugin from './index.js';
import { EXAMPLES, SOURCE, longCsv, storeSales, writeDataset } from './__fixtures__/series.js';

// Includes byte-identical packages for the same data and seed (the determinism the designer promises).
designerConformanceSuite('designer-timeseries', () => plugin({}), {
  dataset: () => writeDataset('stores', { 'sales.csv': longCsv(storeSales(2, 60)), 'SOURCE.md': SOURCE }),
  otherDataset: join(EXAMPLES, 'datasets', 'iris'),
  seed: 7,
});
