// CSV/TSV sniffing and the checks that turn malformed text files into a DatasetError naming
// the file and the problem. DuckDB's sniffer does the detection; this file only interprets it,
// and for dataset tables tries what the sniffer does not: decimal commas, `.` as a missing number,
// and whitespace-separated files (see docs/csv-dialects.md).
import { DatasetError } from '@mle-smith/core';
import type { DuckDbSession } from './session.js';
import { isNumericType, quoteIdent, quoteLiteral } from './sql.js';
import { readHead } from './file-kind.js';
import { sniffWhitespace, whitespaceSource, type WhitespaceLayout } from './csv-whitespace.js';

/** How a CSV file is read. The sniffer fills it once; every later read of the file uses it. */
export interface CsvDialect {
  delim: string;
  quote: string;
  escape: string;
  header: boolean;
  /** Column names as DuckDB will expose them. */
  names: string[];
  /** Lines before the header that are not data (leading comments or notes). */
  skip?: number;
  /** Lines starting with this character are comments ('' or absent: none). */
  comment?: string;
  /** ',' when numbers are written with a decimal comma (`1,5` is 1.5). */
  decimal?: string;
  /** Field texts read as missing values, besides the empty field. */
  nullstr?: string[];
  /** Columns that are numeric but for cells holding a lone `.`, which are missing values. */
  dotMissing?: Array<{ name: string; type: string }>;
  /** Set for whitespace-separated files, which the fields above do not describe. */
  whitespace?: WhitespaceLayout;
}

export type CsvReadOptions = Pick<CsvDialect, 'delim' | 'quote' | 'escape' | 'header'> &
  Partial<Pick<CsvDialect, 'skip' | 'comment' | 'decimal' | 'nullstr' | 'dotMissing' | 'whitespace'>>;

interface SniffRow {
  Delimiter: string;
  Quote: string;
  Escape: string;
  HasHeader: boolean;
  SkipRows: number;
  Comment: string;
  Columns: Array<{ name: string; type: string }>;
}

const EMPTY = '(empty)';
const DELIMITER_CANDIDATES = [',', '\t', ';', '|'];
/** What a dataset table reads as missing: R's and pandas' NA, and the empty field. */
const TABLE_NULLS = ['NA', ''];
const TRIED = 'tried delimiters ",", tab, ";", "|" and runs of whitespace, with quotes \' and "';

const list = (xs: string[]): string => `[${xs.map(quoteLiteral).join(', ')}]`;

/** read_csv options beyond delimiter, quote, escape and header, in one order for sniff and read alike. */
function moreOptions(d: Partial<CsvDialect>): string {
  return (
    (d.skip ? `, skip=${d.skip}` : '') +
    (d.comment ? `, comment=${quoteLiteral(d.comment)}` : '') +
    (d.decimal && d.decimal !== '.' ? `, decimal_separator=${quoteLiteral(d.decimal)}` : '') +
    (d.nullstr ? `, nullstr=${list(d.nullstr)}` : '')
  );
}

/**
 * The DuckDB table expression that reads a CSV file with a known dialect. `extra` adds read_csv
 * options; with `all_varchar=true` every column is the text written in the file.
 */
export function csvSource(path: string, d: CsvReadOptions, extra = ''): string {
  const asText = /all_varchar\s*=\s*true/.test(extra);
  if (d.whitespace) return whitespaceSource(path, d.whitespace, asText);
  const read =
    `read_csv(${quoteLiteral(path)}, delim=${quoteLiteral(d.delim)}, quote=${quoteLiteral(d.quote)}, escape=${quoteLiteral(d.escape)}, ` +
    `header=${d.header}${moreOptions(d)}, strict_mode=true, null_padding=false${extra})`;
  if (!d.dotMissing?.length) return read;
  const replaced = d.dotMissing.map((c) => {
    const cell = `nullif(${quoteIdent(c.name)}, '.')`;
    // read as text (the '.' cells), so the decimal comma is this cast's to read
    const text = d.decimal === ',' ? `replace(${cell}, ',', '.')` : cell;
    return `${asText ? text : `CAST(${text} AS ${c.type})`} AS ${quoteIdent(c.name)}`;
  });
  return `(SELECT * REPLACE (${replaced.join(', ')}) FROM ${read})`;
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
  /**
   * A dataset table: NA is missing too, and the dialects DuckDB's sniffer does not try are tried
   * (whitespace-separated, decimal comma, `.` as a missing number). Submissions are plain CSV.
   */
  table?: boolean;
}

export async function sniffCsv(db: DuckDbSession, path: string, opts: SniffOptions): Promise<CsvDialect> {
  const compressed = path.toLowerCase().endsWith('.gz');
  const head = compressed ? Buffer.alloc(0) : await readHead(path, 64 * 1024);
  if (!compressed) {
    if (head.length === 0) throw new DatasetError('empty file', { file: opts.display });
    if (head.includes(0)) throw new DatasetError('binary file, not a text table', { file: opts.display });
    if (!head.toString('utf8').trim()) throw new DatasetError('empty file (only whitespace)', { file: opts.display });
  }

  const nullstr = opts.table ? TABLE_NULLS : undefined;
  const sniffed = await sniff(db, path, opts.display, { nullstr });
  let dialect: CsvDialect = {
    delim: sniffed.Delimiter,
    quote: sniffed.Quote === EMPTY ? '' : sniffed.Quote,
    escape: sniffed.Escape === EMPTY ? '' : sniffed.Escape,
    header: sniffed.HasHeader,
    names: sniffed.Columns.map((c) => c.name),
    ...(sniffed.SkipRows ? { skip: Number(sniffed.SkipRows) } : {}),
    ...(sniffed.Comment && sniffed.Comment !== EMPTY ? { comment: sniffed.Comment } : {}),
    ...(nullstr ? { nullstr } : {}),
  };

  if (dialect.names.length === 1) {
    const whitespace = opts.table ? await sniffWhitespace(db, path, opts.display) : undefined;
    if (whitespace) return { ...dialect, header: whitespace.header, names: whitespace.columns.map((c) => c.name), whitespace };
    // The sniffer falls back to one column when rows disagree on their field count; find out
    // whether that is a ragged file (a delimiter in the header line) or a real single column.
    const firstLine = head.toString('utf8').split(/\r?\n/)[0].replace(/^\uFEFF/, '');
    const delim = DELIMITER_CANDIDATES.find((c) => firstLine.includes(c));
    if (delim) {
      await failOnRaggedRows(db, path, delim, firstLine, opts.display);
    }
    if (opts.rejectSingleColumn) throw new DatasetError(`only one column; a table needs at least two (${TRIED})`, { file: opts.display });
  }
  if (opts.table) dialect = await refineNumbers(db, path, opts.display, dialect, sniffed.Columns);

  if (opts.requireHeader && !dialect.header && dialect.names.length > 0) {
    // The sniffer says "no header" when the first row has the same types as the data; a
    // submission's header is all strings, so this means the header row is missing.
    throw new DatasetError('no header row (the first line looks like data)', { file: opts.display });
  }

  const headerRow = await db.all<Record<string, string | null>>(
    `SELECT * FROM ${csvSource(path, { ...dialect, header: false, dotMissing: undefined }, ', all_varchar=true')} LIMIT 1`,
  ).catch((err: Error) => {
    throw new DatasetError(describeCsvError(err.message), { file: opts.display, cause: err });
  });
  if (dialect.header && headerRow.length === 1) {
    const raw = Object.values(headerRow[0]).map((v) => (v ?? '').trim());
    // The same name twice is ambiguous. Names that differ only in case (R's `Sc.Var.Maxis` and
    // `Sc.Var.maxis`) are two columns: SQL identifiers ignore case, so DuckDB names the later one
    // `Sc.Var.maxis_1` (docs/csv-dialects.md).
    const seen = new Set<string>();
    for (const name of raw) {
      if (name && seen.has(name)) throw new DatasetError(`duplicate column name "${name}"`, { file: opts.display });
      seen.add(name);
    }
  }
  return dialect;
}

/** DuckDB's sniffer with the dialect fixed so far (its types follow nullstr and the decimal separator). */
async function sniff(db: DuckDbSession, path: string, display: string, d: Partial<CsvDialect>): Promise<SniffRow> {
  const fixed = d.delim === undefined ? '' : `, delim=${quoteLiteral(d.delim)}, quote=${quoteLiteral(d.quote!)}, escape=${quoteLiteral(d.escape!)}, header=${d.header}`;
  try {
    const [row] = await db.all<SniffRow>(
      `SELECT Delimiter, Quote, Escape, HasHeader, SkipRows, Comment, Columns FROM sniff_csv(${quoteLiteral(path)}, sample_size=20480${fixed}${moreOptions(d)})`,
    );
    return row;
  } catch (err) {
    throw new DatasetError(describeCsvError((err as Error).message), { file: display, cause: err });
  }
}

const numericColumns = (cols: SniffRow['Columns']): number => cols.filter((c) => isNumericType(c.type)).length;

/**
 * Text columns that are numbers in another convention: a decimal comma (tried only when fields
 * are not comma-separated, and kept only when it makes more columns numeric), and a lone `.` as
 * a missing number (SAS, Stata), only in columns that are numeric but for those cells — a text
 * column keeps its "." values.
 */
async function refineNumbers(db: DuckDbSession, path: string, display: string, dialect: CsvDialect, sniffed: SniffRow['Columns']): Promise<CsvDialect> {
  if (!sniffed.some((c) => c.type === 'VARCHAR')) return dialect;
  const dotted = (d: CsvDialect): Promise<SniffRow> => sniff(db, path, display, { ...d, nullstr: [...(d.nullstr ?? []), '.'] });
  let plain = sniffed;
  let withDots = (await dotted(dialect)).Columns;
  if (dialect.delim !== ',') {
    const comma: CsvDialect = { ...dialect, decimal: ',' };
    const commaWithDots = (await dotted(comma)).Columns;
    if (numericColumns(commaWithDots) > numericColumns(withDots)) {
      dialect = comma;
      withDots = commaWithDots;
      plain = (await sniff(db, path, display, comma)).Columns;
    }
  }
  const dotMissing = plain.flatMap((c, i) => {
    const alt = withDots[i];
    return c.type === 'VARCHAR' && alt?.name === c.name && isNumericType(alt.type) ? [{ name: c.name, type: alt.type }] : [];
  });
  return dotMissing.length ? { ...dialect, dotMissing } : dialect;
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
