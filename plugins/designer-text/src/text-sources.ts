// Where the text of a dataset is and what could be predicted from it. Both supports() and the
// brainstormer read this, so a dataset is judged by one set of rules.
//
// A text source is either an inline free-text column (kept inline in train.csv/test.csv) or a
// column of paths to text files (a labels table, or the virtual `documents(path, label)` table
// @mle-smith/data gives a folder-per-class corpus); file sources are copied to public/texts/.
import type { ColumnProfile, DatasetProfile, Objective, TableProfile } from '@mle-smith/core';
import type { ResolvedOptions } from './options.js';
import { compareStrings } from './sql.js';

export type TextLayout = 'inline' | 'files';

export interface TextSource {
  table: TableProfile;
  layout: TextLayout;
  /** The free-text column (inline) or the column of file paths (files). */
  column: string;
}

export interface LabelPlan {
  table: TableProfile;
  source: TextSource;
  column: ColumnProfile;
  objective: Objective;
  /** Kept classes, sorted (classification). */
  classes?: string[];
  /** Classes left out for having fewer than minClassRows rows. */
  droppedClasses?: string[];
  /** Rows per kept class, in `classes` order. */
  classCounts?: number[];
  score: number;
  reason: string;
}

const TARGET_NAME = /^(label|labels|class|category|target|y|sentiment|topic|party|genre|author|spam|outcome|rating|score|stars|year|decade)$/i;
/** Columns naming who wrote a text: documents of one author go to one side of the split. */
const AUTHOR_NAME = /(^|_)(author|speaker|president|writer|user|username|poster|sender|source|channel)(_?(id|name))?$/i;

/** Free text (not a category), the way designer-tabular's long-text exclusion sees it. */
export function isFreeText(col: ColumnProfile, options: Pick<ResolvedOptions, 'minTextChars'>): boolean {
  if (col.inferredType === 'media-path' || col.identifierLike) return false;
  if (col.inferredType === 'text') return true;
  return (col.textLength?.mean ?? 0) >= options.minTextChars;
}

/** The text source of a table: a text-file column first, else its longest free-text column. */
export function textSourceOf(table: TableProfile, options: Pick<ResolvedOptions, 'minTextChars'>): TextSource | undefined {
  const files = table.mediaColumns.find((m) => m.kind === 'text');
  if (files) return { table, layout: 'files', column: files.column };
  const texts = table.columns
    .filter((c) => isFreeText(c, options) && c.missingFraction < 0.5)
    .sort((a, b) => (b.textLength?.mean ?? 0) - (a.textLength?.mean ?? 0) || compareStrings(a.name, b.name));
  return texts[0] ? { table, layout: 'inline', column: texts[0].name } : undefined;
}

/** Class labels with their counts when the profile's top values cover every class. */
function classCounts(col: ColumnProfile): Map<string, number> | undefined {
  const values = col.topValues.filter((v) => v.value !== null && v.value !== undefined);
  if (values.length < col.distinctCount) return undefined;
  return new Map(values.map((v) => [String(v.value), v.count]));
}

function sortLabels(labels: string[]): string[] {
  const numeric = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return [...labels].sort((a, b) => (numeric ? Number(a) - Number(b) : compareStrings(a, b)));
}

/** Why a label column cannot be used (a string), or its plan. */
function planLabel(source: TextSource, col: ColumnProfile, objective: Objective, baseScore: number, reason: string, options: ResolvedOptions): LabelPlan | string {
  const table = source.table;
  if (col.name === source.column) return 'is the text itself';
  if (col.identifierLike) return 'is an identifier';
  if (col.missingFraction >= 0.5) return 'is mostly missing';
  if (col.inferredType === 'media-path' || col.inferredType === 'text') return 'is not a label';
  let score = baseScore + (TARGET_NAME.test(col.name) ? 0.5 : 0);
  if (objective === 'regression') {
    if (col.inferredType !== 'integer' && col.inferredType !== 'float') return 'is not numeric';
    return { table, source, column: col, objective, score: score - 0.2, reason };
  }
  if (objective !== 'binary' && objective !== 'multiclass') return `${objective} is not supported by the text designer`;
  const counts = classCounts(col);
  if (!counts) return `has ${col.distinctCount} classes (more than the profile lists)`;
  const labelled = [...counts.values()].reduce((a, b) => a + b, 0);
  const kept = sortLabels([...counts.keys()].filter((k) => counts.get(k)! >= options.minClassRows));
  const dropped = sortLabels([...counts.keys()].filter((k) => counts.get(k)! < options.minClassRows));
  if (kept.length < 2) return `has fewer than 2 classes with at least ${options.minClassRows} rows`;
  if (kept.length > options.maxClasses) return `has ${kept.length} classes (more than ${options.maxClasses})`;
  const keptRows = kept.reduce((a, k) => a + counts.get(k)!, 0);
  if (labelled - keptRows > options.maxDroppedFraction * labelled) {
    return `leaving out its rare classes would drop ${labelled - keptRows} of ${labelled} rows`;
  }
  if (dropped.length) score -= 0.1;
  const plan: LabelPlan = {
    table, source, column: col, objective: kept.length === 2 ? 'binary' : 'multiclass', classes: kept,
    classCounts: kept.map((k) => counts.get(k)!), score, reason,
  };
  if (dropped.length) plan.droppedClasses = dropped;
  return plan;
}

export interface TextScan {
  plans: LabelPlan[];
  /** "<file>: column "x" ..." lines, for the error when nothing is usable. */
  rejected: Array<{ file: string; message: string }>;
  sources: TextSource[];
}

export function scanText(profile: DatasetProfile, options: ResolvedOptions): TextScan {
  const plans: LabelPlan[] = [];
  const rejected: TextScan['rejected'] = [];
  const sources: TextSource[] = [];
  for (const table of profile.tables) {
    const source = textSourceOf(table, options);
    if (!source) continue;
    sources.push(source);
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    for (const cand of table.candidateTargets) {
      const col = byName.get(cand.column);
      if (!col) continue;
      const plan = planLabel(source, col, cand.objective, cand.score, cand.reason, options);
      if (typeof plan === 'string') rejected.push({ file: table.file, message: `column "${cand.column}" ${plan}` });
      else plans.push(plan);
    }
  }
  plans.sort((a, b) => b.score - a.score || compareStrings(a.table.name, b.table.name) || compareStrings(a.column.name, b.column.name));
  return { plans, rejected, sources };
}

/** A column naming the author of each text, usable for a group split (at least 10 authors, repeated). */
export function authorColumn(table: TableProfile, exclude: string[]): ColumnProfile | undefined {
  return table.columns.find((c) => {
    if (exclude.includes(c.name) || !AUTHOR_NAME.test(c.name) || c.identifierLike) return false;
    if (c.inferredType !== 'categorical' && c.inferredType !== 'integer') return false;
    const rows = table.rowCount * (1 - c.missingFraction);
    return c.distinctCount >= 10 && rows / c.distinctCount >= 1.5 && c.missingFraction === 0;
  });
}
