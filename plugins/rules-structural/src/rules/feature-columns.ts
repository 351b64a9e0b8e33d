import { findTable, withBinder } from '../spec-binding.js';
import { defineRule, type Issue } from '@mle-smith/core';

export const featureColumns = defineRule({
  id: 'structural/feature-columns',
  phase: 'spec',
  severity: 'error',
  description:
    'features, dropColumns, rowKey and the media column exist in the table; derived feature expressions bind and their names are new; the row filter binds and is boolean.',
  async check({ spec, profile }) {
    const table = findTable(spec, profile);
    if (!table) return []; // structural/target-columns reports the missing table
    const names = new Set(table.columns.map((c) => c.name));
    const issues: Issue[] = [];
    const lists: Array<['features' | 'dropColumns' | 'rowKey', string[] | undefined]> = [
      ['features', spec.features], ['dropColumns', spec.dropColumns], ['rowKey', spec.rowKey],
    ];
    for (const [key, list] of lists) {
      (list ?? []).forEach((c, i) => {
        if (!names.has(c)) issues.push({ message: `${key} names "${c}", which is not a column of table "${table.name}"`, location: `/${key}/${i}`, data: { column: c } });
      });
    }
    if (spec.media && !names.has(spec.media.column)) {
      issues.push({ message: `media.column "${spec.media.column}" is not a column of table "${table.name}"`, location: '/media/column', data: { column: spec.media.column } });
    }
    await withBinder(spec, profile, async (b) => {
      for (const [i, d] of (spec.derivedFeatures ?? []).entries()) {
        if (names.has(d.name)) {
          issues.push({ message: `derived feature "${d.name}" has the name of an existing column; choose a new name`, location: `/derivedFeatures/${i}/name`, data: { column: d.name } });
        }
        const r = await b.bind(d.expression);
        if (r.error) issues.push({ message: `derived feature "${d.name}" does not bind: ${r.error}`, location: `/derivedFeatures/${i}/expression`, data: { column: d.name } });
      }
      if (spec.filter) {
        const r = await b.bind(spec.filter);
        if (r.error) issues.push({ message: `filter does not bind: ${r.error}`, location: '/filter' });
        else if (r.type !== 'BOOLEAN') issues.push({ message: `filter must be a boolean expression, but it yields ${r.type}`, location: '/filter' });
      }
    });
    return issues;
  },
});
