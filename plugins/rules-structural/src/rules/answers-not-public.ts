import { defineRule, excerpt, inspectPackage, type Issue } from '@mle-smith/core';
import { quoteIdent as q, quoteLiteral as lit } from '@mle-smith/data';
import { formatNumber as fmt, withPackage } from '@mle-smith/task-package';
import { join } from 'node:path';

export interface AnswersNotPublicOptions extends Record<string, unknown> {
  minMatchFraction: number;
}

/** Media files are not tables; everything else in public/ is tried as a delimited text table. */
const MEDIA = /\.(png|jpe?g|gif|bmp|tiff?|webp|wav|mp3|flac|ogg|m4a|npy|npz|pdf|zip|gz)$/i;

/** A cell compared as text (trimmed) or, when both sides read as numbers, as a number. */
const same = (a: string, b: string) => `(trim(${a}) = trim(${b}) OR TRY_CAST(${a} AS DOUBLE) = TRY_CAST(${b} AS DOUBLE))`;

export const answersNotPublic = defineRule<'package', AnswersNotPublicOptions>({
  id: 'structural/answers-not-public',
  phase: 'package',
  severity: 'error',
  description:
    'No file in public/ holds the answers: whatever its name and column names, a public table with a column of the test ids and a ' +
    'non-constant column equal to their targets for at least minMatchFraction of the answers is an error (a copy of private/answers.csv).',
  schema: { type: 'object', additionalProperties: false, properties: { minMatchFraction: { type: 'number', exclusiveMinimum: 0, maximum: 1 } } },
  defaultOptions: { minMatchFraction: 0.95 },
  async check({ taskDir, manifest }, { opts }) {
    const { entries } = await inspectPackage(taskDir);
    const files = entries.filter((e) => e.kind === 'file' && e.path.startsWith('public/') && !MEDIA.test(e.path) && e.bytes > 0).map((e) => e.path);
    if (!files.length) return [];
    return withPackage(taskDir, ['answers'], async (db, t) => {
      const id = manifest.submission.idColumn;
      const target = t.answers.columns.includes(manifest.target) ? manifest.target : t.answers.columns.find((c) => c !== id);
      if (!target || !t.answers.columns.includes(id) || t.answers.rows === 0) return [];
      const [{ k }] = await db.all<{ k: number }>(`SELECT count(DISTINCT trim(${q(target)}))::BIGINT AS k FROM answers`);
      if (Number(k) < 2) return []; // a constant target: any constant column would "match"
      const need = Math.ceil(opts.minMatchFraction * t.answers.rows);
      const issues: Issue[] = [];
      for (const [i, rel] of files.entries()) {
        const table = `p${i}`;
        try {
          await db.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv(${lit(join(taskDir, ...rel.split('/')))}, all_varchar=true, header=true, ignore_errors=true)`);
        } catch {
          continue; // not a table: it cannot hold (id, target) rows
        }
        const cols = (await db.all<{ column_name: string }>(`DESCRIBE ${table}`)).map((c) => c.column_name);
        for (const c of cols) {
          const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM answers a WHERE trim(a.${q(id)}) IN (SELECT trim(${q(c)}) FROM ${table})`);
          if (Number(n) < need) continue;
          for (const d of cols.filter((x) => x !== c)) {
            const [m] = await db.all<{ n: number; k: number }>(
              `SELECT count(DISTINCT a.${q(id)})::BIGINT AS n, count(DISTINCT trim(p.${q(d)}))::BIGINT AS k FROM answers a JOIN ${table} p ` +
                `ON trim(a.${q(id)}) = trim(p.${q(c)}) AND ${same(`p.${q(d)}`, `a.${q(target)}`)}`,
            );
            if (Number(m.n) >= need && Number(m.k) >= 2) {
              issues.push({
                message: `${rel} holds the answers: its columns ${excerpt(c)} and ${excerpt(d)} give the test ids and their targets for ${m.n} of ${t.answers.rows} answers (${fmt((Number(m.n) / t.answers.rows) * 100, 3)}%); remove it from public/`,
                location: rel,
                data: { file: rel, idColumn: c, targetColumn: d, matched: Number(m.n), answers: t.answers.rows },
              });
              break;
            }
          }
          if (issues.some((x) => x.location === rel)) break;
        }
        await db.run(`DROP TABLE ${table}`);
      }
      return issues;
    });
  },
});
