// Whether a profiled table is indexed by time, from its profile alone (no query): a date,
// datetime, yyyymmdd, text-date or bare-year column, or year + month / year + quarter columns,
// that is a key of the table by itself or together with a series column. Designers share this
// answer so that exactly one of them claims a time-indexed table (docs/modalities.md).
import type { ColumnProfile, TableProfile } from '@mle-smith/core';
import { columnTimeSql, detectDateFormat, monthNumber, parseDateParts, yearMonthSql, yearQuarterSql, type ColumnTimeFormat } from './time-format.js';
import { frequencyOfStep } from './time-frequency.js';

export interface TimeIndex {
  /** One raw column in a date format, or a year column with a month / quarter column. */
  kind: 'column' | 'year-month' | 'year-quarter';
  /** The raw columns the time is read from: [column], [year, month] or [year, quarter]. */
  columns: string[];
  /** Format of the single column (kind 'column'). */
  format?: ColumnTimeFormat;
  /** DuckDB expression over the raw table yielding the time as a DATE or TIMESTAMP. */
  sql: string;
  /** Distinct timestamps the profile implies (an upper bound for year + month / quarter). */
  distinctTimes: number;
  /** True when the time alone is a key of the table (one series, or a wide table). */
  unique: boolean;
}

export interface TimeIndexOptions {
  /** Fewest distinct timestamps a time index needs. Default 12. */
  minSteps?: number;
}

const YEAR_NAME = /^(year|yr|yyyy|years|jahr|annee|anio)$|_year$|^year_/i;
const MONTH_NAME = /^(month|mon|mo|mth|months)$/i;
const QUARTER_NAME = /^(quarter|qtr|q|quarters)$/i;
const INTEGER_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;

/** Values the profile saw in a column: its top values, min and max. */
function seenValues(c: ColumnProfile): Array<string | number> {
  const values: Array<string | number> = [];
  for (const v of c.topValues) if (typeof v.value === 'string' || typeof v.value === 'number') values.push(v.value);
  for (const v of [c.min, c.max]) if (typeof v === 'string' || typeof v === 'number') values.push(v);
  return values;
}

/** The format of a single time column, judged from its type, name and the values the profile saw. */
export function columnTimeFormat(c: ColumnProfile): ColumnTimeFormat | undefined {
  if (c.missingFraction >= 1) return undefined;
  if (c.duckdbType === 'DATE') return 'date';
  if (c.duckdbType.startsWith('TIMESTAMP')) return 'datetime';
  const values = seenValues(c);
  if (c.duckdbType === 'VARCHAR') {
    const f = detectDateFormat(values);
    return f === 'yyyymmdd' ? undefined : f;
  }
  if (!INTEGER_TYPES.test(c.duckdbType)) return undefined;
  const f = detectDateFormat(values, { allowYear: YEAR_NAME.test(c.name) });
  return f === 'yyyymmdd' || f === 'year' ? f : undefined;
}

function isMonthColumn(c: ColumnProfile): { byName: boolean } | undefined {
  if (!MONTH_NAME.test(c.name) || c.missingFraction > 0) return undefined;
  const values = seenValues(c);
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 12)) return { byName: false };
  if (c.duckdbType === 'VARCHAR' && values.every((v) => typeof v === 'string' && monthNumber(v) !== undefined)) return { byName: true };
  return undefined;
}

function isQuarterColumn(c: ColumnProfile): boolean {
  if (!QUARTER_NAME.test(c.name) || c.missingFraction > 0) return false;
  return seenValues(c).every((v) => /^(Q)?[1-4]$/i.test(String(v).trim()));
}

/** UTC date of a profile min/max of a DATE/TIMESTAMP or numeric time column, when it can be read. */
function profileDate(value: unknown, format: ColumnTimeFormat): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (format === 'date' || format === 'datetime') {
    const t = Date.parse(`${String(value).replace(' ', 'T').slice(0, 19)}Z`);
    return Number.isFinite(t) ? new Date(t) : undefined;
  }
  if (format !== 'yyyymmdd' && format !== 'year') return undefined;
  const parts = parseDateParts(String(value), format);
  return parts ? new Date(Date.UTC(parts[0], parts[1] - 1, parts[2])) : undefined;
}

/**
 * Regular sampling as far as the profile shows: the mean step between the first and the last of
 * the distinct timestamps is within 1.5 times a known frequency's step (gaps and weekends widen
 * it). Unknown (true) where min and max do not sort chronologically (text dates).
 */
function looksRegular(c: ColumnProfile, format: ColumnTimeFormat): boolean {
  const lo = profileDate(c.min, format);
  const hi = profileDate(c.max, format);
  if (!lo || !hi) return true;
  const meanStep = (hi.getTime() - lo.getTime()) / 1000 / Math.max(1, c.distinctCount - 1);
  return [1, 1.1, 1.2, 1.3, 1.4, 1.5].some((widening) => frequencyOfStep(meanStep / widening) !== undefined);
}

/**
 * Columns that could name the series of a long table: text or integer codes repeated over time.
 * A numeric measurement or response is not a code, however many values it has: ames' Lot_Frontage (129
 * integers) times 61 remodelling years "could" hold 2,930 sales, and made a house-sales table look
 * like a time series that no designer then took.
 */
export function seriesCandidates(table: TableProfile, time: TimeIndex): ColumnProfile[] {
  return table.columns.filter((c) => {
    if (time.columns.includes(c.name) || c.missingFraction > 0 || c.distinctCount < 2) return false;
    if ((c.role === 'measure' || c.role === 'response') && c.duckdbType !== 'VARCHAR' && c.inferredType !== 'categorical') return false;
    if (!['categorical', 'integer', 'boolean', 'text'].includes(c.inferredType) && c.duckdbType !== 'VARCHAR') return false;
    if (c.inferredType === 'text' && (c.textLength?.mean ?? 0) > 60) return false;
    return c.distinctCount <= table.rowCount / 4;
  });
}

/**
 * The table's time index, if it has one: the first time column (or year + month / quarter pair)
 * that is a key of the table alone, or whose distinct timestamps times a series column's distinct
 * values can hold every row, with at least `minSteps` distinct timestamps and a numeric column
 * besides. Undefined otherwise.
 */
export function findTimeIndex(table: TableProfile, options: TimeIndexOptions = {}): TimeIndex | undefined {
  const minSteps = options.minSteps ?? 12;
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const candidates: TimeIndex[] = [];
  const years = table.columns.filter((c) => YEAR_NAME.test(c.name) && INTEGER_TYPES.test(c.duckdbType) && c.missingFraction === 0);
  for (const year of years) {
    for (const c of table.columns) {
      const month = isMonthColumn(c);
      if (month) {
        candidates.push({ kind: 'year-month', columns: [year.name, c.name], sql: yearMonthSql(year.name, c.name, month.byName), distinctTimes: year.distinctCount * Math.min(12, c.distinctCount), unique: false });
      } else if (isQuarterColumn(c)) {
        candidates.push({ kind: 'year-quarter', columns: [year.name, c.name], sql: yearQuarterSql(year.name, c.name), distinctTimes: year.distinctCount * Math.min(4, c.distinctCount), unique: false });
      }
    }
  }
  for (const c of table.columns) {
    const format = columnTimeFormat(c);
    if (!format || c.missingFraction > 0 || !looksRegular(c, format)) continue;
    const unique = table.candidateKeys.includes(c.name);
    candidates.push({ kind: 'column', columns: [c.name], format, sql: columnTimeSql(c.name, format), distinctTimes: c.distinctCount, unique });
  }
  const numeric = (time: TimeIndex) => table.columns.some((c) => !time.columns.includes(c.name) && (c.inferredType === 'float' || c.inferredType === 'integer') && !c.identifierLike && c.missingFraction < 1);
  for (const time of candidates) {
    if (time.distinctTimes < minSteps || !numeric(time)) continue;
    if (time.kind !== 'column') time.unique = time.distinctTimes >= table.rowCount && time.columns.every((n) => (byName.get(n)?.missingFraction ?? 1) === 0);
    if (time.unique) return time;
    const series = seriesCandidates(table, time);
    if (series.some((s) => s.distinctCount * time.distinctTimes >= table.rowCount && table.rowCount / s.distinctCount >= minSteps)) return time;
  }
  return undefined;
}
