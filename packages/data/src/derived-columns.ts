// Documented derivations (docs/column-roles.md): a column that its documentation or its name says
// is computed from another column — "Saffir-Simpson storm category (estimated from wind speed)",
// "Weight Z-score" beside "Weight (kg)", `log_price` beside `price` — is that column again, banded
// or rescaled. Each is part of the other's answer, so neither is a feature of a task on the other;
// and whoever built the derived column cared about its source, which is then the outcome worth a
// task. Read from names and documented descriptions only, so the designer (from the profile) and
// the leakage rule (from a spec's description) decide the same way.

import { withoutRType } from './documentation.js';

export interface DescribedColumn {
  name: string;
  /** Its documented description, when the documentation has one. */
  description?: string;
}

/** "(estimated from wind speed)", "computed from height and weight", "based on the total score". */
const FROM_TEXT = /\b(?:estimated|derived|computed|calculated|determined|inferred|constructed|banded|binned|categori[sz]ed|discreti[sz]ed)\s+(?:from|using|based on|on the basis of)\s+(?:the\s+)?([^.;:()=]+)/i;
/** A rescaled measure named after its source's description: "Weight Z-score", "height SDS", "income percentile". */
const TRANSFORM_AFTER = /^(?:the\s+)?([a-z][\w -]*?)\s+(?:z-?\s?scores?|sds|standard deviation scores?|standardi[sz]ed(?: scores?)?|percentiles?|centiles?|ranks?|log(?:arithm)?|deciles?|quintiles?|quartiles?)\b/i;
/**
 * … or in front of it: "log of income", "standardized weight", "rank of the price", and the two
 * variants of a multilevel table, "Average Group Cohesion" and "Group-Mean Centered Cohesion"
 * beside "Cohesion" (a group's mean of the column, and the column minus it).
 */
const TRANSFORM_BEFORE = /^(?:the\s+)?(?:(?:natural\s+)?log(?:arithm)?(?:\s+of)?|log-transformed|standardi[sz]ed|z-?scores? of|rank of|percentile of|square root of|(?:group[- ])?(?:mean[- ])?(?:cent(?:ered|red)|demeaned)|(?:average|mean)(?:\s+group)?|group[- ](?:average|mean)(?:\s+of)?)\s+(?:the\s+)?([a-z][\w -]*?)(?:\s*[,(;.]|$)/i;
/** A transform in the name: `log_price`, `ln.income`, `wgt.z`, `score_rank`. */
const NAME_PREFIX = /^(?:log|ln|log10|log2|sqrt|z|rank)[._]?(.+)$/i;
const NAME_SUFFIX = /^(.+?)[._](?:log|ln|log10|z|zscore|rank)$/i;

function words(s: string): string[] {
  return s.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? [];
}

/** The words a description opens with, before its units or codes: "Height (cm)" → height. */
function head(description: string | undefined): string[] {
  return description ? words(withoutRType(description).split(/[(,;:.]/)[0]).filter((w) => w !== 'the') : [];
}

/** Columns a phrase ("wind speed", "height and weight") names: by name, or by the head of their description. */
function named(phrase: string, columns: DescribedColumn[], self: string): string[] {
  const said = words(phrase).slice(0, 6);
  return columns
    .filter((c) => c.name !== self)
    .filter((c) => {
      const name = c.name.toLowerCase();
      if (name.length >= 3 && said.includes(name)) return true;
      const h = head(c.description);
      return h.length > 0 && h.length <= 3 && h.every((w) => said.includes(w));
    })
    .map((c) => c.name);
}

/** Columns whose whole name, or the head of whose description, is exactly `phrase`. */
function namedExactly(phrase: string, columns: DescribedColumn[], self: string): string[] {
  const said = words(phrase).join(' ');
  if (said === '') return [];
  return columns.filter((c) => c.name !== self && (c.name.toLowerCase() === said || head(c.description).join(' ') === said)).map((c) => c.name);
}

/** The columns `c` is documented (or named) as computed from; empty when none is in the table. */
export function derivationSources(c: DescribedColumn, columns: DescribedColumn[]): string[] {
  const text = c.description ? withoutRType(c.description) : '';
  const from = FROM_TEXT.exec(text);
  if (from) {
    const sources = named(from[1], columns, c.name);
    if (sources.length > 0) return sources;
  }
  for (const pattern of [TRANSFORM_AFTER, TRANSFORM_BEFORE]) {
    const m = pattern.exec(text);
    if (!m) continue;
    const sources = namedExactly(m[1], columns, c.name);
    if (sources.length === 1) return sources;
  }
  for (const pattern of [NAME_PREFIX, NAME_SUFFIX]) {
    const m = pattern.exec(c.name);
    if (!m) continue;
    const sources = columns.filter((o) => o.name !== c.name && o.name.toLowerCase() === m[1].toLowerCase()).map((o) => o.name);
    if (sources.length === 1) return sources;
  }
  return [];
}

/** Every documented derivation in the table: derived column → the columns it is computed from. */
export function documentedDerivations(columns: DescribedColumn[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of columns) {
    const sources = derivationSources(c, columns);
    if (sources.length > 0) out.set(c.name, sources);
  }
  return out;
}

/**
 * The columns that are part of `target`'s answer by a documented derivation: those computed from
 * it, and those it is computed from.
 */
export function derivationPartners(target: string, columns: DescribedColumn[]): string[] {
  const derivations = documentedDerivations(columns);
  const out = new Set<string>(derivations.get(target) ?? []);
  for (const [derived, sources] of derivations) if (sources.includes(target)) out.add(derived);
  out.delete(target);
  return [...out].sort();
}

/** A score against a reference population (growth charts, test norms): "Weight Z-score", "height SDS", "BMI percentile". */
const REFERENCE_SCORE = /\b(?:z-?\s?scores?|sds|standard deviation scores?|percentiles?|centiles?)\b/i;

/**
 * Columns someone banded or scored against a reference, each with that derived column: the
 * quantity they cared about (wind beside its storm category, weight beside its Z-score). Not a
 * column combined with others into an index (height and weight into BMI), nor a covariate centred
 * or logged for a model (cHEIGHT "centered height, derived from HEIGHT", logBroodSize): those are
 * ingredients, not outcomes.
 */
export function bandedOrScored(
  columns: Array<DescribedColumn & { distinctCount?: number }>, derivations: Map<string, string[]> = documentedDerivations(columns),
): Map<string, string> {
  const out = new Map<string, string>();
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const [derived, sources] of derivations) {
    if (sources.length !== 1) continue;
    const d = byName.get(derived)!;
    const source = byName.get(sources[0])!;
    const [n, of] = [d.distinctCount ?? Infinity, source.distinctCount ?? 0];
    const band = n <= 20 && n * 2 < of;
    if (band || REFERENCE_SCORE.test(d.description ?? '')) out.set(sources[0], derived);
  }
  return out;
}
