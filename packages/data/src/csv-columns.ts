// The project's one CSV reader for submissions and answers: strict (header required, ragged rows
// are errors with their line number) and columnar, numeric columns land in Float64Array.
import { DatasetError } from '@mle-smith/core';
import type { DuckDBDoubleVector } from '@duckdb/node-api';
import { loadDuckDb } from './duckdb-module.js';
import { open, stat } from 'node:fs/promises';
import { withDuckDb } from './session.js';
import { csvSource, describeCsvError, sniffCsv } from './csv-dialect.js';
import { isNumericType, quoteIdent } from './sql.js';
import { readHead } from './file-kind.js';

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
  const { DuckDBDoubleVector } = await loadDuckDb();
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
    // Numeric columns are filled chunk by chunk with bulk copies into arrays pre-sized from the
    // file size (grown by a quarter if the estimate was short) and returned as views of them.
    let capacity = await estimateRows(path, info.size);
    const nums: Float64Array[] = names.map((_, i) => new Float64Array(numeric[i] ? capacity : 0));
    const others: unknown[][] = names.map(() => []);
    let rows = 0;
    try {
      const result = await db.connection.stream(`SELECT ${select.join(', ')} FROM ${source}`);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const n = chunk.rowCount;
        if (rows + n > capacity) {
          capacity = Math.max(rows + n, Math.ceil(capacity * 1.25) + 2048);
          for (let c = 0; c < names.length; c++) {
            if (!numeric[c]) continue;
            const grown = new Float64Array(capacity);
            grown.set(nums[c].subarray(0, rows));
            nums[c] = grown;
          }
        }
        for (let c = 0; c < names.length; c++) {
          const vector = chunk.getColumnVector(c);
          if (numeric[c] && vector instanceof DuckDBDoubleVector) copyDoubles(vector, n, nums[c], rows);
          else {
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
      columns[name] = numeric[c] ? nums[c].subarray(0, rows) : others[c];
    });
    return { names, rowCount: rows, columns };
  });
}

/**
 * An upper estimate of the rows of a file: its size over the shortest mean line length of three
 * 64 KB samples (head, middle, tail), +5%. Over-allocation costs no memory: the untouched tail
 * of a fresh zero-filled buffer is never paged in.
 */
export async function estimateRows(path: string, size: number): Promise<number> {
  if (path.toLowerCase().endsWith('.gz')) return 1024;
  const SAMPLE = 64 * 1024;
  if (size <= 3 * SAMPLE) {
    const all = await readHead(path, size);
    return countLines(all) + 1024;
  }
  const fh = await open(path, 'r');
  try {
    let shortest = Infinity;
    for (const pos of [0, Math.floor(size / 2), size - SAMPLE]) {
      const buf = Buffer.alloc(SAMPLE);
      const { bytesRead } = await fh.read(buf, 0, SAMPLE, pos);
      const lines = countLines(buf.subarray(0, bytesRead));
      if (lines > 1) shortest = Math.min(shortest, bytesRead / lines);
    }
    return Number.isFinite(shortest) ? Math.ceil((size / shortest) * 1.05) + 1024 : 1024;
  } finally {
    await fh.close();
  }
}

function countLines(buf: Buffer): number {
  let lines = 0;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines++;
  return lines;
}

interface RawDoubleVector {
  items?: unknown;
  validity?: { data?: unknown };
}

/**
 * Copies a DOUBLE vector's values into out[at..]: one bulk copy of the vector's Float64Array,
 * then NaN for the invalid (NULL) rows, looked up in the validity mask only when it exists and
 * a 32-bit word of it is not all ones. Falls back to getItem when the node-api internals differ.
 */
export function copyDoubles(vector: DuckDBDoubleVector, n: number, out: Float64Array, at: number): void {
  const raw = vector as unknown as RawDoubleVector;
  const items = raw.items;
  const validity = raw.validity?.data;
  if (!(items instanceof Float64Array) || items.length < n || (validity !== null && validity !== undefined && !(validity instanceof BigUint64Array))) {
    for (let r = 0; r < n; r++) {
      const v = vector.getItem(r);
      out[at + r] = v === null ? NaN : v;
    }
    return;
  }
  out.set(items.length === n ? items : items.subarray(0, n), at);
  if (!validity) return;
  const words = new Uint32Array(validity.buffer, validity.byteOffset, validity.length * 2);
  const nWords = Math.ceil(n / 32);
  for (let w = 0; w < nWords; w++) {
    const bits = words[w];
    if (bits === 0xffffffff) continue;
    const base = w * 32;
    for (let b = 0; b < 32 && base + b < n; b++) if (((bits >>> b) & 1) === 0) out[at + base + b] = NaN;
  }
}

function plainValue(v: unknown): string | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
