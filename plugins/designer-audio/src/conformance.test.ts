import { join } from 'node:path';
import { designerConformanceSuite } from '@mle-smith/testkit';
import plugin from './index.js';
import { EXAMPLES, wordsSubset } from './__fixtures__/helpers.js';

designerConformanceSuite('designer-audio', () => plugin({}), { dataset: () => wordsSubset(6, ['left', 'no']), otherDataset: join(EXAMPLES, 'datasets', 'digits') });
