export { createMetricRegistry, getMetric, listMetrics, metricsForObjective, builtinMetrics, type MetricRegistry } from './registry.js';
export { accuracy, balancedAccuracy, prf, mcc, cohenKappa, type Measure, type Average } from './classification.js';
export { rocAuc, averagePrecision, logLoss, LOG_LOSS_EPS } from './probability.js';
export { rmse, mae, mape, r2, rmsle, pearson, spearman } from './regression.js';
export { ndcg, mapAtK } from './ranking.js';
export { multilabelF1, jaccardSamples } from './multilabel.js';
export { createGrader, gradeSubmission, alignSubmission, loadManifest, type GraderOptions } from './grader.js';
export { PROBABILITY_SUM_TOLERANCE, type AlignedSubmission } from './submission.js';
export { pairedBootstrap, quantile, DEFAULT_COMPARE_MAX_ROWS } from './paired-bootstrap.js';
