import { findTable, withBinder } from '../spec-binding.js';
import { defineRule, type Issue } from '@mle-smith/core';

export const targetColumns = defineRule({
  id: 'structural/target-columns',
  phase: 'spec',
  severity: 'error',
  description:
    'The spec table exists in the profile, target.sourceColumns exist, the target expression binds in DuckDB, reads only its declared source columns, and the target name does not clash with a feature.',
  async check({ spec, profile }) {
    if (!spec.target || typeof spec.target.expression !== 'string') return [];
    const table = findTable(spec, profile);
    if (!table) {
      return [{
        message: `table "${spec.table}" is not in the dataset profile (tables: ${profile.tables.map((t) => t.name).join(', ') || 'none'})`,
        location: '/table',
        data: { table: spec.table },
      }];
    }
    const names = new Set(table.columns.map((c) => c.name));
    const issues: Issue[] = [];
    const sources = spec.target.sourceColumns ?? [];
    sources.forEach((c, i) => {
      if (!names.has(c)) {
        issues.push({ message: `target.sourceColumns names "${c}", which is not a column of table "${table.name}"`, location: `/target/sourceColumns/${i}`, data: { column: c } });
      }
    });
    await withBinder(spec, profile, async (b) => {
      const full = await b.bind(spec.target.expression);
      if (full.error) {
        issues.push({ message: `target.expression does not bind against table "${table.name}": ${full.error}`, location: '/target/expression', data: { expression: spec.target.expression } });
        return;
      }
      if (sources.length === 0) {
        issues.push({ message: 'target.sourceColumns is empty: list the raw columns the target expression reads so they can be dropped from the public files', location: '/target/sourceColumns' });
        return;
      }
      const restricted = await b.bindRestricted(spec.target.expression, sources.filter((c) => names.has(c)));
      if (restricted.error) {
        issues.push({
          message: `target.expression reads columns not listed in target.sourceColumns (${restricted.error}); add them so they are kept out of the public files`,
          location: '/target/sourceColumns',
          data: { expression: spec.target.expression },
        });
      }
    });
    if ((spec.features ?? []).includes(spec.target.name)) {
      issues.push({ message: `target name "${spec.target.name}" is also listed in features; rename the target or drop the feature`, location: '/features', data: { column: spec.target.name } });
    }
    return issues;
  },
});
