// task_public.json for the text baselines: the part of the manifest a script needs (no answers),
// plus where the documents are.
import type { SubmissionColumn, TaskPublicView } from '@mle-smith/core';

export interface TextTaskPublicSpec {
  taskId: string;
  objective: string;
  target: string;
  idColumn: string;
  predictionColumns: SubmissionColumn[];
  classes: string[] | null;
  metric: { name: string; higherIsBetter: boolean; params: Record<string, unknown> };
  /** The column of train.csv/test.csv holding the text (inline) or the text file's path (files). */
  textColumn: string;
  layout: 'inline' | 'files';
  seed: number;
  nJobs: number;
}

export const SUPPORTED_OBJECTIVES: ReadonlySet<string> = new Set(['binary', 'multiclass', 'regression']);

/**
 * The public view carries no spec, so the text column is read from train.csv's header: the one
 * column besides id and target. A column whose values end in .txt and exist under public/ is a
 * file column.
 */
export function taskPublicSpec(view: TaskPublicView, header: string[], firstValue: string | undefined, fileExists: boolean, seed: number, cpus: number): TextTaskPublicSpec | string {
  const m = view.manifest;
  const candidates = header.filter((c) => c !== m.submission.idColumn && c !== m.target);
  if (candidates.length !== 1) return `expected one text column in train.csv besides ${m.submission.idColumn} and ${m.target}, found ${candidates.length}`;
  const files = firstValue !== undefined && /\.txt$/i.test(firstValue) && fileExists;
  return {
    taskId: m.id,
    objective: m.objective,
    target: m.target,
    idColumn: m.submission.idColumn,
    predictionColumns: m.submission.predictionColumns,
    classes: m.submission.classes ?? null,
    metric: { name: m.metric.name, higherIsBetter: m.metric.higherIsBetter, params: m.metric.params ?? {} },
    textColumn: candidates[0],
    layout: files ? 'files' : 'inline',
    seed,
    nJobs: Math.max(1, Math.floor(cpus)),
  };
}
