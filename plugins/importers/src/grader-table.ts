// Which human-designed graders our metric registry reproduces. A grader name found here is graded
// by the registry metric with these params; any other name keeps the task's own Python grader
// (docs/formats.md#import lists this table). Names are matched lower-cased.
import { getMetric } from '@mle-smith/metrics';

export interface MappedMetric {
  name: string;
  params: Record<string, unknown>;
}

/** MLE-bench's grader names (config.yaml `grader.name`) that mean one of our metrics. */
export const GRADER_TABLE: Readonly<Record<string, MappedMetric>> = {
  accuracy: { name: 'accuracy', params: {} },
  'auc-roc': { name: 'roc_auc', params: {} },
  'roc-auc': { name: 'roc_auc', params: {} },
  'log-loss': { name: 'log_loss', params: {} },
  'multi-class-log-loss': { name: 'log_loss', params: {} },
  rmse: { name: 'rmse', params: {} },
  'root-mean-squared-error': { name: 'rmse', params: {} },
  rmsle: { name: 'rmsle', params: {} },
  mae: { name: 'mae', params: {} },
  'mean-absolute-error': { name: 'mae', params: {} },
  'f1-score': { name: 'f1', params: {} },
  'macro-f1': { name: 'f1_macro', params: {} },
  'micro-f1': { name: 'f1_micro', params: {} },
  'quadratic-weighted-kappa': { name: 'cohen_kappa_quadratic', params: {} },
  'r2-score': { name: 'r2', params: {} },
};

/**
 * The registry metric a grader name stands for: a name in GRADER_TABLE, or a registry metric's own
 * name (what our exporters write, e.g. "f1_macro", "map@5"). Undefined: keep the Python grader.
 */
export function metricForGrader(graderName: string): MappedMetric | undefined {
  const key = graderName.trim().toLowerCase();
  const mapped = GRADER_TABLE[key];
  if (mapped) return mapped;
  try {
    getMetric(key);
    return { name: key, params: {} };
  } catch {
    return undefined;
  }
}
