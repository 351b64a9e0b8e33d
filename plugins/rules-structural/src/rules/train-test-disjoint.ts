import { defineRule, type Issue } from '@mle-smith/core';
import { quoteLiteral as lit, quoteIdent as q, type DuckDbSession } from '@mle-smith/data';
import { formatNumber as fmt, withPackage } from '@mle-smith/task-package';

export interface DisjointOptions extends Record<string, unknown> {
  maxRowOverlapFraction: number;
}

/** Share of train rows whose shared columns repeat another train row's. */
async function twinShare(db: DuckDbSession, columns: string[]): Promise<number> {
  const key = columns.map((c) => q(c)).join(', ');
  const [{ share }] = await db.all<{ share: number | null }>(
    `SELECT sum(n) FILTER (WHERE n >= 2) / nullif(sum(n), 0) AS share FROM (SELECT count(*) AS n FROM train GROUP BY ${key})`,
  );
  return Number(share ?? 0);
}

export const trainTestDisjoint = defineRule<'package', DisjointOptions>({
  id: 'structural/train-test-disjoint',
  phase: 'package',
  severity: 'error',
  description:
    'No id appears in both train.csv and test.csv, and at most maxRowOverlapFraction of test rows repeat a train row verbatim (all shared columns but the id). ' +
    'The default tolerates natural duplicates (leakage/duplicate-rows grades those); a split that reused rows goes far past it. A table whose rows ' +
    'repeat each other anyway (few distinct feature combinations: one categorical feature) repeats across the split about as often as within train, ' +
    'so the bound rises to 1.5 × the share of train rows that have a twin in train, plus 5 points.',
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
        const twins = fraction > opts.maxRowOverlapFraction ? await twinShare(db, shared) : 0;
        const bound = Math.max(opts.maxRowOverlapFraction, Math.min(1, 1.5 * twins + 0.05));
        if (fraction > bound) {
          issues.push({
            message:
              `${n} of ${t.test.rows} test rows (${fmt(fraction * 100, 3)}%) repeat a train row verbatim (over ${fmt(bound * 100, 3)}%; ${fmt(twins * 100, 3)}% of train rows have a twin in train); ` +
              `the split reused rows, rebuild it from disjoint rows`,
            location: 'public/test.csv',
            data: { count: Number(n), fraction, bound, trainTwinShare: twins, columns: shared },
          });
        }
      }
      return issues;
    });
  },
});
