// The FORMAT of a submission against the public manifest and the public test.csv — header, id
// set, row count, value types and ranges. It never reads answers and never scores: an agent (the
// solver's check_submission tool, the task environment's validate) learns whether the grader will
// accept the file, not how good it is.
import { readCsvColumns, type CsvColumns } from '@mle-smith/data';
import type { SubmissionFormat } from '@mle-smith/core';

import { PROBABILITY_SUM_TOLERANCE } from './submission.js';

export interface SubmissionCheck {
  ok: boolean;
  /** Everything that would make the grader reject the file (empty when ok). */
  problems: string[];
  /** Remarks that do not invalidate the file. */
  notes: string[];
  rows?: number;
  expectedRows?: number;
  columns?: string[];
  expectedColumns: string[];
}

const MAX_EXAMPLES = 3;
const line = (row: number): number => row + 2; // the header is line 1

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/** Ids compare as numbers when both look numeric ("7" and "7.0"), else as text. */
function idKey(v: unknown): string {
  const s = text(v);
  const n = s === '' ? NaN : Number(s);
  return Number.isFinite(n) ? `#${n}` : s;
}

async function readAsText(path: string, label: string): Promise<CsvColumns | string> {
  try {
    return await readCsvColumns(path, { allVarchar: true });
  } catch (err) {
    const message = (err as Error).message.split(path).join(label).replace(/^submission\.csv: /, '');
    return `${label}: ${message.split('\n')[0]}`;
  }
}

function examples(items: string[]): string {
  return items.slice(0, MAX_EXAMPLES).map((s) => `"${s}"`).join(', ') + (items.length > MAX_EXAMPLES ? ', ...' : '');
}

export async function checkSubmissionFormat(submissionPath: string, testCsvPath: string, format: SubmissionFormat): Promise<SubmissionCheck> {
  const expectedColumns = [format.idColumn, ...format.predictionColumns.map((c) => c.name)];
  const result: SubmissionCheck = { ok: false, problems: [], notes: [], expectedColumns };
  const sub = await readAsText(submissionPath, 'submission.csv');
  if (typeof sub === 'string') {
    result.problems.push(sub);
    return result;
  }
  result.rows = sub.rowCount;
  result.columns = sub.names;
  const test = await readAsText(testCsvPath, 'data/test.csv');
  let testIds: string[] | undefined;
  if (typeof test === 'string') result.notes.push(`could not read ${test}; ids not checked`);
  else if (!test.names.includes(format.idColumn)) result.notes.push(`data/test.csv has no column "${format.idColumn}"; ids not checked`);
  else {
    testIds = (test.columns[format.idColumn] as unknown[]).map(text);
    result.expectedRows = test.rowCount;
  }

  const problems = result.problems;
  const missingCols = expectedColumns.filter((c) => !sub.names.includes(c));
  const extraCols = sub.names.filter((c) => !expectedColumns.includes(c));
  if (missingCols.length) problems.push(`missing column(s) ${examples(missingCols)}; expected header ${expectedColumns.join(',')}`);
  if (extraCols.length) problems.push(`unexpected column(s) ${examples(extraCols)}; expected header ${expectedColumns.join(',')}`);
  if (!missingCols.length && !extraCols.length && sub.names.join(',') !== expectedColumns.join(',')) {
    result.notes.push(`columns are in a different order than ${expectedColumns.join(',')} (accepted)`);
  }
  if (sub.rowCount === 0) problems.push('no data rows');
  if (result.expectedRows !== undefined && sub.rowCount !== result.expectedRows) {
    problems.push(`${sub.rowCount} data rows, expected ${result.expectedRows} (one per row of data/test.csv)`);
  }

  if (sub.names.includes(format.idColumn)) {
    const ids = (sub.columns[format.idColumn] as unknown[]).map(text);
    const empty = ids.findIndex((v) => v === '');
    if (empty >= 0) problems.push(`line ${line(empty)}: empty id`);
    const seen = new Map<string, number>();
    const dups: string[] = [];
    ids.forEach((id, i) => {
      const k = idKey(id);
      if (seen.has(k)) dups.push(`"${id}" on line ${line(i)} (first on line ${line(seen.get(k)!)})`);
      else seen.set(k, i);
    });
    if (dups.length) problems.push(`${dups.length} duplicate id(s), e.g. ${dups[0]}`);
    if (testIds) {
      const want = new Set(testIds.map(idKey));
      const extra = ids.filter((id) => id !== '' && !want.has(idKey(id)));
      const missing = testIds.filter((id) => !seen.has(idKey(id)));
      if (extra.length) problems.push(`${extra.length} id(s) not in data/test.csv, e.g. ${examples(extra)}`);
      if (missing.length) problems.push(`${missing.length} id(s) of data/test.csv missing, e.g. ${examples(missing)}`);
    }
  }

  const probabilityCols = format.predictionColumns.filter((c) => c.type === 'probability' && sub.names.includes(c.name));
  for (const col of format.predictionColumns) {
    if (!sub.names.includes(col.name)) continue;
    const values = (sub.columns[col.name] as unknown[]).map(text);
    const bad = (what: string, test: (v: string) => boolean): void => {
      const rows = values.map((v, i) => (test(v) ? i : -1)).filter((i) => i >= 0);
      if (rows.length) problems.push(`column "${col.name}": ${rows.length} value(s) ${what}, first on line ${line(rows[0])} ("${values[rows[0]]}")`);
    };
    const num = (v: string): number => (v === '' ? NaN : Number(v));
    if (col.type === 'probability') bad('not a probability in [0, 1]', (v) => !(num(v) >= 0 && num(v) <= 1));
    else if (col.type === 'number') bad('not a finite number', (v) => !Number.isFinite(num(v)));
    else if (col.type === 'integer') bad('not an integer', (v) => !Number.isInteger(num(v)));
    else if (col.type === 'string') {
      bad('empty', (v) => v === '');
      if (format.classes?.length && format.predictionColumns.length === 1) {
        const classes = new Set(format.classes.map((c) => c.trim()));
        bad(`not one of the classes (${format.classes.slice(0, 10).join(', ')})`, (v) => v !== '' && !classes.has(v));
      }
    } else if (col.type === 'label-list' && format.classes?.length) {
      const classes = new Set(format.classes.map((c) => c.trim()));
      bad('holding a label that is not a class', (v) => v.split(/\s+/).filter(Boolean).some((x) => !classes.has(x)));
    }
  }
  if (probabilityCols.length > 1 && probabilityCols.length === format.predictionColumns.length) {
    const cols = probabilityCols.map((c) => (sub.columns[c.name] as unknown[]).map((v) => Number(text(v))));
    const off: number[] = [];
    for (let i = 0; i < sub.rowCount; i++) {
      const sum = cols.reduce((s, c) => s + c[i], 0);
      if (Number.isFinite(sum) && Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) off.push(i);
    }
    if (off.length) problems.push(`${off.length} row(s) whose class probabilities do not sum to 1, first on line ${line(off[0])}`);
  }
  result.ok = problems.length === 0;
  return result;
}
