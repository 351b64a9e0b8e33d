import { join } from 'node:path';
import { bestValue, lookupMetric } from '../metric-fit.js';
import { constantQuery, grade, gradeQuery, perfectQuery } from '../submissions.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { formatNumber as fmt, PACKAGE_PATHS, withPackage } from '@mle-smith/task-package';

export const sampleSubmissionGrades = defineRule({
  id: 'structural/sample-submission-grades',
  phase: 'package',
  severity: 'error',
  description: 'public/sample_submission.csv is a valid submission: the grader accepts it and returns a finite score.',
  async check({ taskDir, manifest }) {
    if (!lookupMetric(manifest.metric.name)) return []; // package-metric-objective reports it
    const file = PACKAGE_PATHS.sample;
    const g = await grade(taskDir, join(taskDir, file), manifest);
    if (!g.valid) {
      const message = 'broken' in g
        ? `the grader cannot score sample_submission.csv against the answers: ${g.error}`
        : `the grader rejects sample_submission.csv: ${g.error}; regenerate it in the submission format of task.json`;
      return [{ message, location: file, data: { error: g.error } }];
    }
    if (!Number.isFinite(g.score)) return [{ message: `sample_submission.csv grades to ${g.score}, not a finite score`, location: file, data: { score: g.score } }];
    return [];
  },
});

export interface ScoreOptions extends Record<string, unknown> {
  tolerance: number;
}

const toleranceSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { tolerance: { type: 'number', minimum: 0, description: 'allowed distance from the best value, relative to max(1, |best|)' } },
};

function near(score: number, best: number, tolerance: number): boolean {
  return Math.abs(score - best) <= tolerance * Math.max(1, Math.abs(best));
}

export const answersPerfectScore = defineRule<'package', ScoreOptions>({
  id: 'structural/answers-perfect-score',
  phase: 'package',
  severity: 'error',
  description: 'private/answers.csv, written as a submission, is accepted by the grader and reaches the metric\'s best value (so the metric, answers and format agree).',
  schema: toleranceSchema,
  defaultOptions: { tolerance: 1e-6 },
  async check({ taskDir, manifest }, { opts }) {
    const metric = lookupMetric(manifest.metric.name);
    if (!metric) return [];
    return withPackage(taskDir, ['answers'], async (db) => {
      const query = await perfectQuery(db, manifest, metric);
      if (!query) return [];
      const g = await gradeQuery(db, taskDir, manifest, query);
      const best = bestValue(metric);
      const issues: Issue[] = [];
      if (!g.valid) {
        issues.push({ message: `the true answers, written as a submission, are rejected by the grader: ${g.error}; make answers.csv and task.json's submission format agree`, location: PACKAGE_PATHS.answers, data: { error: g.error } });
      } else if (g.score === undefined || !near(g.score, best, opts.tolerance)) {
        issues.push({
          message: `the true answers score ${fmt(g.score ?? NaN, 6)} on ${metric.name}, not its best value ${best}; the metric, its params or the answers are wrong`,
          location: PACKAGE_PATHS.answers,
          data: { score: g.score, best, metric: metric.name },
        });
      }
      return issues;
    });
  },
});

export const constantSubmission = defineRule<'package', ScoreOptions>({
  id: 'structural/constant-submission',
  phase: 'package',
  severity: 'error',
  description: 'A constant submission built from train.csv (mean, majority class or class priors) is valid and scores worse than the metric\'s best value.',
  schema: toleranceSchema,
  defaultOptions: { tolerance: 1e-9 },
  async check({ taskDir, manifest }, { opts }) {
    const metric = lookupMetric(manifest.metric.name);
    if (!metric) return [];
    return withPackage(taskDir, ['train', 'answers'], async (db) => {
      const query = await constantQuery(db, manifest, metric);
      if (!query) return [];
      const g = await gradeQuery(db, taskDir, manifest, query);
      // A constant the metric cannot score (e.g. a correlation) is not "too good"; other rules
      // report a grader that fails on valid predictions.
      if (!g.valid || g.score === undefined || !Number.isFinite(g.score)) return [];
      const best = bestValue(metric);
      if (!near(g.score, best, opts.tolerance)) return [];
      return [{
        message: `a constant prediction already scores ${fmt(g.score, 6)} on ${metric.name} (the best possible is ${best}): the task is trivial — check the target has more than one value in test`,
        location: PACKAGE_PATHS.answers,
        data: { score: g.score, best, metric: metric.name },
      }];
    });
  },
});
