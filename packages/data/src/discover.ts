// Walks a dataset folder: finds its tables (one per file) and media files, refuses symlinks
// that leave the folder, and builds the DuckDB expression that reads each table.
import { DatasetError } from '@mle-smith/core';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { MediaSummary } from '@mle-smith/core';
import type { DuckDbSession } from './session.js';
import { csvSource, describeCsvError, sniffCsv } from './csv-dialect.js';
import { isMetadataFile, mediaKindOf, readHead, stemOf, tableFormatOf, type MediaKind, type TableFormat } from './file-kind.js';
import { quoteLiteral, sanitizeName } from './sql.js';
import { textFolderTable } from './text-folder.js';
import { checkJsonDepth } from './json-depth.js';
import { mediaFolderTables } from './media-folder.js';

export interface DatasetFileEntry {
  /** POSIX path relative to the dataset root. */
  path: string;
  abs: string;
  bytes: number;
}

export interface TableSource {
  name: string;
  /** POSIX path relative to the dataset root. */
  file: string;
  abs: string;
  format: TableFormat;
  /** DuckDB table expression, e.g. read_csv('...', delim=',', ...). */
  source: string;
  /**
   * CSV/TSV only: the same read with every column as the text written in the file
   * (all_varchar), so values can be copied as written instead of parsed and printed again.
   */
  textSource?: string;
}

export interface DiscoveredDataset {
  root: string;
  files: DatasetFileEntry[];
  tables: TableSource[];
  media: MediaSummary[];
  /** Relative POSIX paths of every media file, for media-path column detection. */
  mediaFiles: Set<string>;
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** Every regular file under root (following symlinks that stay inside it), sorted by path. */
export async function listFiles(rootDir: string): Promise<DatasetFileEntry[]> {
  const root = await realpath(rootDir).catch(() => {
    throw new DatasetError('dataset folder does not exist', { file: rootDir });
  });
  const out: DatasetFileEntry[] = [];
  const visited = new Set<string>([root]);
  async function walk(dir: string): Promise<void> {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const abs = join(dir, name);
      const rel = toPosix(relative(root, abs));
      let info = await lstat(abs);
      if (info.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(abs);
        } catch {
          throw new DatasetError('broken symlink', { file: rel });
        }
        if (target !== root && !target.startsWith(root + sep)) {
          throw new DatasetError(`symlink points outside the dataset folder (to ${target})`, { file: rel });
        }
        info = await stat(abs);
        if (info.isDirectory()) {
          if (visited.has(target)) continue;
          visited.add(target);
        }
      }
      if (info.isDirectory()) await walk(abs);
      else if (info.isFile()) out.push({ path: rel, abs, bytes: info.size });
    }
  }
  const top = await stat(root);
  if (top.isFile()) {
    return [{ path: basename(root), abs: root, bytes: top.size }];
  }
  await walk(root);
  return out;
}

/** Unique SQL names: the sanitized stem, or the sanitized relative path when stems collide. */
function tableNames(files: string[]): string[] {
  const stems = files.map((f) => sanitizeName(stemOf(basename(f))));
  const counts = new Map<string, number>();
  for (const s of stems) counts.set(s, (counts.get(s) ?? 0) + 1);
  const names = files.map((f, i) => (counts.get(stems[i])! > 1 ? sanitizeName(stemOf(f)) : stems[i]));
  const used = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let k = 2; used.has(name); k++) name = `${n}_${k}`;
    used.add(name);
    return name;
  });
}

export async function tableSource(db: DuckDbSession, abs: string, format: TableFormat, display: string): Promise<Pick<TableSource, 'source' | 'textSource'>> {
  const lit = quoteLiteral(abs);
  if (format === 'csv' || format === 'tsv') {
    const dialect = await sniffCsv(db, abs, { display, rejectSingleColumn: true, requireHeader: false, table: true });
    // A decimal comma's text ("1,5") is not how a number is written in the task's CSV files: no
    // text source then, so the split prints the parsed values.
    const textSource = dialect.decimal === ',' ? undefined : csvSource(abs, dialect, ', all_varchar=true');
    return { source: csvSource(abs, dialect), ...(textSource ? { textSource } : {}) };
  }
  if (format === 'parquet') {
    const head = await readHead(abs, 4);
    if (head.length === 0) throw new DatasetError('empty file', { file: display });
    if (head.toString('latin1') !== 'PAR1') throw new DatasetError('not a Parquet file (missing PAR1 magic)', { file: display });
    return { source: `read_parquet(${lit})` };
  }
  if (!abs.endsWith('.gz')) {
    const head = await readHead(abs, 64 * 1024);
    if (head.length === 0 || !head.toString('utf8').trim()) throw new DatasetError('empty file', { file: display });
    if (head.includes(0)) throw new DatasetError('binary file, not a JSON table', { file: display });
  }
  await checkJsonDepth(abs, display, { lines: format === 'jsonl' });
  return { source: format === 'jsonl' ? `read_json(${lit}, format='newline_delimited')` : `read_json(${lit})` };
}

/** Checks the table's shape that needs only its schema: columns, names, readable at all. */
async function checkSchema(db: DuckDbSession, source: string, display: string): Promise<void> {
  let cols: Array<{ column_name: string }>;
  try {
    cols = await db.all(`DESCRIBE SELECT * FROM ${source}`);
  } catch (err) {
    throw new DatasetError(describeCsvError((err as Error).message), { file: display, cause: err });
  }
  if (cols.length < 2) throw new DatasetError('only one column; a table needs at least two', { file: display });
  const seen = new Set<string>();
  for (const c of cols) {
    const key = c.column_name.toLowerCase();
    if (seen.has(key)) throw new DatasetError(`duplicate column name "${c.column_name}"`, { file: display });
    seen.add(key);
  }
}

/** `onFile` hears each table file before it is read (the profiling child reports it, to name the file a crash was in). */
export async function discoverDataset(db: DuckDbSession, dir: string, onFile?: (file: string) => void): Promise<DiscoveredDataset> {
  const files = await listFiles(dir);
  const info = await stat(dir);
  const root = info.isFile() ? dirname(await realpath(dir)) : await realpath(dir);
  const tableFiles = files.filter((f) => tableFormatOf(basename(f.path)) && !isMetadataFile(basename(f.path)));
  const names = tableNames(tableFiles.map((f) => f.path));
  const tables: TableSource[] = [];
  for (const [i, f] of tableFiles.entries()) {
    const format = tableFormatOf(basename(f.path))!;
    onFile?.(f.path);
    const sources = await tableSource(db, f.abs, format, f.path);
    await checkSchema(db, sources.source, f.path);
    tables.push({ name: names[i], file: f.path, abs: f.abs, format, ...sources });
  }
  const mediaFiles = new Set<string>();
  const byKind = new Map<MediaKind, DatasetFileEntry[]>();
  for (const f of files) {
    const kind = mediaKindOf(basename(f.path));
    if (!kind || isMetadataFile(basename(f.path))) continue;
    mediaFiles.add(f.path);
    byKind.set(kind, [...(byKind.get(kind) ?? []), f]);
  }
  const media: MediaSummary[] = [];
  for (const kind of ['image', 'audio', 'text'] as const) {
    const list = byKind.get(kind);
    if (!list) continue;
    // Plain-text notes next to tables are not a text corpus.
    if (kind === 'text' && list.length < 2 && tables.length > 0) continue;
    media.push(mediaSummary(kind, list));
  }
  const virtual = textFolderTable(tables, media, files, mediaFiles);
  const mediaTables = mediaFolderTables(tables, media, files, mediaFiles);
  if (virtual) tables.push(virtual);
  tables.push(...mediaTables);
  if (tables.length === 0 && media.length === 0) {
    throw new DatasetError('no readable tables (csv, tsv, parquet, json, jsonl) or media files', { file: dir });
  }
  return { root, files, tables, media, mediaFiles };
}

function mediaSummary(kind: MediaKind, files: DatasetFileEntry[]): MediaSummary {
  const extensions = [...new Set(files.map((f) => /(\.[^./]+)$/.exec(f.path.toLowerCase())?.[1] ?? ''))].sort();
  const parents = files.map((f) => f.path.split('/').slice(0, -1));
  const summary: MediaSummary = { kind, fileCount: files.length, extensions };
  // Folder-per-class: every file sits in a folder, and there are at least two such folders.
  if (parents.every((p) => p.length > 0)) {
    const classes: Record<string, number> = {};
    for (const p of parents) classes[p[p.length - 1]] = (classes[p[p.length - 1]] ?? 0) + 1;
    const keys = Object.keys(classes).sort();
    if (keys.length >= 2) summary.classes = Object.fromEntries(keys.map((k) => [k, classes[k]]));
  }
  return summary;
}
