// Where a dataset's labelled media come from: a table with a media-path column of our kind and
// a label column. A folder-per-class layout is such a table too: the profiler presents it as
// the virtual table `images(path, label)` / `recordings(path, label)` (@mle-smith/data's
// media-folder.ts), so specs always name a table the verifier rules and the split know.
import type { CandidateTarget, ColumnProfile, DatasetProfile, Objective } from '@mle-smith/core';
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

function textFirst(column: ColumnProfile | undefined): number {
  return column?.inferredType === 'categorical' || column?.inferredType === 'boolean' ? 0 : 1;
}

export function findMediaSource(profile: DatasetProfile, config: MediaConfig, options: ResolvedOptions): MediaSource | undefined {
  for (const table of profile.tables) {
    const media = table.mediaColumns.find((m) => m.kind === config.kind);
    if (!media) continue;
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    const target = [...table.candidateTargets]
      .filter((t) => t.column !== media.column && OBJECTIVES.includes(t.objective) && !byName.get(t.column)?.identifierLike)
      .filter((t) => t.objective === 'regression' || (byName.get(t.column)?.distinctCount ?? 0) <= options.maxClasses)
      // A text label (a class name) describes a file better than a number beside it; then the profiler's score.
      .sort((a, b) => textFirst(byName.get(a.column)) - textFirst(byName.get(b.column)) || b.score - a.score || (a.column < b.column ? -1 : 1))[0];
    if (!target) continue;
    return {
      table: table.name,
      column: media.column,
      target,
      otherColumns: table.columns.map((c) => c.name).filter((n) => n !== media.column && n !== target.column),
    };
  }
  return undefined;
}
