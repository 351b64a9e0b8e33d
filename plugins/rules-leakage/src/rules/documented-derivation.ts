import { defineRule, type Issue } from '@mle-smith/core';
import { derivationPartners } from '@mle-smith/data';

export const documentedDerivation = defineRule({
  id: 'leakage/documented-derivation',
  phase: 'spec',
  severity: 'error',
  description:
    'A column that the documentation or its name says is computed from another is that column again, banded or rescaled: "storm category (estimated ' +
    'from wind speed)", "Weight Z-score" beside "Weight (kg)", log_price beside price. From the names and the descriptions in the TaskSpec: no feature ' +
    'is computed from the target, and no feature is what the target is computed from.',
  check({ spec }) {
    const described = spec.description?.columns ?? {};
    const source = spec.target.sourceColumns.length === 1 ? spec.target.sourceColumns[0] : spec.target.name;
    const columns = [source, ...(spec.features ?? []).filter((f) => f !== source)].map((name) => ({ name, description: described[name] }));
    const issues: Issue[] = [];
    for (const column of derivationPartners(source, columns)) {
      const i = spec.features.indexOf(column);
      if (i < 0) continue;
      issues.push({
        message: `feature "${column}" and the target "${source}" are computed one from the other (${described[column] ?? column}): drop it`,
        location: `/features/${i}`,
        data: { column },
      });
    }
    return issues;
  },
});
