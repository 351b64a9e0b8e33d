import { reporterConformanceSuite } from '@mle-smith/testkit';
import plugin from './index.js';

reporterConformanceSuite('reporter-html', () => plugin({}), { files: ['report.html'] });
