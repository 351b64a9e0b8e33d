// What a designer needs to know about the metrics it may choose: which suit an objective, what
// the submission holds, and how description.md explains them. Name, direction, objectives and
// prediction kind come from @mle-smith/metrics (the scorer); a designer adds only the words.
import type { Objective } from '@mle-smith/core';
import { getMetric } from '@mle-smith/metrics';

export type PredictionKind = 'label' | 'probability' | 'value';

export interface MetricInfo {
  name: string;
  higherIsBetter: boolean;
  objectives: Objective[];
  /** What the submission holds: a class label, class probabilities, or a number. */
  prediction: PredictionKind;
  /** One or two sentences a Kaggle user would read under "Evaluation". */
  definition: string;
  /** Plain-text formula (rendered in a code block). */
  formula: string;
}

export interface MetricText {
  definition: string;
  formula: string;
  /** Objectives this designer uses the metric for, when fewer than the metric supports. */
  objectives?: Objective[];
}

export interface MetricCatalog {
  /** Metric name → info, in the order the texts were given. */
  readonly metrics: Readonly<Record<string, MetricInfo>>;
  info(name: string): MetricInfo | undefined;
  suits(name: string, objective: Objective): boolean;
}

const PREDICTION: Record<string, PredictionKind> = { label: 'label', probability: 'probability', score: 'value' };

/** A catalogue of the metrics `texts` names; each must be a @mle-smith/metrics metric scoring labels, probabilities or values. */
export function metricCatalog(texts: Record<string, MetricText>): MetricCatalog {
  const metrics: Record<string, MetricInfo> = {};
  for (const [name, text] of Object.entries(texts)) {
    const metric = getMetric(name);
    const prediction = PREDICTION[metric.kind];
    if (!prediction) throw new Error(`metric ${name} scores ${metric.kind} predictions, which a designer catalogue does not describe`);
    const unknown = text.objectives?.filter((o) => !metric.objectives.includes(o)) ?? [];
    if (unknown.length) throw new Error(`metric ${name} does not support ${unknown.join(', ')}`);
    metrics[name] = {
      name, higherIsBetter: metric.higherIsBetter, objectives: [...(text.objectives ?? metric.objectives)], prediction,
      definition: text.definition, formula: text.formula,
    };
  }
  const info = (name: string): MetricInfo | undefined => (Object.hasOwn(metrics, name) ? metrics[name] : undefined);
  return { metrics, info, suits: (name, objective) => info(name)?.objectives.includes(objective) ?? false };
}
