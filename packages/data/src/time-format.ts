// Which date format a column's values are written in, and the DuckDB expression that reads them
// as a timestamp. Detection looks at values only (a profile's sample, or any list): every
// non-empty value must parse, so one stray "n/a" in a sample keeps a column from being a date.
import { quoteIdent } from './sql.js';

/**
 * A time format one raw column is written in:
 * - `date` / `datetime`: a DATE / TIMESTAMP column, or ISO text `2000-01-31` / `2000-01-31 12:00[:00]`;
 * - `yyyymmdd`: 8-digit integers or text `20000131`;
 * - `month-day-year`: `Jan-1-1995`, `Jan 1 2000`, `January 1, 2000`;
 * - `day-month-year`: `1-Jan-1995`, `01 Jan 2000`;
 * - `year-month`: `2000-01` (text); `year-quarter`: `2000-Q1`, `2000Q1`, `2000 Q1` (text);
 * - `year`: a bare year (integers 1000–2999).
 */
export type ColumnTimeFormat = 'date' | 'datetime' | 'yyyymmdd' | 'month-day-year' | 'day-month-year' | 'year-month' | 'year-quarter' | 'year';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const PATTERNS: Array<[Exclude<ColumnTimeFormat, 'year'>, RegExp]> = [
  ['date', /^(\d{4})-(\d{2})-(\d{2})$/],
  ['datetime', /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/],
  ['yyyymmdd', /^(\d{4})(\d{2})(\d{2})$/],
  ['month-day-year', new RegExp(`^${MONTH_NAME}[- ](\\d{1,2}),?[- ](\\d{4})$`, 'i')],
  ['day-month-year', new RegExp(`^(\\d{1,2})[- ]${MONTH_NAME}[- ](\\d{4})$`, 'i')],
  ['year-month', /^(\d{4})-(\d{2})$/],
  ['year-quarter', /^(\d{4})[- ]?Q([1-4])$/i],
];

/** Month number (1–12) of a month name or its abbreviation, else undefined. */
export function monthNumber(name: string): number | undefined {
  const i = MONTHS.indexOf(name.trim().toLowerCase().slice(0, 3));
  return i >= 0 && /^[a-z]+\.?$/i.test(name.trim()) ? i + 1 : undefined;
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Year, month, day of one value in `format`, or undefined when it does not parse. */
export function parseDateParts(value: string, format: ColumnTimeFormat): [number, number, number] | undefined {
  const text = value.trim();
  if (format === 'year') return /^\d{4}$/.test(text) && validDate(Number(text), 1, 1) ? [Number(text), 1, 1] : undefined;
  const pattern = PATTERNS.find(([f]) => f === format)![1];
  const m = pattern.exec(text);
  if (!m) return undefined;
  let parts: [number, number, number];
  switch (format) {
    case 'month-day-year': parts = [Number(m[3]), MONTHS.indexOf(m[1].toLowerCase()) + 1, Number(m[2])]; break;
    case 'day-month-year': parts = [Number(m[3]), MONTHS.indexOf(m[2].toLowerCase()) + 1, Number(m[1])]; break;
    case 'year-month': parts = [Number(m[1]), Number(m[2]), 1]; break;
    case 'year-quarter': parts = [Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 1]; break;
    default: parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  return validDate(...parts) ? parts : undefined;
}

/**
 * The one format every non-empty value parses in, trying the most specific first; undefined when
 * there is none or no value at all. A bare year is only tried when `allowYear` is set (a column of
 * small integers is a year only when its name says so).
 */
export function detectDateFormat(values: ReadonlyArray<string | number | null | undefined>, opts: { allowYear?: boolean } = {}): ColumnTimeFormat | undefined {
  const texts = values.filter((v) => v !== null && v !== undefined && String(v).trim() !== '').map((v) => String(v));
  if (texts.length === 0) return undefined;
  const formats: ColumnTimeFormat[] = [...PATTERNS.map(([f]) => f), ...(opts.allowYear ? ['year' as const] : [])];
  return formats.find((f) => texts.every((t) => parseDateParts(t, f) !== undefined));
}

const STRPTIME: Partial<Record<ColumnTimeFormat, string[]>> = {
  'month-day-year': ['%b %d %Y', '%b-%d-%Y', '%b %d, %Y', '%B %d %Y', '%B-%d-%Y', '%B %d, %Y'],
  'day-month-year': ['%d %b %Y', '%d-%b-%Y', '%d %B %Y', '%d-%B-%Y'],
};

/**
 * DuckDB expression reading one raw column in `format` as a TIMESTAMP (a DATE for date-only
 * formats), NULL where a value does not parse.
 */
export function columnTimeSql(column: string, format: ColumnTimeFormat): string {
  const c = quoteIdent(column);
  const text = `trim(CAST(${c} AS VARCHAR))`;
  switch (format) {
    case 'date': return `TRY_CAST(${c} AS DATE)`;
    case 'datetime': return `TRY_CAST(${c} AS TIMESTAMP)`;
    case 'yyyymmdd': return `CAST(try_strptime(${text}, '%Y%m%d') AS DATE)`;
    case 'year-month': return `CAST(try_strptime(${text} || '-01', '%Y-%m-%d') AS DATE)`;
    case 'year-quarter': {
      const year = `TRY_CAST(left(${text}, 4) AS INTEGER)`;
      const quarter = `TRY_CAST(right(${text}, 1) AS INTEGER)`;
      return `make_date(${year}, (${quarter} - 1) * 3 + 1, 1)`;
    }
    case 'year': return `make_date(TRY_CAST(${c} AS INTEGER), 1, 1)`;
    default: {
      // Month names are matched case-insensitively by DuckDB's %b/%B; "Sept." style dots are dropped.
      const cleaned = `replace(${text}, '.', '')`;
      const tries = STRPTIME[format]!.map((f) => `try_strptime(${cleaned}, '${f}')`);
      return `CAST(coalesce(${tries.join(', ')}) AS DATE)`;
    }
  }
}

/** DuckDB expression for a date from a year column and a month (1–12 or a month name) column. */
export function yearMonthSql(yearColumn: string, monthColumn: string, monthIsName: boolean): string {
  const month = monthIsName
    ? `CASE lower(left(trim(CAST(${quoteIdent(monthColumn)} AS VARCHAR)), 3)) ${MONTHS.map((m, i) => `WHEN '${m}' THEN ${i + 1}`).join(' ')} END`
    : `TRY_CAST(${quoteIdent(monthColumn)} AS INTEGER)`;
  return `make_date(TRY_CAST(${quoteIdent(yearColumn)} AS INTEGER), ${month}, 1)`;
}

/** DuckDB expression for a date from a year column and a quarter (1–4, or Q1–Q4) column. */
export function yearQuarterSql(yearColumn: string, quarterColumn: string): string {
  const quarter = `TRY_CAST(right(trim(CAST(${quoteIdent(quarterColumn)} AS VARCHAR)), 1) AS INTEGER)`;
  return `make_date(TRY_CAST(${quoteIdent(yearColumn)} AS INTEGER), (${quarter} - 1) * 3 + 1, 1)`;
}
