// Builds synthetic submissions from the package itself — the true answers, and a constant
// prediction from train.csv — and grades them with the project's grader, on the host.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetError, errorMessage, type GradeResult, type Metric, type TaskManifest } from '@mle-smith/core';
import { sortLabels, type DuckDbSession, quoteLiteral as lit, quoteIdent as q } from '@mle-smith/data';
import { gradeSubmission } from '@mle-smith/metrics';

export type Grade = GradeResult | { valid: false; error: string; metric: string; higherIsBetter: boolean; broken: true };

/** Grades a file; a package the grader cannot score (DatasetError) becomes an invalid result marked broken. */
export async function grade(taskDir: string, path: string, manifest: TaskManifest): Promise<Grade> {
  try {
    return await gradeSubmission(taskDir, path, manifest);
  } catch (err) {
    if (!(err instanceof DatasetError)) throw err;
    return { valid: false, error: errorMessage(err), metric: manifest.metric.name, higherIsBetter: manifest.metric.higherIsBetter, broken: true };
  }
}

/** Writes the result of `query` as a CSV submission in a temp folder, grades it, and removes the folder. */
export async function gradeQuery(db: DuckDbSession, taskDir: string, manifest: TaskManifest, query: string): Promise<Grade> {
  const dir = await mkdtemp(join(tmpdir(), 'mle-smith-rule-'));
  try {
    const path = join(dir, 'submission.csv');
    await db.run(`COPY (${query}) TO ${lit(path)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`);
    return await grade(taskDir, path, manifest);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Class labels in the grader's order: task.json's classes, else every label seen in the given tables. */
export async function classesOf(db: DuckDbSession, manifest: TaskManifest, tables: string[]): Promise<string[]> {
  if (manifest.submission.classes?.length) return manifest.submission.classes;
  const t = q(manifest.target);
  const union = tables.map((name) => `SELECT CAST(${t} AS VARCHAR) AS c FROM ${name} WHERE ${t} IS NOT NULL`).join(' UNION ');
  const rows = await db.all<{ c: string }>(`SELECT DISTINCT c FROM (${union})`);
  return sortLabels(rows.map((r) => r.c));
}

/** Which class each probability column stands for (by name when all are class names, else by position). */
function columnClasses(manifest: TaskManifest, classes: string[]): string[] {
  const cols = manifest.submission.predictionColumns;
  const byName = cols.every((c) => classes.includes(c.name));
  return cols.map((c, i) => (byName ? c.name : classes[i]));
}

function positive(manifest: TaskManifest, classes: string[]): string {
  const p = manifest.metric.params?.pos_label;
  return p !== undefined && p !== null ? String(p) : classes[classes.length - 1];
}

/** SQL for a submission holding the true answers (the answers table must be loaded as text). */
export async function perfectQuery(db: DuckDbSession, manifest: TaskManifest, metric: Metric): Promise<string | undefined> {
  const id = q(manifest.submission.idColumn);
  const t = `answers.${q(manifest.target)}`;
  const cols = manifest.submission.predictionColumns;
  let preds: string[];
  if (metric.kind === 'score' || metric.kind === 'quantiles') {
    // every quantile of a point mass at the truth is the truth (pinball 0)
    preds = (metric.kind === 'score' ? [0] : cols).map(() => `TRY_CAST(${t} AS DOUBLE)`);
  } else if (metric.kind === 'interval') {
    // coverage's best value (exactly the nominal share of rows covered) has no one submission built from the answers
    return undefined;
  } else if (metric.kind === 'label' || metric.kind === 'label-list') {
    preds = [t];
  } else if (metric.kind === 'ranking') {
    // "a:3 b:1" → items by relevance, most relevant first; plain lists are already perfect.
    preds = [
      `(SELECT string_agg(split_part(x, ':', 1), ' ' ORDER BY TRY_CAST(split_part(x, ':', 2) AS DOUBLE) DESC NULLS LAST) FROM unnest(string_split(trim(${t}), ' ')) AS u(x) WHERE x <> '')`,
    ];
  } else {
    const classes = await classesOf(db, manifest, ['answers']);
    const labels = cols.length === 1 ? [positive(manifest, classes)] : columnClasses(manifest, classes);
    preds = labels.map((label) => `CASE WHEN CAST(${t} AS VARCHAR) = ${lit(label)} THEN 1.0 ELSE 0.0 END`);
  }
  if (preds.length !== cols.length) return undefined;
  return `SELECT answers.${id} AS ${id}, ${preds.map((p, i) => `${p} AS ${q(cols[i].name)}`).join(', ')} FROM answers`;
}

/** SQL for a constant submission from train.csv: mean, majority label, or class priors. */
export async function constantQuery(db: DuckDbSession, manifest: TaskManifest, metric: Metric): Promise<string | undefined> {
  const id = q(manifest.submission.idColumn);
  const t = q(manifest.target);
  const cols = manifest.submission.predictionColumns;
  let preds: string[];
  if (metric.kind === 'score' || metric.kind === 'quantiles') {
    const [{ mean }] = await db.all<{ mean: number | null }>(`SELECT avg(TRY_CAST(${t} AS DOUBLE)) AS mean FROM train`);
    if (mean === null) return undefined;
    preds = (metric.kind === 'score' ? [0] : cols).map(() => `${mean}::DOUBLE`);
  } else if (metric.kind === 'interval') {
    const [{ lo, hi }] = await db.all<{ lo: number | null; hi: number | null }>(`SELECT min(TRY_CAST(${t} AS DOUBLE)) AS lo, max(TRY_CAST(${t} AS DOUBLE)) AS hi FROM train`);
    if (lo === null || hi === null) return undefined;
    preds = [`${lo}::DOUBLE`, `${hi}::DOUBLE`]; // the train range, whatever the level
  } else if (metric.kind === 'label' || metric.kind === 'label-list') {
    const [mode] = await db.all<{ v: string }>(`SELECT CAST(${t} AS VARCHAR) AS v FROM train WHERE ${t} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    if (!mode) return undefined;
    preds = [lit(mode.v)];
  } else if (metric.kind === 'probability') {
    const classes = await classesOf(db, manifest, ['train', 'answers']);
    const labels = cols.length === 1 ? [positive(manifest, classes)] : columnClasses(manifest, classes);
    const rows = await db.all<{ c: string; p: number }>(
      `SELECT CAST(${t} AS VARCHAR) AS c, count(*) / sum(count(*)) OVER () AS p FROM train WHERE ${t} IS NOT NULL GROUP BY 1`,
    );
    const prior = new Map(rows.map((r) => [r.c, Number(r.p)]));
    const raw = labels.map((l) => prior.get(l) ?? 0);
    const sum = raw.reduce((a, b) => a + b, 0);
    preds = raw.map((p) => `${cols.length > 1 && sum > 0 ? p / sum : p}::DOUBLE`);
  } else {
    return undefined; // ranking: a constant list has no meaning across queries
  }
  if (preds.length !== cols.length) return undefined;
  return `SELECT ${id} AS ${id}, ${preds.map((p, i) => `${p} AS ${q(cols[i].name)}`).join(', ')} FROM answers`;
}
