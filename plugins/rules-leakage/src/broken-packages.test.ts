// The broken-package corpus (@mle-smith/testkit) end to end for this pack: every leakage rule on
// every package; rules-structural runs the same suite for its own rules.
import { brokenPackageSuite } from '@mle-smith/testkit';
import { leakageRules } from './index.js';

brokenPackageSuite({ rules: leakageRules, idPrefix: 'leakage/' });
