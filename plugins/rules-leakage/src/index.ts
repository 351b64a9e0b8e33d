// @mle-smith/plugin-rules-leakage: verifier rules that catch ways a task leaks its answers.
import { definePlugin, type VerifierRule } from '@mle-smith/core';
import { classConfined } from './rules/class-confined.js';
import { recordedByClass } from './rules/recorded-by-class.js';
import { duplicateRows } from './rules/duplicate-rows.js';
import { functionalDependency } from './rules/functional-dependency.js';
import { groupOverlap, groupSplit } from './rules/group-overlap.js';
import { linearCombination } from './rules/linear-combination.js';
import { monotoneTransform } from './rules/monotone-transform.js';
import { rowOrder } from './rules/row-order.js';
import { singleFeature } from './rules/single-feature.js';
import { targetBinning } from './rules/target-binning.js';
import { specTargetSources, targetSources } from './rules/target-sources.js';
import { subCount } from './rules/sub-count.js';
import { futureValues } from './rules/future-values.js';
import { timeToEvent } from './rules/time-to-event.js';
import { documentedDerivation } from './rules/documented-derivation.js';
import { pairComparison } from './rules/pair-comparison.js';

export {
  singleFeature, targetSources, specTargetSources, duplicateRows, rowOrder, groupOverlap, groupSplit,
  targetBinning, functionalDependency, monotoneTransform, linearCombination, subCount, futureValues, classConfined, recordedByClass, timeToEvent, documentedDerivation, pairComparison,
};
export type { PairComparisonOptions } from './rules/pair-comparison.js';
export type { SingleFeatureOptions } from './rules/single-feature.js';
export type { ClassConfinedOptions } from './rules/class-confined.js';
export type { RecordedByClassOptions } from './rules/recorded-by-class.js';
export type { TargetBinningOptions } from './rules/target-binning.js';
export type { FunctionalDependencyOptions } from './rules/functional-dependency.js';
export type { MonotoneTransformOptions } from './rules/monotone-transform.js';
export type { LinearCombinationOptions } from './rules/linear-combination.js';
export type { SubCountOptions } from './rules/sub-count.js';
export type { FutureValuesOptions } from './rules/future-values.js';
export type { DuplicateRowsOptions } from './rules/duplicate-rows.js';
export type { RowOrderOptions } from './rules/row-order.js';
export type { GroupOverlapOptions } from './rules/group-overlap.js';

/** Every rule of this pack, spec-phase rules first. */
export const leakageRules: readonly VerifierRule[] = [
  specTargetSources,
  timeToEvent,
  documentedDerivation,
  groupSplit,
  singleFeature,
  classConfined,
  recordedByClass,
  pairComparison,
  targetBinning,
  functionalDependency,
  monotoneTransform,
  linearCombination,
  subCount,
  targetSources,
  duplicateRows,
  rowOrder,
  groupOverlap,
  futureValues,
];

export default definePlugin(() => ({
  name: 'rules-leakage',
  apiVersion: 1,
  setup(api) {
    for (const rule of leakageRules) api.addVerifierRule(rule);
  },
}));
