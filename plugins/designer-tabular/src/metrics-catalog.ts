// What the designer needs to know about metrics: which suit an objective, which submission
// columns they read, and how to explain them in description.md. Name, direction, objectives and
// prediction kind are @mle-smith/metrics' (through @mle-smith/designer-kit); this table adds the words.
import type { Objective } from '@mle-smith/core';
import { metricCatalog } from '@mle-smith/designer-kit';

export type { MetricInfo, PredictionKind } from '@mle-smith/designer-kit';

const catalog = metricCatalog({
  accuracy: {
    definition: 'The fraction of test rows whose predicted class equals the true class.',
    formula: 'accuracy = (1/N) * sum_i [y_pred_i == y_true_i]',
  },
  balanced_accuracy: {
    definition: 'The mean, over classes, of the recall of each class, so every class counts equally however rare it is.',
    formula: 'balanced_accuracy = (1/K) * sum_k TP_k / (TP_k + FN_k)',
  },
  f1: {
    definition: 'The harmonic mean of precision and recall of the positive class.',
    formula: 'F1 = 2 * precision * recall / (precision + recall),  precision = TP/(TP+FP),  recall = TP/(TP+FN)',
  },
  f1_macro: {
    definition: 'The F1 score (harmonic mean of precision and recall) computed for each class and averaged with equal weight.',
    formula: 'F1_macro = (1/K) * sum_k 2 * P_k * R_k / (P_k + R_k)',
  },
  roc_auc: {
    definition:
      'The area under the ROC curve: the probability that a randomly chosen positive row gets a higher predicted probability than a randomly chosen negative one. For more than two classes it is averaged one-vs-rest over classes.',
    formula: 'AUC = P(score(x+) > score(x-)) + 0.5 * P(score(x+) = score(x-))',
  },
  log_loss: {
    definition:
      'The mean negative log-likelihood of the true class under the predicted probabilities (probabilities are clipped away from 0 and 1, and each row is normalised to sum to 1).',
    formula: 'log_loss = -(1/N) * sum_i sum_k y_ik * log(p_ik)',
  },
  rmse: {
    definition: 'The root of the mean squared difference between predicted and true values.',
    formula: 'RMSE = sqrt((1/N) * sum_i (y_pred_i - y_true_i)^2)',
  },
  mae: {
    definition: 'The mean absolute difference between predicted and true values.',
    formula: 'MAE = (1/N) * sum_i |y_pred_i - y_true_i|',
  },
  r2: {
    definition: 'The coefficient of determination: the share of the variance of the target that the predictions explain (1 is perfect, 0 is as good as predicting the mean).',
    formula: 'R^2 = 1 - sum_i (y_true_i - y_pred_i)^2 / sum_i (y_true_i - mean(y_true))^2',
  },
  rmsle: {
    definition: 'The RMSE of log(1 + value): relative errors count, not absolute ones. Predictions must be non-negative.',
    formula: 'RMSLE = sqrt((1/N) * sum_i (log(1 + y_pred_i) - log(1 + y_true_i))^2)',
  },
});

export const METRICS = catalog.metrics;
export const metricInfo = catalog.info;
export const metricSuits = catalog.suits;

/** Deterministic fallbacks per objective, in order of preference. */
export const FALLBACK_METRICS: Partial<Record<Objective, string[]>> = {
  binary: ['roc_auc', 'accuracy', 'f1', 'log_loss', 'balanced_accuracy'],
  multiclass: ['accuracy', 'f1_macro', 'log_loss', 'balanced_accuracy', 'roc_auc'],
  regression: ['rmse', 'mae', 'r2', 'rmsle'],
  forecasting: ['rmse', 'mae', 'rmsle', 'r2'],
};
