// What a file is, by extension and first bytes.
import { open } from 'node:fs/promises';
import { MEDIA_EXTENSIONS, type MediaFileKind } from '@mle-smith/core';
import { isDocumentationFile } from './documentation.js';

export type TableFormat = 'csv' | 'tsv' | 'parquet' | 'json' | 'jsonl';
export type MediaKind = MediaFileKind;

const TABLE_EXT: Record<string, TableFormat> = {
  '.csv': 'csv', '.csv.gz': 'csv', '.tsv': 'tsv', '.tsv.gz': 'tsv', '.tab': 'tsv',
  '.parquet': 'parquet', '.pq': 'parquet',
  '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.jsonl.gz': 'jsonl',
};


/** Files that describe a dataset rather than hold its data. */
const METADATA = /^(readme|license|licence|source|citation|datapackage|metadata)(\.[a-z0-9]+)?$/i;

export function isMetadataFile(baseName: string): boolean {
  return METADATA.test(baseName) || isDocumentationFile(baseName);
}

/** Longest known extension of a name, lower case: `a.CSV.gz` → `.csv.gz`. */
export function extensionOf(baseName: string): string {
  const lower = baseName.toLowerCase();
  const two = /(\.[a-z0-9]+\.gz)$/.exec(lower)?.[1];
  if (two && (two in TABLE_EXT)) return two;
  return /(\.[a-z0-9]+)$/.exec(lower)?.[1] ?? '';
}

export function tableFormatOf(baseName: string): TableFormat | undefined {
  return TABLE_EXT[extensionOf(baseName)];
}

export function mediaKindOf(baseName: string): MediaKind | undefined {
  return MEDIA_EXTENSIONS[extensionOf(baseName)];
}

export function stemOf(baseName: string): string {
  const ext = extensionOf(baseName);
  return ext ? baseName.slice(0, baseName.length - ext.length) : baseName;
}

export async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
