// Deterministic Brainstormer: ranks the profiler's candidate targets, adds label derivations of
// numeric targets (above-median, tertiles) for diversity, and picks metric, split and drops by
// rule. Same profile + seed → same proposals.
import {
  DatasetError,
  type ColumnProfile, type DatasetProfile, type DesignContext, type MetricRef, type Objective, type SplitSpec,
  type TableProfile, type TargetSpec, type TaskProposal,
} from '@mle-smith/core';
import { exclusions, isGroupColumn, isNumeric, isTabularTable, isTemporal, type ColumnPolicy, type ExclusionReason } from '../columns.js';
import { derivationPartners, outcomeColumn, timeToEventPartners } from '@mle-smith/data';
import { compareStrings, sortLabels, type DataAccess } from '../data-access.js';
import { metricInfo } from '../metrics-catalog.js';
import { proposalLimit, type ResolvedOptions } from '../options.js';
import { quoteIdent, slug, snake, sqlNumber, sqlString } from '../sql.js';
import type { Brainstormer, StrategyRun } from '@mle-smith/designer-kit';

type Derivation = 'none' | 'above-median' | 'tertiles';

interface Candidate {
  table: TableProfile;
  column: ColumnProfile;
  objective: Objective;
  score: number;
  reason: string;
}

/** Hints a proposal carries for the Designer (and for humans reading proposals.json). */
export interface TabularHints extends Record<string, unknown> {
  derivation: Derivation;
  /** Class labels (sorted) when known at brainstorm time. */
  classes?: string[];
  /** Binary tasks: the class whose probability a submission gives. */
  positiveClass?: string;
  thresholds?: number[];
  /** Excluded raw column → reason. */
  excluded: Record<string, ExclusionReason | 'target-source' | 'time-to-event' | 'derived-column'>;
}

const CLASSIFICATION = new Set<Objective>(['binary', 'multiclass']);

export function isClassification(objective: Objective): boolean {
  return CLASSIFICATION.has(objective);
}

/** Why a candidate target cannot be used (undefined: it can). */
function rejectCandidate(table: TableProfile, column: ColumnProfile | undefined, objective: Objective, options: ResolvedOptions): string | undefined {
  if (!column) return 'is not a column of the table';
  if (column.missingFraction >= 1) return 'is entirely missing';
  if (column.identifierLike) return 'is an identifier';
  const reason = exclusions(table, options).get(column.name);
  if (reason === 'long-text') return 'is free text (left to the text designer)';
  if (reason === 'media') return 'holds media paths';
  if (column.distinctCount < 2) return 'has a single value';
  if (isClassification(objective) && column.distinctCount > options.maxClasses) return `has ${column.distinctCount} classes (more than ${options.maxClasses})`;
  if (!isClassification(objective) && !isNumeric(column)) return `is not numeric, so it cannot be a ${objective} target`;
  if (objective === 'multilabel' || objective === 'ranking') return `${objective} is not supported by the tabular designer`;
  return undefined;
}

function featureCount(table: TableProfile, target: string, policy: ColumnPolicy): number {
  const excluded = exclusions(table, policy);
  return table.columns.filter((c) => c.name !== target && !excluded.has(c.name)).length;
}

export interface CandidateScan {
  usable: Candidate[];
  /** "<file>: column "x" is entirely missing" lines, for the error when nothing is usable. */
  rejected: Array<{ file: string; message: string }>;
}

export function scanCandidates(profile: DatasetProfile, options: ResolvedOptions): CandidateScan {
  const usable: Candidate[] = [];
  const rejected: CandidateScan['rejected'] = [];
  for (const table of profile.tables) {
    if (!isTabularTable(table)) continue;
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    for (const cand of table.candidateTargets) {
      const column = byName.get(cand.column);
      const why = rejectCandidate(table, column, cand.objective, options);
      if (why) {
        rejected.push({ file: table.file, message: `column "${cand.column}" ${why}` });
        continue;
      }
      if (featureCount(table, cand.column, options) === 0) {
        rejected.push({ file: table.file, message: `column "${cand.column}" has no usable feature columns besides it` });
        continue;
      }
      usable.push({ table, column: column!, objective: cand.objective, score: cand.score, reason: cand.reason });
    }
  }
  usable.sort(
    (a, b) => b.score - a.score || compareStrings(a.table.name, b.table.name) || compareStrings(a.column.name, b.column.name) ||
      compareStrings(a.objective, b.objective),
  );
  return { usable, rejected };
}

/** Class labels (in data's label order) and counts when the profile's top values cover every class. */
function classCounts(column: ColumnProfile): Array<{ label: string; count: number }> | undefined {
  const values = column.topValues.filter((v) => v.value !== null && v.value !== undefined);
  if (values.length < column.distinctCount) return undefined;
  const counts = new Map(values.map((v) => [String(v.value), v.count]));
  return sortLabels([...counts.keys()]).map((label) => ({ label, count: counts.get(label)! }));
}

function chooseMetric(objective: Objective, column: ColumnProfile, derivation: Derivation): { metric: MetricRef; why: string; positiveClass?: string } {
  const ref = (name: string): MetricRef => ({ name, higherIsBetter: metricInfo(name)!.higherIsBetter, params: {} });
  if (derivation !== 'none') {
    return { metric: ref('accuracy'), why: 'quantile bins are balanced by construction, so accuracy is informative' };
  }
  if (objective === 'binary') {
    // The positive class is the last label in sorted order (sklearn's convention, which the
    // metrics and the sample submission follow); it is written into params.pos_label.
    const positive = classCounts(column)?.at(-1)?.label;
    const metric = ref('roc_auc');
    if (positive !== undefined) metric.params = { pos_label: positive };
    return { metric, why: 'ROC AUC ranks predicted probabilities and does not depend on a threshold or on class balance', positiveClass: positive };
  }
  if (objective === 'multiclass') {
    const counts = classCounts(column);
    const balance = counts ? Math.min(...counts.map((c) => c.count)) / Math.max(...counts.map((c) => c.count)) : 0;
    if (counts && balance >= 0.5) return { metric: ref('accuracy'), why: `classes are balanced (smallest/largest = ${balance.toFixed(2)})` };
    return { metric: ref('f1_macro'), why: counts ? `classes are imbalanced (smallest/largest = ${balance.toFixed(2)}), so every class counts equally` : 'class balance unknown, so every class counts equally' };
  }
  const min = typeof column.min === 'number' ? column.min : Number.NaN;
  const mean = column.mean ?? Number.NaN;
  const std = column.std ?? Number.NaN;
  if (min >= 0 && mean > 0 && std / mean > 1) return { metric: ref('rmsle'), why: 'the target is non-negative and right-skewed, so relative errors matter' };
  return { metric: ref('rmse'), why: 'squared error in the target\'s own units' };
}

function chooseSplit(table: TableProfile, target: TargetSpec, objective: Objective, derivation: Derivation, options: ResolvedOptions, seed: number): { split: SplitSpec; why: string } {
  const base = { testFraction: options.testFraction, seed };
  const group = table.columns.find((c) => isGroupColumn(table, c) && !target.sourceColumns.includes(c.name));
  if (group) return { split: { ...base, strategy: 'group', by: group.name }, why: `rows repeat per "${group.name}", so whole groups go to one side` };
  if (objective === 'forecasting') {
    const time = table.columns.find((c) => isTemporal(c) && !target.sourceColumns.includes(c.name) && c.missingFraction < 1);
    if (time) return { split: { ...base, strategy: 'time', by: time.name }, why: `the latest rows by "${time.name}" form the test set` };
  }
  if (isClassification(objective)) {
    const by = derivation === 'none' ? target.sourceColumns[0] : target.expression;
    return { split: { ...base, strategy: 'stratified', by }, why: 'stratified on the label so both splits keep the class proportions' };
  }
  return { split: { ...base, strategy: 'random' }, why: 'rows are independent' };
}

function derivedTarget(table: TableProfile, column: ColumnProfile, derivation: Exclude<Derivation, 'none'>, thresholds: number[]): { target: TargetSpec; classes: string[] } {
  const taken = new Set(table.columns.map((c) => c.name));
  let name = `${snake(column.name)}_${derivation === 'above-median' ? 'above_median' : 'tertile'}`;
  while (taken.has(name)) name += '_target';
  const col = quoteIdent(column.name);
  const cases =
    derivation === 'above-median'
      ? `WHEN ${col} > ${sqlNumber(thresholds[0])} THEN 1 ELSE 0`
      : `WHEN ${col} <= ${sqlNumber(thresholds[0])} THEN ${sqlString('low')} WHEN ${col} <= ${sqlNumber(thresholds[1])} THEN ${sqlString('medium')} ELSE ${sqlString('high')}`;
  const classes = derivation === 'above-median' ? ['0', '1'] : sortLabels(['low', 'medium', 'high']);
  return { target: { name, expression: `CASE WHEN ${col} IS NULL THEN NULL ${cases} END`, sourceColumns: [column.name] }, classes };
}

function titleCaseDataset(name: string): string {
  return name.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export function proposalId(dataset: string, target: string, objective: Objective): string {
  return `${slug(dataset)}-${slug(target)}-${objective}`;
}

interface Plan {
  cand: Candidate;
  derivation: Derivation;
}

/**
 * How far below the best candidate another undocumented candidate may score and still be proposed
 * as a target of its own, when something beyond its type speaks for it being an outcome (a
 * target-like name, a described outcome, the table's name): the ranking's top pick is a guess when
 * nothing is documented, and a second real outcome is a better second task than a derived label
 * of the first. A column that merely exists is not a task a statistician would set.
 */
export const ALTERNATIVE_SCORE_GAP = 0.5;

/**
 * Reasons of the profiler's ranking that speak for a column being an outcome (not its type alone):
 * a target-like name, the documentation, the table's name, a post-test beside its pre-test, or a category among numeric
 * measurements (the region and the area an olive oil comes from, told apart by its fatty acids).
 */
const OUTCOME_EVIDENCE = /name suggests|documentation treats it|documentation describes an outcome|table is named after it|a post-measurement|a category among numeric measurements|a time-to-event outcome|the latest year of a repeated measurement|a column is computed from it/;
/**
 * Beside a documented response, only evidence of a measured outcome counts: a generic target name
 * (income, rating, class) beside the documented outcome is usually a covariate of it.
 */
const SECOND_OUTCOME_EVIDENCE = /name suggests an outcome|documentation describes an outcome|table is named after it|a post-measurement|a time-to-event outcome|a column is computed from it/;

/** The ranking's reason for a column measured in an earlier year than the table's outcome. */
const BASELINE = /an earlier year of a repeated measurement/;

/** The column's name holds a chosen target's name: a part or version of it (fatal1517 of fatal), not another outcome. */
function partOfChosen(column: string, chosen: Candidate[]): boolean {
  const letters = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return chosen.some((c) => letters(c.column.name).length >= 3 && letters(column) !== letters(c.column.name) && letters(column).includes(letters(c.column.name)));
}

/** "post.test.3" → "posttest": the name without its trailing number (undefined when it has none). */
function numberedStem(name: string): string | undefined {
  const m = /^(.*?[a-z])[^a-z0-9]*\d+$/i.exec(name);
  return m ? m[1].toLowerCase().replace(/[^a-z0-9]/g, '') : undefined;
}

/**
 * The same outcome measured again under another number (post.test.1 and post.test.2 beside
 * post.test.3): a task of its own, with the chosen one's objective when both are numeric (a test
 * score with 15 values is the same kind of quantity as one with 26).
 */
function numberedSiblings(usable: Candidate[], chosen: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of chosen) {
    const stem = numberedStem(c.column.name);
    if (!stem || stem.length < 3) continue;
    for (const u of usable) {
      if (u.table !== c.table || u.column.name === c.column.name || numberedStem(u.column.name) !== stem) continue;
      if (chosen.some((x) => x.column.name === u.column.name) || out.some((x) => x.column.name === u.column.name)) continue;
      const objective = c.objective === 'regression' && isNumeric(u.column) ? 'regression' : u.objective;
      out.push({ ...u, objective });
    }
  }
  return out;
}

/**
 * Lowest score of a target of the other kind (a class beside a quantity, or the reverse) proposed
 * when the table has a single real target: the base of a column that can be a target (0.5 class,
 * 0.4 quantity) plus most of the predictability probe's bonus, so a column that nothing in the table
 * explains is not made a task only to fill the slot.
 */
export const CROSS_KIND_MIN_SCORE = 0.65;

/** The column a candidate's predictability probe found most informative ("best single feature … ("x")"). */
function bestFeature(c: Candidate): string | undefined {
  return /best single feature explains \d+% \("((?:[^"]|"")+)"\)/.exec(c.reason)?.[1];
}

/**
 * A table with one real target and a plausible outcome of the other kind (a card application's
 * acceptance beside the expenditure, a body mass beside the species): that outcome is a better
 * second task than derived labels of the first. Of the candidates within ALTERNATIVE_SCORE_GAP of
 * the best and above CROSS_KIND_MIN_SCORE, the best one that the chosen target does not explain
 * best (bill depth is mostly the species again; body mass is explained by the flipper length) —
 * else the best one. Beside a documented outcome the candidate needs evidence of a measured outcome
 * of its own; otherwise, beside a class target a few named measurements qualify, and beside a
 * quantity a category needs evidence from its name or description. Demographic covariates (who a
 * row is), columns that look derived and baselines (an earlier year) are never a second outcome.
 */
function crossKindTarget(usable: Candidate[], chosen: Candidate, documented: boolean): Candidate | undefined {
  const kind = (c: Candidate): boolean => isClassification(c.objective);
  const table = chosen.table;
  const { described, numericColumns } = measurementCounts(table);
  // Mostly measurements of the rows (a bird's dimensions, a day's weather), not a clinical or
  // survey table whose few numbers (age, height) are covariates beside many factors.
  const measurements = numericColumns >= 2 && numericColumns >= 0.5 * described.length && numericColumns <= MAX_MEASUREMENTS_FOR_SECOND_TARGET;
  const evidence = (c: Candidate): boolean => NAMED_OUTCOME_EVIDENCE.test(c.reason);
  const pool = usable.filter((c) => {
    if (c.table !== table || c.column.name === chosen.column.name || kind(c) === kind(chosen)) return false;
    if (partOfChosen(c.column.name, [chosen]) || /demographic covariate|derived\?/.test(c.reason) || BASELINE.test(c.reason) || c.score < CROSS_KIND_MIN_SCORE) return false;
    // Beside a documented outcome the other columns are what the study adjusts for (age, a day
    // count): a second outcome needs its own evidence, as in realTargets.
    if (documented) return SECOND_OUTCOME_EVIDENCE.test(c.reason);
    // Beside a quantity, a category needs evidence of being an outcome: most describe the unit
    // (a car's type or steering, an animal's diet, a diamond's cut) the quantity is studied across.
    if (kind(c)) return evidence(c);
    // Beside a class, a quantity in a table of a few named measurements (a bird's body mass, a
    // day's highest temperature); not one column of a bank of features (V1…V60, 18 shape
    // measures), which are what the class is told apart by.
    return measurements && !inNumberedSeries(c.column.name, table);
  });
  if (pool.length === 0) return undefined;
  const near = pool.filter((c) => c.score >= pool[0].score - 0.01);
  return near.find((c) => bestFeature(c) !== chosen.column.name) ?? pool[0];
}

/** Evidence of an outcome from the name, the documentation or the table's name (not from the column's type or the table's shape). */
const NAMED_OUTCOME_EVIDENCE = /name suggests|documentation treats it|documentation describes an outcome|table is named after it|a post-measurement|a time-to-event outcome|a column is computed from it/;

/** More numeric measurement columns than this are a bank of features, not a few measurements that could each be an outcome. */
export const MAX_MEASUREMENTS_FOR_SECOND_TARGET = 8;

/** One of three or more columns that share a stem and differ by a number (V1…V60, x_010…x_100). */
function inNumberedSeries(name: string, table: TableProfile): boolean {
  const stem = numberedStem(name);
  return stem !== undefined && table.columns.filter((c) => numberedStem(c.name) === stem).length >= 3;
}

/**
 * The candidates worth a task of their own: documented responses (else the best candidate) first,
 * then the others within ALTERNATIVE_SCORE_GAP of the best of them (and of the first) that something
 * beyond their type speaks for (a survival time beside its documented censoring status), then the
 * numbered siblings of the chosen ones; a table left with one real target gets a plausible target
 * of the other kind (crossKindTarget).
 */
function realTargets(usable: Candidate[]): Candidate[] {
  const responses = usable.filter((c) => c.column.role === 'response');
  const first = responses.length ? responses : usable.slice(0, 1);
  const rest = usable.filter((c) => !first.includes(c) && !partOfChosen(c.column.name, first));
  // Measured against the best of the rest: a documented response's bonus says nothing about them.
  const top = Math.min(first[0]?.score ?? 0, rest[0]?.score ?? 0);
  const evidence = responses.length ? SECOND_OUTCOME_EVIDENCE : OUTCOME_EVIDENCE;
  // An earlier year of the chosen outcome (`VOTE96` beside `VOTED98`, `u75` beside `re78`) is its baseline, not a second outcome.
  const alternative = (c: Candidate): boolean => c.score >= top - ALTERNATIVE_SCORE_GAP && evidence.test(c.reason) && !BASELINE.test(c.reason);
  const chosen = [...first, ...rest.filter(alternative)];
  if (responses.length === 0 && !OUTCOME_EVIDENCE.test(first[0]?.reason ?? '') && !SHAPE_EVIDENCE.test(first[0]?.reason ?? '')) chosen.push(...hedges(rest, chosen, top));
  chosen.push(...numberedSiblings(usable, chosen));
  if (new Set(chosen.map((c) => `${c.table.name}\u0000${c.column.name}`)).size === 1) {
    const other = crossKindTarget(usable, chosen[0], responses.length > 0);
    if (other && other.score >= top - ALTERNATIVE_SCORE_GAP) chosen.push(other);
  }
  return chosen;
}

/** The table's shape singles the column out: the one measurement among factors, a total of the measurements beside it. */
const SHAPE_EVIDENCE = /the one measurement among factors|a total score of measurements beside it/;

/** Reasons of the ranking that speak against a column being an outcome of its own. */
const NOT_AN_OUTCOME = /a class has a single row|a demographic covariate|looks like a group column|the same on every row of a subject|computed from|a repeated measurement \(a baseline\)|a function of the time index|derived\?|a coarser grouping of another column/;

/**
 * When nothing is documented and nothing beyond its type speaks for the best candidate, the
 * ranking's top pick is a guess: the next-best columns within ALTERNATIVE_SCORE_GAP are likelier
 * outcomes than derived labels of the guess, unless the ranking holds something against them or
 * they are one of a bank of like measurements (a body's 20 girths, V1…V60) that the outcome is
 * predicted from.
 */
function hedges(rest: Candidate[], chosen: Candidate[], top: number): Candidate[] {
  return rest.filter((c) => !chosen.includes(c) && c.score >= top - ALTERNATIVE_SCORE_GAP && !NOT_AN_OUTCOME.test(c.reason) && !inNumberedSeries(c.column.name, c.table) && !inMeasurementBank(c.table));
}

/** More numeric measurement columns than a few named measurements that could each be an outcome. */
function inMeasurementBank(table: TableProfile): boolean {
  return measurementCounts(table).numericColumns > MAX_MEASUREMENTS_FOR_SECOND_TARGET;
}

/** The columns that describe the rows (not identifiers or time indices), and how many of them are numeric measurements (> 20 values). */
function measurementCounts(table: TableProfile): { described: ColumnProfile[]; numericColumns: number } {
  const described = table.columns.filter((c) => !c.identifierLike && c.role !== 'identifier' && c.role !== 'time-index');
  return { described, numericColumns: described.filter((c) => isNumeric(c) && c.distinctCount > 20).length };
}

/**
 * Different real targets first; then derived labels of numeric ones (above-median, then tertiles),
 * which are sensible tasks on the same outcome but no substitute for another outcome.
 */
function orderPlans(usable: Candidate[]): Plan[] {
  const seen = new Set<string>();
  const primaries: Plan[] = [];
  const medians: Plan[] = [];
  const tertiles: Plan[] = [];
  for (const cand of realTargets(usable)) {
    const key = `${cand.table.name}\u0000${cand.column.name}\u0000${cand.objective}`;
    if (seen.has(key)) continue;
    seen.add(key);
    primaries.push({ cand, derivation: 'none' });
    if (cand.objective === 'regression' || cand.objective === 'forecasting') {
      medians.push({ cand: { ...cand, objective: 'binary' }, derivation: 'above-median' });
      tertiles.push({ cand: { ...cand, objective: 'multiclass' }, derivation: 'tertiles' });
    }
  }
  return [...primaries, ...medians, ...tertiles];
}

export function createDeterministicBrainstormer(options: ResolvedOptions, data: DataAccess): Brainstormer {
  return {
    kind: 'deterministic',
    async brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<StrategyRun<TaskProposal[]>> {
      const limit = proposalLimit(options, ctx.maxProposals);
      const { usable, rejected } = scanCandidates(profile, options);
      if (usable.length === 0) throw noTargetError(profile, rejected);
      const proposals: TaskProposal[] = [];
      const ids = new Set<string>();
      for (const plan of orderPlans(usable)) {
        if (proposals.length >= limit) break;
        const proposal = await buildProposal(profile, plan, options, data, ctx.seed);
        if (!proposal || ids.has(proposal.id)) continue;
        ids.add(proposal.id);
        proposals.push(proposal);
      }
      return { value: proposals, agent: 'deterministic' };
    },
  };
}

export function noTargetError(profile: DatasetProfile, rejected: CandidateScan['rejected']): DatasetError {
  // The profiler leaves entirely-missing columns out of the candidates: name them first, they
  // are usually the intended target.
  const missing: CandidateScan['rejected'] = [];
  for (const table of profile.tables.filter(isTabularTable)) {
    for (const col of table.columns) if (col.missingFraction >= 1) missing.push({ file: table.file, message: `column "${col.name}" is entirely missing` });
  }
  const all = [...missing, ...rejected.filter((r) => !missing.some((m) => m.file === r.file && m.message === r.message))];
  if (all.length === 0) {
    const file = profile.tables[0]?.file;
    return new DatasetError(`no candidate target column in a tabular table of dataset "${profile.name}"`, file ? { file } : undefined);
  }
  const file = all[0].file;
  const details = all.map((r) => (r.file === file ? r.message : `${r.file}: ${r.message}`)).join('; ');
  return new DatasetError(`no usable target: ${details}`, { file });
}

/** A float class label as text the way JavaScript prints the number: 1.0 → "1", 0.5 → "0.5". */
function floatLabel(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} = trunc(${column}) THEN CAST(CAST(${column} AS BIGINT) AS VARCHAR) ELSE CAST(${column} AS VARCHAR) END`;
}

async function buildProposal(profile: DatasetProfile, plan: Plan, options: ResolvedOptions, data: DataAccess, seed: number): Promise<TaskProposal | undefined> {
  const { cand, derivation } = plan;
  const { table, column } = cand;
  let target: TargetSpec = { name: column.name, expression: quoteIdent(column.name), sourceColumns: [column.name] };
  let classes: string[] | undefined;
  let thresholds: number[] | undefined;
  if (derivation !== 'none') {
    const qs = derivation === 'above-median' ? [0.5] : [1 / 3, 2 / 3];
    thresholds = await data.quantiles(profile, table.name, column.name, qs).catch(() => undefined);
    // Without the raw data, the profile's mean stands in for the median (tertiles need the data).
    if (!thresholds && derivation === 'above-median' && typeof column.mean === 'number') thresholds = [column.mean];
    if (!thresholds || (thresholds.length === 2 && !(thresholds[0] < thresholds[1]))) return undefined;
    ({ target, classes } = derivedTarget(table, column, derivation, thresholds));
  } else if (isClassification(cand.objective)) {
    // A float column's classes (a hockey result of 0, 0.5 or 1) are written as the profile names
    // them ("1", not DuckDB's "1.0"), so answers, class list and submission columns agree.
    if (column.inferredType === 'float') target = { ...target, expression: floatLabel(quoteIdent(column.name)) };
    classes = classCounts(column)?.map((c) => c.label);
    classes ??= await data.distinctValues(profile, table.name, column.name, options.maxClasses).catch(() => undefined);
  }
  const { metric, why: metricWhy, positiveClass } = chooseMetric(cand.objective, column, derivation);
  const { split, why: splitWhy } = chooseSplit(table, target, cand.objective, derivation, options, seed);

  const excluded: TabularHints['excluded'] = Object.fromEntries(exclusions(table, options));
  if (derivation !== 'none') excluded[column.name] = 'target-source';
  // A follow-up time and its event indicator are one outcome, known only at the end of follow-up.
  // The stronger reason: a date of exit is no time index to keep the month of.
  const documented = profile.documentation?.columns;
  for (const partner of timeToEventPartners(outcomeColumn(column, documented), table.columns.map((c) => outcomeColumn(c, documented)))) excluded[partner] = 'time-to-event';
  // A band or a rescaling of the target (its storm category, its Z-score), or what the target is computed from.
  const described = table.columns.map((c) => ({ name: c.name, description: documented?.[c.name] }));
  for (const partner of derivationPartners(column.name, described)) excluded[partner] ??= 'derived-column';
  delete excluded[target.name];
  const dropColumns = table.columns.map((c) => c.name).filter((n) => n in excluded);

  const datasetTitle = titleCaseDataset(profile.name);
  const what =
    derivation === 'above-median'
      ? `whether ${column.name} is above its median (${sqlNumber(thresholds![0])})`
      : derivation === 'tertiles'
        ? `the tertile (low/medium/high) of ${column.name}`
        : column.name;
  const objectiveWords: Record<Objective, string> = {
    binary: 'binary classification', multiclass: 'multiclass classification', multilabel: 'multilabel classification',
    regression: 'regression', ranking: 'ranking', forecasting: 'forecasting',
  };
  const dropped = dropColumns.length
    ? ` Dropped: ${dropColumns.slice(0, 20).map((c) => `${c} (${excluded[c]})`).join(', ')}${dropColumns.length > 20 ? `, and ${dropColumns.length - 20} more` : ''}.`
    : '';
  const justification =
    `${derivation === 'none' ? `"${column.name}" is a candidate target (${cand.reason}).` : `Derived from the numeric column "${column.name}" with fixed thresholds, so the label is reproducible.`}` +
    ` ${objectiveWords[cand.objective]} over ${table.rowCount} rows of ${table.file}. Metric ${metric.name}: ${metricWhy}. Split ${split.strategy}: ${splitWhy}.${dropped}`;

  const hints: TabularHints = { derivation, excluded };
  if (classes) hints.classes = classes;
  if (derivation === 'above-median') hints.positiveClass = '1';
  else if (positiveClass !== undefined) hints.positiveClass = positiveClass;
  if (thresholds) hints.thresholds = thresholds;

  return {
    id: proposalId(profile.name, target.name, cand.objective),
    dataset: profile.name,
    table: table.name,
    title: `${datasetTitle}: predict ${what}`,
    modality: 'tabular',
    objective: cand.objective,
    target,
    metric,
    split,
    dropColumns,
    justification,
    hints,
  };
}
