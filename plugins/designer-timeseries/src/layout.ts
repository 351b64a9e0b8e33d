// How a time-indexed table holds its series: long (a time column, optional series-id columns, one
// row per series and step), wide by series (one column per series next to the time column) or
// wide by month (a year column and one column per month). The layout decides the spec's
// expressions; the statistics (frequency, lengths, gaps, missing values) come from DuckDB.
import { quoteIdent, quoteLiteral, findTimeIndex, monthNumber, seriesCandidates, type TimeIndex } from '@mle-smith/data';
import type { ColumnProfile, TableProfile } from '@mle-smith/core';

export type SeriesShape = 'long' | 'wide-series' | 'wide-months';

export interface SeriesLayout {
  table: TableProfile;
  time: TimeIndex;
  shape: SeriesShape;
  /** Raw columns naming the series (long and wide-by-month tables). */
  seriesColumns: string[];
  /** Long: the candidate targets. Wide: the columns melted into one target, in order. */
  valueColumns: string[];
  /** Raw columns whose future values are known (calendar columns, declared ones): public in train and test. */
  knownColumns: string[];
  /** Public name of the time column (ISO text that sorts chronologically). */
  timeName: string;
  /** Public name of the series column of a wide-by-series table. */
  seriesName: string;
}

/** Column names that hold calendar facts, known for any future date. */
const CALENDAR_NAME = /^(is_?)?(holiday|weekday|weekend|day_?of_?week|dow|day_?of_?year|week_?of_?year|week|month|quarter|season)$/i;

function isValueColumn(c: ColumnProfile, exclude: Set<string>): boolean {
  if (exclude.has(c.name) || c.identifierLike || c.missingFraction >= 0.5) return false;
  return (c.inferredType === 'float' || c.inferredType === 'integer') && c.distinctCount > 2;
}

function freeName(table: TableProfile, choices: string[]): string {
  const taken = new Set(table.columns.map((c) => c.name.toLowerCase()));
  return choices.find((n) => !taken.has(n)) ?? `${choices[0]}_${table.columns.length}`;
}

/** Columns named by a month, in calendar order, when all twelve are there and numeric. */
function monthColumns(table: TableProfile): string[] | undefined {
  const byMonth = new Map<number, string>();
  for (const c of table.columns) {
    const m = monthNumber(c.name);
    if (m !== undefined && (c.inferredType === 'float' || c.inferredType === 'integer') && !byMonth.has(m)) byMonth.set(m, c.name);
  }
  return byMonth.size === 12 ? [...byMonth.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n) : undefined;
}

/**
 * Columns measuring one quantity for different series (wide by series): at least three numeric
 * columns of one type, whose means lie within a factor of 10 of each other, that share a sign
 * domain (all can be negative, or none can), and whose coefficients of variation lie within a
 * factor of 3 (a series' spread grows with its level). Else each numeric column is its own target:
 * `date, pce, pop, psavert` differ in scale, and seattle-weather's `precipitation, temp_max,
 * temp_min, wind` have similar means but temperatures go below zero and rainfall is far more
 * dispersed than wind.
 */
function sameQuantity(columns: ColumnProfile[]): boolean {
  if (columns.length < 3 || new Set(columns.map((c) => c.duckdbType)).size !== 1) return false;
  const means = columns.map((c) => Math.abs(c.mean ?? NaN));
  if (means.some((m) => !Number.isFinite(m) || m === 0)) return false;
  if (Math.max(...means) / Math.min(...means) > 10) return false;
  if (new Set(columns.map((c) => Number(c.min) < 0)).size !== 1) return false;
  const variation = columns.map((c, i) => (c.std ?? NaN) / means[i]);
  if (variation.some((v) => !Number.isFinite(v))) return false;
  return Math.max(...variation) <= 3 * Math.max(Math.min(...variation), 1e-12);
}

/** Candidate layouts of a table, best first; the series columns of a long table still need checking against the data (`uniqueKeySql`). */
export function candidateLayouts(table: TableProfile, declaredKnown: string[], minSteps: number): SeriesLayout[] {
  const time = findTimeIndex(table, { minSteps });
  if (!time) return [];
  const timeName = freeName(table, ['time', 'timestamp', 'period', 'time_index']);
  const seriesName = freeName(table, ['series', 'series_id', 'series_name']);
  const known = table.columns.map((c) => c.name).filter((n) => !time.columns.includes(n) && (declaredKnown.includes(n) || CALENDAR_NAME.test(n)));
  const base = { table, time, knownColumns: known, timeName, seriesName };
  const months = time.format === 'year' ? monthColumns(table) : undefined;
  const out: SeriesLayout[] = [];
  const exclude = new Set([...time.columns, ...known]);
  const seriesOptions = time.unique ? [[]] : seriesCandidates(table, time).sort((a, b) => a.distinctCount - b.distinctCount || (a.name < b.name ? -1 : 1)).map((c) => [c.name]);
  if (months) {
    for (const series of seriesOptions) out.push({ ...base, shape: 'wide-months', seriesColumns: series, valueColumns: months, knownColumns: [] });
    return out;
  }
  for (const series of seriesOptions) {
    const values = table.columns.filter((c) => isValueColumn(c, new Set([...exclude, ...series])));
    if (values.length === 0) continue;
    if (series.length === 0 && sameQuantity(values)) out.push({ ...base, shape: 'wide-series', seriesColumns: [], valueColumns: values.map((c) => c.name) });
    else out.push({ ...base, shape: 'long', seriesColumns: series, valueColumns: orderTargets(table, values) });
  }
  return out;
}

/** Targets in the profile's candidate order (documented responses first), then column order. */
function orderTargets(table: TableProfile, values: ColumnProfile[]): string[] {
  const rank = new Map(table.candidateTargets.map((t, i) => [t.column, i]));
  return values.map((c, i) => ({ name: c.name, r: rank.get(c.name) ?? table.candidateTargets.length + i })).sort((a, b) => a.r - b.r).map((v) => v.name);
}

/** SQL that is true when the time and the series columns identify every row of the table. */
export function uniqueKeySql(layout: SeriesLayout): string {
  const t = quoteIdent(layout.table.name);
  const key = [layout.time.sql, ...layout.seriesColumns.map(quoteIdent)].join(', ');
  return `SELECT count(*) = count(DISTINCT (${key})) AND count(*) FILTER (WHERE (${layout.time.sql}) IS NULL) = 0 AS ok FROM ${t}`;
}

/**
 * The public time column's text: a year (`2000`), a date (`2000-01-31`; the first day of the month
 * or quarter for monthly and quarterly indexes) or a datetime, so text order is time order and
 * DuckDB, pandas and the time rules all read it.
 */
export function isoTimeSql(time: TimeIndex, timestampSql: string = time.sql): string {
  if (time.format === 'year') return `strftime(${timestampSql}, '%Y')`;
  if (time.format === 'datetime') return `strftime(${timestampSql}, '%Y-%m-%d %H:%M:%S')`;
  return `strftime(${timestampSql}, '%Y-%m-%d')`;
}

export interface LayoutExpressions {
  /** Derived features: the public time column first, then (wide by series) the series name. */
  derived: Array<{ name: string; expression: string }>;
  target: { expression: string; sourceColumns: string[] };
  /** split.by: the time as a DATE/TIMESTAMP over the raw table. */
  splitBy: string;
  /** Public series-id columns (timeseries.seriesColumns). */
  seriesColumns: string[];
}

const toDouble = (c: string): string => `TRY_CAST(${quoteIdent(c)} AS DOUBLE)`;

/**
 * The spec's expressions for one target. A wide table's target is a list (one element per melted
 * column) and so are the derived columns that vary along it; materialize unnests them together.
 */
export function layoutExpressions(layout: SeriesLayout, target: string): LayoutExpressions {
  const { time } = layout;
  if (layout.shape === 'wide-months') {
    const year = quoteIdent(time.columns[0]);
    const months = layout.valueColumns.map((_, i) => `strftime(make_date(TRY_CAST(${year} AS INTEGER), ${i + 1}, 1), '%Y-%m-%d')`);
    return {
      derived: [{ name: layout.timeName, expression: `[${months.join(', ')}]` }],
      target: { expression: `[${layout.valueColumns.map(toDouble).join(', ')}]`, sourceColumns: [...layout.valueColumns] },
      splitBy: time.sql,
      seriesColumns: [...layout.seriesColumns],
    };
  }
  const derived = [{ name: layout.timeName, expression: isoTimeSql(time) }];
  if (layout.shape === 'wide-series') {
    derived.push({ name: layout.seriesName, expression: `[${layout.valueColumns.map(quoteLiteral).join(', ')}]` });
    return {
      derived,
      target: { expression: `[${layout.valueColumns.map(toDouble).join(', ')}]`, sourceColumns: [...layout.valueColumns] },
      splitBy: time.sql,
      seriesColumns: [layout.seriesName],
    };
  }
  return { derived, target: { expression: toDouble(target), sourceColumns: [target] }, splitBy: time.sql, seriesColumns: [...layout.seriesColumns] };
}
