// Which raw columns a tabular task may use, and why the others are left out. Both the
// brainstormer and the designer read this, so a column is excluded for one reason in one place.
import type { ColumnProfile, DatasetProfile, TableProfile } from '@mle-smith/core';

export type ExclusionReason = 'identifier' | 'long-text' | 'media' | 'empty' | 'constant' | 'group' | 'time-index';

export interface ColumnPolicy {
  longTextChars: number;
}

export function isNumeric(col: ColumnProfile): boolean {
  return col.inferredType === 'integer' || col.inferredType === 'float';
}

export function isTemporal(col: ColumnProfile): boolean {
  return col.inferredType === 'date' || col.inferredType === 'timestamp';
}

/** Free text (not a category): the text designer's job, never a tabular feature. */
export function isLongText(col: ColumnProfile, policy: ColumnPolicy): boolean {
  if (col.inferredType === 'text') return true;
  return (col.textLength?.mean ?? 0) >= policy.longTextChars;
}

function mediaColumnSet(table: TableProfile): Set<string> {
  return new Set(table.mediaColumns.map((m) => m.column));
}

/** Why a column may not be a feature (undefined: it may). */
export function exclusionReason(table: TableProfile, col: ColumnProfile, policy: ColumnPolicy): ExclusionReason | undefined {
  // Identifiers (row indices, counters within groups, stratum and case numbers, codes with one row
  // per value) name rows: as features they only memorise or leak row order (docs/column-roles.md).
  if (col.identifierLike || col.role === 'identifier') return 'identifier';
  if (col.inferredType === 'media-path' || mediaColumnSet(table).has(col.name)) return 'media';
  if (col.missingFraction >= 1) return 'empty';
  if (isLongText(col, policy)) return 'long-text';
  if (isGroupColumn(table, col)) return 'group';
  if (col.distinctCount <= 1) return 'constant';
  // A raw date says when a row was recorded: outside a forecasting task it encodes the order of
  // enrolment or collection, not a property of the row. Its month stays, as a derived feature.
  if (isTemporal(col)) return 'time-index';
  return undefined;
}

/** Every excluded column of a table with its reason, in the table's column order. */
export function exclusions(table: TableProfile, policy: ColumnPolicy): Map<string, ExclusionReason> {
  const out = new Map<string, ExclusionReason>();
  for (const col of table.columns) {
    const reason = exclusionReason(table, col, policy);
    if (reason) out.set(col.name, reason);
  }
  return out;
}

/** A table the tabular designer may take: it has candidate targets and no media columns. */
export function isTabularTable(table: TableProfile): boolean {
  return table.mediaColumns.length === 0 && !table.columns.some((c) => c.inferredType === 'media-path');
}

export function findTable(profile: DatasetProfile, name: string): TableProfile | undefined {
  return profile.tables.find((t) => t.name === name);
}

export function columnIndex(table: TableProfile): Map<string, ColumnProfile> {
  return new Map(table.columns.map((c) => [c.name, c]));
}

/** Fewer groups than this make a group split too coarse; such a column stays a feature. */
export const MIN_GROUPS = 10;

/** A subject/group column of repeated-measure data, usable for a group split. */
export function isGroupColumn(table: TableProfile, col: ColumnProfile): boolean {
  return table.groupColumns.includes(col.name) && col.distinctCount >= MIN_GROUPS && col.missingFraction < 1;
}
