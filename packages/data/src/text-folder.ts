// A folder-per-class text corpus (no table of its own) is seen as one virtual table,
// `documents(path, label)`: one row per text file, the label being the name of the folder the
// file sits in. TaskSpecs stay declarative SQL over "a table of the dataset", so the profiler,
// the spec rules, the split and read-only SQL treat such a corpus like any other table.
import type { MediaSummary } from '@mle-smith/core';
import { quoteLiteral } from './sql.js';
import type { DatasetFileEntry, TableSource } from './discover.js';

export const TEXT_FOLDER_TABLE = 'documents';

/**
 * The virtual table of a folder-per-class text corpus, or undefined when the dataset has tables
 * of its own or its text files are not laid out one folder per class.
 */
export function textFolderTable(tables: TableSource[], media: MediaSummary[], files: DatasetFileEntry[], mediaFiles: Set<string>): TableSource | undefined {
  if (tables.length > 0) return undefined;
  const text = media.find((m) => m.kind === 'text' && m.classes);
  if (!text) return undefined;
  const rows = files
    .filter((f) => mediaFiles.has(f.path) && /\.(txt|md|html|xml)$/i.test(f.path))
    .map((f) => {
      const parts = f.path.split('/');
      return `(${quoteLiteral(f.path)}, ${quoteLiteral(parts[parts.length - 2])})`;
    });
  if (rows.length === 0) return undefined;
  // The listing is sorted by path (listFiles), so the view's text, and its row order, are stable.
  const source = `(SELECT * FROM (VALUES ${rows.join(', ')}) AS ${TEXT_FOLDER_TABLE}(path, label))`;
  return { name: TEXT_FOLDER_TABLE, file: '.', abs: '', format: 'csv', source };
}
