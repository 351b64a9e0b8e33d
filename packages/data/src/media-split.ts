// Splits a media dataset (images, audio, text files) the way materializeSplit splits a table:
// the spec's table (a labels table with a media-path column, or the virtual table of a
// folder-per-class layout, see media-folder.ts) gives an index (path, label), every file is checked, the index is
// split by materializeSplit (same hashing, ids and sample submission), and the files are copied
// into public/<folder>/<id><ext>, so file names carry no label and no original order.
import { DatasetError, writeFileAtomic } from '@mle-smith/core';
import type { TaskSpec } from '@mle-smith/core';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { readCsvColumns } from './csv-columns.js';
import { discoverDataset } from './discover.js';
import type { MediaKind } from './file-kind.js';
import { withDuckDb } from './session.js';
import { materializeSplit, type SplitResult } from './split.js';
import { quoteIdent } from './sql.js';

export interface MediaIndexEntry {
  /** POSIX path of the file relative to the dataset folder. */
  path: string;
  label: string | number;
}

export interface MediaSplitOptions {
  rawDir: string;
  /** Task package folder; public/, public/<folder>/ and private/ are written inside it. */
  outDir: string;
  kind: MediaKind;
  /** Sub-folder of public/ for the files, e.g. "images". */
  folder: string;
  /** Name of the public column holding `<folder>/<id><ext>`, e.g. "image". */
  column: string;
  /** Checks one file before anything is written; throws a DatasetError naming the file. */
  validate?: (absPath: string, relPath: string) => Promise<void>;
}

/** Name of the index table the split runs on (a JSON-lines file in a temp folder). */
const MEDIA_INDEX_TABLE = 'media_index';

/**
 * A labels table: the spec's media column (paths relative to the table's folder or to the
 * dataset folder) and its target expression, over the rows its filter keeps. Missing labels are
 * skipped; a path that names no file of the dataset is a DatasetError naming the path and table.
 */
export async function readMediaTable(spec: TaskSpec, rawDir: string): Promise<MediaIndexEntry[]> {
  if (!spec.media) throw new DatasetError(`spec ${spec.id} has no media column`);
  const { tableFile, mediaFiles } = await withDuckDb(async (db) => {
    const ds = await discoverDataset(db, rawDir);
    const table = ds.tables.find((t) => t.name === spec.table);
    if (!table) throw new DatasetError(`spec.table "${spec.table}" is not a table of the dataset`, { file: rawDir });
    return { tableFile: table.file, mediaFiles: new Set(ds.files.map((f) => f.path)) };
  });
  const column = quoteIdent(spec.media.column);
  const rows = await withDuckDb(
    (db) =>
      db.all<{ p: string | null; y: string | number | null }>(
        `SELECT CAST(${column} AS VARCHAR) AS p, (${spec.target.expression}) AS y FROM ${quoteIdent(spec.table)} WHERE ${spec.filter ? `(${spec.filter})` : 'TRUE'}`,
      ).catch((err: unknown) => {
        throw new DatasetError(`reading the media column failed: ${(err as Error).message.split('\n')[0]}`, { file: tableFile, cause: err });
      }),
    { readOnlyRawDir: rawDir },
  );
  const tableDir = posix.dirname(tableFile);
  const out: MediaIndexEntry[] = [];
  for (const [i, r] of rows.entries()) {
    if (r.y === null || r.y === undefined) continue;
    if (r.p === null || r.p.trim() === '') throw new DatasetError(`row ${i + 1} has an empty ${spec.media.column}`, { file: tableFile });
    const rel = posix.normalize(r.p.replace(/\\/g, '/').replace(/^\.\//, ''));
    const candidates = [posix.join(tableDir, rel), rel];
    const hit = candidates.find((c) => mediaFiles.has(c) && !c.startsWith('../'));
    if (!hit) throw new DatasetError(`file not found (referenced by ${tableFile}, column ${spec.media.column}, row ${i + 1})`, { file: r.p });
    out.push({ path: hit, label: typeof r.y === 'bigint' ? Number(r.y) : (r.y as string | number) });
  }
  return out;
}

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Lower-case extension, `.jpeg` as `.jpg`. */
function extensionOf(path: string): string {
  const ext = /(\.[A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return ext === '.jpeg' ? '.jpg' : ext;
}

export async function materializeMediaSplit(spec: TaskSpec, opts: MediaSplitOptions): Promise<SplitResult> {
  const entries = await readMediaTable(spec, opts.rawDir);
  if (entries.length < 2) throw new DatasetError(`only ${entries.length} labelled ${opts.kind} file(s); a split needs at least 2`, { file: opts.rawDir });
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.path)) throw new DatasetError(`is listed more than once; each file must be one example`, { file: e.path });
    seen.add(e.path);
  }
  // Every file is checked before anything is written.
  for (const e of entries) {
    const abs = join(opts.rawDir, e.path);
    const info = await stat(abs).catch(() => undefined);
    if (!info?.isFile()) throw new DatasetError('file not found', { file: e.path });
    await opts.validate?.(abs, e.path);
  }

  const work = await mkdtemp(join(tmpdir(), 'mle-smith-media-index-'));
  try {
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // JSON lines, not CSV: a label keeps its type as read ("yes"/"no" folder names stay text; a
    // CSV reader would take them for booleans and write true/false into the package).
    const lines = sorted.map((e) => JSON.stringify({ path: e.path, label: e.label }));
    await writeFileAtomic(join(work, `${MEDIA_INDEX_TABLE}.jsonl`), lines.join('\n') + '\n');
    const indexSpec: TaskSpec = {
      ...spec,
      table: MEDIA_INDEX_TABLE,
      rowKey: ['path'],
      features: ['path'],
      derivedFeatures: [],
      dropColumns: [],
      target: { name: spec.target.name, expression: '"label"', sourceColumns: ['label'] },
    };
    delete indexSpec.filter;
    const result = await materializeSplit(indexSpec, { rawDir: work, outDir: opts.outDir });
    await mkdir(join(opts.outDir, 'public', opts.folder), { recursive: true });
    for (const file of ['train', 'test'] as const) {
      await relinkMedia(join(opts.outDir, 'public', `${file}.csv`), spec, opts);
    }
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Replaces the raw `path` column by `<folder>/<id><ext>` and copies each file there. */
async function relinkMedia(csvPath: string, spec: TaskSpec, opts: MediaSplitOptions): Promise<void> {
  const id = spec.submission.idColumn;
  const data = await readCsvColumns(csvPath, { allVarchar: true });
  const ids = data.columns[id] as string[];
  const paths = data.columns.path as string[];
  const others = data.names.filter((n) => n !== id && n !== 'path');
  const lines = [[id, opts.column, ...others].map(csvField).join(',')];
  for (let i = 0; i < data.rowCount; i++) {
    const target = `${opts.folder}/${ids[i]}${extensionOf(paths[i])}`;
    await pipeline(createReadStream(join(opts.rawDir, paths[i])), createWriteStream(join(opts.outDir, 'public', target)));
    const rest = others.map((n) => {
      const v = (data.columns[n] as Array<string | null>)[i];
      return v === null ? '' : csvField(v);
    });
    lines.push([csvField(ids[i]), csvField(target), ...rest].join(','));
  }
  await writeFileAtomic(csvPath, lines.join('\n') + '\n');
}
