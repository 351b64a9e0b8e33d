// Column roles (docs/column-roles.md): what each column is in the study the table records —
// identifier, time index, design variable, group, documented response, or a measurement. Names
// give the first hint; the values decide (consecutive counters, counters within groups, small
// matched sets, balanced fully crossed factors). A few aggregate queries per table, nothing more.
import type { ColumnProfile, ColumnRole, DatasetDocumentation } from '@mle-smith/core';
import type { DuckDbSession } from './session.js';
import { quoteIdent } from './sql.js';
import { looksLikeGroupName } from './targets.js';
import { describedAsDesign } from './documentation.js';

/** Calendar parts and clocks: a time index whatever the values. */
const CALENDAR = /^(year|yr|years|month|mon|months|mo|day|days|dd|mday|yday|doy|dow|weekday|wday|week|wk|weeks|quarter|qtr|decade|decades|century|hour|hr|hours|minute|minutes|second|seconds|date|datetime|timestamp|day_of_(week|month|year)|month_of_year|week_of_year|time_of_day)$/;
/** A description that first calls the column a calendar part: "Year of birth", "Month of observation", "Day of the week" (not "years of schooling"). */
const CALENDAR_TEXT = /^(?:the\s+)?(?:calendar\s+)?(?:year|month|date|day|week|quarter)\s+(?:of|in|when)\b/i;
/** Time-step names: a time index when the values form a grid shared by many rows, else a duration. */
const STEP = /^(time|t|step|time_?step|period|wave|visit|occasion|obs_?time|timepoint|time_point|session|trial|round|epoch|tick|phase)$/;
/** Names of identifiers that repeat: matched sets, strata, cases, blocks of a design. */
const SET_ID = /^(stratum|strata|set|matched_?set|match|pair|pair_?id|case|case_?(no|num|number|id)|block_?id|cluster_?id|obs|observation|obs_?(no|num|number)|record|row|row_?(no|num|number|id)|index|idx|seq|sequence|sample_?(no|num|id)|id)$/;
/** A unit's number or id by name: `school_nr`, `class_no`, `herd_id` (snake case of schoolNR, …). */
const UNIT_NUMBER = /^[a-z]+_(nr|no|num|id)$/;
/** A documentation line that calls the column a code or an identifier. */
// "litter number", "case number" name a unit; "number of vertebrae" counts something; a survey's
// "cluster indicator" names the sampling cluster a row was drawn in.
const CODE_WORDS = /\b(code|identifier|identif(?:ies|ying|ication)|ids?|[a-z]+ number(?! of)|stratum|matched set|cluster (?:indicator|number|id))\b/i;
/**
 * A description that calls the column a name ("player's first name", "alternate name", "County
 * name", "School name (15 characters)"), not "name of the …" a class.
 */
const NAME_WORDS = /\b(first|last|full|given|family|alternate|alternative|brand|model|player'?s?|person'?s?|patient'?s?|school|company|product) names?\b|^(?:[a-z]+\s+){0,2}names?\b(?! of)/i;
/** Web and e-mail addresses: where a row was found or who sent it, never a measurement. */
const ADDRESS_VALUE = /^(?:https?:\/\/|www\.)\S+$|^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
/** A description that first calls the column the subsample of an earlier analysis ("Subsample for the replication of …"). */
const SPLIT_TEXT = /^(?:an?\s+|the\s+)?(?:indicator (?:of|for) (?:the\s+)?)?(?:sub-?sample|estimation sample|analysis sample|training (?:set|sample)|test (?:set|sample)|hold-?out)\b/i;
/**
 * Who or how a row was recorded ("indicating the survey house and/or mode of the poll", "the
 * interviewer"): a house effect to adjust for, not an outcome — unless it is a rating they gave.
 */
const PROVENANCE_TEXT = /\b(survey house|polling (?:firm|house|organi[sz]ation|company)|pollsters?|interviewers?|observers?|data source|source of the (?:data|poll|report|record)s?|mode of the (?:poll|survey|interview))\b/i;
const RATING_TEXT = /\b(ratings?|rated|assess(?:ed|ment)|scores?|judge?ments?)\b/i;
/**
 * A description that first says the column is the study's units ("the respondents in the study",
 * "subject number", "county identifier" of a panel): the group key of repeated measures, whatever
 * the column's name (the profiler also asks for repeated values).
 */
const UNIT_TEXT = /^(?:the\s+)?(?:respondents?|subjects?|participants?|patients?|individuals?|persons?|households?|firms?|families|pupils?|students?|animals?)(?:\s+(?:in|of)\s+the\s+(?:study|survey|trial|experiment|sample))?$|^(?:the\s+)?(?:respondent|subject|participant|patient|individual|person|household|firm|family|pupil|student|animal)(?:'s)?\s+(?:id|identifier|number|code)$|^[a-z]+\s+(?:identifier|id)$/i;

/** The documentation calls the column the study's units (docs/column-roles.md): a group key. */
export function describedAsUnits(description: string | undefined): boolean {
  return description !== undefined && UNIT_TEXT.test(firstClause(description));
}

function addressValues(c: ColumnProfile): boolean {
  const values = c.topValues.filter((v) => v.value !== null).map((v) => String(v.value).trim());
  return values.length >= 2 && values.every((v) => ADDRESS_VALUE.test(v));
}
/** Values of a column that says which split of an earlier study a row was in. */
const SPLIT_VALUES = /^(train|training|test|testing|valid|validation|dev|holdout)$/i;

function splitIndicator(c: ColumnProfile): boolean {
  const values = c.topValues.filter((v) => v.value !== null).map((v) => String(v.value));
  return values.length >= 2 && values.length === c.distinctCount && values.every((v) => SPLIT_VALUES.test(v.trim()));
}

/** A description that says which kind of record a row is: "record represents an angiogram", "record type", "type of row". */
const RECORD_TEXT = /\brecords? represents?\b|\b(?:record|row) type\b|\btype of (?:the\s+)?(?:record|row)\b/i;

/** Variables an experimenter sets. */
const DESIGN = /^(dose|dosage|doses|treatment|treatments|treat|trt|tx|supp|supplement|therapy|drug|diet|arm|condition|fertili[sz]er|feed|replicate|rep|concentration|conc|intervention|regimen|exposure_?level|nitrogen|n_?rate|spacing|irrigation|temperature_?setting)$/;

export interface RoleEvidence {
  /** Column → the column it counts rows within (1, 2, 3, … per group). */
  counterWithin: Map<string, string>;
  /** Columns whose values follow row order (Spearman with the row position ≥ 0.99) and are (nearly) unique. */
  rowOrder: Set<string>;
  /** Columns of a balanced, fully crossed design (every cell the same count). */
  crossedFactors: Set<string>;
  /**
   * Column → the subject column it indexes records of: a few values, and every subject has one row
   * per value (a patient's recurrence record and death record). Optional so hand-made evidence stays short.
   */
  recordTypeOf?: Map<string, string>;
  /**
   * Columns with one value per subject of repeated measures (the subject's sex, its arm, its
   * soup habits): attributes of the subject, not what was measured on each row. Optional.
   */
  subjectAttributes?: Set<string>;
}

export interface RoleResult {
  role: ColumnRole;
  reason: string;
}

export function snakeName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').toLowerCase();
}

function isInteger(c: ColumnProfile): boolean {
  return c.inferredType === 'integer';
}

function rowsPerValue(c: ColumnProfile, rows: number): number {
  return c.distinctCount > 0 ? (rows * (1 - c.missingFraction)) / c.distinctCount : 0;
}

/** The role of one column, given the table-level evidence. Pure: unit tested on hand-made profiles. */
export function columnRole(c: ColumnProfile, rows: number, ev: RoleEvidence, groupColumns: string[], docs?: DatasetDocumentation): RoleResult {
  const name = snakeName(c.name);
  const documentedResponse = docs?.responses.includes(c.name) ?? false;
  if (c.identifierLike) return { role: 'identifier', reason: 'unique values that name rows' };
  if (ev.rowOrder.has(c.name) && !documentedResponse) return { role: 'identifier', reason: 'follows row order with (nearly) unique values' };
  if (c.inferredType === 'date' || c.inferredType === 'timestamp') return { role: 'time-index', reason: `${c.inferredType} column` };
  if (CALENDAR.test(name) && c.inferredType !== 'float') return { role: 'time-index', reason: 'a calendar part by name' };
  const calendarText = docs?.columns[c.name];
  if (calendarText && CALENDAR_TEXT.test(firstClause(calendarText)) && c.inferredType !== 'float' && !documentedResponse) {
    return { role: 'time-index', reason: 'the documentation calls it a calendar part' };
  }
  const within = ev.counterWithin.get(c.name);
  if (within !== undefined && !documentedResponse) {
    if (STEP.test(name) || CALENDAR.test(name)) return { role: 'time-index', reason: `a time step counted within "${within}"` };
    return { role: 'identifier', reason: `a running counter within "${within}"` };
  }
  if (STEP.test(name) && !documentedResponse && c.uniqueness < 0.5 && c.distinctCount <= Math.max(30, rows / 3)) {
    return { role: 'time-index', reason: 'time steps shared by many rows' };
  }
  // Which of a subject's records a row is (event type 1 = recurrence, 2 = death): it indexes the
  // rows and measures nothing, so it is never a target; as a feature it says which record the
  // outcome belongs to, so it stays one (a design variable, docs/column-roles.md). A time grid
  // shared by every subject looks the same and is caught above as a time index.
  // … or as its documentation says: "1 = record represents transplant (patient's first observation)".
  if (docs?.columns[c.name] && RECORD_TEXT.test(docs.columns[c.name]) && c.distinctCount <= 10 && !documentedResponse) {
    return { role: 'design', reason: 'the documentation calls it a record type' };
  }
  const recordOf = ev.recordTypeOf?.get(c.name);
  if (recordOf !== undefined && !documentedResponse) {
    return { role: 'design', reason: `a record type: each "${recordOf}" has one row per value` };
  }
  if (SET_ID.test(name) && (isInteger(c) || c.inferredType === 'categorical') && rowsPerValue(c, rows) <= 12 && c.distinctCount >= 5 && denseCodes(c)) {
    return { role: 'identifier', reason: 'a set/stratum/case number by name, with few rows per value' };
  }
  // "schoolNR", "class_no", "herd_id": the number of a unit the rows belong to (not the subject of
  // repeated measures, which is the group key): it names, it does not measure.
  if (UNIT_NUMBER.test(name) && !groupColumns.includes(c.name) && !documentedResponse && (isInteger(c) || c.inferredType === 'categorical') && c.distinctCount >= 5) {
    return { role: 'identifier', reason: 'a unit\'s number by name' };
  }
  // Names of people, occupations, car models: most values on one or two rows, nothing to generalise from.
  if (c.inferredType === 'categorical' && c.distinctCount >= 20 && (c.uniqueness >= 0.9 || (c.uniqueness >= 0.5 && c.missingFraction < 0.05))) {
    return { role: 'identifier', reason: 'a label with one or two rows per value (a name)' };
  }
  if (c.inferredType === 'categorical' && splitIndicator(c)) {
    return { role: 'identifier', reason: 'the train/test assignment of an earlier study' };
  }
  if (c.inferredType !== 'integer' && c.inferredType !== 'float' && addressValues(c)) {
    return { role: 'identifier', reason: 'web or e-mail addresses (where a row came from)' };
  }
  const described = docs?.columns[c.name];
  if (described && SPLIT_TEXT.test(firstClause(described)) && c.distinctCount <= 3 && !documentedResponse) {
    return { role: 'identifier', reason: 'the documentation calls it the subsample of an earlier analysis' };
  }
  // "player's last name", "alternate name": a name labels a row, whatever its values.
  if (described && NAME_WORDS.test(firstClause(described)) && c.inferredType === 'categorical' && c.distinctCount >= 10 && !documentedResponse) {
    return { role: 'identifier', reason: 'the documentation calls it a name' };
  }
  // Called a code in its first sentence ("Institution code"), or anywhere when most values are unique ("character. District code.").
  const codeText = described && (c.uniqueness >= 0.5 ? described : firstClause(described));
  if (codeText && CODE_WORDS.test(codeText) && !documentedResponse && (isInteger(c) || c.inferredType === 'categorical') && c.distinctCount >= 5) {
    return { role: 'identifier', reason: 'the documentation calls it a code' };
  }
  // An experimenter's factor is set, not observed: it stays one even when a title names it.
  if (DESIGN.test(name) && c.distinctCount <= 20) return { role: 'design', reason: 'an experimental factor by name' };
  if (described && describedAsDesign(described) && c.distinctCount <= 20 && !documentedResponse) {
    return { role: 'design', reason: 'the documentation calls it a dose, a treatment or a starting condition' };
  }
  if (described && PROVENANCE_TEXT.test(described) && !RATING_TEXT.test(described) && c.distinctCount <= 50 && !documentedResponse) {
    return { role: 'design', reason: 'who or how the row was recorded (a house effect), not an outcome' };
  }
  // Of two documented "responses", one a balanced crossed factor and one not, the factor is what
  // the experiment varied ("Soldering of Components…" names the Solder factor; skips is measured).
  if (documentedResponse && ev.crossedFactors.has(c.name) && docs!.responses.some((r) => r !== c.name && !ev.crossedFactors.has(r))) {
    return { role: 'design', reason: 'a factor of a balanced, fully crossed design beside a documented outcome' };
  }
  if (documentedResponse) return { role: 'response', reason: 'the documentation treats it as the outcome' };
  if (groupColumns.includes(c.name)) return { role: 'group', reason: 'a subject/unit of repeated measures' };
  if (ev.crossedFactors.has(c.name)) return { role: 'design', reason: 'a factor of a balanced, fully crossed design' };
  return { role: 'measure', reason: 'a measured variable' };
}

/**
 * What a description first says a column is: its first clause, past a leading R type ("Factor; id
 * of each pig", "a numeric vector. Litter number").
 */
function firstClause(description: string): string {
  const clauses = description.split(/[.;,:]/).map((c) => c.trim());
  // "a numeric vector", "ordered factor with 6 levels": the R type, not what the column is.
  const typeOnly = /^(an?\s+)?(ordered\s+)?(factor|numeric|integer|character|logical|double)(\s+(vector|variable|column))?(\s+with\s+\w+\s+levels?)?$/i;
  return clauses.find((c) => c && !typeOnly.test(c)) ?? '';
}

/** Integer codes run through a range without big gaps (a count or a measurement need not). */
function denseCodes(c: ColumnProfile): boolean {
  if (!isInteger(c) || typeof c.min !== 'number' || typeof c.max !== 'number') return true;
  return c.max - c.min + 1 <= 1.5 * c.distinctCount;
}


/** Few-valued columns that could be design factors or group keys. */
function factorLike(c: ColumnProfile, rows: number): boolean {
  return c.missingFraction === 0 && c.distinctCount >= 2 && c.distinctCount <= 12 && rowsPerValue(c, rows) >= 2 && c.inferredType !== 'float' && c.inferredType !== 'text';
}

/** Every value appears equally often (the profile's top values cover the column). */
function balanced(c: ColumnProfile): boolean {
  const counts = c.topValues.filter((v) => v.value !== null).map((v) => v.count);
  return counts.length === c.distinctCount && counts.length >= 2 && Math.min(...counts) === Math.max(...counts);
}

/** Caps on the pairs checked, so wide tables stay a handful of queries. */
const MAX_COUNTERS = 8;
const MAX_GROUP_KEYS = 8;

/** The SQL-backed evidence for `columnRole`, over a table (or its sample) `source`. */
export async function gatherRoleEvidence(
  db: DuckDbSession, source: string, columns: ColumnProfile[], rows: number, inFileOrder: boolean, groupColumns: string[] = [],
): Promise<RoleEvidence> {
  const ev: RoleEvidence = { counterWithin: new Map(), rowOrder: new Set(), crossedFactors: new Set(), recordTypeOf: new Map(), subjectAttributes: new Set() };
  if (rows < 6) return ev;
  await findSubjectAttributes(db, source, columns, groupColumns, ev);
  await findCounters(db, source, columns, rows, ev, groupColumns);
  await findRecordTypes(db, source, columns, rows, ev);
  if (inFileOrder) await findRowOrder(db, source, columns, ev);
  await findCrossedFactors(db, source, columns, rows, ev);
  return ev;
}

/** Columns checked for being constant within subjects: one query per group key. */
const MAX_ATTRIBUTE_COLUMNS = 60;

async function findSubjectAttributes(db: DuckDbSession, source: string, columns: ColumnProfile[], groupColumns: string[], ev: RoleEvidence): Promise<void> {
  // The finest group key: a subject, not the site it belongs to.
  const key = columns.filter((c) => groupColumns.includes(c.name)).sort((a, b) => b.distinctCount - a.distinctCount)[0];
  if (!key) return;
  const checked = columns.filter((c) => c.name !== key.name && !c.identifierLike && c.distinctCount >= 2 && c.inferredType !== 'text').slice(0, MAX_ATTRIBUTE_COLUMNS);
  if (checked.length === 0) return;
  const per = checked.map((c, i) => `count(DISTINCT ${quoteIdent(c.name)}) AS d${i}`).join(', ');
  const all = checked.map((_, i) => `bool_and(d${i} <= 1) AS k${i}`).join(', ');
  const [r] = await db.all<Record<string, boolean | null>>(`SELECT ${all} FROM (SELECT ${per} FROM ${source} GROUP BY ${quoteIdent(key.name)})`);
  checked.forEach((c, i) => {
    if (r[`k${i}`] === true) ev.subjectAttributes!.add(c.name);
  });
}

async function findCounters(db: DuckDbSession, source: string, columns: ColumnProfile[], rows: number, ev: RoleEvidence, groupColumns: string[]): Promise<void> {
  // A subject numbered 1..n inside each condition counts nothing: it is the subject.
  const counters = columns
    .filter((c) => !groupColumns.includes(c.name) && isInteger(c) && c.missingFraction === 0 && (c.min === 0 || c.min === 1) && c.distinctCount >= 3 && c.distinctCount <= rows / 2)
    .slice(0, MAX_COUNTERS);
  const keys = columns
    .filter((c) => c.missingFraction === 0 && c.inferredType !== 'float' && c.inferredType !== 'text' && c.distinctCount >= 2 && rowsPerValue(c, rows) >= 2)
    .sort((a, b) => b.distinctCount - a.distinctCount)
    .slice(0, MAX_GROUP_KEYS);
  for (const counter of counters) {
    for (const key of keys) {
      if (key.name === counter.name) continue;
      const k = quoteIdent(key.name);
      const v = quoteIdent(counter.name);
      // Within every group the values are distinct and consecutive (1..n or a shared grid start),
      // and most groups hold several rows.
      const [r] = await db.all<{ ok: boolean | null; multi: number; groups: number }>(
        `SELECT bool_and(mx - mn + 1 = cnt AND dc = cnt AND mn = gmin) AS ok, count(*) FILTER (WHERE cnt >= 2) AS multi, count(*) AS groups ` +
          `FROM (SELECT min(${v}) AS mn, max(${v}) AS mx, count(*) AS cnt, count(DISTINCT ${v}) AS dc, (SELECT min(${v}) FROM ${source}) AS gmin FROM ${source} GROUP BY ${k})`,
      );
      const groups = Number(r.groups);
      if (r.ok && Number(r.multi) >= 0.8 * groups && groups >= 2 && rows / groups >= 3) {
        ev.counterWithin.set(counter.name, key.name);
        break;
      }
    }
  }
}

async function findRowOrder(db: DuckDbSession, source: string, columns: ColumnProfile[], ev: RoleEvidence): Promise<void> {
  // Numbers and dates: a unique date per row in date order (a daily log) only says where the row is.
  const ordered = ['integer', 'float', 'date', 'timestamp'];
  const numeric = columns.filter((c) => ordered.includes(c.inferredType) && c.uniqueness >= 0.9 && c.missingFraction === 0).slice(0, 50);
  if (numeric.length === 0) return;
  // Spearman with the row position: Pearson over ranks (rank() of the value, row_number() of the position).
  const ranks = numeric.map((c, i) => `rank() OVER (ORDER BY ${quoteIdent(c.name)}) AS r${i}`).join(', ');
  const corrs = numeric.map((_, i) => `corr(r${i}, __pos) AS s${i}`).join(', ');
  // Row positions need the file's order, which the profiling session does not otherwise keep.
  await db.run('SET preserve_insertion_order = true');
  let r: Record<string, number | null>;
  try {
    [r] = await db.all<Record<string, number | null>>(
      `SELECT ${corrs} FROM (SELECT __pos, ${ranks} FROM (SELECT row_number() OVER () AS __pos, * FROM ${source}))`,
    );
  } finally {
    await db.run('SET preserve_insertion_order = false');
  }
  numeric.forEach((c, i) => {
    const s = r[`s${i}`];
    if (s !== null && Math.abs(Number(s)) >= 0.99) ev.rowOrder.add(c.name);
  });
}

async function findCrossedFactors(db: DuckDbSession, source: string, columns: ColumnProfile[], rows: number, ev: RoleEvidence): Promise<void> {
  // A design needs a response to measure: without a continuous column beside the factors (a
  // balanced recording of words × pitches, say), one of the "factors" is the label itself.
  const measured = columns.some((c) => (c.inferredType === 'float' || c.inferredType === 'integer') && c.distinctCount > 12 && !c.identifierLike);
  if (!measured) return;
  const factors = columns.filter((c) => factorLike(c, rows) && balanced(c)).slice(0, 6);
  for (let i = 0; i < factors.length; i++) {
    for (let j = i + 1; j < factors.length; j++) {
      const a = factors[i];
      const b = factors[j];
      if (a.distinctCount * b.distinctCount * 2 > rows) continue;
      const [r] = await db.all<{ cells: number; lo: number; hi: number }>(
        `SELECT count(*) AS cells, min(n) AS lo, max(n) AS hi FROM (SELECT count(*) AS n FROM ${source} GROUP BY ${quoteIdent(a.name)}, ${quoteIdent(b.name)})`,
      );
      if (Number(r.cells) === a.distinctCount * b.distinctCount && Number(r.lo) === Number(r.hi) && Number(r.lo) >= 2) {
        ev.crossedFactors.add(a.name);
        ev.crossedFactors.add(b.name);
      }
    }
  }
}

/** Fewest subjects for a record-type claim: with a handful, a factor crossed by chance looks the same. */
const MIN_RECORD_SUBJECTS = 10;
/** Share of subjects that must hold every record type (a few may lack one record). */
const RECORD_COMPLETENESS = 0.9;
const MAX_RECORD_TYPES = 24;

/**
 * Record types: a column of 2–12 values that, crossed with a subject column (named like one:
 * id, patient, subject, case, …), holds each subject at most once per value and nearly every
 * subject under every value — the table stacks one record per subject and type. A measured
 * attribute of the subject has one value per subject; a measured outcome repeats values within
 * a subject; only a variable that indexes the records does this. Counters (1, 2, 3, … within a
 * subject) are found first and stay identifiers or time steps.
 */
async function findRecordTypes(db: DuckDbSession, source: string, columns: ColumnProfile[], rows: number, ev: RoleEvidence): Promise<void> {
  const subjects = columns
    .filter((c) => (looksLikeGroupName(c.name) || SET_ID.test(snakeName(c.name))) && (isInteger(c) || c.inferredType === 'categorical'))
    .filter((c) => c.missingFraction === 0 && c.distinctCount >= MIN_RECORD_SUBJECTS && rowsPerValue(c, rows) >= 1.5)
    .slice(0, MAX_GROUP_KEYS);
  if (subjects.length === 0) return;
  for (const subject of subjects) {
    // A subject holds at most one row per type value, so it has no more rows than the type has values.
    const perSubject = rowsPerValue(subject, rows);
    const types = columns
      .filter((c) => factorLike(c, rows) && c.distinctCount >= perSubject && !ev.counterWithin.has(c.name) && !ev.recordTypeOf!.has(c.name) && !subjects.includes(c))
      .slice(0, MAX_RECORD_TYPES);
    if (types.length === 0) continue;
    // One pass per subject column: within every subject each type value appears once (as many
    // distinct values as rows), and nearly every subject has all of them.
    const s = quoteIdent(subject.name);
    const per = types.map((t, i) => `count(DISTINCT ${quoteIdent(t.name)}) AS d${i}`).join(', ');
    const checks = types.map((t, i) => `bool_and(d${i} = n) AS once${i}, count(*) FILTER (WHERE d${i} = ${t.distinctCount}) AS complete${i}`).join(', ');
    const [r] = await db.all<Record<string, number | boolean | null>>(
      `SELECT count(*) AS subjects, ${checks} FROM (SELECT count(*) AS n, ${per} FROM ${source} GROUP BY ${s})`,
    );
    const n = Number(r.subjects);
    if (n < MIN_RECORD_SUBJECTS) continue;
    types.forEach((t, i) => {
      if (r[`once${i}`] === true && Number(r[`complete${i}`]) >= RECORD_COMPLETENESS * n) ev.recordTypeOf!.set(t.name, subject.name);
    });
  }
}
