// The metrics a text task may use, with the words description.md shows for them. Name,
// direction and prediction kind are @mle-smith/metrics' (through @mle-smith/designer-kit);
// `objectives` narrows a metric to what the text ladder writes (one prediction column).
import { metricCatalog } from '@mle-smith/designer-kit';

export type { MetricInfo } from '@mle-smith/designer-kit';

const catalog = metricCatalog({
  accuracy: {
    definition: 'The fraction of test documents whose predicted class equals the true class.',
    formula: 'accuracy = (1/N) * sum_i [y_pred_i == y_true_i]',
  },
  f1: {
    definition: 'The harmonic mean of precision and recall of the positive class.',
    formula: 'F1 = 2 * precision * recall / (precision + recall)',
  },
  f1_macro: {
    definition: 'The F1 score computed for each class and averaged with equal weight, so rare classes count as much as common ones.',
    formula: 'F1_macro = (1/K) * sum_k 2 * P_k * R_k / (P_k + R_k)',
  },
  roc_auc: {
    objectives: ['binary'],
    definition: 'The area under the ROC curve: the probability that a randomly chosen positive document gets a higher score than a randomly chosen negative one.',
    formula: 'AUC = P(score(x+) > score(x-)) + 0.5 * P(score(x+) = score(x-))',
  },
  rmse: {
    objectives: ['regression'],
    definition: 'The root of the mean squared difference between predicted and true values.',
    formula: 'RMSE = sqrt((1/N) * sum_i (y_pred_i - y_true_i)^2)',
  },
  mae: {
    objectives: ['regression'],
    definition: 'The mean absolute difference between predicted and true values.',
    formula: 'MAE = (1/N) * sum_i |y_pred_i - y_true_i|',
  },
});

export const METRICS = catalog.metrics;
export const metricInfo = catalog.info;
export const metricSuits = catalog.suits;
