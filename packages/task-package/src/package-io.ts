// Opens the CSV files of a task package as DuckDB tables (train, test, sample, answers), so
// rules compute in SQL and never hold a whole table in JS memory.
import { join } from 'node:path';
import { lstat } from 'node:fs/promises';
import { DatasetError, checkPackageFile, exists, type TaskManifest } from '@mle-smith/core';
import { TARGET_SOURCE_FILE, csvSource, describeCsvError, isFloatType, momentValue, quoteIdent, withDuckDb, type DuckDbSession } from '@mle-smith/data';

export type PackageFile = 'train' | 'test' | 'sample' | 'answers' | 'targetSource';

export const PACKAGE_PATHS: Record<PackageFile, string> = {
  train: 'public/train.csv',
  test: 'public/test.csv',
  sample: 'public/sample_submission.csv',
  answers: 'private/answers.csv',
  /** Only for a target derived from one numeric column: that column for the train rows. */
  targetSource: TARGET_SOURCE_FILE,
};

/** The files every package has (targetSource exists only for a derived target). */
export const REQUIRED_PACKAGE_FILES: PackageFile[] = ['train', 'test', 'sample', 'answers'];

/**
 * A package file is missing. A DatasetError, so a rule built with core's defineRule() skips
 * quietly (structural/files-present is the one rule that reports missing files).
 */
export class MissingFileError extends DatasetError {}

export interface LoadedTable {
  /** SQL name of the table (already safe to use unquoted). */
  name: PackageFile;
  /** Path relative to the task folder, for finding locations. */
  file: string;
  columns: string[];
  types: Record<string, string>;
  rows: number;
}

export type Tables = Record<PackageFile, LoadedTable>;

export async function loadTable(db: DuckDbSession, taskDir: string, file: PackageFile, varchar: boolean): Promise<LoadedTable> {
  const rel = PACKAGE_PATHS[file];
  const abs = join(taskDir, rel);
  if (!(await exists(abs)) && !(await lstat(abs).catch(() => undefined))) throw new MissingFileError(`${rel} is missing`);
  // an untrusted package: no symlink at any level, a regular file (a FIFO would block DuckDB), size-capped
  await checkPackageFile(taskDir, rel);
  // Package files are written by the framework: comma-separated, double-quoted, with a header.
  const source = csvSource(abs, { delim: ',', quote: '"', escape: '"', header: true }, varchar ? ', all_varchar=true' : '');
  try {
    await db.run(`CREATE OR REPLACE TABLE ${file} AS SELECT ${await typedColumns(db, source, varchar)} FROM ${source}`);
  } catch (err) {
    throw new DatasetError(describeCsvError((err as Error).message), { file: rel, cause: err });
  }
  const described = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${file}`);
  const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${file}`);
  return {
    name: file,
    file: rel,
    columns: described.map((d) => d.column_name),
    types: Object.fromEntries(described.map((d) => [d.column_name, d.column_type])),
    rows: Number(n),
  };
}

/**
 * Typed tables read NaN, ±Infinity and magnitudes past 1e100 in float columns as NULL: the rules'
 * sums and correlations would overflow on them (DuckDB fails the whole statement), and the
 * baselines read them as missing too (docs/data-edge-cases.md).
 */
async function typedColumns(db: DuckDbSession, source: string, varchar: boolean): Promise<string> {
  if (varchar) return '*';
  const floats = (await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${source}`))
    .filter((c) => isFloatType(c.column_type))
    .map((c) => `${momentValue(quoteIdent(c.column_name))} AS ${quoteIdent(c.column_name)}`);
  return floats.length ? `* REPLACE (${floats.join(', ')})` : '*';
}

/**
 * Loads the requested files and runs `fn`. With `varchar` every column is text, which is what
 * id and row-content comparisons need (no float formatting or type guessing in between).
 */
export async function withPackage<T>(
  taskDir: string,
  files: PackageFile[],
  fn: (db: DuckDbSession, tables: Tables) => Promise<T>,
  options: { varchar?: boolean } = {},
): Promise<T> {
  return withDuckDb(async (db) => {
    const tables = {} as Tables;
    for (const f of files) tables[f] = await loadTable(db, taskDir, f, options.varchar ?? true);
    return fn(db, tables);
  });
}

/** The public feature columns of train.csv: everything but the id and the target. */
export function featureColumns(columns: string[], manifest: TaskManifest): string[] {
  return columns.filter((c) => c !== manifest.submission.idColumn && c !== manifest.target);
}

export function isClassification(objective: string): boolean {
  return objective === 'binary' || objective === 'multiclass';
}

/** A number for a finding message: `digits` significant digits, non-finite values as they are. */
export function formatNumber(x: number, digits = 4): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x);
}
