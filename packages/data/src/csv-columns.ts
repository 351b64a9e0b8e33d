// The project's one CSV reader for submissions and answers: strict (header required, ragged rows
// are errors with their line number) and columnar, numeric columns land in Float64Array.
import { DatasetError } from '@mle-smith/core';
import { DuckDBDoubleVector } from '@duckdb/node-api';
import { stat } from 'node:fs/promises';
import { withDuckDb } from './session.js';
import { csvSource, describeCsvError, sniffCsv } from './csv-dialect.js';
import { isNumericType, quoteIdent } from './sql.js';

export interface CsvColumns {
  names: string[];
  rowCount: number;
  /** Numeric columns are Float64Array (missing values are NaN); others are arrays of string | boolean | null. */
  columns: Record<string, unknown[] | Float64Array>;
}

export interface ReadCsvOptions {
  /** Read every column as text (no type inference): useful for id columns. */
  allVarchar?: boolean;
}

export async function readCsvColumns(path: string, opts: ReadCsvOptions = {}): Promise<CsvColumns> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new DatasetError('file not found', { file: path });
  return withDuckDb(async (db) => {
    const dialect = await sniffCsv(db, path, { display: path, rejectSingleColumn: false, requireHeader: !opts.allVarchar });
    const source = csvSource(path, { ...dialect, header: true }, opts.allVarchar ? ', all_varchar=true' : '');
    let schema: Array<{ column_name: string; column_type: string }>;
    try {
      schema = await db.all(`DESCRIBE SELECT * FROM ${source}`);
    } catch (err) {
      throw new DatasetError(describeCsvError((err as Error).message), { file: path, cause: err });
    }
    const numeric = schema.map((c) => isNumericType(c.column_type));
    const select = schema.map((c, i) => (numeric[i] ? `CAST(${quoteIdent(c.column_name)} AS DOUBLE)` : quoteIdent(c.column_name)) + ` AS ${quoteIdent(c.column_name)}`);
    const names = schema.map((c) => c.column_name);
    const nums: Float64Array[] = names.map((_, i) => new Float64Array(numeric[i] ? 1024 : 0));
    const others: unknown[][] = names.map(() => []);
    let rows = 0;
    try {
      const result = await db.connection.stream(`SELECT ${select.join(', ')} FROM ${source}`);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const n = chunk.rowCount;
        for (let c = 0; c < names.length; c++) {
          const vector = chunk.getColumnVector(c);
          if (numeric[c] && vector instanceof DuckDBDoubleVector) {
            let arr = nums[c];
            if (rows + n > arr.length) {
              const grown = new Float64Array(Math.max(arr.length * 2, rows + n));
              grown.set(arr.subarray(0, rows));
              arr = nums[c] = grown;
            }
            for (let r = 0; r < n; r++) {
              const v = vector.getItem(r);
              arr[rows + r] = v === null ? NaN : v;
            }
          } else {
            const out = others[c];
            for (const v of chunk.getColumnValues(c)) out.push(plainValue(v));
          }
        }
        rows += n;
      }
    } catch (err) {
      if (err instanceof DatasetError) throw err;
      throw new DatasetError(describeCsvError((err as Error).message), { file: path, cause: err });
    }
    const columns: Record<string, unknown[] | Float64Array> = {};
    names.forEach((name, c) => {
      columns[name] = numeric[c] ? nums[c].slice(0, rows) : others[c];
    });
    return { names, rowCount: rows, columns };
  });
}

function plainValue(v: unknown): string | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
