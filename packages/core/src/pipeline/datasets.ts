// Expands configured dataset paths: a folder with files at its top level is one dataset; a
// folder holding only sub-folders is a collection whose sub-folders are the datasets.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DatasetError } from '../errors.js';

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
    if (entries.length === 0 || entries.some((e) => !e.isDirectory())) {
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

export function datasetName(path: string): string {
  return basename(path).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset';
}
