// Checks spec expressions without touching data: DuckDB binds each expression against an
// empty table with the profiled columns and types. The session is locked (no file access)
// before any spec text reaches it, because that text may come from an LLM.
import type { DatasetProfile, TableProfile, TaskSpec } from '@mle-smith/core';
import { withDuckDb, type DuckDbSession, quoteIdent as q } from '@mle-smith/data';

export function findTable(spec: Pick<TaskSpec, 'table'>, profile: DatasetProfile): TableProfile | undefined {
  return profile.tables.find((t) => t.name === spec.table) ?? profile.tables.find((t) => t.file === spec.table);
}

export interface Binder {
  table: TableProfile;
  /** Undefined when `expr` binds against all columns; else DuckDB's reason. */
  bind(expr: string): Promise<{ error?: string; type?: string }>;
  /** Binds against a table holding only `columns`: an error means the expression reads other columns. */
  bindRestricted(expr: string, columns: string[]): Promise<{ error?: string }>;
}

function firstLine(message: string): string {
  return (message.split('\n').find((l) => l.trim()) ?? message).replace(/^[A-Za-z ]+Error: /, '').trim();
}

async function createTable(db: DuckDbSession, schema: string, table: TableProfile, columns: TableProfile['columns']): Promise<void> {
  const defs: string[] = [];
  for (const c of columns) {
    // Exotic types the profiler reports (STRUCT, MAP, ...) bind as text; good enough for a name check.
    const ok = await db.all(`SELECT TRY_CAST(NULL AS ${c.duckdbType}) AS v`).then(() => true, () => false);
    defs.push(`${q(c.name)} ${ok ? c.duckdbType : 'VARCHAR'}`);
  }
  await db.run(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
  await db.run(`CREATE OR REPLACE TABLE ${q(schema)}.${q(table.name)} (${defs.length ? defs.join(', ') : '"__empty" INTEGER'})`);
}

export async function withBinder<T>(spec: TaskSpec, profile: DatasetProfile, fn: (b: Binder) => Promise<T>): Promise<T | undefined> {
  const table = findTable(spec, profile);
  if (!table) return undefined;
  return withDuckDb(async (db) => {
    await createTable(db, 'main', table, table.columns);
    await db.run('SET enable_external_access = false');
    await db.run('SET lock_configuration = true');
    let restrictedKey = '';
    const binder: Binder = {
      table,
      async bind(expr) {
        if (expr.includes(';')) return { error: 'must be a single SQL expression (no ";")' };
        try {
          const rows = await db.all<{ column_type: string }>(`DESCRIBE SELECT (${expr}) AS v FROM main.${q(table.name)}`);
          return { type: rows[0]?.column_type };
        } catch (err) {
          return { error: firstLine((err as Error).message) };
        }
      },
      async bindRestricted(expr, columns) {
        if (expr.includes(';')) return { error: 'must be a single SQL expression (no ";")' };
        const key = JSON.stringify(columns);
        if (key !== restrictedKey) {
          await createTable(db, 'restricted', table, table.columns.filter((c) => columns.includes(c.name)));
          restrictedKey = key;
        }
        try {
          await db.all(`DESCRIBE SELECT (${expr}) AS v FROM restricted.${q(table.name)}`);
          return {};
        } catch (err) {
          return { error: firstLine((err as Error).message) };
        }
      },
    };
    return fn(binder);
  });
}
