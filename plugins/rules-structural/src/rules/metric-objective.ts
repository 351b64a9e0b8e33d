import { metricFitIssues } from '../metric-fit.js';
import { defineRule } from '@mle-smith/core';

const description =
  'The metric exists, suits the objective (e.g. no rmse on a multiclass task), its direction is right, and the prediction column types fit what it scores.';

export const metricObjective = defineRule({
  id: 'structural/metric-objective',
  phase: 'spec',
  severity: 'error',
  description,
  check: ({ spec }) =>
    spec.metric && spec.objective ? metricFitIssues(spec.objective, spec.metric, spec.submission, { metric: '/metric/name', submission: '/submission' }) : [],
});

export const packageMetricObjective = defineRule({
  id: 'structural/package-metric-objective',
  phase: 'package',
  severity: 'error',
  description: `task.json: ${description}`,
  check: ({ manifest }) =>
    metricFitIssues(manifest.objective, manifest.metric, manifest.submission, { metric: 'task.json /metric/name', submission: 'task.json /submission' }),
});
