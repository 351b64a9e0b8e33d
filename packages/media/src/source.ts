// Where a dataset's labelled media come from: tables with a media-path column of our kind and a
// label column. A folder-per-class layout is such a table too: the profiler presents it as the
// virtual table `images(path, label)` / `recordings(path, label)` (@mle-smith/data's
// media-folder.ts), so specs always name a table the verifier rules and the split know. One
// dataset may offer several sources: the folder label, a label column of an attributes table
// keyed by file path, a numeric attribute of it (regression).
import type { CandidateTarget, ColumnProfile, DatasetProfile, Objective, TableProfile } from '@mle-smith/core';
import type { MediaConfig } from './config.js';
import type { ResolvedOptions } from './options.js';

export interface MediaSource {
  table: string;
  /** Raw column with the file paths. */
  column: string;
  target: CandidateTarget;
  /** Other raw columns of the table (dropped: the task is about the media). */
  otherColumns: string[];
}

const OBJECTIVES: Objective[] = ['binary', 'multiclass', 'regression'];

/**
 * Columns that describe the file itself (its size, shape, duration, format): anyone can read them
 * from the file, so predicting them is no task. docs/modalities.md lists them.
 */
export const FILE_PROPERTY = /^(width|height|size|bytes|file_?size|size_?bytes|n?_?pixels|aspect(_?ratio)?|mode|format|ext|extension|channels|n_?channels|sample_?rate|sr|frames|n_?frames|n_?samples|bit_?depth|bits(_per_sample)?|duration(_?(s|sec|secs|seconds|ms))?|length(_?(s|sec|secs|seconds|ms))?)$/i;

function textFirst(column: ColumnProfile | undefined): number {
  return column?.inferredType === 'categorical' || column?.inferredType === 'boolean' ? 0 : 1;
}

function targetsOf(table: TableProfile, mediaColumn: string, options: ResolvedOptions): CandidateTarget[] {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  return [...table.candidateTargets]
    .filter((t) => t.column !== mediaColumn && OBJECTIVES.includes(t.objective) && !byName.get(t.column)?.identifierLike && !FILE_PROPERTY.test(t.column))
    .filter((t) => t.objective === 'regression' || (byName.get(t.column)?.distinctCount ?? 0) <= options.maxClasses)
    // A text label (a class name) describes a file better than a number beside it; then the profiler's score.
    .sort((a, b) => textFirst(byName.get(a.column)) - textFirst(byName.get(b.column)) || b.score - a.score || (a.column < b.column ? -1 : 1));
}

/**
 * True when a table's column repeats the folder label: the same class names with the same counts
 * as the class folders (a labels table listing `cat/1.png,cat`). Proposing it again would give
 * the same task twice.
 */
function repeatsFolders(column: ColumnProfile | undefined, folders: Record<string, number> | undefined): boolean {
  if (!column || !folders || column.distinctCount !== Object.keys(folders).length) return false;
  return column.topValues.length === column.distinctCount && column.topValues.every((v) => v.value !== null && folders[String(v.value)] === v.count);
}

/**
 * Every usable (table, target) pair, best first: the class folders' label, then labels of
 * attribute tables, then their numeric attributes; one entry per target column.
 */
export function findMediaSources(profile: DatasetProfile, config: MediaConfig, options: ResolvedOptions): MediaSource[] {
  const out: MediaSource[] = [];
  const folders = profile.tables.some((t) => t.file === '.' && t.mediaColumns.some((m) => m.kind === config.kind))
    ? profile.media.find((m) => m.kind === config.kind)?.classes
    : undefined;
  for (const table of profile.tables) {
    const media = table.mediaColumns.find((m) => m.kind === config.kind);
    if (!media) continue;
    const seen = new Set<string>();
    for (const target of targetsOf(table, media.column, options)) {
      if (seen.has(target.column)) continue;
      if (table.file !== '.' && repeatsFolders(table.columns.find((c) => c.name === target.column), folders)) continue;
      seen.add(target.column);
      out.push({
        table: table.name,
        column: media.column,
        target,
        otherColumns: table.columns.map((c) => c.name).filter((n) => n !== media.column && n !== target.column),
      });
    }
  }
  const rank = (s: MediaSource): number => (profile.tables.find((t) => t.name === s.table)?.file === '.' ? 0 : s.target.objective === 'regression' ? 2 : 1);
  // Stable: within a rank, the tables' and targets' own order.
  return out.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
}

/** The best source, or undefined when the dataset has no labelled files of our kind. */
export function findMediaSource(profile: DatasetProfile, config: MediaConfig, options: ResolvedOptions): MediaSource | undefined {
  return findMediaSources(profile, config, options)[0];
}
