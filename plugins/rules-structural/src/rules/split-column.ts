import { findTable, withBinder } from '../spec-binding.js';
import { defineRule, type Issue } from '@mle-smith/core';

const TIME_TYPES = /^(DATE|TIME|TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMP_[A-Z]+|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U[A-Z]*INT|FLOAT|DOUBLE|DECIMAL.*)$/;

export const splitColumn = defineRule({
  id: 'structural/split-column',
  phase: 'spec',
  severity: 'error',
  description:
    'split.by is given when the strategy needs it, names a column (or binds as an expression), is orderable for a time split, and is not a continuous target for a stratified split.',
  async check({ spec, profile }) {
    const split = spec.split;
    if (!split) return [];
    const table = findTable(spec, profile);
    if (!table) return [];
    const issues: Issue[] = [];
    if (!split.by) {
      if (split.strategy === 'group' || split.strategy === 'time') {
        issues.push({ message: `split.strategy "${split.strategy}" needs split.by (the ${split.strategy} column)`, location: '/split/by' });
      }
      return issues;
    }
    const by = split.by;
    const column = table.columns.find((c) => c.name === by);
    if (split.strategy === 'stratified' && by === spec.target?.name) {
      if (spec.objective === 'regression') {
        issues.push({ message: 'stratifying on a continuous regression target; use a random split or stratify on a binned expression', location: '/split/by', severity: 'warning' });
      }
      return issues;
    }
    let type = column?.duckdbType;
    if (!column) {
      const r = (await withBinder(spec, profile, (b) => b.bind(by))) ?? {};
      if (r.error) {
        issues.push({ message: `split.by "${by}" is neither a column of table "${table.name}" nor a valid expression: ${r.error}`, location: '/split/by', data: { column: by } });
        return issues;
      }
      type = r.type;
    }
    if (split.strategy === 'time' && type && !TIME_TYPES.test(type)) {
      issues.push({ message: `time split column "${by}" has type ${type}; use a date, timestamp or numeric column`, location: '/split/by', data: { column: by, type } });
    }
    if (split.strategy === 'stratified' && column && column.distinctCount > Math.max(50, table.rowCount / 10)) {
      issues.push({ message: `stratifying on "${by}" with ${column.distinctCount} distinct values leaves strata too small; choose a categorical column`, location: '/split/by', severity: 'warning', data: { column: by } });
    }
    return issues;
  },
});
