// task_public.json: the part of the manifest a baseline script needs, with no answers in it.
import type { SubmissionColumn, TaskPublicView } from '@mle-smith/core';

export interface TaskPublicSpec {
  taskId: string;
  objective: string;
  target: string;
  idColumn: string;
  predictionColumns: SubmissionColumn[];
  classes: string[] | null;
  metric: { name: string; higherIsBetter: boolean; params: Record<string, unknown> };
  seed: number;
  /** Thread budget for BLAS/OpenMP and sklearn's n_jobs: the executor's cpu limit. */
  nJobs: number;
}

/** Objectives the Python baselines solve unless a ladder names its own (`objectives`); others return a failed run without executing. */
export const SUPPORTED_OBJECTIVES: ReadonlySet<string> = new Set(['binary', 'multiclass', 'regression']);

export function taskPublicSpec(view: TaskPublicView, seed: number, cpus: number): TaskPublicSpec {
  const m = view.manifest;
  return {
    taskId: m.id,
    objective: m.objective,
    target: m.target,
    idColumn: m.submission.idColumn,
    predictionColumns: m.submission.predictionColumns,
    classes: m.submission.classes ?? null,
    // Metric params carry options such as the positive class, never answers.
    metric: { name: m.metric.name, higherIsBetter: m.metric.higherIsBetter, params: m.metric.params ?? {} },
    seed,
    nJobs: Math.max(1, Math.floor(cpus)),
  };
}
