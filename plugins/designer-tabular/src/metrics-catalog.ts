// What the designer needs to know about metrics: which suit an objective, which submission
// columns they read, and how to explain them in description.md. Scoring lives in
// @mle-smith/metrics; this table only names metrics that package implements.
import type { Objective } from '@mle-smith/core';

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

const CLASSIFICATION: Objective[] = ['binary', 'multiclass'];
const REGRESSION: Objective[] = ['regression', 'forecasting'];

export const METRICS: Record<string, MetricInfo> = {
  accuracy: {
    name: 'accuracy', higherIsBetter: true, objectives: CLASSIFICATION, prediction: 'label',
    definition: 'The fraction of test rows whose predicted class equals the true class.',
    formula: 'accuracy = (1/N) * sum_i [y_pred_i == y_true_i]',
  },
  balanced_accuracy: {
    name: 'balanced_accuracy', higherIsBetter: true, objectives: CLASSIFICATION, prediction: 'label',
    definition: 'The mean, over classes, of the recall of each class, so every class counts equally however rare it is.',
    formula: 'balanced_accuracy = (1/K) * sum_k TP_k / (TP_k + FN_k)',
  },
  f1: {
    name: 'f1', higherIsBetter: true, objectives: ['binary'], prediction: 'label',
    definition: 'The harmonic mean of precision and recall of the positive class.',
    formula: 'F1 = 2 * precision * recall / (precision + recall),  precision = TP/(TP+FP),  recall = TP/(TP+FN)',
  },
  f1_macro: {
    name: 'f1_macro', higherIsBetter: true, objectives: CLASSIFICATION, prediction: 'label',
    definition: 'The F1 score (harmonic mean of precision and recall) computed for each class and averaged with equal weight.',
    formula: 'F1_macro = (1/K) * sum_k 2 * P_k * R_k / (P_k + R_k)',
  },
  roc_auc: {
    name: 'roc_auc', higherIsBetter: true, objectives: CLASSIFICATION, prediction: 'probability',
    definition:
      'The area under the ROC curve: the probability that a randomly chosen positive row gets a higher predicted probability than a randomly chosen negative one. For more than two classes it is averaged one-vs-rest over classes.',
    formula: 'AUC = P(score(x+) > score(x-)) + 0.5 * P(score(x+) = score(x-))',
  },
  log_loss: {
    name: 'log_loss', higherIsBetter: false, objectives: CLASSIFICATION, prediction: 'probability',
    definition:
      'The mean negative log-likelihood of the true class under the predicted probabilities (probabilities are clipped away from 0 and 1, and each row is normalised to sum to 1).',
    formula: 'log_loss = -(1/N) * sum_i sum_k y_ik * log(p_ik)',
  },
  rmse: {
    name: 'rmse', higherIsBetter: false, objectives: REGRESSION, prediction: 'value',
    definition: 'The root of the mean squared difference between predicted and true values.',
    formula: 'RMSE = sqrt((1/N) * sum_i (y_pred_i - y_true_i)^2)',
  },
  mae: {
    name: 'mae', higherIsBetter: false, objectives: REGRESSION, prediction: 'value',
    definition: 'The mean absolute difference between predicted and true values.',
    formula: 'MAE = (1/N) * sum_i |y_pred_i - y_true_i|',
  },
  r2: {
    name: 'r2', higherIsBetter: true, objectives: REGRESSION, prediction: 'value',
    definition: 'The coefficient of determination: the share of the variance of the target that the predictions explain (1 is perfect, 0 is as good as predicting the mean).',
    formula: 'R^2 = 1 - sum_i (y_true_i - y_pred_i)^2 / sum_i (y_true_i - mean(y_true))^2',
  },
  rmsle: {
    name: 'rmsle', higherIsBetter: false, objectives: REGRESSION, prediction: 'value',
    definition: 'The RMSE of log(1 + value): relative errors count, not absolute ones. Predictions must be non-negative.',
    formula: 'RMSLE = sqrt((1/N) * sum_i (log(1 + y_pred_i) - log(1 + y_true_i))^2)',
  },
};

export function metricInfo(name: string): MetricInfo | undefined {
  return Object.hasOwn(METRICS, name) ? METRICS[name] : undefined;
}

export function metricSuits(name: string, objective: Objective): boolean {
  return metricInfo(name)?.objectives.includes(objective) ?? false;
}

/** Deterministic fallbacks per objective, in order of preference. */
export const FALLBACK_METRICS: Partial<Record<Objective, string[]>> = {
  binary: ['roc_auc', 'accuracy', 'f1', 'log_loss', 'balanced_accuracy'],
  multiclass: ['accuracy', 'f1_macro', 'log_loss', 'balanced_accuracy', 'roc_auc'],
  regression: ['rmse', 'mae', 'r2', 'rmsle'],
  forecasting: ['rmse', 'mae', 'rmsle', 'r2'],
};
