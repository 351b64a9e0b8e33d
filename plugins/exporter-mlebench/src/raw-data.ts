// raw/data.csv of an export: every labelled row of the task (the train rows, then the test rows
// with their target inserted), and what prepare.py needs to cut it back into the package's files
// byte for byte (the test ids in test.csv's order, the sample submission's header and row).
// Fields are split, never parsed (that is @mle-smith/data's job), so their text survives as
// written; every assumption prepare.py makes is checked here, so an export that passes it
// rebuilds exactly.
import { DatasetError } from '@mle-smith/core';

export interface CsvRecord {
  /** Raw field texts: a quoted field keeps its quotes. */
  fields: string[];
  /** "\n", "\r\n", or "" for a last line without one. */
  end: string;
}

const FIELD = /"(?:[^"]|"")*"|[^,"\r\n]*/y;
const END = /,|\r?\n|$/y;

/** The records of a CSV text as prepare.py's _records splits them. */
export function splitCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    FIELD.lastIndex = pos;
    const field = FIELD.exec(text)![0];
    END.lastIndex = pos + field.length;
    const end = END.exec(text);
    if (!end) throw new DatasetError(`cannot split the CSV record at character ${pos + field.length}`, { file });
    fields.push(field);
    pos = END.lastIndex;
    if (end[0] !== ',') {
      records.push({ fields, end: end[0] });
      fields = [];
    }
  }
  return records;
}

const unquote = (f: string) => (f.startsWith('"') ? f.slice(1, -1).replaceAll('""', '"') : f);

export interface PackageCsv {
  train: string;
  test: string;
  sample: string;
  answers: string;
}

export interface RawData {
  dataCsv: string;
  testIds: string[];
  sampleHeader: string;
  /** The sample submission's prediction fields when every row has the same ones (a constant sample). */
  sampleRow?: string;
  /** Each test row's prediction fields, in testIds' order, when they differ (a forecasting task's per-series means). */
  sampleRows?: string[];
  /**
   * Answers columns after the target (a forecasting task's series key and scale): their header
   * fields and each test row's fields, joined by commas, in testIds' order. Empty when the answers
   * are only id and target. prepare.py appends them to private/test.csv.
   */
  answerExtraHeader: string;
  answerExtras: string[];
}

function fail(what: string): never {
  throw new DatasetError(`cannot write raw/data.csv for MLE-bench: ${what}`);
}

/** Checks the package's four CSV files fit prepare.py's layout and returns raw/data.csv and its split. */
export function buildRawData(files: PackageCsv, target: string, idColumn: string): RawData {
  const [train, test, sample, answers] = (['train', 'test', 'sample', 'answers'] as const).map((k) => splitCsvRecords(files[k], k));
  const header = train[0]?.fields ?? fail('public/train.csv is empty');
  const names = header.map(unquote);
  const t = names.indexOf(target);
  const i = names.indexOf(idColumn);
  if (t < 0 || i < 0) fail(`public/train.csv lacks the id column "${idColumn}" or the target "${target}"`);
  const dropTarget = (fields: string[]) => [...fields.slice(0, t), ...fields.slice(t + 1)].join(',');
  const line = (r: CsvRecord) => r.fields.join(',') + r.end;
  if (line(test[0]) !== dropTarget(header) + train[0].end) fail('public/test.csv does not have the train columns without the target');
  // id, target, then any extra columns (a forecasting task's series key and scale)
  const extraHeader = answers[0].fields.slice(2).join(',');
  if (answers[0].fields[0] !== header[i] || answers[0].fields[1] !== header[t] || answers[0].end !== train[0].end) {
    fail(`private/answers.csv's header does not start with "${header[i]},${header[t]}"`);
  }
  const answerWidth = answers[0].fields.length;
  if (sample[0].end !== train[0].end) fail('public/sample_submission.csv has another line end than public/train.csv');
  const rows = test.slice(1);
  if (answers.length !== test.length || sample.length !== test.length) fail('test.csv, sample_submission.csv and answers.csv have different row counts');
  const trainIds = new Set(train.slice(1).map((r) => r.fields[i]));
  const samplePredictions = sample.slice(1).map((s) => s.fields.slice(1).join(','));
  const data = train.map(line);
  rows.forEach((r, k) => {
    const id = r.fields[t <= i ? i - 1 : i];
    const a = answers[k + 1];
    const s = sample[k + 1];
    if (r.fields.length !== header.length - 1) fail(`public/test.csv line ${k + 2} has ${r.fields.length} fields, not ${header.length - 1}`);
    if (a.fields[0] !== id || a.fields.length !== answerWidth || a.end !== r.end) fail(`private/answers.csv line ${k + 2} is not test id ${id}`);
    if (s.fields[0] !== id || s.end !== r.end) fail(`public/sample_submission.csv line ${k + 2} is not test id ${id}`);
    if (trainIds.has(id)) fail(`test id ${id} is a train id too`);
    data.push([...r.fields.slice(0, t), a.fields[1], ...r.fields.slice(t)].join(',') + r.end);
  });
  const testIds = rows.map((r) => r.fields[t <= i ? i - 1 : i]);
  if (new Set(testIds).size !== testIds.length) fail('public/test.csv has a duplicate id');
  const answerExtras = answerWidth > 2 ? answers.slice(1).map((a) => a.fields.slice(2).join(',')) : [];
  const constant = samplePredictions.every((p) => p === samplePredictions[0]);
  const sampleFields = constant ? { sampleRow: samplePredictions[0] ?? '' } : { sampleRows: samplePredictions };
  return { dataCsv: data.join(''), testIds, sampleHeader: sample[0].fields.join(','), ...sampleFields, answerExtraHeader: extraHeader, answerExtras };
}
