// JSON nesting is bounded before DuckDB parses a file: a small file nested thousands of levels
// deep crashes the parser (the process dies with SIGSEGV, taking every other dataset with it).
import { createReadStream } from 'node:fs';
import { DatasetError } from '@mle-smith/core';

/** Deepest nesting of objects/arrays accepted in a JSON or JSONL table file. */
export const MAX_JSON_DEPTH = 256;

/**
 * Streams the file once, tracking bracket depth outside strings (escapes honoured); throws a
 * DatasetError naming the file and the byte offset as soon as the depth passes `max`.
 */
export async function checkJsonDepth(path: string, display: string, max = MAX_JSON_DEPTH): Promise<number> {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  let escaped = false;
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++depth > max) throw new DatasetError(`JSON nested deeper than ${max} levels (at byte ${offset + i}); not parsed`, { file: display });
        if (depth > deepest) deepest = depth;
      } else if ((c === 0x7d || c === 0x5d) && depth > 0) depth--;
    }
    offset += chunk.length;
  }
  return deepest;
}
