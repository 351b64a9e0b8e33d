// Time-to-event outcomes (docs/column-roles.md): a follow-up study records each subject's outcome
// as two columns, how long the subject was followed and whether the event ended the follow-up. Both
// are known only at the end of follow-up, so each is part of the other's answer: neither is a
// feature of a task on the other. Read from names and documented descriptions only, so the designer
// (from the profile) and the leakage rule (from a spec's description) decide the same way.

import { withoutRType } from './documentation.js';

/**
 * A description that calls the column the length or end of a follow-up: "Survival time in days",
 * "days until event or censoring", "time to progression or last follow-up", "Observation (follow
 * up) time", "number of years at risk", "date of exit from the follow-up study", "number of days
 * between registration and the earlier of death, transplantation, or study analysis".
 */
const FOLLOW_UP_TEXT = new RegExp(
  [
    'follow[- ]?up',
    'survival time',
    'time (?:to|until) (?:the\\s+)?(?:event|death|failure|relapse|recurrence|progression|censoring|tumou?r|last|exit)',
    '(?:days|weeks|months|years|time) (?:at risk|of observation|under observation)',
    '(?:days|weeks|months|years|time) (?:until|to) (?:the\\s+)?(?:death|event|censoring|failure|relapse|recurrence|progression)',
    'observation time|time at risk|censoring time',
    'date of (?:exit|death|last (?:contact|visit|follow[- ]?up)|censoring|failure|event)',
    '(?:registration|entry|enrol?ment|randomi[sz]ation|diagnosis)\\b[^.;]{0,40}\\b(?:death|event|failure|censoring|relapse|exit)',
    'on death',
    'event times?',
    'time-to-event',
    'time from [^.;]{0,40}?\\b(?:until|to) (?:the\\s+)?(?:death|event|failure|relapse|recurrence|progression|censoring)',
  ].map((p) => `\\b(?:${p})\\b`).join('|'),
  'i',
);
/** The start of follow-up is a baseline fact: "date of entry into follow-up study", "age at entry". */
const ENTRY_TEXT = /^(?:the\s+)?(?:\w+\s+)?(?:date|age|time|day|year)s?\s+(?:of|at)\s+(?:entry|enrol?ment|start|admission|registration|randomi[sz]ation|diagnosis)\b/i;
/** Names that only a follow-up time carries. */
const FOLLOW_UP_NAME = /^(futime|fu_?time|fu_?days|fu_?years|survtime|surv_?time|stime|follow_?up|time_?to_?event)$/i;
/**
 * A description that calls the column the event indicator: its censoring status, an event status,
 * "indicator for relapse", "1 = progression observed", "Coronary heart disease event: 0 = none",
 * "status at endpoint", "1=CHD event", the "cause of failure" of competing risks — not the type of an event ("event type: 1=recurrence, 2=death").
 */
const EVENT_TEXT = new RegExp(
  [
    'censor(?:ed|ing)?',
    'event (?:status|indicator)',
    'vital status',
    'status (?:at|on) (?:the\\s+)?(?:end|endpoint|exit|last)',
    'indicator (?:of|for) (?:the\\s+)?(?:event|death|relapse|recurrence|progression|failure|tumou?r)',
    '\\d\\s*=\\s*(?:[a-z]+\\s+)?(?:dead|died|death|event|relapse|recurrence|progression|failure)',
    'event\\s*[:,]\\s*\\d(?=\\s*=)',
    'cause of (?:failure|death|exit|censoring)',
  ].map((p) => `\\b(?:${p})\\b`).join('|'),
  'i',
);
/** Which of a subject's records a row is, not whether the event happened. */
const EVENT_TYPE_TEXT = /\b(?:event|failure|death|record)\s+type\b|\btype of (?:the\s+)?(?:event|failure|record)\b/i;
const EVENT_NAME = /^(status|cens|censor|censored|censoring|event|fail|failure|died|death|dead|fustat|vital_?status|delta)$/i;
/** An event indicator has a few codes (censored / event, or censored / transplant / dead). */
const MAX_EVENT_CODES = 4;

export interface OutcomeColumn {
  name: string;
  /** Its documented description, when the documentation has one. */
  description?: string;
  /** Its number of distinct values, when known. */
  distinctCount?: number;
}

/** A profiled column as the readers below see it: its name, documented description and number of values. */
export function outcomeColumn(c: { name: string; distinctCount: number }, descriptions: Record<string, string> = {}): OutcomeColumn {
  return { name: c.name, description: descriptions[c.name], distinctCount: c.distinctCount };
}

/** The column is the length (or end) of a subject's follow-up. */
export function isFollowUpTime(c: OutcomeColumn): boolean {
  if (c.distinctCount !== undefined && c.distinctCount <= MAX_EVENT_CODES) return false;
  if (FOLLOW_UP_NAME.test(c.name)) return true;
  const text = c.description ? withoutRType(c.description) : '';
  return text !== '' && FOLLOW_UP_TEXT.test(text) && !ENTRY_TEXT.test(text);
}

/** The column says whether (or which) event ended the subject's follow-up. */
export function isEventIndicator(c: OutcomeColumn): boolean {
  if (c.distinctCount !== undefined && c.distinctCount > MAX_EVENT_CODES) return false;
  const text = c.description ? withoutRType(c.description) : '';
  // "the type of event 0 = censored, 1 = dementia onset, 2 = death" is the competing-risks status.
  if (EVENT_TYPE_TEXT.test(text) && !/\bcensor/i.test(text)) return false;
  return EVENT_NAME.test(c.name) || EVENT_TEXT.test(text);
}

/** How long until something: "Duration of breast feeding", "Time to reinfection", "Age child had pneumonia". */
const DURATION_START = /^(?:the\s+)?(?:time|duration|length|age|days|weeks|months|years)\b/i;
/** A yes/no column: "Indicator of …", "Reinfection (1=yes, 0=no)". */
const INDICATOR_TEXT = /\bindicator\b|\b1\s*=\s*yes\b/i;
/** The event an indicator is about, in at most this many words ("breast feeding", "hospitalization for pneumonia"). */
const MAX_SUBJECT_WORDS = 3;

/** What a yes/no indicator says happened: its first clause without "Indicator of (completed)" and the codes. */
function indicatorSubject(description: string): string[] {
  const subject = withoutRType(description)
    .replace(/^(?:an?\s+)?indicator\s+(?:variable\s+)?(?:of|for)\s+(?:(?:completed|the)\s+)?/i, '')
    .replace(/[(,;.:].*$/, '')
    .trim();
  return subject.split(/\s+/).filter(Boolean);
}

/**
 * A duration and a yes/no indicator about the same event, where the documentation uses none of
 * the follow-up words: "Duration of breast feeding, weeks" with "Indicator of completed breast
 * feeding (1=yes, 0=no)", "Time to reinfection" with "Reinfection (1=yes, 0=no)". The indicator's
 * subject is short and its last word is in the duration's description.
 */
function pairedBySubject(time: OutcomeColumn, event: OutcomeColumn): boolean {
  if (!time.description || !event.description) return false;
  if ((time.distinctCount ?? Infinity) <= MAX_EVENT_CODES || (event.distinctCount ?? 2) > 2) return false;
  if (!DURATION_START.test(withoutRType(time.description)) || !INDICATOR_TEXT.test(event.description)) return false;
  const words = indicatorSubject(event.description);
  const last = (words.at(-1) ?? '').replace(/[^\w-]/g, '');
  return words.length > 0 && words.length <= MAX_SUBJECT_WORDS && last.length >= 5 && new RegExp(`\\b${last}\\b`, 'i').test(time.description);
}

/**
 * The other half of `target`'s time-to-event outcome among `columns`: the follow-up times when the
 * target is an event indicator, the event indicators when it is a follow-up time. Empty when the
 * table does not hold both halves.
 */
export function timeToEventPartners(target: OutcomeColumn, columns: OutcomeColumn[]): string[] {
  const others = columns.filter((c) => c.name !== target.name);
  const strictEvent = isEventIndicator(target);
  const strictTime = !strictEvent && isFollowUpTime(target);
  return others
    .filter((c) => (strictEvent && isFollowUpTime(c)) || (strictTime && isEventIndicator(c)) || pairedBySubject(c, target) || pairedBySubject(target, c))
    .map((c) => c.name);
}

/** Every column that is one half of a time-to-event outcome in the table: the table's outcome, when the documentation names none. */
export function timeToEventColumns(columns: OutcomeColumn[]): Set<string> {
  return new Set(columns.filter((c) => timeToEventPartners(c, columns).length > 0).map((c) => c.name));
}
