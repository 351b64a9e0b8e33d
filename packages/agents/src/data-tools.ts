// The dataset tools an agent may call while it designs a task. They read through a small
// backend interface so the loop can be tested without DuckDB; dataset-backend.ts is the real one.
import type { AgentTool } from './tools.js';

export interface DataToolsBackend {
  /** Tables, row counts, columns with types, candidate targets, media and file counts. */
  overview(): Promise<unknown>;
  columnProfile(table: string, column: string): Promise<unknown>;
  sampleRows(table: string, n: number): Promise<unknown>;
  /** Read-only SQL over the dataset's tables; at most maxRows rows come back. */
  sql(query: string, maxRows: number): Promise<unknown>;
  listFiles(): Promise<unknown>;
}

export interface DataToolsOptions {
  /** Upper bound for sample_rows. Default 20. */
  maxSampleRows?: number;
  /** Upper bound for sql rows. Default 100. */
  maxSqlRows?: number;
}

function str(args: Record<string, unknown>, key: string): string {
  const v = args[key];
  if (typeof v !== 'string' || v === '') throw new Error(`argument "${key}" must be a non-empty string`);
  return v;
}

function int(args: Record<string, unknown>, key: string, fallback: number, max: number): number {
  const v = args[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 1) throw new Error(`argument "${key}" must be a positive integer`);
  return Math.min(Math.floor(v), max);
}

export function createDataTools(backend: DataToolsBackend, options: DataToolsOptions = {}): AgentTool[] {
  const maxSample = options.maxSampleRows ?? 20;
  const maxSql = options.maxSqlRows ?? 100;
  const none = { type: 'object', properties: {}, additionalProperties: false };
  return [
    {
      name: 'overview',
      description: 'Overview of the dataset: tables with row counts, columns with types, candidate targets, media and files.',
      parameters: none,
      run: async () => backend.overview(),
    },
    {
      name: 'column_profile',
      description: 'Full profile of one column: type, missing fraction, distinct count, range, mean/std, top values.',
      parameters: {
        type: 'object',
        properties: { table: { type: 'string' }, column: { type: 'string' } },
        required: ['table', 'column'],
        additionalProperties: false,
      },
      run: async (args) => backend.columnProfile(str(args, 'table'), str(args, 'column')),
    },
    {
      name: 'sample_rows',
      description: `Up to ${maxSample} rows of a table.`,
      parameters: {
        type: 'object',
        properties: { table: { type: 'string' }, n: { type: 'integer', minimum: 1, maximum: maxSample } },
        required: ['table'],
        additionalProperties: false,
      },
      run: async (args) => backend.sampleRows(str(args, 'table'), int(args, 'n', 5, maxSample)),
    },
    {
      name: 'sql',
      description: `Runs one read-only DuckDB SELECT over the dataset tables (table names as in the overview); returns at most ${maxSql} rows.`,
      parameters: {
        type: 'object',
        properties: { query: { type: 'string' }, maxRows: { type: 'integer', minimum: 1, maximum: maxSql } },
        required: ['query'],
        additionalProperties: false,
      },
      run: async (args) => backend.sql(str(args, 'query'), int(args, 'maxRows', 20, maxSql)),
    },
    {
      name: 'list_files',
      description: 'Files of the dataset folder with their sizes.',
      parameters: none,
      run: async () => backend.listFiles(),
    },
  ];
}
