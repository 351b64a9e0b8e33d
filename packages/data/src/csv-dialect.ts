// CSV/TSV sniffing and the checks that turn malformed text files into a DatasetError naming
// the file and the problem. DuckDB's sniffer does the detection; this file only interprets it.
import { DatasetError } from '@mle-smith/core';
import type { DuckDbSession } from './session.js';
import { quoteLiteral } from './sql.js';
import { readHead } from './file-kind.js';

export interface CsvDialect {
  delim: string;
  quote: string;
  escape: string;
  header: boolean;
  /** Column names as DuckDB will expose them. */
  names: string[];
}

interface SniffRow {
  Delimiter: string;
  Quote: string;
  Escape: string;
  HasHeader: boolean;
  Columns: Array<{ name: string; type: string }>;
}

const EMPTY = '(empty)';
const DELIMITER_CANDIDATES = [',', '\t', ';', '|'];

/** The DuckDB table expression that reads a CSV file with a known dialect. */
export function csvSource(path: string, d: Pick<CsvDialect, 'delim' | 'quote' | 'escape' | 'header'>, extra = ''): string {
  return (
    `read_csv(${quoteLiteral(path)}, delim=${quoteLiteral(d.delim)}, quote=${quoteLiteral(d.quote)}, escape=${quoteLiteral(d.escape)}, ` +
    `header=${d.header}, strict_mode=true, null_padding=false${extra})`
  );
}

/** Turns DuckDB's multi-line CSV error into one line: "line 12: expected 3 fields, found 2". */
export function describeCsvError(message: string): string {
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const at = line ? ` (line ${line})` : '';
  if (/Invalid unicode|not utf-8/i.test(message)) return `is not valid UTF-8${at}`;
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (cols) return `ragged row${at}: expected ${cols[1]} fields, found ${cols[2]}`;
  if (/Value with unterminated quote|unterminated quote/i.test(message)) return `unterminated quoted field${at}`;
  const first = message.split('\n').find((l) => l.trim() && !/^Invalid Input Error: CSV Error on Line/.test(l)) ?? message;
  return `could not be read${at}: ${first.replace(/^[A-Za-z ]+Error: /, '').trim()}`;
}

export interface SniffOptions {
  /** Name used in error messages (a path relative to the dataset, or the file path). */
  display: string;
  /** Tables need at least two columns; submissions may legitimately have one. */
  rejectSingleColumn: boolean;
  /** Submissions and answers must have a header row. */
  requireHeader: boolean;
}

export async function sniffCsv(db: DuckDbSession, path: string, opts: SniffOptions): Promise<CsvDialect> {
  const compressed = path.toLowerCase().endsWith('.gz');
  const head = compressed ? Buffer.alloc(0) : await readHead(path, 64 * 1024);
  if (!compressed) {
    if (head.length === 0) throw new DatasetError('empty file', { file: opts.display });
    if (head.includes(0)) throw new DatasetError('binary file, not a text table', { file: opts.display });
    if (!head.toString('utf8').trim()) throw new DatasetError('empty file (only whitespace)', { file: opts.display });
  }

  let sniff: SniffRow;
  try {
    [sniff] = await db.all<SniffRow>(`SELECT Delimiter, Quote, Escape, HasHeader, Columns FROM sniff_csv(${quoteLiteral(path)}, sample_size=20480)`);
  } catch (err) {
    throw new DatasetError(describeCsvError((err as Error).message), { file: opts.display, cause: err });
  }
  const dialect: CsvDialect = {
    delim: sniff.Delimiter,
    quote: sniff.Quote === EMPTY ? '' : sniff.Quote,
    escape: sniff.Escape === EMPTY ? '' : sniff.Escape,
    header: sniff.HasHeader,
    names: sniff.Columns.map((c) => c.name),
  };

  if (dialect.names.length === 1) {
    // The sniffer falls back to one column when rows disagree on their field count; find out
    // whether that is a ragged file (a delimiter in the header line) or a real single column.
    const firstLine = head.toString('utf8').split(/\r?\n/)[0].replace(/^\uFEFF/, '');
    const delim = DELIMITER_CANDIDATES.find((c) => firstLine.includes(c));
    if (delim) {
      await failOnRaggedRows(db, path, delim, firstLine, opts.display);
    }
    if (opts.rejectSingleColumn) throw new DatasetError('only one column; a table needs at least two', { file: opts.display });
  }

  if (opts.requireHeader && !dialect.header && dialect.names.length > 0) {
    // The sniffer says "no header" when the first row has the same types as the data; a
    // submission's header is all strings, so this means the header row is missing.
    throw new DatasetError('no header row (the first line looks like data)', { file: opts.display });
  }

  const headerRow = await db.all<Record<string, string | null>>(
    `SELECT * FROM ${csvSource(path, { ...dialect, header: false }, ', all_varchar=true')} LIMIT 1`,
  ).catch((err: Error) => {
    throw new DatasetError(describeCsvError(err.message), { file: opts.display, cause: err });
  });
  if (dialect.header && headerRow.length === 1) {
    const raw = Object.values(headerRow[0]).map((v) => (v ?? '').trim());
    const seen = new Map<string, string>();
    for (const name of raw) {
      const key = name.toLowerCase();
      if (name && seen.has(key)) throw new DatasetError(`duplicate column name "${name}"`, { file: opts.display });
      seen.set(key, name);
    }
  }
  return dialect;
}

async function failOnRaggedRows(db: DuckDbSession, path: string, delim: string, firstLine: string, display: string): Promise<void> {
  const n = firstLine.split(delim).length;
  const columns = Array.from({ length: n }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  try {
    await db.all(
      `SELECT count(*) FROM read_csv(${quoteLiteral(path)}, auto_detect=false, delim=${quoteLiteral(delim)}, quote='"', escape='"', ` +
        `header=true, columns={${columns}}, strict_mode=true, null_padding=false)`,
    );
  } catch (err) {
    throw new DatasetError(describeCsvError((err as Error).message), { file: display, cause: err });
  }
}
