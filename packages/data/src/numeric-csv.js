// @ts-check
// Plain numeric CSV, read block by block straight from the bytes: the fast engine behind
// scanNumericCsvPair (the grader's common case: two files of numbers, millions of lines). It
// accepts only what it can read exactly like DuckDB does — an unquoted header line, then lines of
// `width` comma-separated decimal numbers — and answers NOT_PLAIN for anything else, so callers
// fall back to readCsvColumns, which reads every dialect and reports every problem. Plain
// JavaScript (not TypeScript) because it also runs in a worker thread, which loads files as they
// are, from src/ under the tests as from dist/ when installed.
import { closeSync, openSync, readSync } from 'node:fs';

/** next() result for a file that is not plain numeric CSV. */
export const NOT_PLAIN = -1;

const BUFFER_BYTES = 4 << 20;
// 10^0 … 10^22: every one is exact in a double, so w·10^k and w/10^k with an exact w are
// correctly rounded (Clinger's fast path), the same double DuckDB's parser returns.
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The header of a plain CSV: its first line, split on commas, when no name is quoted, empty,
 * numeric or padded with spaces, and the file does not start with a byte-order mark.
 * @param {string} path
 * @returns {{ names: string[]; bodyStart: number } | undefined}
 */
export function readPlainHeader(path) {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const eol = buf.subarray(0, n).indexOf(10);
    if (eol < 0) return undefined;
    if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return undefined;
    const line = buf.toString('utf8', 0, eol > 0 && buf[eol - 1] === 13 ? eol - 1 : eol);
    const names = line.split(',');
    const plainName = (/** @type {string} */ s) => s !== '' && s.trim() === s && !/["\r\t]/.test(s) && !Number.isFinite(Number(s));
    if (!names.every(plainName) || new Set(names.map((s) => s.toLowerCase())).size !== names.length) return undefined;
    return { names, bodyStart: eol + 1 };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the data lines of a plain numeric CSV from byte `start`, `blockRows` rows at a time.
 * Every field must match -?\d+(\.\d+)?([eE][+-]?\d+)?; the columns listed in `keyColumns` must
 * be non-negative integers of at most 15 digits (no sign, fraction or exponent; no field has a
 * leading zero), so that
 * equal numbers mean equal text. Lines end in LF or CRLF; the last one may end the file.
 */
export class NumericCsvBlocks {
  /**
   * @param {string} path
   * @param {number} start byte offset of the first data line
   * @param {number} width fields per line
   * @param {number[]} keyColumns
   * @param {number} blockRows
   */
  constructor(path, start, width, keyColumns, blockRows) {
    this.fd = openSync(path, 'r');
    this.filePos = start;
    this.width = width;
    this.isKey = Array.from({ length: width }, (_, c) => keyColumns.includes(c));
    this.blockRows = blockRows;
    // one spare byte for a 0 sentinel after the data: every scan stops there without a bounds check
    this.buf = Buffer.allocUnsafe(BUFFER_BYTES + 1);
    this.len = 0;
    this.pos = 0;
    this.eof = false;
    this.done = false;
    this.buf[0] = 0;
  }

  /**
   * Keeps the unread bytes, reads more after them.
   * @returns {boolean} false when the unread bytes already fill the buffer (a line too long)
   */
  refill() {
    const rest = this.len - this.pos;
    if (rest >= BUFFER_BYTES) return false;
    this.buf.copy(this.buf, 0, this.pos, this.len);
    let len = rest;
    while (len < BUFFER_BYTES) {
      const n = readSync(this.fd, this.buf, len, BUFFER_BYTES - len, this.filePos);
      if (n === 0) {
        this.eof = true;
        break;
      }
      this.filePos += n;
      len += n;
    }
    this.len = len;
    this.pos = 0;
    this.buf[len] = 0;
    return true;
  }

  /**
   * Fills `out` column by column (value of column c, row r at out[c * blockRows + r]) with up to
   * blockRows rows.
   * @param {Float64Array} out
   * @returns {number} rows read (0 at the end of the file) or NOT_PLAIN
   */
  next(out) {
    if (this.done) return 0;
    const { width, isKey, blockRows, buf: b } = this;
    // the buffer's state in locals for the hot loop; written back before every refill and return
    let { pos, len } = this;
    let rows = 0;
    while (rows < blockRows) {
      let i = pos;
      if (i >= len) {
        if (this.eof) break;
        this.pos = pos;
        if (!this.refill()) return NOT_PLAIN;
        ({ pos, len } = this);
        continue;
      }
      let field = 0;
      let complete = false;
      for (;;) {
        const start = i;
        let c = b[i];
        let neg = false;
        if (c === 45) {
          neg = true;
          c = b[++i];
        }
        let w = 0;
        let digits = 0;
        while (c >= 48 && c <= 57) {
          w = w * 10 + (c - 48);
          digits++;
          c = b[++i];
        }
        if (digits === 0) break;
        if (digits > 1 && b[neg ? start + 1 : start] === 48) break; // 007: DuckDB may read such a column as text
        let frac = 0;
        if (c === 46) {
          c = b[++i];
          while (c >= 48 && c <= 57) {
            w = w * 10 + (c - 48);
            frac++;
            c = b[++i];
          }
          if (frac === 0) break;
          digits += frac;
        }
        let exp = 0;
        let hasExp = false;
        if (c === 101 || c === 69) {
          hasExp = true;
          c = b[++i];
          let expNeg = false;
          if (c === 43 || c === 45) {
            expNeg = c === 45;
            c = b[++i];
          }
          let expDigits = 0;
          while (c >= 48 && c <= 57) {
            exp = exp * 10 + (c - 48);
            expDigits++;
            c = b[++i];
          }
          if (expDigits === 0) break;
          if (expNeg) exp = -exp;
        }
        if (isKey[field] && (neg || frac > 0 || hasExp || digits > 15)) break;
        const e10 = exp - frac;
        let v;
        if (digits <= 15 && e10 >= -22 && e10 <= 22) {
          v = e10 < 0 ? w / POW10[-e10] : w * POW10[e10];
          if (neg) v = -v;
        } else {
          v = Number(b.toString('latin1', start, i)); // exact decimal-to-double conversion, rarely needed
        }
        out[field * blockRows + rows] = v;
        field++;
        if (field < width) {
          if (c !== 44) break;
          i++;
          continue;
        }
        if (c === 13 && b[i + 1] === 10) i += 2;
        else if (c === 10) i++;
        else if (c === 13 && i + 1 === len && !this.eof) {
          i = len; // a CRLF split by the end of the buffer: refill below and read the line again
          break;
        } else if (c !== 0 || i !== len || !this.eof) break; // at the sentinel with data left: refill below
        complete = true;
        break;
      }
      if (complete) {
        pos = i;
        rows++;
        continue;
      }
      // The line did not parse. Either it runs past the bytes in the buffer (read more and parse
      // it again) or it is not plain numeric CSV.
      if (i >= len && !this.eof) {
        this.pos = pos;
        if (!this.refill()) return NOT_PLAIN;
        ({ pos, len } = this);
        continue;
      }
      return NOT_PLAIN;
    }
    this.pos = pos;
    if (rows === 0) this.done = true;
    return rows;
  }

  close() {
    closeSync(this.fd);
  }
}
