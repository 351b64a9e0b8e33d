export { mulberry32, quantileSorted } from './prng.js';
export { pearson, rSquared, spearman, kendallTauB, averageRanks } from './correlation.js';
export {
  linCcc, icc21, cronbachAlpha, blandAltman, topKOverlap, agreement, flattenAgreement,
  type BlandAltman, type TopKOverlap, type AgreementStats, type AgreementOptions,
} from './agreement.js';
export { groupScores, taskBattles, meanNormalizedScores, type ScoreRow, type ScoreTable, type TaskRuns, type Run, type TaskBattles, type NormalizedScore } from './scores.js';
export {
  fitBradleyTerry, bradleyTerryGradient, bradleyTerryLogLikelihood, type BradleyTerryFit, type BradleyTerryOptions,
} from './bradley-terry.js';
export { elo, pairwiseWins, ELO_SCALE, type EloOptions, type EloRating, type EloResult, type SolverUsage } from './elo.js';
export { compareScoreSets, type CompareOptions, type ScoreSetComparison, type MeasureAgreement, type PairedValue } from './compare.js';
export {
  evalSection, eloSection, comparisonSections, readReportSections,
  type ReportSections, type EvalSection, type EloSection, type EloSectionRow, type AgreementSection, type AgreementMeasure,
} from './report-sections.js';
