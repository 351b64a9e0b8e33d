// Aggregates over two CSV files read side by side (row i of one with row i of the other), in one
// streaming DuckDB pass: the grader's fast path for a submission listed in the answers' order.
// Nothing is pulled into JS but the aggregate row, so memory does not grow with the files.
import { stat } from 'node:fs/promises';
import { DuckDBDoubleVector } from '@duckdb/node-api';
import { withDuckDb, type DuckDbSession } from './session.js';
import { copyDoubles, estimateRows } from './csv-columns.js';
import { csvSource, sniffCsv } from './csv-dialect.js';
import { isNumericType } from './sql.js';

export interface CsvPairColumn {
  name: string;
  /** DuckDB's type for the column (as readCsvColumns infers it). */
  type: string;
  numeric: boolean;
}

export interface CsvPairSchema {
  left: CsvPairColumn[];
  right: CsvPairColumn[];
  /**
   * The relation to aggregate over: `l` and `r` are the two files, paired by position
   * (POSITIONAL JOIN: the shorter file is padded with NULLs). Reference columns as l."x", r."y".
   */
  relation: string;
}

/**
 * Reads two CSV files with the same strict dialect handling as readCsvColumns (header required)
 * and runs the single-row aggregate query that `build` writes over their positional pairing.
 * `build` returns undefined when the files do not fit the caller's fast path; then, and when
 * either file cannot be read, the result is undefined and the caller takes its general path
 * (which reports the precise problem).
 */
export async function aggregateCsvPair<R = Record<string, unknown>>(
  leftPath: string,
  rightPath: string,
  build: (schema: CsvPairSchema) => string | undefined,
): Promise<R | undefined> {
  return withCsvPair(leftPath, rightPath, async (db, schema) => {
    const query = build(schema);
    if (query === undefined) return undefined;
    const [row] = await db.all<R>(query);
    return row;
  });
}

/**
 * Like aggregateCsvPair, but streams the rows of the query `build` writes (every result column
 * DOUBLE; NULL arrives as NaN) to `onChunk`, one DuckDB chunk (≤ 2048 rows) at a time; the
 * arrays are reused between chunks. `onStart` gets an upper estimate of the row count first.
 * Returns false (nothing or part streamed) when the caller must take its general path.
 */
export async function scanCsvPair(
  leftPath: string,
  rightPath: string,
  build: (schema: CsvPairSchema) => string | undefined,
  onChunk: (columns: Float64Array[], rows: number) => void,
  onStart?: (rowsHint: number) => void,
): Promise<boolean> {
  const done = await withCsvPair(leftPath, rightPath, async (db, schema) => {
    const query = build(schema);
    if (query === undefined) return undefined;
    onStart?.(await estimateRows(leftPath, (await stat(leftPath)).size));
    const result = await db.connection.stream(query);
    const width = result.columnCount;
    const buffers = Array.from({ length: width }, () => new Float64Array(4096));
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      for (let c = 0; c < width; c++) {
        const vector = chunk.getColumnVector(c);
        if (!(vector instanceof DuckDBDoubleVector)) return undefined;
        if (buffers[c].length < n) buffers[c] = new Float64Array(n);
        copyDoubles(vector, n, buffers[c], 0);
      }
      onChunk(buffers, n);
    }
    return true;
  });
  return done === true;
}

async function withCsvPair<T>(leftPath: string, rightPath: string, fn: (db: DuckDbSession, schema: CsvPairSchema) => Promise<T | undefined>): Promise<T | undefined> {
  const [a, b] = await Promise.all([stat(leftPath).catch(() => undefined), stat(rightPath).catch(() => undefined)]);
  if (!a?.isFile() || !b?.isFile()) return undefined;
  try {
    return await withDuckDb(
      async (db) => {
        const source = async (path: string) => {
          const dialect = await sniffCsv(db, path, { display: path, rejectSingleColumn: false, requireHeader: true });
          const src = csvSource(path, { ...dialect, header: true });
          const schema = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${src}`);
          const cols = schema.map((c) => ({ name: c.column_name, type: c.column_type, numeric: isNumericType(c.column_type) }));
          // columns keep their CSV types here (a cast in this subquery costs memory); cast in `build`
          return { cols, sql: src };
        };
        const left = await source(leftPath);
        const right = await source(rightPath);
        return await fn(db, { left: left.cols, right: right.cols, relation: `${left.sql} AS l POSITIONAL JOIN ${right.sql} AS r` });
      },
      // POSITIONAL JOIN pairs by position whatever this setting; off, the scans run in parallel
      { preserveInsertionOrder: false },
    );
  } catch {
    return undefined;
  }
}
