import { defineRule, type Issue } from '@mle-smith/core';
import { withPackage } from '@mle-smith/task-package';

/** The raw columns a derived target was computed from, other than a column the target simply renames in place. */
function sourcesOf(target: { name: string; sourceColumns?: string[] } | undefined): string[] {
  return (target?.sourceColumns ?? []).filter((c) => c !== target?.name);
}

function mentions(expression: string, column: string): boolean {
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`"${escaped.replace(/"/g, '""')}"|(?<![\\w."])${escaped}(?![\\w"])`, 'i').test(expression);
}

export const targetSources = defineRule({
  id: 'leakage/target-sources',
  phase: 'package',
  severity: 'error',
  description:
    'A derived target\'s source columns (task.json spec.target.sourceColumns) are not public: none of them is a column of train.csv or test.csv.',
  async check({ taskDir, manifest }) {
    const sources = sourcesOf(manifest.spec?.target);
    if (sources.length === 0) return [];
    return withPackage(taskDir, ['train', 'test'], async (_db, t) => {
      const issues: Issue[] = [];
      for (const column of sources) {
        const files = [t.train, t.test].filter((f) => f.columns.includes(column)).map((f) => f.file);
        if (files.length) {
          issues.push({
            message: `the target "${manifest.target}" is computed from "${column}" (${manifest.spec.target.expression}), which is still public in ${files.join(' and ')}; drop it from the public files`,
            location: `${files[0]}, column "${column}"`,
            data: { column, files, expression: manifest.spec.target.expression },
          });
        }
      }
      return issues;
    });
  },
});

export const specTargetSources = defineRule({
  id: 'leakage/spec-target-sources',
  phase: 'spec',
  severity: 'error',
  description:
    'In the TaskSpec, no listed feature is a source column of the target, and no derived feature expression reads one.',
  check({ spec }) {
    const sources = sourcesOf(spec.target);
    const issues: Issue[] = [];
    for (const column of sources) {
      const i = (spec.features ?? []).indexOf(column);
      if (i >= 0) {
        issues.push({ message: `feature "${column}" is a source column of the target (${spec.target.expression}); remove it from features`, location: `/features/${i}`, data: { column } });
      }
      for (const [j, d] of (spec.derivedFeatures ?? []).entries()) {
        if (mentions(d.expression, column)) {
          issues.push({
            message: `derived feature "${d.name}" reads "${column}", a source column of the target (${spec.target.expression}); it would leak the target`,
            location: `/derivedFeatures/${j}/expression`,
            data: { column, feature: d.name },
          });
        }
      }
    }
    return issues;
  },
});
