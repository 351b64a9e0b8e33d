import { join } from 'node:path';
import { designerConformanceSuite } from '@mle-smith/testkit';
import plugin from './index.js';
import { EXAMPLES, digitsSubset } from './__fixtures__/helpers.js';

designerConformanceSuite('designer-image', () => plugin({}), { dataset: () => digitsSubset(6, 3), otherDataset: join(EXAMPLES, 'datasets', 'spoken-words') });
