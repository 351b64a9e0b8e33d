// The metrics a text task may use, with the words description.md shows for them. Scoring lives
// in @mle-smith/metrics; this table only names metrics that package implements.
import type { Objective } from '@mle-smith/core';

export interface MetricInfo {
  name: string;
  higherIsBetter: boolean;
  objectives: Objective[];
  /** What the submission holds: a class label, the positive class's probability, or a number. */
  prediction: 'label' | 'probability' | 'value';
  definition: string;
  formula: string;
}

export const METRICS: Record<string, MetricInfo> = {
  accuracy: {
    name: 'accuracy', higherIsBetter: true, objectives: ['binary', 'multiclass'], prediction: 'label',
    definition: 'The fraction of test documents whose predicted class equals the true class.',
    formula: 'accuracy = (1/N) * sum_i [y_pred_i == y_true_i]',
  },
  f1: {
    name: 'f1', higherIsBetter: true, objectives: ['binary'], prediction: 'label',
    definition: 'The harmonic mean of precision and recall of the positive class.',
    formula: 'F1 = 2 * precision * recall / (precision + recall)',
  },
  f1_macro: {
    name: 'f1_macro', higherIsBetter: true, objectives: ['binary', 'multiclass'], prediction: 'label',
    definition: 'The F1 score computed for each class and averaged with equal weight, so rare classes count as much as common ones.',
    formula: 'F1_macro = (1/K) * sum_k 2 * P_k * R_k / (P_k + R_k)',
  },
  roc_auc: {
    name: 'roc_auc', higherIsBetter: true, objectives: ['binary'], prediction: 'probability',
    definition: 'The area under the ROC curve: the probability that a randomly chosen positive document gets a higher score than a randomly chosen negative one.',
    formula: 'AUC = P(score(x+) > score(x-)) + 0.5 * P(score(x+) = score(x-))',
  },
  rmse: {
    name: 'rmse', higherIsBetter: false, objectives: ['regression'], prediction: 'value',
    definition: 'The root of the mean squared difference between predicted and true values.',
    formula: 'RMSE = sqrt((1/N) * sum_i (y_pred_i - y_true_i)^2)',
  },
  mae: {
    name: 'mae', higherIsBetter: false, objectives: ['regression'], prediction: 'value',
    definition: 'The mean absolute difference between predicted and true values.',
    formula: 'MAE = (1/N) * sum_i |y_pred_i - y_true_i|',
  },
};

export function metricInfo(name: string): MetricInfo | undefined {
  return Object.hasOwn(METRICS, name) ? METRICS[name] : undefined;
}

export function metricSuits(name: string, objective: Objective): boolean {
  return metricInfo(name)?.objectives.includes(objective) ?? false;
}
