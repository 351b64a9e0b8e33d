// Metrics and the grader. Implementations live in @mle-smith/metrics; the core only names the contract.
import type { Objective, TaskManifest } from './task.js';

/**
 * How a metric reads a submission: one label / numeric / label-list column, probability columns,
 * `quantiles` (one numeric column per quantile of params.quantiles, in that order) or `interval`
 * (two numeric columns: the lower and the upper bound). Several columns reach `score` flat, row-major.
 */
export type MetricKind = 'label' | 'probability' | 'score' | 'ranking' | 'label-list' | 'quantiles' | 'interval';

export interface Metric {
  name: string;
  higherIsBetter: boolean;
  range: [number, number];
  kind: MetricKind;
  objectives: Objective[];
  /**
   * Keys of `params` that name answers.csv columns besides the id and the target which the metric
   * reads (forecasting: `['seriesColumn', 'scaleColumn']`). The grader passes each named column, in
   * the answers' row order, as `params.answerColumns[<column name>]`; other metrics get none.
   */
  answerColumnParams?: string[];
  score(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, params?: Record<string, unknown>): number;
}

export interface GradeResult {
  valid: boolean;
  score?: number;
  metric: string;
  higherIsBetter: boolean;
  error?: string;
}

/** How `Grader.compare` resamples: a seeded paired bootstrap over the test rows. */
export interface CompareOptions {
  /** Bootstrap resamples, e.g. 1000. */
  resamples: number;
  /** Seed of the resampling draws: the same seed, submissions and answers give the same interval. */
  seed: number;
  /** Two-sided confidence of the percentile interval, e.g. 0.95. */
  confidence: number;
  /** Above this many test rows the resamples are drawn from a seeded subsample of this size and the interval is rescaled to every row (bounded time and memory). */
  maxRows?: number;
}

/** Submission A against submission B on the same test rows; gains are in the metric's good direction. */
export interface ScoreComparison {
  metric: string;
  higherIsBetter: boolean;
  /** Scores on every test row (what `grade` gives). */
  scoreA: number;
  scoreB: number;
  /** Gain of A over B on every test row: scoreA − scoreB, or scoreB − scoreA when lower is better. */
  difference: number;
  /** Percentile interval of the gain over the resamples, at `confidence`. */
  lo: number;
  hi: number;
  confidence: number;
  /** Resamples drawn, and how many gave a defined score for both submissions. */
  resamples: number;
  usedResamples: number;
  /** Test rows, and the rows the resamples were drawn from (fewer when above `maxRows`). */
  rows: number;
  sampledRows: number;
  /** Rows were resampled within each true class (label and probability metrics). */
  stratified: boolean;
  seed: number;
}

/** Grades a submission file against a task package's private answers, on the host. */
export interface Grader {
  grade(taskDir: string, submissionPath: string, manifest?: TaskManifest): Promise<GradeResult>;
  /** The metric behind a name, for direction and range (used by the execution verdict). */
  metric?(name: string): Metric | undefined;
  /**
   * Paired bootstrap of two submissions to the same task: the same resampled test rows score
   * both. Throws SubmissionError when either submission is invalid.
   */
  compare?(taskDir: string, submissionA: string, submissionB: string, manifest: TaskManifest | undefined, options: CompareOptions): Promise<ScoreComparison>;
}
