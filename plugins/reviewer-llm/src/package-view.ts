// What the reviewer reads from a task package: description.md, the public file list, the CSV
// headers (through DuckDB, as everywhere else), and a few sample rows for the LLM.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quoteLiteral, withDuckDb } from '@mle-smith/data';

export interface PackageView {
  description?: string;
  publicFiles: string[];
  headers: Record<'train' | 'test' | 'sample', string[] | undefined>;
  /** First rows of train.csv (as text), for the LLM. */
  trainHead: Array<Record<string, unknown>>;
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
  return { description, publicFiles, headers, trainHead };
}
