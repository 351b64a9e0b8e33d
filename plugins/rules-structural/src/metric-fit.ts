// Whether a metric suits an objective and a submission format; shared by the spec-phase and
// package-phase metric rules.
import type { Issue, Metric, MetricRef, Objective, SubmissionFormat } from '@mle-smith/core';
import { getMetric } from '@mle-smith/metrics';

export function lookupMetric(name: string): Metric | undefined {
  try {
    return getMetric(name);
  } catch {
    return undefined;
  }
}

const TYPES_FOR_KIND: Record<Metric['kind'], Array<SubmissionFormat['predictionColumns'][number]['type']>> = {
  label: ['string', 'integer', 'number'],
  probability: ['probability', 'number'],
  score: ['number', 'probability', 'integer'],
  ranking: ['number', 'integer', 'probability'],
  'label-list': ['label-list', 'string'],
  quantiles: ['number'],
  interval: ['number'],
};

export function metricFitIssues(
  objective: Objective,
  metric: MetricRef,
  submission: SubmissionFormat | undefined,
  where: { metric: string; submission: string },
): Issue[] {
  const m = lookupMetric(metric.name);
  if (!m) {
    return [{ message: `unknown metric "${metric.name}": use a metric registered in @mle-smith/metrics (or by a plugin)`, location: where.metric, data: { metric: metric.name } }];
  }
  const issues: Issue[] = [];
  if (!m.objectives.includes(objective)) {
    issues.push({
      message: `metric "${m.name}" does not suit a ${objective} task (it is meant for ${m.objectives.join(', ')}); choose a ${objective} metric`,
      location: where.metric,
      data: { metric: m.name, objective, suits: m.objectives },
    });
  }
  if (metric.higherIsBetter !== undefined && metric.higherIsBetter !== m.higherIsBetter) {
    issues.push({
      message: `metric.higherIsBetter is ${metric.higherIsBetter} but "${m.name}" is ${m.higherIsBetter ? 'higher' : 'lower'}-is-better; set it to ${m.higherIsBetter}`,
      location: `${where.metric}/higherIsBetter`,
      data: { metric: m.name },
    });
  }
  for (const [i, col] of (submission?.predictionColumns ?? []).entries()) {
    if (!TYPES_FOR_KIND[m.kind].includes(col.type)) {
      issues.push({
        message: `prediction column "${col.name}" has type ${col.type}, but "${m.name}" scores ${m.kind} predictions; use ${TYPES_FOR_KIND[m.kind].join(' or ')}`,
        location: `${where.submission}/predictionColumns/${i}`,
        data: { metric: m.name, column: col.name },
      });
    }
  }
  return issues;
}

/** The best value a metric can reach, for "answers reach the best score" and the constant sanity check. */
export function bestValue(m: Pick<Metric, 'higherIsBetter' | 'range'>): number {
  return m.higherIsBetter ? m.range[1] : m.range[0];
}
