// One place that opens DuckDB: resource limits, spill folder, and the read-only sandbox for
// SQL written by designers and LLM agents.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { DatasetError } from '@mle-smith/core';
import { loadDuckDb } from './duckdb-module.js';
import { mkdtemp, rm, realpath } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { normalizeValue, quoteIdent, quoteLiteral } from './sql.js';
import { discoverDataset, type TableSource } from './discover.js';
import { spillPrefix, sweepStaleSpillFoldersOnce } from './spill-folders.js';

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;

export interface DuckDbSession {
  run(sql: string, params?: SqlParams): Promise<void>;
  /** Rows as objects; BIGINTs that fit become numbers. */
  all<R = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<R[]>;
  /**
   * A SELECT's columns in their order, with DESCRIBE's type names. DESCRIBE alone returns its rows
   * in any order when the session does not preserve insertion order (seen on 5,000 columns).
   */
  describe(select: string): Promise<Array<{ column_name: string; column_type: string }>>;
  /** Columnar fetch: one array per result column. */
  columns(sql: string, params?: SqlParams): Promise<{ names: string[]; columns: unknown[][] }>;
  /** The underlying connection, for streaming reads (chunk by chunk). */
  readonly connection: DuckDBConnection;
  /** With readOnlyRawDir: the dataset's tables (each registered as a view named like it). */
  readonly tables: readonly TableSource[];
  /**
   * Another connection to the same database (closed with the session), for statements that run
   * side by side. It sees the session's tables and views, not its TEMP tables.
   */
  connect(): Promise<DuckDbSession>;
}

export interface DuckDbOptions {
  /** Register each table of this dataset folder as a view and lock the session to read-only SQL. */
  readOnlyRawDir?: string;
  /**
   * With readOnlyRawDir: also forbid any later SET (default true). Only a session that runs
   * nothing but its own statements, with outside SQL embedded as checked expressions, turns it
   * off to tune itself between statements; external access stays off either way.
   */
  lockConfiguration?: boolean;
  /** Extra folders the locked session may write to (e.g. a staging folder for COPY). */
  writableDirs?: string[];
  /** DuckDB memory_limit, e.g. '1GB'. Default: env MLE_SMITH_DUCKDB_MEMORY or min(1GB, 1/8 of RAM). */
  memoryLimit?: string;
  /** DuckDB threads. Default: env MLE_SMITH_DUCKDB_THREADS or DuckDB's default (all cores). */
  threads?: number;
  /** Keep row order of scans in results (needed when file order matters). Default true. */
  preserveInsertionOrder?: boolean;
  /**
   * Back the session with a database file in its temp folder instead of memory: tables are
   * stored compressed and evicted to disk under memory pressure. Use for intermediate tables
   * the size of a dataset.
   */
  onDisk?: boolean;
  /**
   * Wall-clock limit of one statement (ms); a statement past it is interrupted and fails with a
   * DatasetError. Default: env MLE_SMITH_DUCKDB_TIMEOUT_SEC, else 600 s for a readOnlyRawDir
   * session (its SQL comes from specs and agents: a cross join must not run forever), else none.
   */
  statementTimeoutMs?: number;
}

/** The statement time limit of a session; undefined for none. */
export function statementTimeoutMs(opts: DuckDbOptions): number | undefined {
  if (opts.statementTimeoutMs !== undefined) return opts.statementTimeoutMs > 0 ? opts.statementTimeoutMs : undefined;
  const env = Number(process.env.MLE_SMITH_DUCKDB_TIMEOUT_SEC);
  if (Number.isFinite(env) && env > 0) return env * 1000;
  return opts.readOnlyRawDir !== undefined ? 600_000 : undefined;
}

function defaultMemoryLimit(): string {
  const env = process.env.MLE_SMITH_DUCKDB_MEMORY;
  if (env) return env;
  const mb = Math.min(1024, Math.floor(totalmem() / 8 / 2 ** 20));
  return `${Math.max(256, mb)}MB`;
}

export async function withDuckDb<T>(fn: (db: DuckDbSession) => Promise<T>, opts: DuckDbOptions = {}): Promise<T> {
  await sweepStaleSpillFoldersOnce(tmpdir());
  const spill = await mkdtemp(spillPrefix(tmpdir()));
  const config: Record<string, string> = {
    memory_limit: opts.memoryLimit ?? defaultMemoryLimit(),
    temp_directory: spill,
    preserve_insertion_order: String(opts.preserveInsertionOrder ?? true),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
  };
  const threads = opts.threads ?? (process.env.MLE_SMITH_DUCKDB_THREADS ? Number(process.env.MLE_SMITH_DUCKDB_THREADS) : undefined);
  if (threads) config.threads = String(threads);
  const { DuckDBInstance } = await loadDuckDb();
  const instance = await DuckDBInstance.create(opts.onDisk ? join(spill, 'session.duckdb') : ':memory:', config);
  const connection = await instance.connect();
  const tables: TableSource[] = [];
  const extra: DuckDBConnection[] = [];
  const connect = async (): Promise<DuckDbSession> => {
    const more = await instance.connect();
    extra.push(more);
    return makeSession(more, tables, connect, timeoutMs);
  };
  const timeoutMs = statementTimeoutMs(opts);
  const session = makeSession(connection, tables, connect, timeoutMs);
  try {
    if (opts.readOnlyRawDir !== undefined) {
      tables.push(...(await lockToDataset(session, opts.readOnlyRawDir, [spill, ...(opts.writableDirs ?? [])], opts.lockConfiguration ?? true)));
    }
    return await fn(session);
  } finally {
    for (const c of extra) c.closeSync();
    connection.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}

/** MLE_SMITH_DATA_TRACE=1 logs each statement (=full: its whole text), its duration, the process CPU time it took and the RSS to stderr (for tuning). */
const TRACE = Boolean(process.env.MLE_SMITH_DATA_TRACE);

async function traced<T>(sql: string, run: () => Promise<T>): Promise<T> {
  if (!TRACE) return run();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    return await run();
  } finally {
    const c = process.cpuUsage(c0);
    process.stderr.write(`[duckdb ${((performance.now() - t0) / 1000).toFixed(3)}s cpu ${((c.user + c.system) / 1e6).toFixed(3)}s rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)}MB] ${sql.replace(/\s+/g, ' ').slice(0, process.env.MLE_SMITH_DATA_TRACE === 'full' ? undefined : 300)}\n`);
  }
}

/**
 * Runs one statement under the session's time limit: past it the connection is interrupted and
 * the statement fails with a DatasetError that says so (not DuckDB's bare "Interrupted!").
 */
async function limited<T>(connection: DuckDBConnection, timeoutMs: number | undefined, sql: string, run: () => Promise<T>): Promise<T> {
  if (timeoutMs === undefined) return run();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    connection.interrupt();
  }, timeoutMs);
  try {
    return await run();
  } catch (err) {
    if (fired) throw new DatasetError(`a SQL statement ran over its ${timeoutMs / 1000} s time limit and was interrupted: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`, { cause: err });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function makeSession(connection: DuckDBConnection, tables: readonly TableSource[], connect: () => Promise<DuckDbSession>, timeoutMs?: number): DuckDbSession {
  return {
    connection,
    tables,
    connect,
    async run(sql, params) {
      await limited(connection, timeoutMs, sql, () => traced(sql, () => connection.run(sql, params)));
    },
    async all<R>(sql: string, params?: SqlParams) {
      const reader = await limited(connection, timeoutMs, sql, () => traced(sql, () => connection.runAndReadAll(sql, params)));
      return reader.getRowObjectsJS().map((row) => normalizeValue(row) as R);
    },
    async describe(select) {
      const described = await limited(connection, timeoutMs, select, () => traced(`DESCRIBE ${select}`, () => connection.runAndReadAll(`DESCRIBE ${select}`)));
      const types = new Map(described.getRowObjectsJS().map((c) => [String(c.column_name), String(c.column_type)]));
      const prepared = await connection.prepare(select);
      try {
        return Array.from({ length: prepared.columnCount }, (_, i) => ({ column_name: prepared.columnName(i), column_type: types.get(prepared.columnName(i))! }));
      } finally {
        prepared.destroySync();
      }
    },
    columns: (sql, params) => limited(connection, timeoutMs, sql, () => readColumns(connection, sql, params)),
  };
}

async function readColumns(connection: DuckDBConnection, sql: string, params?: SqlParams): Promise<{ names: string[]; columns: unknown[][] }> {
  // Chunk by chunk, straight from the vectors: no row objects, no per-row allocation for numbers.
  const { DuckDBDoubleVector, DuckDBIntegerVector, DuckDBFloatVector } = await loadDuckDb();
  const result = await traced(sql, () => connection.stream(sql, params));
  const names = result.columnNames();
  const columns: unknown[][] = names.map(() => []);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (let c = 0; c < names.length; c++) {
      const vector = chunk.getColumnVector(c);
      const out = columns[c];
      const n = chunk.rowCount;
      if (vector instanceof DuckDBDoubleVector || vector instanceof DuckDBIntegerVector || vector instanceof DuckDBFloatVector) {
        for (let r = 0; r < n; r++) out.push(vector.getItem(r));
      } else {
        for (const v of chunk.getColumnValues(c)) out.push(toJs(v));
      }
    }
  }
  return { names, columns };
}

async function lockToDataset(db: DuckDbSession, rawDir: string, writable: string[], lockConfiguration: boolean): Promise<TableSource[]> {
  const root = await realpath(rawDir);
  const dataset = await discoverDataset(db, root);
  for (const table of dataset.tables) {
    await db.run(`CREATE VIEW ${quoteIdent(table.name)} AS SELECT * FROM ${table.source}`);
  }
  const dirs = [root, ...(await Promise.all(writable.map((d) => realpath(d))))].map((d) => quoteLiteral(d.endsWith('/') ? d : `${d}/`));
  await db.run(`SET allowed_directories = [${dirs.join(', ')}]`);
  await db.run('SET enable_external_access = false');
  if (lockConfiguration) await db.run('SET lock_configuration = true');
  return dataset.tables;
}

/** Plain JS for one DuckDB value: numbers for BIGINTs that fit, strings for dates and decimals. */
function toJs(v: DuckDBValue): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return normalizeValue(v);
  if (v instanceof Uint8Array) return v;
  return String(v);
}
