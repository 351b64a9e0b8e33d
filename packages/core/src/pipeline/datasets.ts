// Expands configured dataset paths: a folder with files at its top level is one dataset; a
// folder holding only sub-folders is a collection whose sub-folders are the datasets, unless
// those sub-folders are class folders (ImageFolder layout: each holds only image or only audio
// files), which makes the folder one labelled dataset — also one level down, under split folders
// (`train/<class>/`, `test/<class>/`).
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DatasetError } from '../errors.js';
import { isSplitFolderName, mediaKindOfName } from '../media-extensions.js';

export interface DatasetRef {
  name: string;
  dir: string;
}

export async function expandDatasets(paths: string[]): Promise<DatasetRef[]> {
  const out: DatasetRef[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new DatasetError('dataset folder does not exist', { file: path });
    }
    if (!info.isDirectory()) throw new DatasetError('a dataset must be a folder', { file: path });
    const entries = (await readdir(path, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
    // an empty folder is one dataset too, so the run reports why it yields nothing
    if (entries.length === 0 || entries.some((e) => !e.isDirectory()) || (await isClassFolderLayout(path, entries.map((e) => e.name)))) {
      out.push({ name: datasetName(path), dir: path });
    } else {
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) out.push({ name: datasetName(e.name), dir: join(path, e.name) });
    }
  }
  const seen = new Set<string>();
  for (const d of out) {
    if (seen.has(d.name)) throw new DatasetError(`two datasets are named "${d.name}"; rename one folder`, { file: d.dir });
    seen.add(d.name);
  }
  return out;
}

/**
 * True when `names` (the sub-folders of `path`) are class folders — at least two, each holding
 * files only, all images or all audio, of one kind across the folders — or split folders
 * (train/test/val/…) each holding such class folders. A collection's datasets hold tables,
 * documentation or deeper folders, so they never look like this.
 */
async function isClassFolderLayout(path: string, names: string[]): Promise<boolean> {
  if (names.length > 0 && names.every(isSplitFolderName)) {
    for (const name of names) {
      const inner = (await readdir(join(path, name), { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
      if (!inner.every((e) => e.isDirectory()) || !(await isClassFolderLayout(join(path, name), inner.map((e) => e.name)))) return false;
    }
    return true;
  }
  if (names.length < 2) return false;
  const kinds = new Set<string>();
  for (const name of names) {
    const entries = (await readdir(join(path, name), { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
    if (entries.length === 0) return false;
    for (const e of entries) {
      const kind = e.isDirectory() ? undefined : mediaKindOfName(e.name);
      if (kind !== 'image' && kind !== 'audio') return false;
      kinds.add(kind);
    }
  }
  return kinds.size === 1;
}

export function datasetName(path: string): string {
  return basename(path).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset';
}
