// The grader: task.json + private/answers.csv + a submission → GradeResult. An invalid submission
// is a result with valid=false and the SubmissionError's message; a broken task package throws.
import { DatasetError, SubmissionError, checkPackageFile, errorMessage, readTaskManifest, type GradeResult, type Grader, type Metric, type TaskManifest } from '@mle-smith/core';
import { readCsvColumns, type CsvColumns } from '@mle-smith/data';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createMetricRegistry, type MetricRegistry } from './registry.js';
import { fastGrade } from './fast-grade.js';
import { TASK_GRADER_METRIC, gradeWithTaskGrader, type GradingSandbox } from './task-grader.js';
import { pairedBootstrap } from './paired-bootstrap.js';
import { labelKey, sortLabels } from './internal/inputs.js';
import {
  PROBABILITY_SUM_TOLERANCE, checkHeader as checkHeaderImpl, checkLabelLists, checkLabels, checkProbabilityRange, joinIds, lineOfRow, numericColumn,
  readSubmissionCsv, readsAsText, type AlignedSubmission, type Column,
} from './submission.js';

export interface GraderOptions {
  /** Where metric names are looked up (default: the built-in metrics). */
  registry?: MetricRegistry;
  /** Runs an imported task's own Python grader (metric "task-grader"); without it such tasks cannot be graded. */
  sandbox?: GradingSandbox;
}

/** task.json, read as untrusted input: schema-checked, no symlinks, size-capped (core's package reader). */
export async function loadManifest(taskDir: string): Promise<TaskManifest> {
  return readTaskManifest(taskDir);
}

/**
 * The largest submission graded for a task: 16 MiB plus 64 bytes per answers byte and prediction
 * column. A valid submission holds the answers' ids and one value per column, so it is a small
 * multiple of answers.csv; anything far larger is refused before it is read.
 */
export function submissionCap(answersBytes: number, predictionColumns: number): number {
  return 16 * 1024 * 1024 + 64 * answersBytes * Math.max(1, predictionColumns);
}

/** The submission is a regular file (a FIFO or device would block or never end) within the cap. */
async function checkSubmissionFile(path: string, cap: number): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    throw new SubmissionError(`submission ${basename(path)} cannot be read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)})`, { cause: err });
  }
  if (!st.isFile()) throw new SubmissionError(`submission ${basename(path)} is not a regular file`);
  if (st.size > cap) throw new SubmissionError(`submission ${basename(path)} is ${st.size} bytes, over this task's cap of ${cap} bytes (16 MiB + 64 bytes per answers byte and prediction column)`);
}

/** Why the submission file cannot be graded (not a regular file, over the cap), or undefined. */
async function submissionFileProblem(taskDir: string, submissionPath: string, m: TaskManifest): Promise<string | undefined> {
  // the answers: a regular file inside the package (no symlink to a host file, no FIFO)
  const answers = await checkPackageFile(taskDir, 'private/answers.csv');
  try {
    await checkSubmissionFile(submissionPath, submissionCap(answers.bytes, m.submission.predictionColumns.length));
    return undefined;
  } catch (err) {
    if (err instanceof SubmissionError) return err.message;
    throw err;
  }
}

/** Why a non-finite score happened: the first row whose prediction overflows the metric. */
function nonFiniteReason(metric: Metric, aligned: AlignedSubmission, score: number): string {
  const pred = aligned.yPred;
  const truth = aligned.yTrue;
  if (aligned.source && pred instanceof Float64Array) {
    const n = Math.max(1, aligned.rows);
    for (let j = 0; j < pred.length; j++) {
      const d = pred[j] - Number(truth[j]);
      if (!Number.isFinite(pred[j]) || !Number.isFinite(d * d * n) || !Number.isFinite(pred[j] * pred[j] * n)) {
        return `line ${lineOfRow(aligned.source.rows[j])}, column "${aligned.source.column}": ${pred[j]} is too large for ${metric.name} (the score comes out as ${score})`;
      }
    }
  }
  return `${metric.name} is not a finite number for this submission (${score})`;
}

function gather<T>(col: Column, perm: Uint32Array, pick: (col: Column, i: number) => T): T[] {
  const out = new Array<T>(perm.length);
  for (let j = 0; j < perm.length; j++) out[j] = pick(col, perm[j]);
  return out;
}

function gatherF64(col: Float64Array, perm: Uint32Array): Float64Array {
  const out = new Float64Array(perm.length);
  for (let j = 0; j < perm.length; j++) out[j] = col[perm[j]];
  return out;
}

/** Parses an answers cell of a ranking task: "a b c" (relevance 1 each) or "a:3 b:1" (graded). */
function relevanceOf(v: unknown): string[] | Record<string, number> {
  const items = v === null || v === undefined ? [] : String(v).split(/\s+/).filter((s) => s !== '');
  if (!items.some((s) => s.includes(':'))) return items;
  const rel: Record<string, number> = {};
  for (const s of items) {
    const at = s.lastIndexOf(':');
    rel[at < 0 ? s : s.slice(0, at)] = at < 0 ? 1 : Number(s.slice(at + 1));
  }
  return rel;
}

/**
 * Validates the submission against the answers and lines both up by id. Throws SubmissionError
 * for anything wrong with the submission, DatasetError for a broken task package.
 */
export async function alignSubmission(taskDir: string, submissionPath: string, manifest: TaskManifest, metric: Metric): Promise<AlignedSubmission> {
  const asText = readsAsText(metric);
  const answersPath = join(taskDir, 'private', 'answers.csv');
  // both files at once: DuckDB parses one while the main thread converts the other's chunks
  const [answers, sub] = await Promise.all([readCsvColumns(answersPath, { allVarchar: asText }), readSubmissionCsv(submissionPath, asText)]);
  return alignColumns({ path: answersPath, table: answers }, { path: submissionPath, table: sub }, manifest, metric);
}

/**
 * alignSubmission on tables read already (numeric columns as Float64Array; every column as text
 * when readsAsText(metric)). The paths only name the files in messages.
 */
export async function alignColumns(
  answersTable: { path: string; table: CsvColumns },
  submission: { path: string; table: CsvColumns },
  manifest: TaskManifest,
  metric: Metric,
): Promise<AlignedSubmission> {
  const format = manifest.submission;
  const answers = answersTable.table;
  const answersPath = answersTable.path;
  const sub = submission.table;
  const submissionPath = submission.path;
  const target = answers.names.includes(manifest.target)
    ? manifest.target
    : answers.names.filter((n) => n !== format.idColumn).length === 1
      ? answers.names.find((n) => n !== format.idColumn)!
      : undefined;
  if (!answers.names.includes(format.idColumn) || target === undefined) {
    throw new DatasetError(`needs the id column "${format.idColumn}" and the target column "${manifest.target}"`, { file: answersPath });
  }
  checkHeaderOf(sub, format);
  const perm = joinIds(sub.columns[format.idColumn], answers.columns[format.idColumn], format.idColumn);
  const truthCol = answers.columns[target];
  const params: Record<string, unknown> = { ...manifest.metric.params };
  const classes = format.classes?.map(labelKey);
  const predCols = format.predictionColumns;
  const n = answers.rowCount;
  if (metric.answerColumnParams) params.answerColumns = answerColumnsOf(answers, params, metric, answersPath);

  if (metric.kind === 'quantiles' || metric.kind === 'interval') return alignNumericColumns(submissionPath, sub, truthCol, perm, predCols, params, metric);

  if (metric.kind === 'score') {
    const name = one(predCols, metric).name;
    const pred = await numericColumn(submissionPath, sub.columns[name], name);
    if (metric.name === 'rmsle') {
      const bad = pred.findIndex((v) => v <= -1);
      if (bad >= 0) throw new SubmissionError(`line ${lineOfRow(bad)}, column "${name}": ${pred[bad]} is not greater than -1 (rmsle takes log(1 + value))`, { row: lineOfRow(bad), column: name });
    }
    const truth = truthCol instanceof Float64Array ? truthCol : Float64Array.from(truthCol as unknown[], (v) => Number(v));
    return { yTrue: truth, yPred: gatherF64(pred, perm), params, rows: n, source: { rows: perm, column: name } };
  }

  if (metric.kind === 'label') {
    const name = one(predCols, metric).name;
    const labels = checkLabels(sub.columns[name], classes, name);
    if (classes) params.classes = sortLabels(classes); // kappa's ordinal scale: every class, in order
    return { yTrue: Array.from({ length: n }, (_, j) => labelKey(truthCol[j]).trim()), yPred: gather(labels, perm, (c, i) => c[i]), params, rows: n };
  }

  if (metric.kind === 'label-list') {
    const name = one(predCols, metric).name;
    const lists = checkLabelLists(sub.columns[name], classes, name);
    if (classes) params.classes = classes;
    const truth = Array.from({ length: n }, (_, j) => relevanceOf(truthCol[j]) as string[]);
    return { yTrue: truth, yPred: gather(lists, perm, (c, i) => c[i]), params, rows: n };
  }

  if (metric.kind === 'ranking') {
    const name = one(predCols, metric).name;
    const lists = checkLabelLists(sub.columns[name], undefined, name);
    const truth = Array.from({ length: n }, (_, j) => relevanceOf(truthCol[j]));
    return { yTrue: truth, yPred: gather(lists, perm, (c, i) => c[i]), params, rows: n };
  }

  // probability: one column (binary, P(positive class)) or one column per class
  const strict = metric.name === 'log_loss' || predCols.every((c) => c.type === 'probability');
  if (classes) params.classes = classes;
  if (predCols.length === 1) {
    const name = predCols[0].name;
    const pred = await numericColumn(submissionPath, sub.columns[name], name);
    if (strict) checkProbabilityRange(pred, name);
    return { yTrue: truthCol, yPred: perm.length === pred.length && isIdentity(perm) ? pred : gatherF64(pred, perm), params, rows: n };
  }
  if (!classes || classes.length !== predCols.length) {
    throw new DatasetError(`task.json: ${predCols.length} probability columns need submission.classes with as many classes`);
  }
  // column → class: by name when every column is named after a class, else by position
  const byName = predCols.every((c) => classes.includes(c.name));
  const k = classes.length;
  const flat = new Float64Array(n * k);
  const sums = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    const col = byName ? predCols.find((p) => p.name === classes[c])! : predCols[c];
    const values = await numericColumn(submissionPath, sub.columns[col.name], col.name);
    checkProbabilityRange(values, col.name);
    for (let j = 0; j < n; j++) {
      const v = values[perm[j]];
      flat[j * k + c] = v;
      sums[j] += v;
    }
  }
  for (let j = 0; j < n; j++) {
    if (Math.abs(sums[j] - 1) > PROBABILITY_SUM_TOLERANCE) {
      const row = lineOfRow(perm[j]);
      throw new SubmissionError(`line ${row}: class probabilities sum to ${sums[j]}, not 1 (tolerance ${PROBABILITY_SUM_TOLERANCE})`, { row });
    }
  }
  const truth = Array.from({ length: n }, (_, j) => labelKey(truthCol[j]));
  return { yTrue: truth, yPred: flat, params, rows: n };
}

/** The answers columns the metric's params name (forecasting: series key and scale), in the answers' row order. */
function answerColumnsOf(answers: CsvColumns, params: Record<string, unknown>, metric: Metric, answersPath: string): Record<string, Column> {
  const out: Record<string, Column> = {};
  for (const key of metric.answerColumnParams ?? []) {
    const name = params[key];
    if (name === undefined || name === null) continue;
    if (typeof name !== 'string' || !answers.names.includes(name)) {
      throw new DatasetError(`metric ${metric.name}: params.${key} names the column "${String(name)}", which the answers do not have`, { file: answersPath });
    }
    out[name] = answers.columns[name];
  }
  return out;
}

/**
 * Several numeric prediction columns, flat row-major in task.json's order: one per quantile of
 * params.quantiles (pinball), or the lower and upper bound of an interval (lower ≤ upper per row).
 */
async function alignNumericColumns(
  submissionPath: string, sub: CsvColumns, truthCol: Column, perm: Uint32Array,
  predCols: TaskManifest['submission']['predictionColumns'], params: Record<string, unknown>, metric: Metric,
): Promise<AlignedSubmission> {
  const width = metric.kind === 'interval' ? 2 : Array.isArray(params.quantiles) ? params.quantiles.length : -1;
  if (predCols.length !== width) {
    throw new DatasetError(`task.json: metric ${metric.name} needs ${metric.kind === 'interval' ? 'two prediction columns (lower, upper)' : 'one prediction column per entry of metric.params.quantiles'}, the task declares ${predCols.length}`);
  }
  const n = perm.length;
  const flat = new Float64Array(n * width);
  for (let c = 0; c < width; c++) {
    const values = await numericColumn(submissionPath, sub.columns[predCols[c].name], predCols[c].name);
    for (let j = 0; j < n; j++) flat[j * width + c] = values[perm[j]];
  }
  if (metric.kind === 'interval') {
    let bad = -1;
    for (let j = 0; j < n; j++) if (flat[2 * j] > flat[2 * j + 1] && (bad < 0 || perm[j] < perm[bad])) bad = j;
    if (bad >= 0) {
      const row = lineOfRow(perm[bad]);
      throw new SubmissionError(`line ${row}: lower bound ${flat[2 * bad]} ("${predCols[0].name}") is above upper bound ${flat[2 * bad + 1]} ("${predCols[1].name}")`, { row, column: predCols[0].name });
    }
  }
  const truth = truthCol instanceof Float64Array ? truthCol : Float64Array.from(truthCol as unknown[], (v) => Number(v));
  return { yTrue: truth, yPred: flat, params, rows: n };
}

function isIdentity(perm: Uint32Array): boolean {
  for (let i = 0; i < perm.length; i++) if (perm[i] !== i) return false;
  return true;
}

function one(cols: TaskManifest['submission']['predictionColumns'], metric: Metric) {
  if (cols.length !== 1) throw new DatasetError(`task.json: metric ${metric.name} expects one prediction column, the task declares ${cols.length}`);
  return cols[0];
}

function checkHeaderOf(sub: CsvColumns, format: TaskManifest['submission']): void {
  if (sub.rowCount === 0 && sub.names.length === 0) throw new SubmissionError('submission is empty');
  checkHeaderImpl(sub, format);
}

export function createGrader(options: GraderOptions = {}): Grader {
  const registry = options.registry ?? createMetricRegistry();
  return {
    metric: (name) => registry.get(name),
    async grade(taskDir, submissionPath, manifest) {
      const m = manifest ?? (await loadManifest(taskDir));
      if (m.metric.name === TASK_GRADER_METRIC) {
        if (!options.sandbox) throw new DatasetError(`this task is graded by its own Python grader (${String(m.metric.params.script)}), which runs only in an executor: grade it with mle-smith grade or eval`, { file: join(taskDir, 'task.json') });
        const problem = await submissionFileProblem(taskDir, submissionPath, m);
        if (problem) return { metric: TASK_GRADER_METRIC, higherIsBetter: m.metric.higherIsBetter, valid: false, error: problem };
        return gradeWithTaskGrader(taskDir, submissionPath, m, options.sandbox);
      }
      const metric = registry.get(m.metric.name);
      if (!metric) throw new DatasetError(`unknown metric "${m.metric.name}"`, { file: join(taskDir, 'task.json') });
      const base = { metric: metric.name, higherIsBetter: metric.higherIsBetter };
      const problem = await submissionFileProblem(taskDir, submissionPath, m);
      if (problem) return { ...base, valid: false, error: problem };
      // common case first: ids in the answers' order, valid values, a metric DuckDB can compute
      const fast = await fastGrade(taskDir, submissionPath, m, metric);
      if (fast !== undefined && Number.isFinite(fast)) return { ...base, valid: true, score: fast } satisfies GradeResult;
      let aligned: AlignedSubmission;
      try {
        aligned = await alignSubmission(taskDir, submissionPath, m, metric);
      } catch (err) {
        if (err instanceof SubmissionError) return { ...base, valid: false, error: err.message };
        throw err;
      }
      let score: number;
      try {
        score = metric.score(aligned.yTrue, aligned.yPred, aligned.params);
      } catch (err) {
        throw new DatasetError(`cannot compute ${metric.name}: ${errorMessage(err)}`, { file: join(taskDir, 'private', 'answers.csv'), cause: err });
      }
      // a score is a finite number, or the submission is invalid with the reason
      if (!Number.isFinite(score)) return { ...base, valid: false, error: nonFiniteReason(metric, aligned, score) } satisfies GradeResult;
      return { ...base, valid: true, score } satisfies GradeResult;
    },
    async compare(taskDir, submissionA, submissionB, manifest, options) {
      const m = manifest ?? (await loadManifest(taskDir));
      const metric = registry.get(m.metric.name);
      if (!metric) throw new DatasetError(`unknown metric "${m.metric.name}"`, { file: join(taskDir, 'task.json') });
      // one after the other: the raw CSV columns of one submission at a time
      const a = await alignSubmission(taskDir, submissionA, m, metric);
      const b = await alignSubmission(taskDir, submissionB, m, metric);
      try {
        return pairedBootstrap(metric, a, b, options);
      } catch (err) {
        throw new DatasetError(`cannot compare on ${metric.name}: ${errorMessage(err)}`, { file: join(taskDir, 'private', 'answers.csv'), cause: err });
      }
    },
  };
}

const defaultGrader = createGrader();

/** Grades with the built-in metrics; reads task.json from taskDir when no manifest is given. */
export function gradeSubmission(taskDir: string, submissionPath: string, manifest?: TaskManifest): Promise<GradeResult> {
  return defaultGrader.grade(taskDir, submissionPath, manifest);
}
