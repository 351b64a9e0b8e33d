// What the reviewer reads from a task package: description.md, the public file list, the CSV
// headers (through DuckDB, as everywhere else), and a few sample rows for the LLM.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ColumnRole } from '@mle-smith/core';
import { profileDataset, quoteLiteral, withDuckDb } from '@mle-smith/data';

export interface PackageView {
  description?: string;
  publicFiles: string[];
  headers: Record<'train' | 'test' | 'sample', string[] | undefined>;
  /** First rows of train.csv (as text), for the LLM. */
  trainHead: Array<Record<string, unknown>>;
  /** train.csv's columns with the role the profiler gives them (docs/column-roles.md); empty when unreadable. */
  roles: Record<string, { role: ColumnRole; reason: string }>;
}

const FILES = { train: 'public/train.csv', test: 'public/test.csv', sample: 'public/sample_submission.csv' } as const;

export async function readPackageView(taskDir: string, headRows = 5): Promise<PackageView> {
  const description = await readFile(join(taskDir, 'description.md'), 'utf8').catch(() => undefined);
  const publicFiles = (await readdir(join(taskDir, 'public')).catch(() => [] as string[])).sort();
  const headers: PackageView['headers'] = { train: undefined, test: undefined, sample: undefined };
  let trainHead: PackageView['trainHead'] = [];
  await withDuckDb(async (db) => {
    for (const [key, rel] of Object.entries(FILES) as Array<[keyof typeof FILES, string]>) {
      const source = `read_csv(${quoteLiteral(join(taskDir, rel))}, header=true, all_varchar=true)`;
      try {
        const cols = await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`);
        headers[key] = cols.map((c) => c.column_name);
        if (key === 'train' && headRows > 0) trainHead = await db.all(`SELECT * FROM ${source} LIMIT ${Math.floor(headRows)}`);
      } catch {
        // missing or unreadable: structural/files-present reports it
      }
    }
  });
  return { description, publicFiles, headers, trainHead, roles: await trainRoles(taskDir) };
}

/**
 * Roles from the public data itself, not from the designer's word: an LLM design is checked the
 * same way as a deterministic one.
 */
async function trainRoles(taskDir: string): Promise<PackageView['roles']> {
  try {
    const profile = await profileDataset(join(taskDir, 'public'));
    const train = profile.tables.find((t) => t.name === 'train');
    return Object.fromEntries((train?.columns ?? []).filter((c) => c.role).map((c) => [c.name, { role: c.role!, reason: c.roleReason ?? '' }]));
  } catch {
    // unreadable public files are structural/files-present's and the header checks' to report
    return {};
  }
}
