// The metrics a media task may use, with the words description.md shows for them; name,
// direction and objectives are @mle-smith/metrics' (through @mle-smith/designer-kit). The media
// ladder writes one prediction column (a class or a value), so no probability metric is listed.
import { metricCatalog } from '@mle-smith/designer-kit';

export const MEDIA_METRICS = metricCatalog({
  accuracy: {
    objectives: ['binary', 'multiclass'],
    definition: 'the fraction of test examples whose predicted class equals the true class',
    formula: 'accuracy = (1/N) * sum_i [y_pred_i == y_true_i]',
  },
  f1_macro: {
    objectives: ['binary', 'multiclass'],
    definition: 'the unweighted mean over classes of the F1 score (harmonic mean of precision and recall)',
    formula: 'F1_macro = (1/K) * sum_k 2 * P_k * R_k / (P_k + R_k)',
  },
  balanced_accuracy: {
    objectives: ['binary', 'multiclass'],
    definition: 'the mean over classes of the recall',
    formula: 'balanced_accuracy = (1/K) * sum_k R_k',
  },
  rmse: {
    objectives: ['regression'],
    definition: 'the root mean squared error between predicted and true values',
    formula: 'RMSE = sqrt((1/N) * sum_i (y_pred_i - y_true_i)^2)',
  },
  mae: {
    objectives: ['regression'],
    definition: 'the mean absolute error between predicted and true values',
    formula: 'MAE = (1/N) * sum_i |y_pred_i - y_true_i|',
  },
});
