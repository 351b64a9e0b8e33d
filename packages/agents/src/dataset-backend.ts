// The data tools over a real dataset folder: answers come from the profile where it has them
// and from read-only DuckDB SQL (@mle-smith/data) otherwise.
import type { DatasetProfile, TableProfile } from '@mle-smith/core';
import { quoteIdent, runReadOnlySql } from '@mle-smith/data';
import { createDataTools, type DataToolsBackend, type DataToolsOptions } from './data-tools.js';
import type { AgentTool } from './tools.js';

/** Columns listed per table in the overview; the rest are counted, and column_profile has them all. */
const OVERVIEW_COLUMNS = 200;

function pct(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

function describeColumn(c: TableProfile['columns'][number]): string {
  const notes = [c.inferredType, `${c.distinctCount} distinct`];
  if (c.missingFraction > 0) notes.push(`${pct(c.missingFraction)} missing`);
  if (c.identifierLike) notes.push('id-like');
  if (c.role && c.role !== 'measure') notes.push(`role: ${c.role}${c.roleReason ? ` — ${c.roleReason}` : ''}`);
  return `${c.name} ${c.duckdbType} (${notes.join(', ')})`;
}

export function createDatasetBackend(rawDir: string, profile: DatasetProfile): DataToolsBackend {
  const tableOf = (name: string): TableProfile => {
    const t = profile.tables.find((x) => x.name === name) ?? profile.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t) throw new Error(`no table "${name}"; tables: ${profile.tables.map((x) => x.name).join(', ') || '(none)'}`);
    return t;
  };
  return {
    overview: async () => ({
      dataset: profile.name,
      license: profile.license,
      tables: profile.tables.map((t) => ({
        name: t.name,
        file: t.file,
        rows: t.rowCount,
        columns: t.columns.slice(0, OVERVIEW_COLUMNS).map(describeColumn),
        ...(t.columns.length > OVERVIEW_COLUMNS ? { moreColumns: t.columns.length - OVERVIEW_COLUMNS } : {}),
        candidateKeys: t.candidateKeys,
        candidateTargets: t.candidateTargets.map((c) => `${c.column}: ${c.objective} (${c.reason})`),
        groupColumns: t.groupColumns,
        mediaColumns: t.mediaColumns,
      })),
      media: profile.media,
      files: profile.files.length,
      // What the data's own documentation says: the brainstormer weighs its stated outcome first.
      ...(profile.documentation ? { documentation: profile.documentation } : {}),
    }),
    columnProfile: async (table, column) => {
      const t = tableOf(table);
      const c = t.columns.find((x) => x.name === column) ?? t.columns.find((x) => x.name.toLowerCase() === column.toLowerCase());
      if (!c) throw new Error(`table "${t.name}" has no column "${column}"`);
      return c;
    },
    sampleRows: async (table, n) => runReadOnlySql(rawDir, `SELECT * FROM ${quoteIdent(tableOf(table).name)} LIMIT ${Math.floor(n)}`, { maxRows: n }),
    sql: async (query, maxRows) => runReadOnlySql(rawDir, query, { maxRows }),
    listFiles: async () => profile.files.map((f) => ({ path: f.path, bytes: f.bytes })),
  };
}

/** The five dataset tools (overview, column_profile, sample_rows, sql, list_files) for one dataset. */
export function createDatasetTools(rawDir: string, profile: DatasetProfile, options?: DataToolsOptions): AgentTool[] {
  return createDataTools(createDatasetBackend(rawDir, profile), options);
}
