// The few facts the deterministic strategies read from the raw data beyond the profile
// (quantile thresholds for derived targets, the full class list), behind a small interface
// so strategies can be tested on hand-made profiles.
import type { DatasetProfile } from '@mle-smith/core';
import { sortLabels } from '@mle-smith/data';
import { quoteIdent } from './sql.js';

export { sortLabels };

export interface DataAccess {
  /** Quantiles (continuous interpolation) of a numeric column over its non-missing values. */
  quantiles(profile: DatasetProfile, table: string, column: string, qs: number[]): Promise<number[] | undefined>;
  /** Distinct non-missing values of a column as strings, sorted; undefined when more than `limit`. */
  distinctValues(profile: DatasetProfile, table: string, column: string, limit: number): Promise<string[] | undefined>;
}

type SqlRunner = (rawDir: string, sql: string, opts: { maxRows?: number }) => Promise<{ rows: unknown[][] }>;

/** DataAccess over the read-only SQL of @mle-smith/data. */
export function sqlDataAccess(runSql: SqlRunner): DataAccess {
  return {
    async quantiles(profile, table, column, qs) {
      const col = quoteIdent(column);
      const parts = qs.map((q, i) => `quantile_cont(${col}, ${q}) AS q${i}`);
      const res = await runSql(profile.dir, `SELECT ${parts.join(', ')} FROM ${quoteIdent(table)} WHERE ${col} IS NOT NULL`, { maxRows: 1 });
      const row = res.rows[0];
      if (!row) return undefined;
      const values = row.map((v) => Number(v));
      return values.every((v) => Number.isFinite(v)) ? values : undefined;
    },
    async distinctValues(profile, table, column, limit) {
      const col = quoteIdent(column);
      const res = await runSql(
        profile.dir,
        `SELECT DISTINCT CAST(${col} AS VARCHAR) AS v FROM ${quoteIdent(table)} WHERE ${col} IS NOT NULL ORDER BY v LIMIT ${limit + 1}`,
        { maxRows: limit + 1 },
      );
      if (res.rows.length > limit) return undefined;
      return sortLabels(res.rows.map((r) => String(r[0])));
    },
  };
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
