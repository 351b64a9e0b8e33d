// Reading and validating a submission against a task's answers. Everything wrong with the
// submission is a SubmissionError whose message names the line (header = line 1) and column.
// CSV files are read only through @mle-smith/data's readCsvColumns.
import { DatasetError, SubmissionError, type Metric, type SubmissionFormat } from '@mle-smith/core';
import { readCsvColumns, type CsvColumns } from '@mle-smith/data';
import { basename } from 'node:path';
import { argsortFloat64 } from './internal/sort.js';
import { labelKey } from './internal/inputs.js';

/** Largest accepted |Σ row probabilities − 1| for multi-column probability submissions. */
export const PROBABILITY_SUM_TOLERANCE = 1e-4;

/** The line a 0-based data row sits on (the header is line 1; quoted multi-line fields are not counted). */
const line = (row: number) => row + 2;

export type Column = unknown[] | Float64Array;

/** Answers and predictions joined by id, in the answers' row order, ready for Metric.score. */
export interface AlignedSubmission {
  yTrue: ArrayLike<unknown>;
  yPred: ArrayLike<unknown>;
  params: Record<string, unknown>;
  rows: number;
  /** For one numeric prediction column: the submission row of each aligned row, and the column's name (to name a row in messages). */
  source?: { rows: Uint32Array; column: string };
}

export interface AnswersTable {
  path: string;
  table: CsvColumns;
  /** The column of answers.csv holding the truth. */
  target: string;
}

/** The CSV read mode a metric needs: numeric predictions are read typed, labels as raw text. */
export function readsAsText(metric: Metric): boolean {
  return metric.kind === 'label' || metric.kind === 'label-list' || metric.kind === 'ranking';
}

export async function readSubmissionCsv(path: string, allVarchar: boolean): Promise<CsvColumns> {
  try {
    return await readCsvColumns(path, { allVarchar });
  } catch (err) {
    if (err instanceof DatasetError) {
      const what = err.file ? err.message.slice(err.file.length + 2) : err.message;
      throw new SubmissionError(`submission ${basename(path)}: ${what}`, { cause: err });
    }
    throw err;
  }
}

export function checkHeader(sub: CsvColumns, format: SubmissionFormat): void {
  const expected = [format.idColumn, ...format.predictionColumns.map((c) => c.name)];
  const want = expected.map((n) => `"${n}"`).join(', ');
  const names = new Set(sub.names);
  const hint = (n: string) => {
    const near = sub.names.find((h) => h.trim().toLowerCase() === n.toLowerCase());
    return near ? ` (found "${near}": names are case- and space-sensitive)` : '';
  };
  if (!names.has(format.idColumn)) {
    throw new SubmissionError(`line 1: missing id column "${format.idColumn}"${hint(format.idColumn)}; expected header ${want}`, { row: 1, column: format.idColumn });
  }
  for (const c of format.predictionColumns) {
    if (!names.has(c.name)) throw new SubmissionError(`line 1: missing prediction column "${c.name}"${hint(c.name)}; expected header ${want}`, { row: 1, column: c.name });
  }
  const extra = sub.names.filter((n) => !expected.includes(n));
  if (extra.length > 0) {
    throw new SubmissionError(`line 1: unexpected column${extra.length > 1 ? 's' : ''} ${extra.map((n) => `"${n}"`).join(', ')}; expected header ${want}`, { row: 1, column: extra[0] });
  }
}

function idText(col: Column, i: number): string {
  const v = col[i];
  return typeof v === 'number' ? String(v) : labelKey(v);
}

function isMissing(col: Column, i: number): boolean {
  const v = col[i];
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || (typeof v === 'string' && v.trim() === '');
}

/**
 * For each answers row, the submission row with the same id. Numeric ids on both sides join by
 * sorting (typed arrays, O(n)); otherwise through a Map of id text.
 */
export function joinIds(subIds: Column, ansIds: Column, idColumn: string): Uint32Array {
  const n = ansIds.length;
  const m = subIds.length;
  for (let i = 0; i < m; i++) if (isMissing(subIds, i)) throw new SubmissionError(`line ${line(i)}, column "${idColumn}": empty id`, { row: line(i), column: idColumn });
  if (m === 0) throw new SubmissionError(`submission has a header but no data rows (expected ${n})`);
  if (subIds instanceof Float64Array && ansIds instanceof Float64Array) {
    if (m === n) {
      let same = true;
      for (let i = 0; i < n && same; i++) same = subIds[i] === ansIds[i];
      if (same) {
        const identity = new Uint32Array(n);
        for (let i = 0; i < n; i++) identity[i] = i;
        return identity;
      }
    }
    return joinSorted(subIds, ansIds, idColumn);
  }
  return joinByMap(subIds, ansIds, idColumn);
}

function describeMismatch(m: number, n: number, missing: number, missingExample: string, extra: number, extraExample: string, extraRow: number, idColumn: string): SubmissionError {
  const parts: string[] = [];
  if (m !== n) parts.push(`submission has ${m} data rows, expected ${n}`);
  if (extra > 0) parts.push(`${extra} id${extra > 1 ? 's are' : ' is'} not in the test set (e.g. "${extraExample}" on line ${line(extraRow)})`);
  if (missing > 0) parts.push(`${missing} test id${missing > 1 ? 's are' : ' is'} missing (e.g. "${missingExample}")`);
  return new SubmissionError(parts.join('; '), { row: extra > 0 ? line(extraRow) : undefined, column: idColumn });
}

function joinSorted(subIds: Float64Array, ansIds: Float64Array, idColumn: string): Uint32Array {
  const so = argsortFloat64(subIds);
  const ao = argsortFloat64(ansIds);
  // duplicates: report the pair whose second occurrence comes first in the file
  let dupA = -1;
  let dupB = -1;
  for (let i = 1; i < so.length; i++) {
    if (subIds[so[i]] === subIds[so[i - 1]]) {
      const a = Math.min(so[i], so[i - 1]);
      const b = Math.max(so[i], so[i - 1]);
      if (dupB < 0 || b < dupB) {
        dupA = a;
        dupB = b;
      }
    }
  }
  if (dupB >= 0) {
    throw new SubmissionError(`line ${line(dupB)}, column "${idColumn}": duplicate id "${subIds[dupB]}" (first on line ${line(dupA)})`, { row: line(dupB), column: idColumn });
  }
  const perm = new Uint32Array(ansIds.length);
  let i = 0;
  let j = 0;
  let missing = 0;
  let extra = 0;
  let missingEx = -1;
  let extraEx = -1;
  while (i < so.length || j < ao.length) {
    const s = i < so.length ? subIds[so[i]] : Infinity;
    const a = j < ao.length ? ansIds[ao[j]] : Infinity;
    if (i < so.length && (j >= ao.length || s < a)) {
      extra++;
      if (extraEx < 0 || so[i] < extraEx) extraEx = so[i];
      i++;
    } else if (j < ao.length && (i >= so.length || a < s)) {
      missing++;
      if (missingEx < 0 || ao[j] < missingEx) missingEx = ao[j];
      j++;
    } else {
      if (j + 1 < ao.length && ansIds[ao[j + 1]] === a) throw new DatasetError(`answers have a duplicate id "${a}"`);
      perm[ao[j]] = so[i];
      i++;
      j++;
    }
  }
  if (missing > 0 || extra > 0) {
    throw describeMismatch(subIds.length, ansIds.length, missing, missingEx >= 0 ? String(ansIds[missingEx]) : '', extra, extraEx >= 0 ? String(subIds[extraEx]) : '', extraEx, idColumn);
  }
  return perm;
}

function joinByMap(subIds: Column, ansIds: Column, idColumn: string): Uint32Array {
  const n = ansIds.length;
  const index = new Map<string, number>();
  for (let j = 0; j < n; j++) {
    const k = idText(ansIds, j);
    if (index.has(k)) throw new DatasetError(`answers have a duplicate id "${k}"`);
    index.set(k, j);
  }
  const perm = new Uint32Array(n);
  const taken = new Int32Array(n).fill(-1);
  let extra = 0;
  let extraEx = -1;
  for (let i = 0; i < subIds.length; i++) {
    const k = idText(subIds, i);
    const j = index.get(k);
    if (j === undefined) {
      extra++;
      if (extraEx < 0) extraEx = i;
      continue;
    }
    if (taken[j] >= 0) throw new SubmissionError(`line ${line(i)}, column "${idColumn}": duplicate id "${k}" (first on line ${line(taken[j])})`, { row: line(i), column: idColumn });
    taken[j] = i;
    perm[j] = i;
  }
  let missing = 0;
  let missingEx = -1;
  for (let j = 0; j < n; j++) {
    if (taken[j] < 0) {
      missing++;
      if (missingEx < 0) missingEx = j;
    }
  }
  if (missing > 0 || extra > 0) {
    throw describeMismatch(subIds.length, n, missing, missingEx >= 0 ? idText(ansIds, missingEx) : '', extra, extraEx >= 0 ? idText(subIds, extraEx) : '', extraEx, idColumn);
  }
  return perm;
}

/** The raw text of a cell, for error messages, by re-reading the file as text (error path only). */
async function rawCell(path: string, column: string, row: number): Promise<string | null> {
  try {
    const text = await readCsvColumns(path, { allVarchar: true });
    const v = text.columns[column]?.[row];
    return v === null || v === undefined ? null : String(v);
  } catch {
    return null;
  }
}

/** A numeric prediction column as Float64Array, or a SubmissionError naming the first bad cell. */
export async function numericColumn(path: string, col: Column, column: string): Promise<Float64Array> {
  let bad = -1;
  let out: Float64Array;
  if (col instanceof Float64Array) {
    out = col;
    for (let i = 0; i < col.length; i++) {
      if (!Number.isFinite(col[i])) {
        bad = i;
        break;
      }
    }
  } else {
    out = new Float64Array(col.length);
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : NaN;
      if (!Number.isFinite(x)) {
        bad = i;
        break;
      }
      out[i] = x;
    }
  }
  if (bad < 0) return out;
  const raw = col instanceof Float64Array ? await rawCell(path, column, bad) : col[bad] === null ? null : String(col[bad]);
  const where = `line ${line(bad)}, column "${column}"`;
  const opts = { row: line(bad), column };
  if (raw === null || raw.trim() === '') throw new SubmissionError(`${where}: empty value; a number is required`, opts);
  const x = Number(raw.trim());
  if (Number.isNaN(x) && !/^[+-]?(nan|inf|infinity)$/i.test(raw.trim())) throw new SubmissionError(`${where}: "${raw}" is not a number`, opts);
  throw new SubmissionError(`${where}: "${raw}" is not a finite number (NaN and infinity are not allowed)`, opts);
}

export function checkProbabilityRange(values: Float64Array, column: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0 || v > 1) throw new SubmissionError(`line ${line(i)}, column "${column}": probability ${v} is outside [0, 1]`, { row: line(i), column });
  }
}

export function checkLabels(col: Column, classes: string[] | undefined, column: string): string[] {
  const allowed = classes ? new Set(classes) : undefined;
  const out = new Array<string>(col.length);
  for (let i = 0; i < col.length; i++) {
    if (isMissing(col, i)) throw new SubmissionError(`line ${line(i)}, column "${column}": empty label`, { row: line(i), column });
    const k = labelKey(col[i]).trim();
    if (allowed && !allowed.has(k)) {
      throw new SubmissionError(`line ${line(i)}, column "${column}": label "${k}" is not one of the classes (${classes!.slice(0, 10).join(', ')}${classes!.length > 10 ? ', ...' : ''})`, { row: line(i), column });
    }
    out[i] = k;
  }
  return out;
}

/** Whitespace-separated item lists; every label must be a known class when classes are given. */
export function checkLabelLists(col: Column, classes: string[] | undefined, column: string): string[][] {
  const allowed = classes ? new Set(classes) : undefined;
  const out = new Array<string[]>(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    const items = v === null || v === undefined ? [] : String(v).split(/\s+/).filter((s) => s !== '');
    if (allowed) {
      const bad = items.find((x) => !allowed.has(x));
      if (bad !== undefined) throw new SubmissionError(`line ${line(i)}, column "${column}": label "${bad}" is not one of the classes`, { row: line(i), column });
    }
    out[i] = items;
  }
  return out;
}

export { line as lineOfRow };
