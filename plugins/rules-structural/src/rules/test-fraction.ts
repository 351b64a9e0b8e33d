import { findTable } from '../spec-binding.js';
import { defineRule, type Issue } from '@mle-smith/core';

export interface TestFractionOptions extends Record<string, unknown> {
  min: number;
  max: number;
  minTestRows: number;
}

export const testFraction = defineRule<'spec', TestFractionOptions>({
  id: 'structural/test-fraction',
  phase: 'spec',
  severity: 'error',
  description: 'split.testFraction lies in [min, max] and leaves at least minTestRows test rows for the table size.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      min: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      max: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      minTestRows: { type: 'integer', minimum: 1 },
    },
  },
  defaultOptions: { min: 0.05, max: 0.5, minTestRows: 20 },
  check({ spec, profile }, { opts }) {
    const f = spec.split?.testFraction;
    if (typeof f !== 'number') return [];
    const issues: Issue[] = [];
    if (!(f >= opts.min && f <= opts.max)) {
      issues.push({ message: `split.testFraction is ${f}; use a value between ${opts.min} and ${opts.max}`, location: '/split/testFraction', data: { testFraction: f } });
    }
    const table = findTable(spec, profile);
    if (table) {
      const expected = Math.floor(table.rowCount * f);
      if (expected < opts.minTestRows) {
        issues.push({
          message: `table "${table.name}" has ${table.rowCount} rows, so testFraction ${f} gives about ${expected} test rows (< ${opts.minTestRows}); raise testFraction or use a larger table`,
          location: '/split/testFraction',
          data: { expectedTestRows: expected, rows: table.rowCount },
        });
      }
    }
    return issues;
  },
});
