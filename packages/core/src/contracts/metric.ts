// Metrics and the grader. Implementations live in @mle-smith/metrics; the core only names the contract.
import type { Objective, TaskManifest } from './task.js';

export type MetricKind = 'label' | 'probability' | 'score' | 'ranking' | 'label-list';

export interface Metric {
  name: string;
  higherIsBetter: boolean;
  range: [number, number];
  kind: MetricKind;
  objectives: Objective[];
  score(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Record<string, unknown>): number;
}

export interface GradeResult {
  valid: boolean;
  score?: number;
  metric: string;
  higherIsBetter: boolean;
  error?: string;
}

/** Grades a submission file against a task package's private answers, on the host. */
export interface Grader {
  grade(taskDir: string, submissionPath: string, manifest?: TaskManifest): Promise<GradeResult>;
  /** The metric behind a name, for direction and range (used by the execution verdict). */
  metric?(name: string): Metric | undefined;
}
