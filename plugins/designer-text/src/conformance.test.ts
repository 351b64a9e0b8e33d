import { designerConformanceSuite } from '@mle-smith/testkit';
import plugin from './index.js';
import { exampleDir, reviewCorpus, writeDataset } from './__fixtures__/helpers.js';

designerConformanceSuite('designer-text', () => plugin({}), { dataset: () => writeDataset('reviews', reviewCorpus()), otherDataset: exampleDir('iris'), seed: 7 });
