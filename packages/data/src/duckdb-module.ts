// @duckdb/node-api is loaded on first use: importing it costs ~150 ms, which a command that never
// opens DuckDB (grading a plain numeric submission, reading a manifest) should not pay.
import type * as DuckDbApi from '@duckdb/node-api';

let loading: Promise<typeof DuckDbApi> | undefined;

export function loadDuckDb(): Promise<typeof DuckDbApi> {
  return (loading ??= import('@duckdb/node-api'));
}
