// JSON nesting and record size are bounded before DuckDB parses a file: a small file nested
// thousands of levels deep crashes the parser (the process dies with SIGSEGV, taking every other
// dataset with it), and one record of megabytes costs DuckDB's JSON reader seconds of CPU per
// statement (a 20 MB record took minutes to profile). Compressed files are checked through gunzip.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { DatasetError } from '@mle-smith/core';

/** Deepest nesting of objects/arrays accepted in a JSON or JSONL table file. */
export const MAX_JSON_DEPTH = 256;
/** Largest record (a JSONL line, an element of a top-level array) accepted, in bytes. */
export const MAX_JSON_RECORD_BYTES = 1024 * 1024;

export interface JsonBounds {
  maxDepth?: number;
  maxRecordBytes?: number;
  /** JSONL records are top-level values (depth 0); a JSON file's records are its array's elements (depth 1). */
  lines?: boolean;
}

/**
 * Streams the file once, tracking bracket depth outside strings (escapes honoured) and the bytes
 * since the last record boundary; throws a DatasetError naming the file and the byte offset as
 * soon as a bound is passed. Returns the deepest nesting seen.
 */
export async function checkJsonDepth(path: string, display: string, bounds: JsonBounds = {}): Promise<number> {
  const { maxDepth = MAX_JSON_DEPTH, maxRecordBytes = MAX_JSON_RECORD_BYTES, lines = false } = bounds;
  const recordDepth = lines ? 0 : 1;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  let escaped = false;
  let offset = 0;
  let boundary = 0;
  const raw = createReadStream(path, { highWaterMark: 1 << 16 });
  const stream = path.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const tooLarge = (at: number) =>
    new DatasetError(`a JSON record of more than ${maxRecordBytes} bytes (at byte ${at}); records are limited to ${maxRecordBytes} bytes, not parsed`, { file: display });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
          continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) {
          if (++depth > maxDepth) throw new DatasetError(`JSON nested deeper than ${maxDepth} levels (at byte ${offset + i}); not parsed`, { file: display });
          if (depth > deepest) deepest = depth;
        } else if ((c === 0x7d || c === 0x5d) && depth > 0) depth--;
        if (depth <= recordDepth && (c === 0x2c || c === 0x0a || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d)) {
          if (offset + i - boundary > maxRecordBytes) throw tooLarge(boundary);
          boundary = offset + i;
        }
      }
      offset += chunk.length;
      if (offset - boundary > maxRecordBytes) throw tooLarge(boundary);
    }
  } finally {
    raw.destroy();
  }
  return deepest;
}
