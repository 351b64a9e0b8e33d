// @mle-smith/plugin-rules-structural: assertions a task spec and a task package must pass
// before anything runs on them (DESIGN.md §5, "Assertions").
import { definePlugin, type VerifierRule } from '@mle-smith/core';
import { featureColumns } from './rules/feature-columns.js';
import { fileHeaders } from './rules/file-headers.js';
import { filesPresent } from './rules/files-present.js';
import { answersPerfectScore, constantSubmission, sampleSubmissionGrades } from './rules/grading.js';
import { idsConsistent } from './rules/ids-consistent.js';
import { manifestSchema } from './rules/manifest-schema.js';
import { metricObjective, packageMetricObjective } from './rules/metric-objective.js';
import { specSchema } from './rules/spec-schema.js';
import { splitColumn } from './rules/split-column.js';
import { splitSizes } from './rules/split-sizes.js';
import { targetColumns } from './rules/target-columns.js';
import { targetNotPublic } from './rules/target-not-public.js';
import { testFraction } from './rules/test-fraction.js';
import { trainTestDisjoint } from './rules/train-test-disjoint.js';
import { timeOrder } from './rules/time-order.js';
import { forecastCoverage } from './rules/forecast-coverage.js';
import { answersNotPublic } from './rules/answers-not-public.js';

export {
  specSchema, metricObjective, targetColumns, featureColumns, splitColumn, testFraction,
  filesPresent, manifestSchema, fileHeaders, packageMetricObjective, idsConsistent, trainTestDisjoint, targetNotPublic, answersNotPublic,
  sampleSubmissionGrades, answersPerfectScore, constantSubmission, splitSizes, timeOrder, forecastCoverage,
};
export { bestValue } from './metric-fit.js';
export type { TestFractionOptions } from './rules/test-fraction.js';
export type { FilesPresentOptions } from './rules/files-present.js';
export type { DisjointOptions } from './rules/train-test-disjoint.js';
export type { TargetNotPublicOptions } from './rules/target-not-public.js';
export type { SplitSizesOptions } from './rules/split-sizes.js';
export type { AnswersNotPublicOptions } from './rules/answers-not-public.js';
export type { ScoreOptions } from './rules/grading.js';

export const specRules: readonly VerifierRule[] = [specSchema, metricObjective, targetColumns, featureColumns, splitColumn, testFraction];

export const packageRules: readonly VerifierRule[] = [
  filesPresent, manifestSchema, fileHeaders, packageMetricObjective, idsConsistent, trainTestDisjoint, timeOrder, forecastCoverage, targetNotPublic, answersNotPublic,
  splitSizes, sampleSubmissionGrades, answersPerfectScore, constantSubmission,
];

/** Every rule of this pack, spec-phase rules first. */
export const structuralRules: readonly VerifierRule[] = [...specRules, ...packageRules];

export default definePlugin(() => ({
  name: 'rules-structural',
  apiVersion: 1,
  setup(api) {
    for (const rule of structuralRules) api.addVerifierRule(rule);
  },
}));
