// Builds a task package from a human-designed task's parts: its public files as they are, its
// answers as private/answers.csv, its description, and a task.json whose metric is either a
// registry metric (the grader mapped) or the task's own Python grader kept in private/grader/.
// Everything is written in a staging folder next to --out and renamed into place at the end,
// so a failed import leaves nothing half-written.
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import {
  DatasetError, checksumTree, inspectPackage, readTaskManifest, replaceDirAtomic, validateTaskManifest,
  type Objective, type SubmissionFormat, type TaskManifest,
} from '@mle-smith/core';
import { readCsvColumns } from '@mle-smith/data';
import { TASK_GRADER_METRIC, getMetric, type TaskGraderHarness } from '@mle-smith/metrics';
import type { MappedMetric } from './grader-table.js';

/** Where a task came from: recorded as task.json `source.origin`. */
export interface TaskOrigin {
  format: string;
  competition: string;
  grader: string;
}

export type Grading =
  /** `format`: the submission format as MLE-Smith exported it (mle_smith_task.json), else read from the files. */
  | { kind: 'metric'; metric: MappedMetric; format?: { target: string; submission: SubmissionFormat } }
  | { kind: 'python'; harness: TaskGraderHarness; script: string; higherIsBetter: boolean };

export interface ImportedTask {
  id: string;
  title: string;
  description: string;
  /** The harness's public folder (train.csv, test.csv, sample_submission.csv, media). */
  publicDir: string;
  answersFile: string;
  grading: Grading;
  origin: TaskOrigin;
  license?: string;
}

const REQUIRED_PUBLIC = ['train.csv', 'test.csv', 'sample_submission.csv'];
const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg', '.gif', '.bmp', '.tif', '.tiff', '.webp']);
const AUDIO_EXT = new Set(['.wav', '.mp3', '.flac', '.ogg', '.aif', '.aiff']);

/** A task id our schema accepts, from a competition id: lower case, [a-z0-9._-], ≤ 128 chars. */
export function slugId(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 128);
  if (!slug) throw new DatasetError(`competition id ${JSON.stringify(name)} has no letters or digits to make a task id from`);
  return slug;
}

async function checkPublicDir(publicDir: string): Promise<void> {
  const names = await readdir(publicDir).catch(() => {
    throw new DatasetError('public folder not found', { file: publicDir });
  });
  const missing = REQUIRED_PUBLIC.filter((f) => !names.includes(f));
  if (missing.length) throw new DatasetError(`has no ${missing.join(', ')} (a task package needs train.csv, test.csv and sample_submission.csv)`, { file: publicDir });
  // a link would copy a host file into the package; a FIFO would hang the copy
  const { problems } = await inspectPackage(publicDir);
  if (problems.length) throw new DatasetError(`${problems[0].path}: ${problems[0].message}`, { file: publicDir });
}

/** Image or audio when the public folder holds such media, else tabular. */
function modalityOf(paths: string[]): TaskManifest['modality'] {
  const exts = paths.map((p) => extname(p).toLowerCase());
  if (exts.some((e) => IMAGE_EXT.has(e))) return 'image';
  if (exts.some((e) => AUDIO_EXT.has(e))) return 'audio';
  return 'tabular';
}

interface AnswerShape {
  idColumn: string;
  predictionColumns: string[];
  target: string;
  values: string[];
  rows: number;
}

/** Column layout from the sample submission, target values from the answers. */
async function readShape(publicDir: string, answersFile: string): Promise<AnswerShape> {
  const sample = await readCsvColumns(join(publicDir, 'sample_submission.csv'), { allVarchar: true });
  const answers = await readCsvColumns(answersFile, { allVarchar: true });
  const [idColumn, ...predictionColumns] = sample.names;
  if (!idColumn || !predictionColumns.length) throw new DatasetError('needs an id column and at least one prediction column', { file: join(publicDir, 'sample_submission.csv') });
  if (!answers.names.includes(idColumn)) throw new DatasetError(`has no id column "${idColumn}" (the sample submission's first column)`, { file: answersFile });
  const others = answers.names.filter((n) => n !== idColumn);
  const target = others.length === 1 ? others[0] : predictionColumns[0];
  if (!answers.names.includes(target)) throw new DatasetError(`has no column "${target}"`, { file: answersFile });
  const values = (answers.columns[target] as unknown[]).map((v) => (v === null ? '' : String(v)));
  return { idColumn, predictionColumns, target, values, rows: answers.rowCount };
}

function distinct(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** What a registry metric needs: objective, prediction column types and classes. */
function metricFields(grading: Extract<Grading, { kind: 'metric' }>, shape: AnswerShape): Pick<TaskManifest, 'objective' | 'metric' | 'submission'> {
  const { metric, format } = grading;
  const m = getMetric(metric.name);
  const classes = distinct(shape.values);
  const type = m.kind === 'score' || m.kind === 'quantiles' || m.kind === 'interval' ? 'number' : m.kind === 'probability' ? 'probability' : m.kind === 'label' ? 'string' : 'label-list';
  const objective: Objective =
    m.kind === 'label' ? (classes.length === 2 ? 'binary' : 'multiclass')
      : m.kind === 'probability' ? (shape.predictionColumns.length === 1 ? 'binary' : 'multiclass')
        : m.objectives[0];
  const withClasses = m.kind === 'label' || (m.kind === 'probability' && shape.predictionColumns.length > 1);
  return {
    objective,
    metric: { name: metric.name, higherIsBetter: m.higherIsBetter, params: metric.params },
    submission: format?.submission ?? {
      idColumn: shape.idColumn,
      predictionColumns: shape.predictionColumns.map((name) => ({ name, type })),
      ...(withClasses ? { classes: m.kind === 'label' ? classes : shape.predictionColumns } : {}),
    },
  };
}

/** Objective of a task graded by its own code, from its answers: numbers with many values are a regression. */
function guessObjective(values: string[]): Objective {
  const classes = distinct(values);
  const numeric = values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  if (numeric && classes.length > 20) return 'regression';
  return classes.length === 2 ? 'binary' : 'multiclass';
}

function taskGraderFields(grading: Extract<Grading, { kind: 'python' }>, shape: AnswerShape): Pick<TaskManifest, 'objective' | 'metric' | 'submission'> {
  return {
    objective: guessObjective(shape.values),
    metric: { name: TASK_GRADER_METRIC, higherIsBetter: grading.higherIsBetter, params: { harness: grading.harness, script: `private/grader/${basename(grading.script)}` } },
    submission: { idColumn: shape.idColumn, predictionColumns: shape.predictionColumns.map((name) => ({ name, type: 'string' })) },
  };
}

async function countRows(file: string): Promise<number> {
  return (await readCsvColumns(file, { allVarchar: true })).rowCount;
}

/** Writes the package into `outDir` (replacing it) and returns its validated manifest. */
export async function writeImportedPackage(task: ImportedTask, outDir: string): Promise<TaskManifest> {
  await checkPublicDir(task.publicDir);
  const shape = await readShape(task.publicDir, task.answersFile);
  await mkdir(dirname(outDir), { recursive: true });
  const staging = await mkdtemp(join(dirname(outDir), `.${basename(outDir)}.importing-`));
  try {
    await copyTree(task.publicDir, join(staging, 'public'));
    await mkdir(join(staging, 'private'));
    await copyFile(task.answersFile, join(staging, 'private', 'answers.csv'));
    if (task.grading.kind === 'python') await copyGrader(task.grading.script, join(staging, 'private', 'grader'));
    await writeFile(join(staging, 'description.md'), task.description.endsWith('\n') ? task.description : `${task.description}\n`);
    const files = (await checksumTree(staging)).filter((f) => f.path.startsWith('public/') || f.path.startsWith('private/'));
    const train = await countRows(join(task.publicDir, 'train.csv'));
    const fields = task.grading.kind === 'metric' ? metricFields(task.grading, shape) : taskGraderFields(task.grading, shape);
    const manifest = {
      id: task.id,
      title: task.title,
      modality: modalityOf(files.map((f) => f.path)),
      ...fields,
      target: task.grading.kind === 'metric' && task.grading.format ? task.grading.format.target : shape.target,
      // The competition's authors made the split; only its proportion is known.
      split: { strategy: 'random', testFraction: shape.rows / (train + shape.rows), seed: 0 },
      source: {
        dataset: task.origin.competition,
        files: files.filter((f) => f.path.startsWith('public/')).map((f) => ({ ...f, path: f.path.slice('public/'.length) })),
        ...(task.license ? { license: task.license } : {}),
        origin: task.origin,
      },
      files,
      rows: { train, test: shape.rows },
    };
    const check = validateTaskManifest(manifest);
    if (!check.valid) throw new DatasetError(`the imported task.json is invalid: ${check.errors[0]}`, { file: task.origin.competition });
    await writeFile(join(staging, 'task.json'), JSON.stringify(manifest, null, 2) + '\n');
    await replaceDirAtomic(staging, outDir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return readTaskManifest(outDir);
}

/** The grader and the Python modules next to it (a grader may import its siblings). */
async function copyGrader(script: string, to: string): Promise<void> {
  await readFile(script).catch(() => {
    throw new DatasetError('the grader module is missing', { file: script });
  });
  await mkdir(to);
  // regular files only: a link would copy a host file into the package
  for (const e of await readdir(dirname(script), { withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.py')) await copyFile(join(dirname(script), e.name), join(to, e.name));
  }
}

async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    if (e.isDirectory()) await copyTree(join(from, e.name), join(to, e.name));
    else await copyFile(join(from, e.name), join(to, e.name));
  }
}
