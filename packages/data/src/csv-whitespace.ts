// Whitespace-separated tables (fields split by runs of spaces or tabs, strings possibly quoted,
// as R's write.table and many .dat files write them), which DuckDB's CSV reader cannot split:
// it reads each line as one text field and a regular expression splits the fields, all in SQL,
// so the table is still a streamed DuckDB relation like every other CSV.
import { DatasetError } from '@mle-smith/core';
import type { DuckDbSession } from './session.js';
import { isNumericType, quoteIdent, quoteLiteral } from './sql.js';

export interface WhitespaceColumn {
  name: string;
  /** BIGINT, DOUBLE or VARCHAR, inferred from every row. */
  type: string;
  /** A lone unquoted `.` is a missing value in this (otherwise numeric) column. */
  dotMissing: boolean;
}

export interface WhitespaceLayout {
  /** Physical lines before the first data line (leading comments, blank lines, the header). */
  skip: number;
  header: boolean;
  columns: WhitespaceColumn[];
}

/** A field: a "double-" or 'single-quoted' string (\-escaped or doubled quotes inside), or a run of non-space. */
const FIELD = `"(?:[^"\\\\]|\\\\.|"")*"|'(?:[^'\\\\]|\\\\.|'')*'|\\S+`;
/** Lines that hold no data: blank, or a comment starting with #. */
const SKIPPED = `^\\s*(#|$)`;
/** How many lines decide the layout; the types and the field counts come from every line. */
const PROBE_LINES = 1000;

function lines(path: string, skip: number): string {
  // delim U+001F: a byte text files do not hold, so each line is one field, read as written
  return `read_csv(${quoteLiteral(path)}, columns={'line': 'VARCHAR'}, delim=chr(31), quote='', escape='', header=false, auto_detect=false, skip=${skip})`;
}

function fields(path: string, skip: number): string {
  return `(SELECT regexp_extract_all(line, ${quoteLiteral(FIELD)}) AS __f FROM ${lines(path, skip)} WHERE line IS NOT NULL AND NOT regexp_matches(line, ${quoteLiteral(SKIPPED)}))`;
}

/** Field i (1-based) as text: quotes removed, unquoted NA (and `.` where it means missing) as NULL. */
function fieldText(i: number, dotMissing: boolean): string {
  const f = `__f[${i}]`;
  const q = `left(${f}, 1)`;
  const missing = dotMissing ? `('NA', '.')` : `('NA')`;
  return (
    `CASE WHEN ${f} IN ${missing} THEN NULL ` +
    `WHEN length(${f}) >= 2 AND ${q} IN ('"', '''') THEN replace(replace(${f}[2:-2], '\\' || ${q}, ${q}), ${q} || ${q}, ${q}) ELSE ${f} END`
  );
}

/** The DuckDB relation of a whitespace-separated file: typed columns, or their text with asText. */
export function whitespaceSource(path: string, layout: WhitespaceLayout, asText = false): string {
  const cols = layout.columns.map((c, i) => {
    const text = fieldText(i + 1, c.dotMissing);
    return `${asText || c.type === 'VARCHAR' ? text : `CAST(${text} AS ${c.type})`} AS ${quoteIdent(c.name)}`;
  });
  return `(SELECT ${cols.join(', ')} FROM ${fields(path, layout.skip)})`;
}

/**
 * The layout of a whitespace-separated file, or undefined when its lines do not split into the
 * same number (at least two) of fields. A first line of non-numbers is the header; a header one
 * field short names all but the first column (R's row names), which becomes `row_name`.
 */
export async function sniffWhitespace(db: DuckDbSession, path: string, display: string): Promise<WhitespaceLayout | undefined> {
  const probe = await db.all<{ line: string | null; f: string[] | null; numeric: boolean[] | null }>(
    `SELECT line, regexp_extract_all(line, ${quoteLiteral(FIELD)}) AS f, list_transform(f, x -> TRY_CAST(x AS DOUBLE) IS NOT NULL) AS numeric ` +
      `FROM ${lines(path, 0)} LIMIT ${PROBE_LINES}`,
  ).catch(() => undefined);
  if (!probe) return undefined;
  const skipped = new RegExp(SKIPPED);
  const first = probe.findIndex((r) => r.line !== null && !skipped.test(r.line));
  if (first < 0) return undefined;
  const data = probe.slice(first + 1).filter((r) => r.line !== null && !skipped.test(r.line));
  const width = data[0]?.f?.length ?? 0;
  // Most lines agree on the field count: a table (ragged rows are reported with their line below);
  // prose does not.
  if (width < 2 || data.filter((r) => r.f?.length === width).length < 0.9 * data.length) return undefined;
  const head = probe[first];
  const headWidth = head.f?.length ?? 0;
  const header = headWidth === width - 1 || (headWidth === width && !head.numeric!.some(Boolean));
  if (!header && headWidth !== width) return undefined;
  const names = header ? head.f!.map((f) => f.replace(/^(["'])(.*)\1$/s, '$2')) : [];
  if (names.length === width - 1) names.unshift('row_name');
  for (let i = 0; i < width; i++) names[i] ||= i === 0 && header ? 'row_name' : `column${i}`;
  const skip = header ? first + 1 : first;
  const columns = await inferColumns(db, path, skip, names, display);
  return { skip, header, columns };
}

/** Types from every row (BIGINT, DOUBLE, else VARCHAR), and ragged rows as an error with their line. */
async function inferColumns(db: DuckDbSession, path: string, skip: number, names: string[], display: string): Promise<WhitespaceColumn[]> {
  const stats = names.map((_, i) => {
    const text = fieldText(i + 1, false);
    const notDot = `FILTER (WHERE __f[${i + 1}] <> '.')`;
    return `count(${text}) ${notDot} AS n${i}, count_if(regexp_full_match(${text}, '[-+]?[0-9]+') AND TRY_CAST(${text} AS BIGINT) IS NOT NULL) ${notDot} AS i${i}, count(TRY_CAST(${text} AS DOUBLE)) ${notDot} AS d${i}, count_if(__f[${i + 1}] = '.') AS dots${i}`;
  });
  const [row] = await db.all<Record<string, number>>(
    `SELECT min(len(__f)) AS lo, max(len(__f)) AS hi, ${stats.join(', ')} FROM ${fields(path, skip)}`,
  );
  if (Number(row.lo) !== names.length || Number(row.hi) !== names.length) await failOnRaggedLine(db, path, skip, names.length, display);
  return names.map((name, i) => {
    const [n, ints, doubles, dots] = [row[`n${i}`], row[`i${i}`], row[`d${i}`], row[`dots${i}`]].map(Number);
    const type = n === 0 ? 'VARCHAR' : ints === n ? 'BIGINT' : doubles === n ? 'DOUBLE' : 'VARCHAR';
    return { name, type, dotMissing: dots > 0 && isNumericType(type) };
  });
}

async function failOnRaggedLine(db: DuckDbSession, path: string, skip: number, width: number, display: string): Promise<never> {
  const [bad] = await db.all<{ line: number; n: number }>(
    `SELECT line, n FROM (SELECT row_number() OVER () + ${skip} AS line, len(regexp_extract_all(line, ${quoteLiteral(FIELD)})) AS n, line AS text FROM ${lines(path, skip)}) ` +
      `WHERE text IS NOT NULL AND NOT regexp_matches(text, ${quoteLiteral(SKIPPED)}) AND n <> ${width} ORDER BY line LIMIT 1`,
  );
  throw new DatasetError(`ragged row${bad ? ` (line ${bad.line})` : ''}: expected ${width} fields, found ${bad?.n ?? 'another number'} (whitespace-separated)`, { file: display });
}
