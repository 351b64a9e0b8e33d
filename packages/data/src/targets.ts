// Which columns could be a prediction target, and how plausible each is. Pure functions over
// column profiles so the ranking is deterministic and testable without DuckDB.
import type { CandidateTarget, ColumnProfile, DatasetDocumentation } from '@mle-smith/core';
import type { Predictability } from './probe.js';
import { outcomeColumn, timeToEventColumns } from './time-to-event.js';
import { bandedOrScored, documentedDerivations } from './derived-columns.js';
import { COORDINATE_TEXT, LOCATION_TEXT, withoutRType } from './documentation.js';

const TARGET_WORDS = /^(class|target|label|labels|species|diagnosis|outcome|y|y\d|quality|price|survived|churn|default|fraud|status|grade|rating|score|result|response|disease|category|sentiment|income|salary|cost|value|sales|revenue|progression|cancer|malignant|is_[a-z_]+|has_[a-z_]+)$/i;
const TARGET_PARTS = /(^|_)(class|target|label|outcome|diagnosis|price|quality|churn|fraud|survived|grade|rating)($|_)/i;
/**
 * Outcomes of common study designs, as parts of a name: earnings, fuel economy, mortality and
 * survival, well-being, yields and responses of trials. Weaker than a conventional target name.
 */
const OUTCOME_PARTS = /(^|_)(wage|wages|earnings|sal|salary|mpg|miles_per_gallon|fatal|fatalities|mortality|death|deaths|died|dead|alive|survival|surv|cens|censored|censoring|event|voted|turnout|relapse|recurrence|happy|happiness|satisfaction|wellbeing|well_being|yield|improved|improvement|success|passed|admit|admitted|accept|accepted|acceptance|approved|deny|denied|default|purchase|purchased|attrition|volunteer|switch|vote|depression|headache|pain|symptoms?|infected|infection|sick)(\d*)($|_)/i;
/**
 * Who a row is rather than what happened to them: in a study these describe the units and are
 * adjusted for (covariates), so they are weaker targets than the table's measured outcomes.
 */
const DEMOGRAPHIC_WORDS = /(^|_)(sex|gender|race|ethnicity|ethnic|colour|color|citizen|citizenship|nationality|marital|married|religion|edu|education)($|_)/i;
/** … by description, where the name is a code (`rb090`: "factor; the person's gender (levels male and female)"). */
const DEMOGRAPHIC_TEXT = /^(?:the\s+)?(?:(?:person|respondent|subject|patient|child|participant)'s\s+)?(?:sex|gender|race|ethnicity|marital status|religion|nationality|citizenship)\b/i;
const GROUP_WORDS = /(^|_)(subject|patient|user|group|customer|session|participant|person|household|family|site|store|shop|device|account|player|team|student|driver|member|client|visit|hospital|school|doctor)(_?(id|no|num|number|code|key))?$/i;

export interface ClassStats {
  /** Number of rows of the rarest class, when the column has at most 50 classes. */
  minClassCount?: number;
}

export function looksLikeGroupName(name: string): boolean {
  // A bare `id` that repeats names the unit of repeated measures (a patient, a subject).
  return GROUP_WORDS.test(snake(name)) || /^id$/i.test(name);
}

/**
 * The table is named after the column: `kyphosis`/`Kyphosis`, `heights`/`height`. A column that
 * only starts with the table's name (`soup`/`SOUPFREQ`) is one aspect of what the table is about.
 */
function namedAfter(table: string, column: string): boolean {
  if (table === column) return true;
  return column.length >= 4 && column.length < table.length && table.startsWith(column) && table.length - column.length <= 4;
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();
}

/** What the ranking knows beyond the columns: the table's name, its documentation, the probe. */
export interface TargetEvidence {
  table?: string;
  documentation?: DatasetDocumentation;
  predictability?: Map<string, Predictability>;
  /** Columns with one value per subject of repeated measures (RoleEvidence.subjectAttributes). */
  subjectAttributes?: Set<string>;
}

/** A column description that names an outcome ("city miles per gallon", "number of deaths"; "miles/gallon" is read "miles per gallon"). */
function describedAsOutcome(description: string | undefined): boolean {
  return description !== undefined && OUTCOME_PARTS.test(snake(description.replace(/(?<=[a-z])\s*\/\s*(?=[a-z])/gi, ' per ')));
}

/**
 * Units of measurement as a description writes them: "in hours", "in kilograms", "in
 * miles/gallon", "(mg/dl)", "percent". A column measured in a unit is a quantity.
 */
const UNIT = new RegExp(
  '(?:\\bin\\s+|\\(\\s*)(?:(?:cubic|square|thousands?\\s+of|1000s\\s+of)\\s+)?(?:hours?|minutes?|seconds?|days?|weeks?|months?|years?|' +
    'kg|kilograms?|grams?|mg|lbs?|pounds|ounces|tons?|tonnes?|inch(?:es)?|cm|centimet(?:er|re)s?|mm|millimet(?:er|re)s?|met(?:er|re)s?|feet|ft|miles?|km|kilomet(?:er|re)s?|' +
    'lit(?:er|re)s?|gallons?|ml|dollars|euros|pounds sterling|percent(?:age)?|per\\s*cent|degrees|calories|kcal|rpm|mph|mmhg|cubic)\\b' +
    '|\\b[a-z]+\\s*\\/\\s*(?:gallon|hour|day|dl|ml|l|kg|litre|liter|year|week|minute)s?\\b',
  'i',
);

/**
 * The documentation gives the column a unit of measurement ("gas mileage in miles/gallon", "rem
 * sleep, in hours"): a quantity, whatever few integers it takes (a mileage of 18 to 37 miles per
 * gallon is a measurement, not 18 classes).
 */
function measuredInUnits(col: ColumnProfile, description: string | undefined): boolean {
  return description !== undefined && (col.inferredType === 'integer' || col.inferredType === 'float') && col.distinctCount >= 5 && UNIT.test(description);
}

/** "Rosenberg's self-esteem scale", "anxiety score", "depression inventory": a score summed over items. */
const SCALE_WORDS = /\b(scale|score|inventory|questionnaire)\b/i;

/**
 * A score on a scale of at least ten integer values (a self-esteem scale of 19 values): a quantity,
 * not 19 classes. A seven-point rating stays ordered classes.
 */
function scaleScore(col: ColumnProfile, description: string | undefined): boolean {
  return description !== undefined && col.inferredType === 'integer' && col.distinctCount >= 10 && SCALE_WORDS.test(description);
}

/** "The number of new serological cases", "number of adverse events", "how many …": a count. */
const COUNT_WORDS = /\b(?:numbers?|counts?|tally)\s+of\b|\bhow\s+many\b/i;

/**
 * The documentation calls a non-negative integer column a number of things (cases, adverse
 * events, birds seen): a count, which is a quantity, not classes — however few values it takes.
 * Read as classes, its rare high counts have a row or two and no split can hold them.
 */
function documentedCount(col: ColumnProfile, description: string | undefined): boolean {
  if (description === undefined || col.inferredType !== 'integer' || col.distinctCount < 5) return false;
  return typeof col.min === 'number' && col.min >= 0 && COUNT_WORDS.test(description);
}

/**
 * A few integers spread over a wide range (0, 1, 2, 3, 7, 12 times a year) code a quantity, not
 * classes: class codes and ratings run through consecutive integers. Such a column is a
 * regression target (its above-median label still gives the yes/no task).
 */
function codedQuantity(col: ColumnProfile): boolean {
  if (col.inferredType !== 'integer' || col.distinctCount < 5 || typeof col.min !== 'number' || typeof col.max !== 'number') return false;
  return col.max - col.min + 1 > 1.5 * col.distinctCount;
}

/**
 * "langPOST" beside "langPRET", "post.test.1" beside "pretest.1": the measurement taken after the
 * intervention, of which the other is the baseline — the outcome of a pre/post design.
 */
function postMeasurement(name: string, columns: ColumnProfile[]): boolean {
  const flat = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const own = flat(name);
  if (!own.includes('post')) return false;
  const stem = own.replace('post', '');
  return columns.some((c) => {
    const other = flat(c.name);
    return other !== own && other.includes('pre') && (other.replace(/pret?/, '') === stem || other.replace('pre', '') === stem);
  });
}

/** Geographic coordinates say where a row is, not what happened to it: a feature, never a target. */
const COORDINATE = /^(lat|latitude|lon|lng|long|longitude)$/i;

/** A two- or four-digit year at the end of a name: `re74`, `pop1990`. */
const YEAR_SUFFIX = /^(.*?[a-z_.])(\d{2}|(?:19|20)\d{2})$/i;
/** More numbered columns of one stem than this are a numbered series, not years. */
const MAX_YEARS = 6;

/**
 * A measurement the table repeats over years (`re74`, `re75`, `re78`: real earnings): its latest
 * year is the outcome the earlier years are the baseline of, as a post-test is of a pre-test.
 * Only the latest year of the whole table counts (`u75`, a flag beside them, is no outcome).
 */
function yearSeries(columns: ColumnProfile[]): { latest: string; earlier: Set<string> } | undefined {
  const years = columns.flatMap((c) => {
    const m = YEAR_SUFFIX.exec(c.name);
    if (!m || !(c.inferredType === 'integer' || c.inferredType === 'float')) return [];
    const n = Number(m[2]);
    return [{ name: c.name, stem: m[1].toLowerCase(), year: m[2].length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n, measured: c.distinctCount > 20 }];
  });
  // A long numbered series (V1 … V60) is a bank of features, and a stem whose numbers are not all
  // years (num85 beside num857 and num415) counts words: neither is a measurement taken in a few years.
  const numbered = new Map<string, number>();
  for (const c of columns) {
    const stem = /^(.*?[a-z_.])\d+$/i.exec(c.name)?.[1].toLowerCase();
    if (stem !== undefined) numbered.set(stem, (numbered.get(stem) ?? 0) + 1);
  }
  if ([...numbered.values()].some((n) => n > MAX_YEARS)) return undefined;
  if (years.some((y) => numbered.get(y.stem) !== years.filter((o) => o.stem === y.stem).length)) return undefined;
  const latest = years.reduce<(typeof years)[number] | undefined>((a, b) => (!a || b.year > a.year ? b : a), undefined);
  if (!latest?.measured || years.some((y) => y !== latest && y.year === latest.year)) return undefined;
  if (!years.some((y) => y !== latest && y.stem === latest.stem && y.measured)) return undefined;
  // The earlier years (and flags of them: `u74`, earnings zero in 1974) are the baseline.
  return { latest: latest.name, earlier: new Set(years.filter((y) => y !== latest).map((y) => y.name)) };
}

/** A four-digit year in a description: "Voted in 1998". */
const DESCRIBED_YEAR = /\b(?:19|20)\d{2}\b/g;

/**
 * The same measurement described for different years ("Voted in 1996", "Voted in 1998"): the latest
 * year is the outcome, and every column described by an earlier year ("Abstained in 1996") is
 * history of the rows, a baseline. For tables whose names do not carry the years (yearSeries).
 */
function describedYearSeries(columns: ColumnProfile[], descriptions: Record<string, string> | undefined): { latest: string; earlier: Set<string> } | undefined {
  if (!descriptions) return undefined;
  const dated = columns.flatMap((c) => {
    const text = withoutRType(descriptions[c.name] ?? '');
    const years = text.match(DESCRIBED_YEAR) ?? [];
    return years.length === 1 ? [{ name: c.name, year: Number(years[0]), template: text.toLowerCase().replace(DESCRIBED_YEAR, '#').trim() }] : [];
  });
  const series = dated.filter((d) => dated.some((o) => o !== d && o.template === d.template && o.year !== d.year));
  if (series.length === 0) return undefined;
  const last = Math.max(...series.map((d) => d.year));
  const latest = series.filter((d) => d.year === last);
  if (latest.length !== 1) return undefined;
  return { latest: latest[0].name, earlier: new Set(dated.filter((d) => d.year < last).map((d) => d.name)) };
}

/** Roles that are never the target of a non-forecasting task (docs/column-roles.md). */
const NOT_A_TARGET = new Set(['identifier', 'time-index', 'design', 'group']);

/**
 * A table of numeric measurements with one to three categorical columns: the measurements
 * describe the rows, and a category among them is what they are measured to tell apart (the
 * region of an olive oil from its fatty acids, a species from its dimensions).
 */
function measurementTable(columns: ColumnProfile[]): boolean {
  // An experiment's categories are its factors (the lecture a participant saw), not what its measurements tell apart.
  if (columns.some((c) => c.role === 'design')) return false;
  const numeric = columns.filter((c) => !c.identifierLike && c.role !== 'identifier' && (c.inferredType === 'integer' || c.inferredType === 'float') && c.distinctCount > 20);
  const categorical = columns.filter((c) => !c.identifierLike && (c.inferredType === 'categorical' || c.inferredType === 'boolean'));
  return numeric.length >= 4 && numeric.length >= 0.6 * columns.length && categorical.length >= 1 && categorical.length <= 3;
}

/** "Overall memory score", "total test score": a description that opens with a total score. */
const TOTAL_HEAD = /^(?:the\s+)?(?:overall|total|combined|composite|aggregated?|summed)\s+(.+)$/i;
const SCORE_WORD = /\b(?:scores?|points|marks|ratings?)\b/i;
const FILLER = new Set('the of a an in on for and or to by per with amount number value score scores points marks rating ratings'.split(' '));

/**
 * A total score of the measurements beside it: its description opens with "overall" or "total",
 * names a score, and the rest names what other columns' descriptions measure ("overall memory
 * score" beside "memory score on the factual questions"). Whoever summed the parts studies the
 * sum. A total count ("total number of seats in the council") is the size of the unit, not a score.
 */
function totalOfOthers(name: string, descriptions: Record<string, string> | undefined): boolean {
  const head = withoutRType(descriptions?.[name] ?? '').split(/[,(;:]/)[0].trim();
  const m = TOTAL_HEAD.exec(head);
  if (!m || !SCORE_WORD.test(m[1])) return false;
  const words = (m[1].toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => !FILLER.has(w));
  if (words.length === 0) return false;
  const others = Object.entries(descriptions ?? {}).filter(([c]) => c !== name).map(([, d]) => d.toLowerCase());
  return words.every((w) => others.some((d) => new RegExp(`\\b${w}`).test(d)));
}

/** Distinct values above which a numeric column is a measurement rather than a factor's levels. */
const MEASUREMENT_VALUES = 30;

/**
 * A designed layout: one numeric measurement, every other column a factor of a few levels, one
 * of them at least set by the experimenter (region, population, genotype, rack, nutrient treatment,
 * clipping → total fruits). The measurement is what the factors were laid out to explain. Returns
 * its name, or undefined for any other table (a survey of few-valued answers and an age is none).
 */
function soleMeasurement(columns: ColumnProfile[]): string | undefined {
  const kept = columns.filter((c) => !c.identifierLike && c.role !== 'identifier' && c.inferredType !== 'text' && c.distinctCount >= 2);
  const numeric = (c: ColumnProfile) => c.inferredType === 'integer' || c.inferredType === 'float';
  const measurements = kept.filter((c) => numeric(c) && c.distinctCount > MEASUREMENT_VALUES && !(c.role && NOT_A_TARGET.has(c.role)));
  const factors = kept.filter((c) => !measurements.includes(c));
  if (measurements.length !== 1 || factors.length < 2 || !factors.some((c) => c.role === 'design')) return undefined;
  return factors.every((c) => c.distinctCount <= MEASUREMENT_VALUES || (c.role !== undefined && NOT_A_TARGET.has(c.role))) ? measurements[0].name : undefined;
}

export function candidateTargets(
  columns: ColumnProfile[], rowCount: number, stats: Map<string, ClassStats>, groupColumns: string[], evidence: TargetEvidence = {},
): CandidateTarget[] {
  const out: CandidateTarget[] = [];
  const measured = measurementTable(columns);
  const responses = evidence.documentation?.responses ?? [];
  // Only where the documentation names no outcome: then the layout is the best evidence there is.
  const sole = responses.length === 0 ? soleMeasurement(columns) : undefined;
  const years = responses.length === 0 ? (yearSeries(columns) ?? describedYearSeries(columns, evidence.documentation?.columns)) : undefined;
  const described = columns.map((c) => outcomeColumn(c, evidence.documentation?.columns));
  const derivations = documentedDerivations(described);
  const banded = bandedOrScored(described, derivations);
  const timeToEvent = timeToEventColumns(described.filter((_, i) => !columns[i].identifierLike));
  columns.forEach((col, index) => {
    const nonMissing = Math.round(rowCount * (1 - col.missingFraction));
    if (nonMissing === 0 || col.missingFraction >= 1) return;
    if (col.distinctCount < 2 || col.identifierLike) return;
    if (col.role && NOT_A_TARGET.has(col.role)) return;
    const said = evidence.documentation?.columns?.[col.name] ?? '';
    if (COORDINATE.test(col.name) || COORDINATE_TEXT.test(said) || (LOCATION_TEXT.test(said) && !responses.includes(col.name))) return;
    if (!['integer', 'float', 'boolean', 'categorical'].includes(col.inferredType)) return;
    const reasons: string[] = [];
    const description = evidence.documentation?.columns?.[col.name];
    const onScale = scaleScore(col, description);
    const inUnits = measuredInUnits(col, description) || onScale;
    // Only a documented outcome: what it counts is then the task (a covariate's objective would
    // only reshuffle the ranking of undocumented candidates).
    const counted = responses.includes(col.name) && documentedCount(col, description);
    // A post-test is a score on its pre-test's scale: a quantity, however few integers it takes.
    const postTest = postMeasurement(col.name, columns);
    const scored = postTest && col.distinctCount >= 5;
    let objective: CandidateTarget['objective'];
    let score: number;
    const classLike =
      col.inferredType === 'boolean' || col.inferredType === 'categorical' ||
      ((col.inferredType === 'integer' || col.inferredType === 'float') && col.distinctCount <= 20 && !codedQuantity(col) && !inUnits && !counted && !scored);
    if (classLike && col.distinctCount <= 50) {
      objective = col.distinctCount === 2 ? 'binary' : 'multiclass';
      score = 0.5;
      reasons.push(`${col.inferredType} column with ${col.distinctCount} classes`);
      const minCount = stats.get(col.name)?.minClassCount;
      if (minCount !== undefined && minCount < 2) {
        score -= 0.3;
        reasons.push('a class has a single row');
      } else if (minCount !== undefined && minCount / nonMissing < 0.01) {
        score -= 0.1;
        reasons.push('a class is rarer than 1%');
      }
      score -= Math.min(0.2, (col.distinctCount - 2) / 240);
    } else if ((col.inferredType === 'integer' || col.inferredType === 'float') && (col.distinctCount > 20 || codedQuantity(col) || inUnits || counted || scored)) {
      objective = 'regression';
      score = 0.4;
      const few = col.distinctCount <= 20;
      reasons.push(`numeric column with ${col.distinctCount} distinct values${few && inUnits ? (onScale ? ', a score on a scale' : ', measured in units') : few && counted ? ', a documented count' : ''}`);
    } else {
      return;
    }
    const name = snake(col.name);
    if (TARGET_WORDS.test(name)) {
      score += 0.4;
      reasons.push('name suggests a target');
    } else if (TARGET_PARTS.test(name)) {
      score += 0.3;
      reasons.push('name suggests a target');
    } else if (OUTCOME_PARTS.test(name)) {
      score += 0.2;
      reasons.push('name suggests an outcome');
    } else if (describedAsOutcome(description)) {
      score += 0.15;
      reasons.push('the documentation describes an outcome');
    } else if (postTest) {
      score += 0.2;
      reasons.push('a post-measurement beside its pre-measurement');
    } else if (DEMOGRAPHIC_WORDS.test(name) || DEMOGRAPHIC_TEXT.test(withoutRType(description ?? ''))) {
      score -= 0.2;
      reasons.push('a demographic covariate');
    } else if (measured && (col.inferredType === 'categorical' || col.inferredType === 'boolean')) {
      score += 0.2;
      reasons.push('a category among numeric measurements');
    }
    if (index === columns.length - 1) {
      score += 0.1;
      reasons.push('last column');
    }
    if (groupColumns.includes(col.name)) {
      score -= 0.3;
      reasons.push('looks like a group column');
    }
    if (evidence.subjectAttributes?.has(col.name)) {
      // Who the subject is, repeated on each of its rows; the rows record what was measured on it.
      score -= 0.3;
      reasons.push('the same on every row of a subject (an attribute of the subject)');
    }
    if (timeToEvent.has(col.name) && !responses.includes(col.name)) {
      // A follow-up time and its event indicator are what a follow-up study measures (docs/column-roles.md).
      score += 0.3;
      reasons.push('one half of a time-to-event outcome');
    }
    const sources = derivations.get(col.name);
    if (sources) {
      // A band or a rescaling of another column: the other column is the quantity (docs/column-roles.md).
      score -= 0.3;
      reasons.push(`computed from ${sources.map((s) => `"${s}"`).join(', ')}`);
    } else if (banded.has(col.name) && !responses.includes(col.name)) {
      score += 0.3;
      reasons.push(`a column is computed from it ("${banded.get(col.name)}")`);
    }
    if (col.name === years?.latest) {
      score += 0.3;
      reasons.push('the latest year of a repeated measurement');
    } else if (years?.earlier.has(col.name)) {
      score -= 0.2;
      reasons.push('an earlier year of a repeated measurement (a baseline)');
    }
    if (!classLike && totalOfOthers(col.name, evidence.documentation?.columns)) {
      score += 0.2;
      reasons.push('a total score of measurements beside it');
    }
    if (col.name === sole) {
      score += 0.3;
      reasons.push('the one measurement among factors');
    }
    const documented = responses.indexOf(col.name);
    if (documented >= 0 && col.role === 'response') {
      score += 1 - Math.min(0.3, documented * 0.1);
      reasons.push('the documentation treats it as the outcome');
    }
    if (evidence.table && namedAfter(snake(evidence.table), name)) {
      score += 0.3;
      reasons.push('the table is named after it');
    }
    const probe = evidence.predictability?.get(col.name);
    if (probe) {
      score += 0.3 * Math.min(1, probe.value / 0.2);
      reasons.push(`best single feature explains ${(probe.value * 100).toFixed(0)}%${probe.feature ? ` ("${probe.feature}")` : ''}`);
      // A numeric feature that determines the column (a cut of it): the column is probably derived.
      // A finer category determining a coarser one (area → region) is a hierarchy, not a derivation.
      const by = probe.feature !== undefined ? columns.find((c) => c.name === probe.feature) : undefined;
      if (probe.value >= 0.995 && classLike && by?.role === 'time-index') {
        // "post", "trans" of a discontinuous growth model: which period a row falls in, not an outcome.
        score -= 0.4;
        reasons.push('a function of the time index (a period marker)');
      } else if (probe.value >= 0.995 && probe.numericFeature) {
        score -= 0.4;
        reasons.push('a single feature determines it (derived?)');
      } else if (probe.value >= 0.995 && classLike && !measured) {
        // Outside a table of measurements (where a region is what the fatty acids tell apart), a
        // category another category determines is a level of the layout: region of population.
        score -= 0.2;
        reasons.push('a coarser grouping of another column');
      }
    }
    if (col.missingFraction > 0) {
      // Rows without a label are left out of a task, so missing values cost rows, not validity:
      // surveys often lack the outcome for many respondents (wages in a labour survey).
      score -= col.missingFraction * 0.25;
      reasons.push(`${(col.missingFraction * 100).toFixed(1)}% missing`);
    }
    out.push({ column: col.name, objective, reason: reasons.join('; '), score: Math.round(Math.max(0, Math.min(2, score)) * 1e4) / 1e4 });
  });
  return out.sort((a, b) => b.score - a.score || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
}
