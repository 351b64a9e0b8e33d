import { reporterConformanceSuite } from '@mle-smith/testkit';
import plugin from './index.js';

reporterConformanceSuite('reporter-json', () => plugin({}), { files: ['report.json'] });
