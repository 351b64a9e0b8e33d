import { defineRule } from '@mle-smith/core';
import { derivationPartners } from '@mle-smith/data';
import { featureIssues, specOutcome } from '../spec-features.js';

export const documentedDerivation = defineRule({
  id: 'leakage/documented-derivation',
  phase: 'spec',
  severity: 'error',
  description:
    'A column that the documentation or its name says is computed from another is that column again, banded or rescaled: "storm category (estimated ' +
    'from wind speed)", "Weight Z-score" beside "Weight (kg)", log_price beside price. From the names and the descriptions in the TaskSpec: no feature ' +
    'is computed from the target, and no feature is what the target is computed from.',
  check({ spec }) {
    const { described, source } = specOutcome(spec);
    const columns = [source, ...(spec.features ?? []).filter((f) => f !== source)].map((name) => ({ name, description: described[name] }));
    return featureIssues(
      spec,
      derivationPartners(source, columns),
      (column) => `feature "${column}" and the target "${source}" are computed one from the other (${described[column] ?? column}): drop it`,
    );
  },
});
