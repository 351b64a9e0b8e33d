// Folder-per-class image and audio datasets (no table of their own) are seen as virtual tables,
// `images(path, label)` and `recordings(path, label)`, the way text-folder.ts presents a text
// corpus as `documents(path, label)`: one row per file, labelled by the folder it sits in. Specs
// then name a real table of the profile, which the spec rules, the split and read-only SQL know.
// A dataset with tables of its own (e.g. an attributes table keyed by file path) gets the virtual
// table too, so the folder label stays a target beside the table's columns; a real table of the
// same name keeps its name and the virtual one becomes `<name>_by_folder`.
import { isSplitFolderName, type MediaSummary } from '@mle-smith/core';
import { quoteLiteral } from './sql.js';
import type { DatasetFileEntry, TableSource } from './discover.js';
import { mediaKindOf } from './file-kind.js';

export const MEDIA_FOLDER_TABLES = { image: 'images', audio: 'recordings' } as const;

/** The virtual tables of folder-per-class image/audio files. */
export function mediaFolderTables(tables: TableSource[], media: MediaSummary[], files: DatasetFileEntry[], mediaFiles: Set<string>): TableSource[] {
  const out: TableSource[] = [];
  const taken = new Set(tables.map((t) => t.name.toLowerCase()));
  for (const kind of ['image', 'audio'] as const) {
    const classes = Object.keys(media.find((m) => m.kind === kind)?.classes ?? {});
    if (classes.length === 0 || classes.every(isSplitFolderName)) continue;
    const name = taken.has(MEDIA_FOLDER_TABLES[kind]) ? `${MEDIA_FOLDER_TABLES[kind]}_by_folder` : MEDIA_FOLDER_TABLES[kind];
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
