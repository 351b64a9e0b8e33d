// Read-only SQL over a dataset's tables, for agent tools and leakage rules.
import { DatasetError } from '@mle-smith/core';
import { loadDuckDb } from './duckdb-module.js';
import { withDuckDb } from './session.js';

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
}

/**
 * Runs one query against the dataset's tables (views named by TableProfile.name) with
 * external access disabled; returns at most maxRows rows (default 1000).
 */
export async function runReadOnlySql(rawDir: string, sql: string, opts: { maxRows?: number } = {}): Promise<SqlResult> {
  const { StatementType } = await loadDuckDb();
  const maxRows = opts.maxRows ?? 1000;
  return withDuckDb(
    async (db) => {
      let reader;
      try {
        const statements = await db.connection.extractStatements(sql);
        if (statements.count !== 1) throw new Error(`expected exactly one SQL statement, got ${statements.count}`);
        const prepared = await statements.prepare(0);
        // The dataset folder is readable (and so writable) by path: allow queries only.
        if (prepared.statementType !== StatementType.SELECT && prepared.statementType !== StatementType.EXPLAIN) {
          throw new Error('only SELECT queries are allowed');
        }
        reader = await prepared.streamAndReadUntil(maxRows + 1);
      } catch (err) {
        throw new DatasetError(`SQL failed: ${(err as Error).message.split('\n')[0]}`, { cause: err });
      }
      const all = reader.getRowsJS();
      const truncated = all.length > maxRows;
      const rows = all.slice(0, maxRows).map((r) => r.map((v) => jsonSafe(v)));
      return { columns: reader.columnNames(), rows, truncated };
    },
    { readOnlyRawDir: rawDir },
  );
}

function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  return v;
}
