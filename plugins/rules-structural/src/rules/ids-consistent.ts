import type { DuckDbSession } from '@mle-smith/data';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteLiteral as lit, quoteIdent as q } from '@mle-smith/data';
import { withPackage, type LoadedTable } from '@mle-smith/task-package';

async function duplicates(db: DuckDbSession, t: LoadedTable, id: string): Promise<Issue[]> {
  const rows = await db.all<{ v: string | null; n: number }>(
    `SELECT ${q(id)} AS v, count(*)::BIGINT AS n FROM ${t.name} GROUP BY 1 HAVING count(*) > 1 OR ${q(id)} IS NULL ORDER BY n DESC, v LIMIT 5`,
  );
  const [{ total }] = await db.all<{ total: number }>(
    `SELECT (count(*) - count(DISTINCT ${q(id)}))::BIGINT AS total FROM ${t.name}`,
  );
  if (rows.length === 0) return [];
  const examples = rows.map((r) => (r.v === null ? 'empty id' : `"${r.v}" ×${r.n}`)).join(', ');
  return [{ message: `${t.file} has ${total} duplicate or empty id value(s) in "${id}" (${examples}); ids must be unique`, location: `${t.file}, column "${id}"`, data: { column: id, duplicates: Number(total) } }];
}

async function difference(db: DuckDbSession, a: LoadedTable, b: LoadedTable, id: string): Promise<{ n: number; examples: string[] }> {
  const sql = `SELECT ${q(id)} AS v FROM ${a.name} WHERE ${q(id)} IS NOT NULL EXCEPT SELECT ${q(id)} FROM ${b.name}`;
  const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM (${sql})`);
  const examples = await db.all<{ v: string }>(`SELECT v FROM (${sql}) ORDER BY v LIMIT 5`);
  return { n: Number(n), examples: examples.map((e) => e.v) };
}

export const idsConsistent = defineRule({
  id: 'structural/ids-consistent',
  phase: 'package',
  severity: 'error',
  description: 'ids are unique and non-empty in test.csv, sample_submission.csv and answers.csv, and the three files hold exactly the same ids.',
  async check({ taskDir, manifest }) {
    const id = manifest.submission.idColumn;
    return withPackage(taskDir, ['test', 'sample', 'answers'], async (db, t) => {
      const files = [t.test, t.sample, t.answers].filter((f) => f.columns.includes(id));
      const issues: Issue[] = [];
      for (const f of files) issues.push(...(await duplicates(db, f, id)));
      const [test, ...others] = files;
      if (test?.name !== 'test') return issues; // file-headers reports the missing id column
      for (const other of others) {
        for (const [a, b] of [[test, other], [other, test]] as const) {
          const d = await difference(db, a, b, id);
          if (d.n > 0) {
            issues.push({
              message: `${d.n} id(s) of ${a.file} are not in ${b.file} (e.g. ${d.examples.map((e) => lit(e)).join(', ')}); test, sample submission and answers must hold the same ids`,
              location: `${a.file}, column "${id}"`,
              data: { column: id, count: d.n, examples: d.examples, from: a.file, missingIn: b.file },
            });
          }
        }
      }
      return issues;
    });
  },
});
