import { reporterConformanceSuite } from '@mle-smith/testkit';
import plugin from './index.js';

reporterConformanceSuite('reporter-markdown', () => plugin({}), { files: ['report.md'] });
