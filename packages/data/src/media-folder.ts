// Folder-per-class image and audio datasets (no table of their own) are seen as virtual tables,
// `images(path, label)` and `recordings(path, label)`, the way text-folder.ts presents a text
// corpus as `documents(path, label)`: one row per file, labelled by the folder it sits in. Specs
// then name a real table of the profile, which the spec rules, the split and read-only SQL know.
import type { MediaSummary } from '@mle-smith/core';
import { quoteLiteral } from './sql.js';
import type { DatasetFileEntry, TableSource } from './discover.js';
import { mediaKindOf } from './file-kind.js';

export const MEDIA_FOLDER_TABLES = { image: 'images', audio: 'recordings' } as const;

/** The virtual tables of folder-per-class image/audio files, when the dataset has no tables of its own. */
export function mediaFolderTables(tables: TableSource[], media: MediaSummary[], files: DatasetFileEntry[], mediaFiles: Set<string>): TableSource[] {
  if (tables.length > 0) return [];
  const out: TableSource[] = [];
  for (const kind of ['image', 'audio'] as const) {
    if (!media.some((m) => m.kind === kind && m.classes)) continue;
    const name = MEDIA_FOLDER_TABLES[kind];
    const rows = files
      .filter((f) => mediaFiles.has(f.path) && mediaKindOf(f.path.split('/').pop()!) === kind)
      .map((f) => {
        const parts = f.path.split('/');
        return `(${quoteLiteral(f.path)}, ${quoteLiteral(parts[parts.length - 2])})`;
      });
    if (rows.length === 0) continue;
    // listFiles sorts by path, so the view's text and row order are stable.
    out.push({ name, file: '.', abs: '', format: 'csv', source: `(SELECT * FROM (VALUES ${rows.join(', ')}) AS ${name}(path, label))` });
  }
  return out;
}
