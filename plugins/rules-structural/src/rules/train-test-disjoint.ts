import { defineRule, type Issue } from '@mle-smith/core';
import { quoteLiteral as lit, quoteIdent as q } from '@mle-smith/data';
import { formatNumber as fmt, withPackage } from '@mle-smith/task-package';

export interface DisjointOptions extends Record<string, unknown> {
  maxRowOverlapFraction: number;
}

export const trainTestDisjoint = defineRule<'package', DisjointOptions>({
  id: 'structural/train-test-disjoint',
  phase: 'package',
  severity: 'error',
  description:
    'No id appears in both train.csv and test.csv, and at most maxRowOverlapFraction of test rows repeat a train row verbatim (all shared columns but the id). ' +
    'The default tolerates natural duplicates (leakage/duplicate-rows grades those); a split that reused rows goes far past it.',
  schema: { type: 'object', additionalProperties: false, properties: { maxRowOverlapFraction: { type: 'number', minimum: 0, maximum: 1 } } },
  defaultOptions: { maxRowOverlapFraction: 0.2 },
  async check({ taskDir, manifest }, { opts }) {
    const id = manifest.submission.idColumn;
    return withPackage(taskDir, ['train', 'test'], async (db, t) => {
      const issues: Issue[] = [];
      if (t.train.columns.includes(id) && t.test.columns.includes(id)) {
        const shared = `SELECT ${q(id)} AS v FROM train WHERE ${q(id)} IS NOT NULL INTERSECT SELECT ${q(id)} FROM test`;
        const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM (${shared})`);
        if (Number(n) > 0) {
          const ex = await db.all<{ v: string }>(`SELECT v FROM (${shared}) ORDER BY v LIMIT 5`);
          issues.push({
            message: `${n} id(s) appear in both train.csv and test.csv (e.g. ${ex.map((e) => lit(e.v)).join(', ')}); the split must put each row on one side only`,
            location: `public/train.csv, column "${id}"`,
            data: { column: id, count: Number(n), examples: ex.map((e) => e.v) },
          });
        }
      }
      const shared = t.test.columns.filter((c) => c !== id && c !== manifest.target && t.train.columns.includes(c));
      if (shared.length > 0 && t.test.rows > 0) {
        const on = shared.map((c) => `s.${q(c)} IS NOT DISTINCT FROM r.${q(c)}`).join(' AND ');
        const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM test s SEMI JOIN train r ON ${on}`);
        const fraction = Number(n) / t.test.rows;
        if (fraction > opts.maxRowOverlapFraction) {
          issues.push({
            message: `${n} of ${t.test.rows} test rows (${fmt(fraction * 100, 3)}%) repeat a train row verbatim (over ${opts.maxRowOverlapFraction * 100}%); the split reused rows, rebuild it from disjoint rows`,
            location: 'public/test.csv',
            data: { count: Number(n), fraction, columns: shared },
          });
        }
      }
      return issues;
    });
  },
});
