// The long relation behind every forecasting spec: one row per series and step, with the public
// columns, the series key (`__key`), the time as text (`__time`) and as a timestamp (`__t`), and
// the target (`__y`). A wide table's list-valued target and derived columns are unnested together.
import { quoteIdent, type DuckDbSession } from '@mle-smith/data';
import { DatasetError, type TaskSpec, type TimeSeriesSpec } from '@mle-smith/core';

/** Key of the one series of a table without series columns (answers.csv's `series`). */
export const SINGLE_SERIES_KEY = 'all';

/** The forecasting part of a spec (TaskSpec.timeseries). */
export type TimeseriesFields = TimeSeriesSpec;

export function timeseriesOf(spec: TaskSpec): TimeseriesFields {
  const ts = spec.timeseries;
  if (!ts) throw new DatasetError(`spec ${spec.id}: a forecasting spec needs "timeseries" (time column, series columns, frequency, horizon)`);
  return ts;
}

/** DuckDB expression reading the public ISO time text (`2000`, `2000-01`, `2000-Q1`, `2000-01-31[ 12:00:00]`) as a timestamp. */
export function isoTextTimestampSql(text: string): string {
  return `CASE WHEN length(${text}) = 4 THEN CAST(make_date(CAST(${text} AS INTEGER), 1, 1) AS TIMESTAMP)` +
    ` WHEN ${text} LIKE '____-Q_' THEN CAST(make_date(CAST(left(${text}, 4) AS INTEGER), (CAST(right(${text}, 1) AS INTEGER) - 1) * 3 + 1, 1) AS TIMESTAMP)` +
    ` WHEN length(${text}) = 7 THEN CAST(CAST(${text} || '-01' AS DATE) AS TIMESTAMP)` +
    ` ELSE CAST(${text} AS TIMESTAMP) END`;
}

/** The series key of a row: its series columns' values joined by `|`, or "all". */
export function seriesKeySql(seriesColumns: string[]): string {
  if (seriesColumns.length === 0) return `'${SINGLE_SERIES_KEY}'`;
  return `concat_ws('|', ${seriesColumns.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR)`).join(', ')})`;
}

/**
 * SELECT of the long relation for `spec` (read in `db`, a session over the raw dataset): the
 * spec's features, derived features and target (`__y`, a DOUBLE), unnested when the target is a
 * list, plus `__key`, `__time` and `__t`. Rows the spec's filter drops are left out; rows whose
 * target is missing stay (callers count them).
 */
export async function seriesRelationSql(db: DuckDbSession, spec: TaskSpec): Promise<string> {
  const ts = timeseriesOf(spec);
  const table = quoteIdent(spec.table);
  const derived = spec.derivedFeatures.map((d) => `(${d.expression}) AS ${quoteIdent(d.name)}`);
  const inner = [...spec.features.map(quoteIdent), ...derived, `(${spec.target.expression}) AS __y`];
  const select = `SELECT ${inner.join(', ')} FROM ${table}${spec.filter ? ` WHERE ${spec.filter}` : ''}`;
  let types: Map<string, string>;
  try {
    types = new Map((await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${select}`)).map((c) => [c.column_name, c.column_type]));
  } catch (err) {
    throw new DatasetError(`spec ${spec.id}: the forecasting expressions do not run: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const isList = (name: string) => (types.get(name) ?? '').endsWith('[]');
  const wide = isList('__y');
  const outer = [...spec.features, ...spec.derivedFeatures.map((d) => d.name), '__y'].map((n) => (wide && isList(n) ? `unnest(${quoteIdent(n)}) AS ${quoteIdent(n)}` : quoteIdent(n)));
  const long = `SELECT ${outer.join(', ')} FROM (${select})`;
  const time = `CAST(${quoteIdent(ts.timeColumn)} AS VARCHAR)`;
  return `SELECT *, ${seriesKeySql(ts.seriesColumns)} AS __key, ${time} AS __time, ${isoTextTimestampSql(time)} AS __t FROM (${long})`;
}

/** Observed rows: a finite target. */
export const OBSERVED = '__y IS NOT NULL AND isfinite(__y)';
