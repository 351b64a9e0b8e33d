import { fileURLToPath } from 'node:url';
import { designerConformanceSuite } from '@mle-smith/testkit';
import plugin from './index.js';

const datasets = fileURLToPath(new URL('../../../examples/datasets/', import.meta.url));

designerConformanceSuite('designer-tabular', () => plugin({}), { dataset: `${datasets}iris`, otherDataset: `${datasets}digits` });
