// The dataset tools' backend for the LLM strategies: answers from the profile where it can,
// and through @mle-smith/data's read-only SQL for rows and queries.
import type { DataToolsBackend } from '@mle-smith/agents';
import type { DatasetProfile } from '@mle-smith/core';
import { runReadOnlySql } from '@mle-smith/data';
import { quoteIdent } from '../sql.js';

/** A compact view of the profile: enough to choose targets without flooding the context. */
export function profileOverview(profile: DatasetProfile): unknown {
  return {
    dataset: profile.name,
    license: profile.license,
    tables: profile.tables.map((t) => ({
      table: t.name,
      file: t.file,
      rows: t.rowCount,
      candidateKeys: t.candidateKeys,
      groupColumns: t.groupColumns,
      candidateTargets: t.candidateTargets,
      mediaColumns: t.mediaColumns,
      columns: t.columns.map((c) => ({
        name: c.name, type: c.inferredType, missing: Math.round(c.missingFraction * 1000) / 1000, distinct: c.distinctCount,
        identifierLike: c.identifierLike || undefined,
      })),
    })),
    media: profile.media,
  };
}

export function datasetBackend(profile: DatasetProfile): DataToolsBackend {
  const table = (name: string) => {
    const t = profile.tables.find((x) => x.name === name);
    if (!t) throw new Error(`no table "${name}"; tables: ${profile.tables.map((x) => x.name).join(', ')}`);
    return t;
  };
  return {
    overview: async () => profileOverview(profile),
    columnProfile: async (tableName, column) => {
      const col = table(tableName).columns.find((c) => c.name === column);
      if (!col) throw new Error(`table "${tableName}" has no column "${column}"`);
      return col;
    },
    sampleRows: async (tableName, n) => runReadOnlySql(profile.dir, `SELECT * FROM ${quoteIdent(table(tableName).name)} LIMIT ${Math.floor(n)}`, { maxRows: n }),
    sql: async (query, maxRows) => runReadOnlySql(profile.dir, query, { maxRows }),
    listFiles: async () => profile.files.map((f) => ({ path: f.path, bytes: f.bytes })),
  };
}
