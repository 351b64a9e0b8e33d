// What time-aware rules need to know about a task: its time column and series columns, and an
// expression that orders the time values of train.csv and test.csv the same way.
import type { TaskManifest } from '@mle-smith/core';
import { quoteIdent as q, type DuckDbSession } from '@mle-smith/data';
import type { LoadedTable } from './package-io.js';

export interface TimeLayout {
  timeColumn: string;
  /** Columns whose values identify one series; empty for one series (and for a tabular time split). */
  seriesColumns: string[];
  /** H of a forecasting task; undefined for a tabular time split. */
  horizon?: number;
}

/**
 * The time layout of a forecasting task (task.json `timeseries`) or of a tabular task split by
 * time (`split.strategy` "time": one series, `split.by` the time column); undefined otherwise.
 */
export function timeLayout(manifest: TaskManifest): TimeLayout | undefined {
  const ts = manifest.timeseries ?? manifest.spec?.timeseries;
  if (ts) return { timeColumn: ts.timeColumn, seriesColumns: ts.seriesColumns, horizon: ts.horizon };
  if (manifest.split.strategy === 'time' && manifest.split.by) return { timeColumn: manifest.split.by, seriesColumns: [] };
  return undefined;
}

/** One text key per series: the series columns' values joined by "|" ('all' with no series column). */
export function seriesKeySql(seriesColumns: string[], alias = ''): string {
  if (seriesColumns.length === 0) return `'all'`;
  return seriesColumns.map((c) => `coalesce(CAST(${alias}${q(c)} AS VARCHAR), '')`).join(` || '|' || `);
}

/**
 * An SQL expression over `column` that orders its values in time, the same in every table given:
 * numbers (years, yyyymmdd, step counts) as DOUBLE, else dates and timestamps DuckDB can cast,
 * else text of one width that starts with a 4-digit year ("2024-05", "1995Q1", "2024-W07"), whose
 * text order is its time order; undefined when none fits (text dates such as "Jan-1-1995").
 */
export async function timeOrderSql(db: DuckDbSession, tables: LoadedTable[], column: string): Promise<string | undefined> {
  const c = q(column);
  const text = `CAST(${c} AS VARCHAR)`;
  const orders: Array<[order: string, fits: string]> = [
    [`TRY_CAST(${c} AS DOUBLE)`, `TRY_CAST(${c} AS DOUBLE) IS NOT NULL`],
    [`TRY_CAST(${c} AS TIMESTAMP)`, `TRY_CAST(${c} AS TIMESTAMP) IS NOT NULL`],
    [text, `regexp_full_match(${text}, '[0-9]{4}.*')`],
  ];
  const nonNull = tables.map((t) => `SELECT ${c} FROM ${t.name} WHERE ${c} IS NOT NULL`).join(' UNION ALL ');
  for (const [order, fits] of orders) {
    const [{ misfits, widths }] = await db.all<{ misfits: number; widths: number }>(
      `SELECT count(*) FILTER (WHERE NOT coalesce(${fits}, false))::BIGINT AS misfits, count(DISTINCT length(${text}))::BIGINT AS widths FROM (${nonNull})`,
    );
    if (Number(misfits) === 0 && (order !== text || Number(widths) <= 1)) return order;
  }
  return undefined;
}
