import { findTable } from '../spec-binding.js';
import { defineRule, type Issue } from '@mle-smith/core';

export interface TestFractionOptions extends Record<string, unknown> {
  min: number;
  max: number;
  minTestRows: number;
  minTrainRows: number;
}

/**
 * The fewest rows a table needs for a task: minTestRows test rows at the largest test fraction,
 * and minTrainRows train rows beside them.
 */
export function minTableRows(opts: Pick<TestFractionOptions, 'max' | 'minTestRows' | 'minTrainRows'>): number {
  return Math.max(Math.ceil(opts.minTestRows / opts.max), opts.minTestRows + opts.minTrainRows);
}

export const testFraction = defineRule<'spec', TestFractionOptions>({
  id: 'structural/test-fraction',
  phase: 'spec',
  severity: 'error',
  description:
    'split.testFraction lies in [min, max] and, for the table size, leaves at least minTestRows test and minTrainRows train rows; a table too small for that at any fraction up to max is named with the rows it needs.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      min: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      max: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      minTestRows: { type: 'integer', minimum: 1 },
      minTrainRows: { type: 'integer', minimum: 1 },
    },
  },
  defaultOptions: { min: 0.05, max: 0.5, minTestRows: 20, minTrainRows: 20 },
  check({ spec, profile }, { opts }) {
    const f = spec.split?.testFraction;
    if (typeof f !== 'number') return [];
    // What the repair needs to choose a fraction that passes (docs/verification.md).
    const limits = { testFraction: f, minFraction: opts.min, maxFraction: opts.max, minTestRows: opts.minTestRows, minTrainRows: opts.minTrainRows };
    const issues: Issue[] = [];
    if (!(f >= opts.min && f <= opts.max)) {
      issues.push({ message: `split.testFraction is ${f}; use a value between ${opts.min} and ${opts.max}`, location: '/split/testFraction', data: limits });
    }
    const table = findTable(spec, profile);
    if (!table) return issues;
    // Rows without a target value are dropped before the split.
    const sources = table.columns.filter((c) => spec.target?.sourceColumns?.includes(c.name));
    const rows = Math.round(table.rowCount * (1 - Math.max(0, ...sources.map((c) => c.missingFraction))));
    const of = rows < table.rowCount ? ` with a target value (of ${table.rowCount})` : '';
    const data = { ...limits, rows, minRows: minTableRows(opts) };
    if (rows < data.minRows) {
      const why = Math.ceil(opts.minTestRows / opts.max) >= opts.minTestRows + opts.minTrainRows
        ? `${opts.minTestRows} test rows at test fraction ${opts.max}`
        : `${opts.minTestRows} test and ${opts.minTrainRows} train rows`;
      issues.push({ message: `table "${table.name}" has ${rows} rows${of}; a task needs at least ${data.minRows} (${why})`, location: '/split/testFraction', data: { ...data, tooSmall: true } });
      return issues;
    }
    const testRows = Math.floor(rows * f);
    if (testRows < opts.minTestRows) {
      issues.push({
        message: `table "${table.name}" has ${rows} rows${of}, so testFraction ${f} gives about ${testRows} test rows (< ${opts.minTestRows}); raise testFraction (up to ${opts.max})`,
        location: '/split/testFraction',
        data: { ...data, expectedTestRows: testRows },
      });
    } else if (rows - Math.ceil(rows * f) < opts.minTrainRows) {
      issues.push({
        message: `table "${table.name}" has ${rows} rows${of}, so testFraction ${f} leaves about ${rows - Math.ceil(rows * f)} train rows (< ${opts.minTrainRows}); lower testFraction`,
        location: '/split/testFraction',
        data: { ...data, expectedTrainRows: rows - Math.ceil(rows * f) },
      });
    }
    return issues;
  },
});
