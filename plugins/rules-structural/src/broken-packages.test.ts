// The broken-package corpus (@mle-smith/testkit) end to end for this pack: every structural rule
// on every package; rules-leakage runs the same suite for its own rules.
import { brokenPackageSuite } from '@mle-smith/testkit';
import { structuralRules } from './index.js';

brokenPackageSuite({ rules: structuralRules, idPrefix: 'structural/' });
