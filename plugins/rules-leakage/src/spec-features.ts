import type { Issue, TaskSpec } from '@mle-smith/core';

/** What a spec-phase rule reads from the documentation a spec carries: its column descriptions and the target's single source column. */
export function specOutcome(spec: TaskSpec): { described: Record<string, string>; source: string } {
  return {
    described: spec.description?.columns ?? {},
    source: spec.target.sourceColumns.length === 1 ? spec.target.sourceColumns[0] : spec.target.name,
  };
}

/** One issue per named column that is among the spec's features, located at its index (`data.column` for the repair). */
export function featureIssues(spec: TaskSpec, columns: string[], message: (column: string) => string): Issue[] {
  const issues: Issue[] = [];
  for (const column of columns) {
    const i = spec.features.indexOf(column);
    if (i < 0) continue;
    issues.push({ message: message(column), location: `/features/${i}`, data: { column } });
  }
  return issues;
}
