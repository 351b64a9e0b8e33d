// Where a dataset's labelled media come from: a labels table with a media-path column of our
// kind (preferred), or a folder-per-class layout. For the folder layout the designer adds a
// virtual index table (path, label) to the profile, so specs name a table that verifier rules
// can bind against, exactly like a labels table.
import type { CandidateTarget, ColumnProfile, DatasetProfile, Objective, TableProfile } from '@mle-smith/core';
import { MEDIA_INDEX_TABLE } from '@mle-smith/data';
import type { MediaConfig } from './config.js';
import type { ResolvedOptions } from './options.js';

export { MEDIA_INDEX_TABLE };

export interface MediaSource {
  route: 'table' | 'folder';
  table: string;
  /** Raw column with the file paths ("path" for the folder index). */
  column: string;
  target: CandidateTarget;
  /** Other raw columns of the table (dropped: the task is about the media). */
  otherColumns: string[];
  classes?: string[];
}

const OBJECTIVES: Objective[] = ['binary', 'multiclass', 'regression'];

function tableSource(profile: DatasetProfile, config: MediaConfig, options: ResolvedOptions): MediaSource | undefined {
  for (const table of profile.tables) {
    if (table.name === MEDIA_INDEX_TABLE) continue;
    const media = table.mediaColumns.find((m) => m.kind === config.kind);
    if (!media) continue;
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    const target = [...table.candidateTargets]
      .filter((t) => t.column !== media.column && OBJECTIVES.includes(t.objective) && !byName.get(t.column)?.identifierLike)
      .filter((t) => t.objective === 'regression' || (byName.get(t.column)?.distinctCount ?? 0) <= options.maxClasses)
      .sort((a, b) => b.score - a.score || (a.column < b.column ? -1 : 1))[0];
    if (!target) continue;
    return {
      route: 'table',
      table: table.name,
      column: media.column,
      target,
      otherColumns: table.columns.map((c) => c.name).filter((n) => n !== media.column && n !== target.column),
    };
  }
  return undefined;
}

function folderSource(profile: DatasetProfile, config: MediaConfig, options: ResolvedOptions): MediaSource | undefined {
  const media = profile.media.find((m) => m.kind === config.kind && m.classes);
  if (!media?.classes) return undefined;
  if (!media.extensions.every((e) => config.extensions.includes(e))) return undefined;
  const classes = Object.keys(media.classes);
  if (classes.length < 2 || classes.length > options.maxClasses) return undefined;
  if (Object.values(media.classes).some((n) => n < 2)) return undefined;
  return {
    route: 'folder',
    table: MEDIA_INDEX_TABLE,
    column: 'path',
    target: { column: 'label', objective: classes.length === 2 ? 'binary' : 'multiclass', reason: 'folder-per-class layout: the folder name is the label', score: 1 },
    otherColumns: [],
    classes,
  };
}

export function findMediaSource(profile: DatasetProfile, config: MediaConfig, options: ResolvedOptions): MediaSource | undefined {
  return tableSource(profile, config, options) ?? folderSource(profile, config, options);
}

/** The index table of a folder-per-class dataset, as the profiler would describe it. */
export function indexTableProfile(profile: DatasetProfile, config: MediaConfig): TableProfile | undefined {
  const media = profile.media.find((m) => m.kind === config.kind && m.classes);
  if (!media?.classes) return undefined;
  const n = media.fileCount;
  const classes = Object.entries(media.classes);
  const column = (name: string, extra: Partial<ColumnProfile>): ColumnProfile => ({
    name, duckdbType: 'VARCHAR', inferredType: 'categorical', missingFraction: 0, distinctCount: n, uniqueness: 1, topValues: [], identifierLike: false, ...extra,
  });
  return {
    name: MEDIA_INDEX_TABLE,
    file: `${media.kind} files in class folders`,
    format: 'csv',
    rowCount: n,
    columns: [
      column('path', { inferredType: 'media-path' }),
      column('label', {
        distinctCount: classes.length,
        uniqueness: classes.length / n,
        topValues: classes.sort((a, b) => b[1] - a[1]).slice(0, 10).map(([value, count]) => ({ value, count })),
      }),
    ],
    candidateKeys: ['path'],
    candidateTargets: [{ column: 'label', objective: classes.length === 2 ? 'binary' : 'multiclass', reason: 'folder name', score: 1 }],
    groupColumns: [],
    mediaColumns: [{ column: 'path', kind: media.kind }],
  };
}

/**
 * Adds the folder index table to the profile the pipeline hands around (idempotent). The
 * profile is the object the verifier's spec rules receive, so the spec's table exists for them;
 * it is called from supports() too, because on resume the profile is re-read from its checkpoint.
 */
export function ensureIndexTable(profile: DatasetProfile, source: MediaSource, config: MediaConfig): void {
  if (source.route !== 'folder' || profile.tables.some((t) => t.name === MEDIA_INDEX_TABLE)) return;
  const table = indexTableProfile(profile, config);
  if (table) profile.tables.push(table);
}
